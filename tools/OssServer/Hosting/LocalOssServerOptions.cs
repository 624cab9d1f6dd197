using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Tools.OssServer.Hosting;

/// <summary>How to run the local OSS server: where its data lives, which port, region and credentials.</summary>
public sealed class LocalOssServerOptions
{
    /// <summary>Folder holding one sub-folder per bucket; created if missing, reused (with its objects) if present.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The region V4 signatures must be scoped to.</summary>
    public string Region { get; init; } = "cn-hangzhou";

    /// <summary>The accepted credentials; when empty, one random key pair is generated (see <see cref="LocalOssServer.Credentials"/>).</summary>
    public IReadOnlyList<CloudCredentials> Credentials { get; init; } = [];

    /// <summary>When generating credentials, also require an STS security token, as FC's temporary credentials do.</summary>
    public bool GenerateSecurityToken { get; init; }

    /// <summary>Buckets created at start.</summary>
    public IReadOnlyList<string> Buckets { get; init; } = [];

    /// <summary>
    /// The bucket whose published sites are served at their own origin: <c>http://&lt;site&gt;.localhost:P/</c> serves
    /// <c>sites/&lt;site&gt;/</c> by the site's routing, as a site's own domain does in the cloud (absolute asset paths
    /// work). Null: only the <c>/-/website/</c> paths serve.
    /// </summary>
    public string? SiteBucket { get; init; }

    /// <summary>The account id shown in trigger events' ARNs.</summary>
    public string AccountId { get; init; } = "1234567890123456";

    /// <summary>Largest single PUT or part (OSS: 5 GiB).</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Fails the start with a message naming the bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("LocalOssServerOptions.DataDirectory is required.", nameof(DataDirectory));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "LocalOssServerOptions.Port must be 0 (any free port) to 65535.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("LocalOssServerOptions.Region is required (e.g. cn-hangzhou).", nameof(Region));
        }

        if (MaxObjectSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxObjectSize), MaxObjectSize, "LocalOssServerOptions.MaxObjectSize must be positive.");
        }
    }

    /// <summary>For the server's own log lines (none when null).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
