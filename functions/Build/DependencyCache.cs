using Orchestrator.Archives;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Build;

/// <summary>
/// node_modules as a tar.gz under <c>cache/deps/&lt;key&gt;.tar.gz</c>, shared by every job with the same key. A
/// cache object that cannot be unpacked is treated as a miss (the install will recreate node_modules), and saving
/// is create-only: when two jobs race, the first copy stays.
/// </summary>
public sealed class DependencyCache(IObjectStore store, string bucket, ILogger logger)
{
    /// <summary>node_modules holds far more, smaller files than a project upload, and many in-root links (.bin).</summary>
    public static readonly ExtractionLimits Limits = ExtractionLimits.Default with
    {
        MaxEntries = 1_000_000,
        MaxTotalBytes = 4L << 30,
        MaxEntryBytes = 512L << 20,
        StripSingleTopLevelFolder = false,
        AllowSymbolicLinks = true,
    };

    /// <summary>Unpacks the cached node_modules into <paramref name="nodeModules"/>; false on a miss.</summary>
    public async Task<bool> RestoreAsync(string jobId, string cacheKey, string nodeModules, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var key = ObjectKeys.DependencyCache(cacheKey);
        if (await store.HeadAsync(bucket, key, cancellationToken) is null)
        {
            log.Append($"[orchestrator] dependency cache miss ({cacheKey})");
            return false;
        }

        try
        {
            var restored = await StoredArchives.DownloadAndExtractAsync(store, bucket, key, nodeModules, Limits, cancellationToken);
            log.Append($"[orchestrator] dependency cache hit ({cacheKey}): {restored.Files} files restored");
            return true;
        }
        catch (Exception ex) when (ex is ArchiveRejectedException or ObjectNotFoundException)
        {
            Logs.CacheUnusable(logger, jobId, cacheKey, ex.Message);
            log.Append($"[orchestrator] dependency cache {cacheKey} unusable ({ex.Message}); installing instead");
            if (Directory.Exists(nodeModules))
            {
                Directory.Delete(nodeModules, recursive: true);
            }

            return false;
        }
    }

    /// <summary>Stores <paramref name="nodeModules"/> under the key unless another job already did.</summary>
    public async Task SaveAsync(string jobId, string cacheKey, string nodeModules, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var target = new ArchiveUpload(bucket, ObjectKeys.DependencyCache(cacheKey), jobId, ObjectKeys.Lower(StageName.Build))
        {
            Options = new ArchiveWriteOptions { IncludeSymbolicLinks = true },
            ForbidOverwrite = true,
        };
        try
        {
            var stored = await StoredArchives.UploadDirectoryAsync(store, nodeModules, target, cancellationToken);
            log.Append($"[orchestrator] dependency cache saved ({cacheKey}): {stored.Files} files, {stored.ArchiveBytes} bytes");
        }
        catch (ObjectAlreadyExistsException)
        {
            log.Append($"[orchestrator] dependency cache {cacheKey} was saved meanwhile by another job; keeping that copy");
        }
    }
}
