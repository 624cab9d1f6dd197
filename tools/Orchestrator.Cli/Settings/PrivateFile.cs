using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Settings;

/// <summary>A JSON file only its owner may read (mode 600): the ready file and profiles hold credentials and the token.</summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, JsonObject content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created private, not narrowed afterwards: no moment where others may read it.
            File.Delete(temporary);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(content.ToJsonString().AsMemory(), cancellationToken);
        }

        File.Move(temporary, full, overwrite: true); // readers never see a half-written file
    }
}
