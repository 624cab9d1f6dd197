using System.Collections.Frozen;

namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// The Content-Type of a published file, by extension. Browsers refuse module scripts, stylesheets and wasm served
/// with the wrong type, so the table covers what front-end builds emit; anything else is
/// <c>application/octet-stream</c>, which a browser downloads rather than guesses at.
/// </summary>
public static class ContentTypes
{
    public const string Fallback = "application/octet-stream";

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["html"] = "text/html",
        ["htm"] = "text/html",
        ["css"] = "text/css",
        // RFC 9239 makes text/javascript the one JavaScript type.
        ["js"] = "text/javascript",
        ["mjs"] = "text/javascript",
        ["cjs"] = "text/javascript",
        ["json"] = "application/json",
        ["map"] = "application/json",
        ["jsonld"] = "application/ld+json",
        ["webmanifest"] = "application/manifest+json",
        ["xml"] = "application/xml",
        ["rss"] = "application/rss+xml",
        ["atom"] = "application/atom+xml",
        ["txt"] = "text/plain",
        ["md"] = "text/markdown",
        ["csv"] = "text/csv",
        ["vtt"] = "text/vtt",
        ["ics"] = "text/calendar",
        ["yaml"] = "application/yaml",
        ["yml"] = "application/yaml",
        ["svg"] = "image/svg+xml",
        ["png"] = "image/png",
        ["apng"] = "image/apng",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["webp"] = "image/webp",
        ["avif"] = "image/avif",
        ["gif"] = "image/gif",
        ["ico"] = "image/x-icon",
        ["bmp"] = "image/bmp",
        ["tif"] = "image/tiff",
        ["tiff"] = "image/tiff",
        ["jxl"] = "image/jxl",
        ["heic"] = "image/heic",
        ["woff"] = "font/woff",
        ["woff2"] = "font/woff2",
        ["ttf"] = "font/ttf",
        ["otf"] = "font/otf",
        ["eot"] = "application/vnd.ms-fontobject",
        ["wasm"] = "application/wasm",
        ["pdf"] = "application/pdf",
        ["zip"] = "application/zip",
        ["gz"] = "application/gzip",
        ["mp4"] = "video/mp4",
        ["m4v"] = "video/mp4",
        ["webm"] = "video/webm",
        ["ogv"] = "video/ogg",
        ["mov"] = "video/quicktime",
        ["mp3"] = "audio/mpeg",
        ["m4a"] = "audio/mp4",
        ["aac"] = "audio/aac",
        ["oga"] = "audio/ogg",
        ["ogg"] = "audio/ogg",
        ["opus"] = "audio/ogg",
        ["wav"] = "audio/wav",
        ["flac"] = "audio/flac",
        ["glb"] = "model/gltf-binary",
        ["gltf"] = "model/gltf+json",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Textual types outside text/* that browsers decode as text: they get a charset too.
    private static readonly FrozenSet<string> TextualApplicationTypes = new[]
    {
        "text/javascript", "application/json", "application/ld+json", "application/manifest+json",
        "application/xml", "application/rss+xml", "application/atom+xml", "application/yaml",
        "image/svg+xml", "model/gltf+json",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The Content-Type for <paramref name="path"/>, with <c>charset=utf-8</c> for text.</summary>
    public static string For(string path)
    {
        var extension = Extension(path);
        if (extension is null || !ByExtension.TryGetValue(extension, out var type))
        {
            return Fallback;
        }

        return type.StartsWith("text/", StringComparison.Ordinal) || TextualApplicationTypes.Contains(type)
            ? type + "; charset=utf-8"
            : type;
    }

    /// <summary>True for html pages, which go live last and are never cached as immutable.</summary>
    public static bool IsHtml(string path) =>
        Extension(path) is { } extension
        && (extension.Equals("html", StringComparison.OrdinalIgnoreCase) || extension.Equals("htm", StringComparison.OrdinalIgnoreCase));

    private static string? Extension(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : name[(dot + 1)..];
    }
}
