using Orchestrator.Contracts.Retry;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Storage.Oss;

/// <summary>
/// How to reach OSS: the endpoint (<c>oss-cn-hangzhou.aliyuncs.com</c>, <c>oss-cn-hangzhou-internal.aliyuncs.com</c>
/// or a local <c>http://127.0.0.1:port</c>), the region signatures are scoped to, where credentials come from,
/// and the retry and multipart settings.
/// </summary>
public sealed class OssClientOptions
{
    /// <summary>Cloud endpoints without a scheme get HTTPS; anything else without a scheme gets HTTP.</summary>
    public required string Endpoint { get; init; }

    /// <summary>E.g. <c>cn-hangzhou</c>; V4 signatures require it.</summary>
    public required string Region { get; init; }

    public required ICredentialsProvider Credentials { get; init; }

    /// <summary>Tries per request, the first included (3 by default). 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait between attempts: full-jitter exponential backoff, as the MNS client's.</summary>
    public IBackoffPolicy Backoff { get; init; } = ExponentialBackoff.CloudClients;

    /// <summary>Bodies at least this long (or of unknown length) go up as multipart.</summary>
    public long MultipartThreshold { get; init; } = 32 * 1024 * 1024;

    /// <summary>Part size; OSS needs at least 100 KiB for all parts but the last. 6 MiB × 3 in flight, as the official uploader defaults.</summary>
    public int PartSize { get; init; } = 6 * 1024 * 1024;

    /// <summary>Parts in flight at once (each holds one part-sized buffer).</summary>
    public int PartParallelism { get; init; } = 3;

    /// <summary>Per-request time-out (a slow 1 GB single PUT needs a generous one).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra request headers to include in the V4 signature (<c>AdditionalHeaders</c>).</summary>
    public IReadOnlyCollection<string> AdditionalSignedHeaders { get; init; } = [];

    /// <summary>Forces path-style addressing even for a cloud endpoint (never needed for OSS itself).</summary>
    public bool ForcePathStyle { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How to wait between attempts; tests inject one that records and returns at once.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    /// <summary>Jitter source; tests may inject a seeded one.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>An HTTP handler to use instead of the pooled <see cref="SocketsHttpHandler"/> (not disposed by the client).</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Fails fast with a message naming the bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            throw new ArgumentException("OssClientOptions.Endpoint is required (e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000).", nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("OssClientOptions.Region is required for Signature V4 (e.g. cn-hangzhou).", nameof(Region));
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "OssClientOptions.MaxAttempts must be at least 1.");
        }

        if (PartSize < 100 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(PartSize), PartSize, "OssClientOptions.PartSize must be at least 100 KiB (OSS's minimum part).");
        }

        if (PartParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PartParallelism), PartParallelism, "OssClientOptions.PartParallelism must be at least 1.");
        }
    }
}
