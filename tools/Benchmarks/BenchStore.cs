using Orchestrator.Contracts.Security;
using Orchestrator.Storage.Oss;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// What every OSS-backed benchmark runs against: a local OSS server with one bucket, its data in a fresh temp folder
/// (which also serves as the benchmark's scratch space), and a client for it. Disposing stops both and deletes the folder.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private BenchStore(string folder, LocalOssServer server, OssClient client)
    {
        Folder = folder;
        Server = server;
        Client = client;
    }

    /// <summary>Scratch folder of the run; the server keeps its data under <c>oss/</c> in it.</summary>
    public string Folder { get; }

    public LocalOssServer Server { get; }

    public OssClient Client { get; }

    public static async Task<BenchStore> StartAsync(string benchmarkId, string bucket, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"orchestrator-{benchmarkId.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            var server = await LocalOssServer.StartAsync(
                new LocalOssServerOptions { DataDirectory = Path.Combine(folder, "oss"), Buckets = [bucket] },
                cancellationToken);
            var client = new OssClient(new OssClientOptions
            {
                Endpoint = server.Endpoint.ToString().TrimEnd('/'),
                Region = server.Region,
                Credentials = new StaticCredentialsProvider(server.Credentials),
            });
            return new BenchStore(folder, server, client);
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        DeleteFolder(Folder);
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
