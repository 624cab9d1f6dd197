using Orchestrator.Contracts.Security;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.TestSupport;

/// <summary>
/// A local OSS server in a temp folder with one bucket and generated credentials, plus an <see cref="OssClient"/>
/// configured for it. Everything is removed on dispose.
/// <code>await using var oss = await LocalOss.StartAsync(cancellationToken: ct); await oss.Store.PutAsync(oss.Bucket, ...);</code>
/// </summary>
public sealed class LocalOss : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly List<OssClient> _clients = [];

    private LocalOss(TempDirectory folder, LocalOssServer server, string bucket)
    {
        _folder = folder;
        Server = server;
        Bucket = bucket;
        Client = CreateClient();
    }

    public LocalOssServer Server { get; }

    /// <summary>The bucket created at start.</summary>
    public string Bucket { get; }

    /// <summary>A client with the server's credentials and default retry settings.</summary>
    public OssClient Client { get; }

    /// <summary>The same client, as the port the rest of the system uses.</summary>
    public IObjectStore Store => Client;

    public string Endpoint => Server.Endpoint.ToString().TrimEnd('/');

    public CloudCredentials Credentials => Server.Credentials;

    /// <summary>The environment a child process (CLI, function) needs to reach this server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OSS_ENDPOINT"] = Endpoint,
        ["FC_REGION"] = Server.Region,
        [EnvironmentCredentials.AccessKeyIdVariable] = Credentials.AccessKeyId,
        [EnvironmentCredentials.AccessKeySecretVariable] = Credentials.AccessKeySecret,
        [EnvironmentCredentials.SecurityTokenVariable] = Credentials.SecurityToken ?? string.Empty,
    };

    /// <param name="bucket">The bucket to create.</param>
    /// <param name="configure">Adjusts the server options (e.g. <c>GenerateSecurityToken</c>).</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    public static async Task<LocalOss> StartAsync(string bucket = "test-bucket", Func<LocalOssServerOptions, LocalOssServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var folder = new TempDirectory("oss");
        try
        {
            var options = new LocalOssServerOptions { DataDirectory = folder.Combine("data"), Buckets = [bucket] };
            var server = await LocalOssServer.StartAsync(configure?.Invoke(options) ?? options, cancellationToken);
            return new LocalOss(folder, server, bucket);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>For <c>configure:</c> generated credentials that also need an STS token, like FC's temporary ones.</summary>
    public static LocalOssServerOptions WithSecurityToken(LocalOssServerOptions options) => new()
    {
        DataDirectory = options.DataDirectory,
        Buckets = options.Buckets,
        GenerateSecurityToken = true,
    };

    /// <summary>Another client for this server; <paramref name="configure"/> sees the defaults and returns the options to use.</summary>
    public OssClient CreateClient(Func<OssClientOptions, OssClientOptions>? configure = null)
    {
        var options = new OssClientOptions
        {
            Endpoint = Endpoint,
            Region = Server.Region,
            Credentials = new StaticCredentialsProvider(Server.Credentials),
        };
        var client = new OssClient(configure?.Invoke(options) ?? options);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
