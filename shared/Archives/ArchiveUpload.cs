namespace Orchestrator.Archives;

/// <summary>Where and how <see cref="StoredArchives.UploadDirectoryAsync"/> stores a folder.</summary>
/// <param name="Bucket">Target bucket.</param>
/// <param name="Key">Target key.</param>
/// <param name="JobId">Goes to <c>x-oss-meta-job-id</c>.</param>
/// <param name="Stage">Goes to <c>x-oss-meta-stage</c> (fetch, build, …).</param>
public sealed record ArchiveUpload(string Bucket, string Key, string JobId, string Stage)
{
    /// <summary>What the archive includes besides files and folders.</summary>
    public ArchiveWriteOptions Options { get; init; } = ArchiveWriteOptions.Default;

    /// <summary>Create-only write (shared objects such as the dependency cache: the first writer wins).</summary>
    public bool ForbidOverwrite { get; init; }
}
