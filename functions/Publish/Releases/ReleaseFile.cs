namespace Orchestrator.Functions.Publish.Releases;

/// <summary>
/// One file of a release: its content hash (lower-case hex sha256), size and the headers it is served with —
/// <paramref name="Meta"/> holds the project's <c>x-oss-meta-*</c> headers (names without the prefix, lower case).
/// </summary>
public sealed record ReleaseFile(string Sha256, long Size, string ContentType, string CacheControl, IReadOnlyDictionary<string, string>? Meta = null)
{
    // A file is "changed" when any header differs, so the metadata compares by content, not by reference.
    public bool Equals(ReleaseFile? other) =>
        other is not null
        && Sha256 == other.Sha256 && Size == other.Size && ContentType == other.ContentType && CacheControl == other.CacheControl
        && (Meta ?? Empty).Count == (other.Meta ?? Empty).Count
        && (Meta ?? Empty).All(m => (other.Meta ?? Empty).TryGetValue(m.Key, out var value) && value == m.Value);

    public override int GetHashCode() => HashCode.Combine(Sha256, Size, ContentType, CacheControl, (Meta ?? Empty).Count);

    private static readonly Dictionary<string, string> Empty = [];
}
