using System.IO.Compression;
using System.Text;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// The archive of one chaos upload: the template project (examples/hello-site: Node.js only, no registry) with the
/// upload's marker in <c>index.html</c> and in the script, so every upload publishes different html and differently
/// named assets, and the live site shows which upload it serves.
/// </summary>
public static class ChaosArchive
{
    /// <summary>The meta tag a published page carries its upload's marker in.</summary>
    public const string MarkerTag = "chaos-upload";

    // Fixed entry times: the same marker always gives the same bytes, so a repeated upload has the same ETag.
    private static readonly DateTimeOffset EntryTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Files = ["package.json", "package-lock.json", "build.mjs", "src/index.html", "src/app.js", "src/style.css"];

    public static byte[] Create(string templateFolder, string marker)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Files)
            {
                var text = File.ReadAllText(Path.Combine(templateFolder, file));
                var entry = zip.CreateEntry(file, CompressionLevel.Fastest);
                entry.LastWriteTime = EntryTime;
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(Mark(file, text, marker));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The marker a published page carries, or null when it carries none.</summary>
    public static string? MarkerOf(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var prefix = $"<meta name=\"{MarkerTag}\" content=\"";
        var start = html.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += prefix.Length;
        var end = html.IndexOf('"', start);
        return end < 0 ? null : html[start..end];
    }

    private static string Mark(string file, string text, string marker) => file switch
    {
        "src/index.html" => text.Replace("<head>", $"<head>\n    <meta name=\"{MarkerTag}\" content=\"{marker}\">", StringComparison.Ordinal),
        "src/app.js" => text + $"\n// {marker}\n",
        _ => text,
    };
}
