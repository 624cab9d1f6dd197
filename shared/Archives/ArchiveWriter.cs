using System.Formats.Tar;
using System.IO.Compression;

namespace Orchestrator.Archives;

/// <summary>
/// Writes a folder as tar.gz, deterministically: entries in ordinal order, fixed times, owner 0, modes reduced to
/// 0755/0644. The same tree gives the same bytes, so a retried stage writes an identical object.
/// Every name a .NET string can hold and <see cref="ArchiveExtractor"/> reads back unchanged round-trips: newlines and
/// other control characters, any Unicode, any length. The format is GNU tar for that: a PAX header record is
/// length-prefixed and may hold a newline, but .NET's reader splits PAX records at newlines and refuses the archive,
/// while GNU's long-name entries carry the name's bytes as they are. A name that cannot round-trip
/// (<see cref="UnsupportedFileNameException"/>) fails the write, naming the file.
/// </summary>
public static class ArchiveWriter
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode RegularMode = (UnixFileMode)0b110_100_100;

    // What .NET puts in a file name in place of bytes that are not UTF-8.
    private const string Replacement = "\uFFFD";

    // Two zero blocks of 512 bytes end a tar archive.
    private const int EndOfArchiveBytes = 1024;

    /// <summary>Writes regular files and folders under <paramref name="sourceDirectory"/> to <paramref name="destination"/>.</summary>
    public static Task<ArchiveWriteResult> WriteTarGzAsync(string sourceDirectory, Stream destination, CancellationToken cancellationToken) =>
        WriteTarGzAsync(sourceDirectory, destination, ArchiveWriteOptions.Default, cancellationToken);

    /// <summary>As the simpler overload, with <paramref name="options"/> saying what else to include.</summary>
    public static async Task<ArchiveWriteResult> WriteTarGzAsync(string sourceDirectory, Stream destination, ArchiveWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceDirectory));
        var entries = 0;
        var files = 0;
        long bytes = 0;
        await using (var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true))
        {
            await using (var writer = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
            {
                foreach (var path in Select(root, options))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var written = await WriteEntryAsync(writer, root, path, options, cancellationToken);
                    entries += written.Entries;
                    files += written.Files;
                    bytes += written.Bytes;
                }
            }

            if (entries == 0)
            {
                // For an archive without entries TarWriter writes nothing, not even the end-of-archive blocks, and an
                // empty file is no archive at all: write the two zero blocks, so an empty folder reads back as one.
                await gzip.WriteAsync(new byte[EndOfArchiveBytes], cancellationToken);
            }
        }

        return new ArchiveWriteResult(files, bytes);
    }

    /// <summary>Writes the entry for <paramref name="path"/>, if it gets one; says what was written.</summary>
    private static async Task<(int Entries, int Files, long Bytes)> WriteEntryAsync(TarWriter writer, string root, string path, ArchiveWriteOptions options, CancellationToken cancellationToken)
    {
        var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        CheckName(name);
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            var problem = options.IncludeSymbolicLinks ? LinkPolicy.FindProblem(root, Path.GetDirectoryName(path)!, target) : $"Symbolic links (this one to '{target}') are not kept.";
            if (problem is not null)
            {
                return options.Exact ? throw new EntryNotArchivableException(name, problem) : (0, 0, 0);
            }

            await writer.WriteEntryAsync(NewEntry(TarEntryType.SymbolicLink, name, DirectoryMode, target), cancellationToken);
            return (1, 0, 0);
        }

        if (Directory.Exists(path))
        {
            await writer.WriteEntryAsync(NewEntry(TarEntryType.Directory, name + "/", DirectoryMode, null), cancellationToken);
            return (1, 0, 0);
        }

        if (!info.Exists)
        {
            // Listed but not there under the decoded name: its bytes are not UTF-8, and .NET replaced them.
            return name.Contains(Replacement, StringComparison.Ordinal)
                ? throw new UnsupportedFileNameException(name, "its name is not valid UTF-8")
                : options.Exact ? throw new EntryNotArchivableException(name, "It went away while the folder was written.")
                : (0, 0, 0); // it went away while the folder was walked: nothing to archive
        }

        var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
        var entry = NewEntry(TarEntryType.RegularFile, name, executable ? ExecutableMode : RegularMode, null);

        // FIFOs and sockets report length 0 and would block an open: an empty entry is written without opening them,
        // so a hostile build output cannot hang the archiver.
        if (info.Length == 0)
        {
            await writer.WriteEntryAsync(entry, cancellationToken);
            return (1, 1, 0);
        }

        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        entry.DataStream = data;
        await writer.WriteEntryAsync(entry, cancellationToken);
        return (1, 1, data.Length);
    }

    /// <summary>Refuses a name that <see cref="EntryPath"/> would unpack as another path (or refuse).</summary>
    private static void CheckName(string name)
    {
        if (name.Contains('\\', StringComparison.Ordinal))
        {
            throw new UnsupportedFileNameException(name, "a backslash in it unpacks as a folder separator (as archives made on Windows need)");
        }

        if (EntryPath.LooksLikeDrive(name))
        {
            throw new UnsupportedFileNameException(name, "it starts like a Windows drive ('c:'), which unpacking refuses as an absolute path");
        }
    }

    private static GnuTarEntry NewEntry(TarEntryType type, string name, UnixFileMode mode, string? linkName)
    {
        var entry = new GnuTarEntry(type, name)
        {
            Mode = mode,
            ModificationTime = DateTimeOffset.UnixEpoch,
            AccessTime = DateTimeOffset.UnixEpoch,
            ChangeTime = DateTimeOffset.UnixEpoch,
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

    /// <summary>The paths the archive holds: all of <paramref name="root"/>, or the chosen ones and what is under them.</summary>
    private static IEnumerable<string> Select(string root, ArchiveWriteOptions options)
    {
        if (options.Paths is null)
        {
            return Walk(root);
        }

        return options.Paths.Order(StringComparer.Ordinal).SelectMany(relative =>
        {
            var path = Path.Combine(root, relative);
            return Directory.Exists(path) && new FileInfo(path).LinkTarget is null ? Walk(path).Prepend(path) : [path];
        });
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
