using System.Text;
using Orchestrator.Contracts.Security;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Client;

/// <summary>Retries happen in the client only, for the right failures, with backoff and without storms.</summary>
public class OssClientRetryTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly LocalOss _oss = fixture.Oss;

    public void Dispose()
    {
        _oss.Server.Faults.Reset();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PutAsync_TwoInjected503s_SucceedsOnThirdAttemptAfterTwoBackoffs()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        var client = _oss.CreateClient(o => With(o, delay));
        var injectedBefore = _oss.Server.Faults.InjectedCount;
        _oss.Server.Faults.FailNext(2);

        await client.PutAsync(_oss.Bucket, "retry/ok", new MemoryStream(Encoding.UTF8.GetBytes("hello")), null, cts.Token);

        Assert.Equal(2, _oss.Server.Faults.InjectedCount - injectedBefore);
        Assert.Equal(2, delay.Delays.Count);
        Assert.All(delay.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(20)));
        Assert.NotNull(await client.HeadAsync(_oss.Bucket, "retry/ok", cts.Token));
    }

    [Fact]
    public async Task GetAsync_503sBeyondAttempts_ThrowsTransientWithServiceUnavailable()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        var client = _oss.CreateClient(o => With(o, delay));
        _oss.Server.Faults.FailNext(3);

        var e = await Assert.ThrowsAsync<TransientStoreException>(() => client.GetAsync(_oss.Bucket, "retry/none", null, cts.Token));

        Assert.Equal("ServiceUnavailable", e.OssCode);
        Assert.Equal(503, e.StatusCode);
        Assert.True(e.Retryable);
        Assert.Equal(2, delay.Delays.Count);
    }

    [Fact]
    public async Task PutAsync_InjectedRate_AllWritesLandDespiteFaults()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var delay = new RecordingDelay();
        var client = _oss.CreateClient(o => With(o, delay, attempts: 8));
        _oss.Server.Faults.Seed(7);
        _oss.Server.Faults.ServiceUnavailableRate = 0.3;

        for (var i = 0; i < 20; i++)
        {
            await client.PutAsync(_oss.Bucket, $"retry/rate/{i}", new MemoryStream([(byte)i]), null, cts.Token);
        }

        _oss.Server.Faults.Reset();
        var page = await client.ListAsync(_oss.Bucket, new ListRequest { Prefix = "retry/rate/" }, cts.Token);
        Assert.Equal(20, page.Objects.Count);
        Assert.NotEmpty(delay.Delays);
    }

    [Fact]
    public async Task PutAsync_WrongSecret_ThrowsSignatureDoesNotMatchWithoutRetrying()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        var wrong = _oss.Credentials with { AccessKeySecret = "not-the-secret" };
        var client = _oss.CreateClient(o => With(o, delay, credentials: wrong));

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => client.PutAsync(_oss.Bucket, "retry/denied", new MemoryStream([1]), null, cts.Token));

        Assert.Equal("SignatureDoesNotMatch", e.OssCode);
        Assert.Equal(403, e.StatusCode);
        Assert.False(e.Retryable);
        Assert.Contains("SignatureDoesNotMatch", e.Message, StringComparison.Ordinal);
        Assert.Contains("PUT " + _oss.Bucket + "/retry/denied", e.Message, StringComparison.Ordinal);
        Assert.Empty(delay.Delays);
    }

    [Fact]
    public async Task GetAsync_UnknownAccessKey_ThrowsInvalidAccessKeyIdWithoutRetrying()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        var client = _oss.CreateClient(o => With(o, delay, credentials: new CloudCredentials("LTAInobody", "x")));

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetAsync(_oss.Bucket, "k", null, cts.Token));

        Assert.Equal("InvalidAccessKeyId", e.OssCode);
        Assert.Empty(delay.Delays);
    }

    [Fact]
    public async Task PutAsync_ClockTwentyMinutesBehind_RetriesOnceWithServerTimeAndSucceeds()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        var clock = new ShiftedTimeProvider(TimeSpan.FromMinutes(-20));
        var client = _oss.CreateClient(o => With(o, delay, time: clock));

        await client.PutAsync(_oss.Bucket, "retry/skew", new MemoryStream([1, 2]), null, cts.Token);

        Assert.Single(delay.Delays);
    }

    [Fact]
    public async Task PutAsync_ConnectionRefused_ThrowsTransientAfterAllAttempts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = new RecordingDelay();
        using var client = new Oss.OssClient(new Oss.OssClientOptions
        {
            Endpoint = "http://127.0.0.1:1",
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider(new CloudCredentials("a", "b")),
            Delay = delay.WaitAsync,
        });

        var e = await Assert.ThrowsAsync<TransientStoreException>(() => client.PutAsync("b", "k", new MemoryStream([1]), null, cts.Token));

        Assert.Equal("ConnectionError", e.OssCode);
        Assert.Equal(2, delay.Delays.Count);
    }

    private static Oss.OssClientOptions With(Oss.OssClientOptions o, RecordingDelay delay, int attempts = 3, CloudCredentials? credentials = null, TimeProvider? time = null) => new()
    {
        Endpoint = o.Endpoint,
        Region = o.Region,
        Credentials = credentials is null ? o.Credentials : new StaticCredentialsProvider(credentials),
        Delay = delay.WaitAsync,
        MaxAttempts = attempts,
        TimeProvider = time ?? o.TimeProvider,
    };

    /// <summary>A clock that is off by a fixed amount, like a machine with a bad time.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
