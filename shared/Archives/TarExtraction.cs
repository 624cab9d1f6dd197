using System.Formats.Tar;
using System.IO.Compression;

namespace Orchestrator.Archives;

/// <summary>Unpacks a tar or tar.gz stream entry by entry; only files, folders and in-root symbolic links pass.</summary>
internal static class TarExtraction
{
    public static async Task ExtractAsync(Stream source, bool gzip, ExtractionSession session, CancellationToken cancellationToken)
    {
        var counting = new CountingStream(source);
        await using var decompressed = gzip ? new GZipStream(counting, CompressionMode.Decompress, leaveOpen: true) : (Stream)counting;
        session.CompressedBytesRead = () => counting.BytesRead;
        await using var reader = new TarReader(decompressed, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var name = entry.Name;
            session.CountEntry(name);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await session.WriteFileAsync(name, entry.DataStream ?? Stream.Null, null, entry.Mode, cancellationToken);
                    break;
                case TarEntryType.Directory:
                    session.CreateDirectory(name);
                    break;
                case TarEntryType.SymbolicLink:
                    session.CreateSymbolicLink(name, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    throw new ArchiveRejectedException(ArchiveRejectionReason.HardLink, name, "Hard links are not allowed.");
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    throw new ArchiveRejectedException(ArchiveRejectionReason.SpecialFile, name, $"Special files ({entry.EntryType}) are not allowed.");
                case TarEntryType.GlobalExtendedAttributes:
                    // pax global headers carry defaults for later entries, no content of their own.
                    break;
                default:
                    throw new ArchiveRejectedException(ArchiveRejectionReason.UnsupportedEntry, name, $"Entries of type {entry.EntryType} are not supported.");
            }
        }
    }
}
