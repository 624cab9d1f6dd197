using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Storage.Tests.Server;

public class LimitsAndFaultsTests
{
    [Fact]
    public async Task PutAsync_BodyOverServerLimit_ThrowsEntityTooLargeAndStoresNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(configure: o => new LocalOssServerOptions { DataDirectory = o.DataDirectory, Buckets = o.Buckets, MaxObjectSize = 1000 }, cancellationToken: cts.Token);

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => oss.Store.PutAsync(oss.Bucket, "big", new MemoryStream(new byte[5000]), null, cts.Token));

        Assert.Equal("EntityTooLarge", e.OssCode);
        Assert.Equal(400, e.StatusCode);
        Assert.False(e.Retryable);
        Assert.Null(await oss.Store.HeadAsync(oss.Bucket, "big", cts.Token));
    }

    [Fact]
    public async Task GetAsync_InjectedLatencyBeyondRequestTimeout_ThrowsTransientRequestTimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        var attempts = 0;
        var client = oss.CreateClient(o => new OssClientOptions
        {
            Endpoint = o.Endpoint,
            Region = o.Region,
            Credentials = o.Credentials,
            RequestTimeout = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 2,
            Delay = (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                return Task.CompletedTask;
            },
        });
        oss.Server.Faults.Latency = TimeSpan.FromSeconds(5);

        var e = await Assert.ThrowsAsync<TransientStoreException>(() => client.GetAsync(oss.Bucket, "slow", null, cts.Token));

        Assert.Equal("RequestTimeout", e.OssCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task StartAsync_BadPort_FailsNamingTheSetting()
    {
        using var folder = new TempDirectory("bad");
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalOssServer.StartAsync(new LocalOssServerOptions { DataDirectory = folder.Path, Port = 70000 }));
        Assert.Contains("LocalOssServerOptions.Port", e.Message, StringComparison.Ordinal);
    }
}
