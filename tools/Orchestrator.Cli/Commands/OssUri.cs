namespace Orchestrator.Cli.Commands;

/// <summary>Parses <c>oss://BUCKET/KEY</c> (or <c>oss://BUCKET/PREFIX</c>) arguments.</summary>
internal static class OssUri
{
    public static (string Bucket, string Key) Parse(string text, bool keyRequired)
    {
        if (!text.StartsWith("oss://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{text}' is not an OSS address: expected oss://BUCKET/{(keyRequired ? "KEY" : "PREFIX")}");
        }

        var rest = text["oss://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash >= 0 ? rest[..slash] : rest;
        var key = slash >= 0 ? rest[(slash + 1)..] : string.Empty;
        if (bucket.Length == 0 || (keyRequired && key.Length == 0))
        {
            throw new ArgumentException($"'{text}' needs a bucket{(keyRequired ? " and a key" : string.Empty)}: expected oss://BUCKET/{(keyRequired ? "KEY" : "PREFIX")}");
        }

        return (bucket, key);
    }
}
