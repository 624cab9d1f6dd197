using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage.Signing;
using Orchestrator.Tools.OssServer.Api;
using Orchestrator.Tools.OssServer.Auth;
using Orchestrator.Tools.OssServer.Disk;
using Orchestrator.Tools.OssServer.Faults;
using Orchestrator.Tools.OssServer.Notifications;

namespace Orchestrator.Tools.OssServer.Hosting;

/// <summary>
/// A local OSS-compatible server on 127.0.0.1 (Kestrel), disk-backed, checking V4/V1 signatures.
/// <code>await using var oss = await LocalOssServer.StartAsync(new() { DataDirectory = dir, Buckets = ["b"] }, ct);</code>
/// Objects: <c>{Endpoint}/{bucket}/{key}</c> (path style). Published sites, anonymously:
/// <c>{Endpoint}/-/website/{bucket}/{prefix}/</c> (serves <c>index.html</c> for a folder), see <see cref="WebsiteUrl"/>.
/// </summary>
public sealed class LocalOssServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DiskStore _store;

    private LocalOssServer(WebApplication app, DiskStore store, Uri endpoint, IReadOnlyList<CloudCredentials> credentials, string region, FaultInjection faults, NotificationHub notifications)
    {
        _app = app;
        _store = store;
        Endpoint = endpoint;
        AllCredentials = credentials;
        Region = region;
        Faults = faults;
        Notifications = notifications;
    }

    /// <summary><c>http://127.0.0.1:port</c>, the value for OSS_ENDPOINT.</summary>
    public Uri Endpoint { get; }

    /// <summary>The first accepted credentials (the generated ones when none were configured).</summary>
    public CloudCredentials Credentials => AllCredentials[0];

    public IReadOnlyList<CloudCredentials> AllCredentials { get; }

    public string Region { get; }

    public string DataDirectory => _store.Root;

    /// <summary>Added latency and injected 503s, changeable while running.</summary>
    public FaultInjection Faults { get; }

    /// <summary>Object-created events in OSS trigger format.</summary>
    public NotificationHub Notifications { get; }

    public static async Task<LocalOssServer> StartAsync(LocalOssServerOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var credentials = options.Credentials.Count > 0 ? options.Credentials : [Generate(options.GenerateSecurityToken)];
        var store = new DiskStore(options.DataDirectory);
        foreach (var bucket in options.Buckets)
        {
            store.CreateBucket(bucket);
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<LocalOssServer>();
        var faults = new FaultInjection();
        var notifications = new NotificationHub();
        var api = new OssApi(
            store,
            new RequestAuthenticator(credentials, options.Region, options.TimeProvider),
            faults,
            notifications,
            new OssEventJson.Source(options.Region, options.AccountId, "local-oss-trigger", "127.0.0.1"),
            options.MaxObjectSize,
            options.SiteBucket,
            options.TimeProvider,
            logger);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(LocalOssServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            store.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        Logs.Started(logger, endpoint.ToString(), options.Region, store.Root);
        return new LocalOssServer(app, store, endpoint, credentials, options.Region, faults, notifications);
    }

    /// <summary>Creates a bucket (no-op if it exists).</summary>
    public void CreateBucket(string name) => _store.CreateBucket(name);

    /// <summary>The anonymous URL of a published site folder, e.g. <c>http://127.0.0.1:P/-/website/bucket/sites/demo/</c>.</summary>
    public Uri WebsiteUrl(string bucket, string prefix)
    {
        var path = OssEncoding.Encode(prefix.Trim('/'), keepSlash: true);
        return new Uri(Endpoint, OssApi.WebsitePrefix + bucket + "/" + (path.Length == 0 ? string.Empty : path + "/"));
    }

    /// <summary>A published site at its own origin, <c>http://&lt;site&gt;.localhost:P/</c> (served when <see cref="LocalOssServerOptions.SiteBucket"/> is set).</summary>
    public Uri SiteOrigin(string site) => new($"http://{site}.localhost:{Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");

    public async ValueTask DisposeAsync()
    {
        Notifications.Complete();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _store.Dispose();
    }

    private static CloudCredentials Generate(bool withToken) =>
        new("LTAI" + RandomToken(16), RandomToken(30), withToken ? "STS." + RandomToken(40) : null);

    private static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
