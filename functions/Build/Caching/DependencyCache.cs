using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Archives;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Build;

/// <summary>
/// What the install added to the project (node_modules at the root and in workspace packages, with their links), as a
/// tar.gz under <c>cache/deps/&lt;key&gt;.tar.gz</c> shared by every job with the same key. It restores exactly what
/// the install made or is not used: a save that could not be given back as it is (the install changed files the
/// project had, a link leaves the project) is skipped and says why; a cache object that cannot be unpacked, or
/// whose entries collide with the project's, is a miss. Saving is create-only: when two jobs race, the first copy stays.
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

    private static readonly TimeSpan CopyLimit = TimeSpan.FromMinutes(5);

    // Bumped when what an object holds changes shape, so objects of the old shape are never restored.
    private const string Layout = "project-additions-v2";

    /// <summary>
    /// The object's key: Fetch's key (lockfile, package manager, platform) with the layout and the toolchain the
    /// install really ran with (node and package manager versions), which Fetch cannot know.
    /// </summary>
    public static string KeyFor(string fetchKey, string toolchain)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Layout}\n{fetchKey}\n{toolchain}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Unpacks the cached additions into <paramref name="staging"/> (a new folder beside the project, on its file
    /// system) and moves them into <paramref name="project"/>; false on a miss, the project then as it was.
    /// </summary>
    public async Task<bool> RestoreAsync(string jobId, string cacheKey, string project, string staging, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var key = ObjectKeys.DependencyCache(cacheKey);
        if (await store.HeadAsync(bucket, key, cancellationToken) is null)
        {
            log.Append($"[orchestrator] dependency cache miss ({cacheKey})");
            return false;
        }

        var moved = new List<string>();
        try
        {
            var restored = await StoredArchives.DownloadAndExtractAsync(store, bucket, key, staging, Limits, cancellationToken);
            if (CacheMerge.Into(staging, project, moved) is { } collision)
            {
                throw new ArchiveRejectedException(ArchiveRejectionReason.PathConflict, collision, "The cached entry is also in the project.");
            }

            log.Append($"[orchestrator] dependency cache hit ({cacheKey}): {restored.Files} files restored");
            return true;
        }
        catch (Exception ex) when (ex is ArchiveRejectedException or ObjectNotFoundException)
        {
            Logs.CacheUnusable(logger, jobId, cacheKey, ex.Message);
            log.Append($"[orchestrator] dependency cache {cacheKey} unusable ({ex.Message}); installing instead");
            CacheMerge.Undo(moved);
            return false;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Stores what the install added to the project since <paramref name="before"/> under the key unless another
    /// job already did; when that cannot be restored exactly, stores nothing and says why.
    /// </summary>
    public async Task SaveAsync(string jobId, string cacheKey, ProjectSnapshot before, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (Additions(jobId, cacheKey, before, log) is { } added)
        {
            await UploadAsync(jobId, cacheKey, before.Root, added, log, cancellationToken);
        }
    }

    /// <summary>
    /// Copies what the install added into <paramref name="copyFolder"/> (the function's, out of the build's reach)
    /// while nothing of the build runs, and returns the storing of that copy, to run alongside the build script: the
    /// script may change node_modules, the copy stays as the install left it. The returned task never fails: a cache
    /// that cannot be stored only costs a later build its install (it is logged), and it deletes the copy at its end.
    /// </summary>
    public async Task<Task> StartSaveAsync(string jobId, string cacheKey, ProjectSnapshot before, string copyFolder, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (Additions(jobId, cacheKey, before, log) is not { } added)
        {
            return Task.CompletedTask;
        }

        var cp = IsolationTools.Find("cp", "needed to copy the installed dependencies for the cache.");
        Directory.CreateDirectory(copyFolder);
        foreach (var path in added)
        {
            var target = Path.Combine(copyFolder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var (exitCode, output) = await ChildProcessRunner.RunToolAsync([cp, "-a", "--reflink=auto", "--", Path.Combine(before.Root, path), target], CopyLimit);
            if (exitCode != 0)
            {
                NotSaved(jobId, cacheKey, $"copying '{path}' failed: {output}", log);
                Directory.Delete(copyFolder, recursive: true);
                return Task.CompletedTask;
            }
        }

        return Task.Run(() => UploadCopyAsync(jobId, cacheKey, copyFolder, added, log, cancellationToken), CancellationToken.None);
    }

    private async Task UploadCopyAsync(string jobId, string cacheKey, string copyFolder, IReadOnlyList<string> added, BoundedLog log, CancellationToken cancellationToken)
    {
        try
        {
            await UploadAsync(jobId, cacheKey, copyFolder, added, log, cancellationToken);
        }
        catch (Exception ex) when (ex is ObjectStoreException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            NotSaved(jobId, cacheKey, "storing it failed: " + ex.Message, log);
        }
        finally
        {
            Directory.Delete(copyFolder, recursive: true);
        }
    }

    /// <summary>What the install added, or null (said why) when that would not restore it exactly.</summary>
    private IReadOnlyList<string>? Additions(string jobId, string cacheKey, ProjectSnapshot before, BoundedLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (added, problem) = before.FindAdditions();
        if (problem is null)
        {
            return added;
        }

        NotSaved(jobId, cacheKey, problem, log);
        return null;
    }

    private async Task UploadAsync(string jobId, string cacheKey, string root, IReadOnlyList<string> added, BoundedLog log, CancellationToken cancellationToken)
    {
        var target = new ArchiveUpload(bucket, ObjectKeys.DependencyCache(cacheKey), jobId, ObjectKeys.Lower(StageName.Build))
        {
            Options = new ArchiveWriteOptions { IncludeSymbolicLinks = true, Paths = added, Exact = true },
            ForbidOverwrite = true,
        };
        try
        {
            var stored = await StoredArchives.UploadDirectoryAsync(store, root, target, cancellationToken);
            log.Append($"[orchestrator] dependency cache saved ({cacheKey}): {string.Join(", ", added.Take(5))}{(added.Count > 5 ? ", …" : string.Empty)}; {stored.Files} files, {stored.ArchiveBytes} bytes");
        }
        catch (EntryNotArchivableException ex)
        {
            NotSaved(jobId, cacheKey, ex.Message, log);
        }
        catch (ObjectAlreadyExistsException)
        {
            log.Append($"[orchestrator] dependency cache {cacheKey} was saved meanwhile by another job; keeping that copy");
        }
    }

    private void NotSaved(string jobId, string cacheKey, string reason, BoundedLog log)
    {
        Logs.CacheNotSaved(logger, jobId, cacheKey, reason);
        log.Append($"[orchestrator] dependency cache not saved, it could not restore the install exactly: {reason}");
    }
}
