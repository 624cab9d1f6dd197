using System.IO.Compression;

namespace Orchestrator.Tools.DevCloud.Jobs;

/// <summary>
/// Packs a project folder into a zip as a user would upload it (no node_modules, no VCS or build output), spooled to a
/// temporary file that is deleted when the stream is disposed, so a large project is never held in memory.
/// </summary>
public static class SourceArchive
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "node_modules", ".git", "dist", "build", "out", ".devcloud" };

    public static async Task<FileStream> PackAsync(string folder, CancellationToken cancellationToken)
    {
        var buffer = new FileStream(
            Path.Combine(Path.GetTempPath(), "orchestrator-source-" + Guid.NewGuid().ToString("N") + ".zip"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                    if (relative.Split('/').Any(Skipped.Contains))
                    {
                        continue;
                    }

                    var entry = zip.CreateEntry(relative, CompressionLevel.Optimal);
                    await using var target = await entry.OpenAsync(cancellationToken);
                    await using var source = File.OpenRead(file);
                    await source.CopyToAsync(target, cancellationToken);
                }
            }
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }

        buffer.Position = 0;
        return buffer;
    }
}
