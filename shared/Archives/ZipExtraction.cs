using System.IO.Compression;
using System.Text;

namespace Orchestrator.Archives;

/// <summary>Unpacks a zip from a seekable stream; the central directory's counts are checked before anything is written.</summary>
internal static class ZipExtraction
{
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;
    private const int TypeSymbolicLink = 0xA000;
    private const int MaxLinkTargetBytes = 4096;

    public static async Task ExtractAsync(Stream source, ExtractionSession session, CancellationToken cancellationToken)
    {
        var archiveLength = source.Length - source.Position;
        await using var archive = await ZipArchive.CreateAsync(source, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        if (archive.Entries.Count > session.Limits.MaxEntries)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.TooManyEntries, null, $"The archive holds {archive.Entries.Count} entries, more than {session.Limits.MaxEntries}.");
        }

        session.CompressedBytesRead = () => archiveLength;
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName;
            session.CountEntry(name);

            // Unix zips keep st_mode in the high half of the external attributes; 0 means a DOS-made entry.
            var mode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var type = mode & TypeMask;
            if (type == TypeDirectory || (type == 0 && name.EndsWith('/')) || (type == 0 && name.EndsWith('\\')))
            {
                session.CreateDirectory(name);
            }
            else if (type == TypeSymbolicLink)
            {
                session.CreateSymbolicLink(name, await ReadLinkTargetAsync(entry, cancellationToken));
            }
            else if (type == TypeRegular || type == 0)
            {
                await using var data = await entry.OpenAsync(cancellationToken);
                await session.WriteFileAsync(name, data, entry.CompressedLength, (UnixFileMode)(mode & 0xFFF), cancellationToken);
            }
            else
            {
                throw new ArchiveRejectedException(ArchiveRejectionReason.SpecialFile, name, $"Special files (mode {Convert.ToString(type, 8)}) are not allowed.");
            }
        }
    }

    private static async Task<string> ReadLinkTargetAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Length > MaxLinkTargetBytes)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.InvalidName, entry.FullName, "The link target is too long.");
        }

        await using var data = await entry.OpenAsync(cancellationToken);
        using var reader = new StreamReader(data, Encoding.UTF8);
        var target = await reader.ReadToEndAsync(cancellationToken);
        return target.Length > MaxLinkTargetBytes ? throw new ArchiveRejectedException(ArchiveRejectionReason.InvalidName, entry.FullName, "The link target is too long.") : target;
    }
}
