using System.IO.Compression;
using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Packaging.Zip;

/// <summary>
/// Zips a folder for FC with each file's Unix mode in the entry (FC unpacks to /code and runs /code/bootstrap,
/// which must stay executable).
/// </summary>
public static class PackageZip
{
    // S_IFREG: a regular file; unzip tools only apply the permission bits when the type bits are there too.
    private const int RegularFile = 0x8000;

    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = ReadWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void Create(string folder, string zipPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        File.Delete(zipPath);
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var entry = archive.CreateEntryFromFile(file, name, CompressionLevel.SmallestSize);
            var mode = OperatingSystem.IsWindows() ? ReadWrite : File.GetUnixFileMode(file);
            if (name == PublishLayout.Bootstrap)
            {
                mode |= Executable;
            }

            entry.ExternalAttributes = (RegularFile | (int)mode) << 16;
        }
    }
}
