using System.Security.Cryptography;
using Orchestrator.Storage;

namespace Orchestrator.Archives;

/// <summary>
/// Folders to and from the object store as tar.gz objects. The archive is written to a temp file first, so its
/// SHA-256 can go in the metadata and the upload has a known length, and nothing is held whole in memory.
/// </summary>
public static class StoredArchives
{
    private const int BufferSize = 81920;

    /// <summary>Archives <paramref name="sourceDirectory"/> and stores it as <paramref name="target"/> says, with job, stage and SHA-256 metadata.</summary>
    /// <exception cref="ObjectAlreadyExistsException"><see cref="ArchiveUpload.ForbidOverwrite"/> was set and the key exists.</exception>
    public static async Task<StoredArchive> UploadDirectoryAsync(IObjectStore store, string sourceDirectory, ArchiveUpload target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(target);
        var path = Path.Combine(Path.GetTempPath(), "orchestrator-upload-" + Guid.NewGuid().ToString("N") + ".tar.gz");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var written = await ArchiveWriter.WriteTarGzAsync(sourceDirectory, file, target.Options, cancellationToken);
        file.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        var put = await store.PutAsync(target.Bucket, target.Key, file, new PutOptions
        {
            ContentType = "application/gzip",
            Metadata = StoredArchiveMetadata.For(target.JobId, target.Stage, sha256),
            ForbidOverwrite = target.ForbidOverwrite,
        }, cancellationToken);
        return new StoredArchive(target.Key, sha256, file.Length, written.Files, written.Bytes, put.ETag);
    }

    /// <summary>Streams the object at <paramref name="key"/> into <see cref="ArchiveExtractor"/>.</summary>
    /// <exception cref="ObjectNotFoundException">No such object.</exception>
    /// <exception cref="ArchiveRejectedException">The stored archive is corrupt or breaks the limits.</exception>
    public static async Task<ExtractionResult> DownloadAndExtractAsync(
        IObjectStore store,
        string bucket,
        string key,
        string destinationDirectory,
        ExtractionLimits limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var content = await store.GetAsync(bucket, key, null, cancellationToken);
        return await ArchiveExtractor.ExtractAsync(content.Content, destinationDirectory, limits, cancellationToken);
    }
}
