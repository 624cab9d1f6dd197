using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// A bucket's object records as one append-only file: every commit or delete appends one frame, and the last frame
/// of a key wins when the file is read back. Appending to an open file instead of creating a file per write keeps
/// a small PUT (a journal entry, a job head) away from the file system's inode allocation, which on a busy disk
/// costs far more than the write itself (docs/architecture.md, P3).
/// <para>
/// Frame: payload length (int32, little-endian), the first 8 bytes of the payload's SHA-256, then the payload (a
/// <see cref="LogEntry"/> as JSON). Each frame is written with one write call. Reading stops at the first frame that
/// is incomplete or fails its checksum (the tail of an interrupted write) and cuts the file there, so later frames
/// never follow a torn one. When more than half of a large file is superseded frames, the live records are
/// rewritten to a new file that replaces the old one by rename.
/// </para>
/// </summary>
internal sealed class RecordLog : IDisposable
{
    private const int HeaderBytes = 12;
    private const int ChecksumBytes = 8;
    private const long CompactionFloorBytes = 64L * 1024 * 1024;

    private readonly string _path;

    /// <summary>The size of each key's current frame: what a compaction would keep.</summary>
    private readonly Dictionary<string, long> _liveFrames;
    private FileStream _stream;
    private long _liveBytes;

    private RecordLog(string path, FileStream stream, Dictionary<string, long> liveFrames)
    {
        _path = path;
        _stream = stream;
        _liveFrames = liveFrames;
        _liveBytes = liveFrames.Values.Sum();
    }

    /// <summary>Opens (or creates) the log at <paramref name="path"/> and returns it with the records it holds.</summary>
    public static (RecordLog Log, Dictionary<string, ObjectRecord> Records) Open(string path)
    {
        // A compaction interrupted before its rename left only a partial copy: the log itself is intact.
        File.Delete(CompactionPath(path));
        var records = new Dictionary<string, ObjectRecord>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        var valid = 0L;
        var header = new byte[HeaderBytes];
        while (TryReadFrame(stream, header, out var entry, out var frameBytes))
        {
            valid += frameBytes;
            if (entry.Record is { } record)
            {
                records[entry.Key] = record;
                sizes[entry.Key] = frameBytes;
            }
            else
            {
                records.Remove(entry.Key);
                sizes.Remove(entry.Key);
            }
        }

        stream.SetLength(valid);
        stream.Seek(0, SeekOrigin.End);
        var log = new RecordLog(path, stream, sizes);
        log.CompactIfMostlyDead(records.Values);
        return (log, records);
    }

    /// <summary>Appends <paramref name="record"/> as the key's current object.</summary>
    public void Put(ObjectRecord record)
    {
        var frame = AppendWhole(new LogEntry(record.Key, record));
        _liveBytes += frame - _liveFrames.GetValueOrDefault(record.Key);
        _liveFrames[record.Key] = frame;
    }

    /// <summary>Appends the key's deletion.</summary>
    public void Delete(string key)
    {
        AppendWhole(new LogEntry(key, null));
        if (_liveFrames.Remove(key, out var frame))
        {
            _liveBytes -= frame;
        }
    }

    /// <summary>
    /// Rewrites the file with only <paramref name="live"/> (every current record) once superseded frames are more
    /// than half of a large file; otherwise does nothing.
    /// </summary>
    public void CompactIfMostlyDead(IEnumerable<ObjectRecord> live)
    {
        if (_stream.Length < CompactionFloorBytes || _liveBytes * 2 > _stream.Length)
        {
            return;
        }

        var temp = CompactionPath(_path);
        var frames = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using (var next = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                foreach (var record in live)
                {
                    frames[record.Key] = Append(next, new LogEntry(record.Key, record));
                }

                next.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
        catch (IOException)
        {
            // The log as it was is still whole and current: compaction is tried again on a later write.
            File.Delete(temp);
            return;
        }

        // The old handle still points at the replaced file; appends go to the new one from here.
        var reopened = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _stream.Dispose();
        _stream = reopened;
        _liveFrames.Clear();
        foreach (var (key, frame) in frames)
        {
            _liveFrames[key] = frame;
        }

        _liveBytes = frames.Values.Sum();
    }

    public void Dispose() => _stream.Dispose();

    private static string CompactionPath(string path) => path + ".compact";

    /// <summary>
    /// Appends to the log, or leaves it as it was: a frame cut short (a full disk) would otherwise sit before every
    /// later frame, and reading stops at the first bad one.
    /// </summary>
    private long AppendWhole(LogEntry entry)
    {
        var end = _stream.Length;
        try
        {
            return Append(_stream, entry);
        }
        catch (IOException)
        {
            _stream.SetLength(end);
            throw;
        }
    }

    private static long Append(FileStream stream, LogEntry entry)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(entry, ServerJsonContext.Default.LogEntry);
        var frame = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        SHA256.HashData(payload).AsSpan(0, ChecksumBytes).CopyTo(frame.AsSpan(4));
        payload.CopyTo(frame.AsSpan(HeaderBytes));
        stream.Write(frame);
        return frame.Length;
    }

    private static bool TryReadFrame(FileStream stream, byte[] header, out LogEntry entry, out long frameBytes)
    {
        entry = null!;
        frameBytes = 0;
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length <= 0 || length > stream.Length - stream.Position)
        {
            return false;
        }

        var payload = new byte[length];
        stream.ReadExactly(payload);
        if (!SHA256.HashData(payload).AsSpan(0, ChecksumBytes).SequenceEqual(header.AsSpan(4, ChecksumBytes)))
        {
            return false;
        }

        entry = JsonSerializer.Deserialize(payload, ServerJsonContext.Default.LogEntry)!;
        frameBytes = HeaderBytes + length;
        return entry is not null;
    }
}
