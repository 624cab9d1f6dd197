using System.Buffers.Binary;

namespace Orchestrator.Archives;

/// <summary>
/// Reads the entry count from a zip's end-of-central-directory record (zip64 included) without loading the
/// directory, so an archive claiming millions of entries is refused before .NET builds an object per entry.
/// </summary>
internal static class ZipDirectoryCount
{
    private const int EndRecordLength = 22;
    private const int MaxCommentLength = ushort.MaxValue;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    /// <summary>The declared number of entries, or null when no end record is found (the zip reader then reports it corrupt).</summary>
    public static async Task<long?> ReadAsync(Stream zip, CancellationToken cancellationToken)
    {
        var start = zip.Position;
        var length = zip.Length - start;
        var tailLength = (int)Math.Min(length, EndRecordLength + MaxCommentLength + 20);
        var tail = new byte[tailLength];
        zip.Position = start + length - tailLength;
        await zip.ReadExactlyAsync(tail, cancellationToken);
        zip.Position = start;

        for (var i = tailLength - EndRecordLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndSignature)
            {
                continue;
            }

            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (count == ushort.MaxValue && i >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i - 20)) == Zip64LocatorSignature)
            {
                count = await ReadZip64CountAsync(zip, start, BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(i - 20 + 8)), cancellationToken) ?? count;
            }

            return count;
        }

        return null;
    }

    private static async Task<long?> ReadZip64CountAsync(Stream zip, long start, long recordOffset, CancellationToken cancellationToken)
    {
        if (recordOffset < 0 || recordOffset + 56 > zip.Length - start)
        {
            return null;
        }

        var record = new byte[56];
        zip.Position = start + recordOffset;
        await zip.ReadExactlyAsync(record, cancellationToken);
        zip.Position = start;
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
            ? BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32))
            : null;
    }
}
