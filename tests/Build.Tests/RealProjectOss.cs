using Orchestrator.TestSupport;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Build.Tests;

/// <summary>
/// The local OSS server for the real-project tests, its data in one fixed folder under the tests' temp root, so the
/// dependency and corepack caches Build stores there are the download cache every later run starts from.
/// </summary>
public sealed class RealProjectOss : IAsyncLifetime
{
    public static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", "real-projects-oss");

    private LocalOss? _oss;

    public LocalOss Oss => _oss ?? throw new InvalidOperationException("RealProjectOss is not initialised yet.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _oss = await LocalOss.StartAsync(configure: o => new LocalOssServerOptions { DataDirectory = DataDirectory, Buckets = o.Buckets }, cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_oss is not null)
        {
            await _oss.DisposeAsync();
        }
    }
}
