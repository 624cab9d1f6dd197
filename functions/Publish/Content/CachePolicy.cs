using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// Decides Cache-Control. A name carrying its content hash can be cached forever, since new content gets a new name;
/// everything else must be revalidated. What the build knows (<see cref="BuildAssetHints"/>) comes first, then the
/// name (<see cref="HashedNames"/>), and the live release has the last word: a path it serves with other content
/// did not change its name with its content, so it is not hashed whatever it looks like.
/// </summary>
public sealed class CachePolicy(PublishOptions options)
{
    /// <summary>The Cache-Control header for <paramref name="path"/> with content <paramref name="sha256"/>.</summary>
    public string For(string path, string sha256, BuildAssetHints hints, ReleaseManifest? live) =>
        IsImmutable(path, hints) && !ServedWithOtherContent(path, sha256, live)
            ? options.HashedCacheControl
            : options.UnhashedCacheControl;

    private bool IsImmutable(string path, BuildAssetHints hints) =>
        !ContentTypes.IsHtml(path)
        && (hints.InImmutableFolder(path)
            || (hints.DeclaredHashed(path) && HashedNames.HasHashSuffix(path, options.MinHashLength))
            || HashedNames.IsContentHashed(path, options.MinHashLength));

    private static bool ServedWithOtherContent(string path, string sha256, ReleaseManifest? live) =>
        live is not null
        && live.Files.TryGetValue(path, out var served)
        && !string.Equals(served.Sha256, sha256, StringComparison.Ordinal);
}
