namespace Orchestrator.Archives;

/// <summary>The <c>x-oss-meta-*</c> every stage output carries: which job and stage wrote it, and its content hash.</summary>
public static class StoredArchiveMetadata
{
    public const string JobId = "job-id";
    public const string Stage = "stage";
    public const string Sha256 = "sha256";

    /// <summary>Metadata naming <paramref name="jobId"/>, <paramref name="stage"/> and the content's SHA-256 (hex).</summary>
    public static IReadOnlyDictionary<string, string> For(string jobId, string stage, string sha256) =>
        new Dictionary<string, string> { [JobId] = jobId, [Stage] = stage, [Sha256] = sha256 };
}
