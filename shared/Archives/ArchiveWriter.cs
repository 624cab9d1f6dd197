using System.Formats.Tar;
using System.IO.Compression;

namespace Orchestrator.Archives;

/// <summary>
/// Writes a folder as tar.gz, deterministically: entries in ordinal order, fixed times, owner 0, modes reduced to
/// 0755/0644. The same tree gives the same bytes, so a retried stage writes an identical object.
/// </summary>
public static class ArchiveWriter
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode RegularMode = (UnixFileMode)0b110_100_100;

    /// <summary>Writes regular files and folders under <paramref name="sourceDirectory"/> to <paramref name="destination"/>.</summary>
    public static Task<ArchiveWriteResult> WriteTarGzAsync(string sourceDirectory, Stream destination, CancellationToken cancellationToken) =>
        WriteTarGzAsync(sourceDirectory, destination, ArchiveWriteOptions.Default, cancellationToken);

    /// <summary>As the simpler overload, with <paramref name="options"/> saying what else to include.</summary>
    public static async Task<ArchiveWriteResult> WriteTarGzAsync(string sourceDirectory, Stream destination, ArchiveWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceDirectory));
        var files = 0;
        long bytes = 0;
        await using (var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true))
        await using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in Walk(root))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                var info = new FileInfo(path);
                if (info.LinkTarget is { } target)
                {
                    if (options.IncludeSymbolicLinks && LinkPolicy.FindProblem(root, Path.GetDirectoryName(path)!, target) is null)
                    {
                        await writer.WriteEntryAsync(NewEntry(TarEntryType.SymbolicLink, name, DirectoryMode, target), cancellationToken);
                    }
                }
                else if (Directory.Exists(path))
                {
                    await writer.WriteEntryAsync(NewEntry(TarEntryType.Directory, name + "/", DirectoryMode, null), cancellationToken);
                }
                else if (info.Exists)
                {
                    var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
                    var entry = NewEntry(TarEntryType.RegularFile, name, executable ? ExecutableMode : RegularMode, null);

                    // FIFOs and sockets report length 0 and would block an open: an empty entry is written without
                    // opening them, so a hostile build output cannot hang the archiver.
                    if (info.Length > 0)
                    {
                        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
                        entry.DataStream = data;
                        await writer.WriteEntryAsync(entry, cancellationToken);
                        bytes += data.Length;
                    }
                    else
                    {
                        await writer.WriteEntryAsync(entry, cancellationToken);
                    }

                    files++;
                }
            }
        }

        return new ArchiveWriteResult(files, bytes);
    }

    private static PaxTarEntry NewEntry(TarEntryType type, string name, UnixFileMode mode, string? linkName)
    {
        var entry = new PaxTarEntry(type, name)
        {
            Mode = mode,
            ModificationTime = DateTimeOffset.UnixEpoch,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
        };
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    /// <summary>Every path under <paramref name="directory"/>, parents before children, in ordinal order; links are not followed.</summary>
    private static IEnumerable<string> Walk(string directory)
    {
        var entries = Directory.GetFileSystemEntries(directory);
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            yield return entry;
            if (Directory.Exists(entry) && new FileInfo(entry).LinkTarget is null)
            {
                foreach (var nested in Walk(entry))
                {
                    yield return nested;
                }
            }
        }
    }
}
