using System.Collections.Concurrent;
using Orchestrator.Tools.OssServer.Api;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// One bucket on disk. A large object's bytes go to a new blob file (never modified after); then the object's
/// record (with a small object's bytes inline) is appended to the bucket's <see cref="RecordLog"/>: that append is
/// the commit, so readers see the old or the new object, never a mix. Commits take the bucket's lock, which makes
/// <c>x-oss-forbid-overwrite</c> exactly-one-winner.
/// </summary>
internal sealed class BucketStore : IDisposable
{
    private readonly object _commitLock = new();
    private readonly SortedList<string, ObjectRecord> _index = new(StringComparer.Ordinal);
    private readonly string _blobs;
    private readonly string _temp;
    private readonly string _uploadsRoot;
    private RecordLog _log = null!;

    private BucketStore(string name, string root)
    {
        Name = name;
        _blobs = Path.Combine(root, "blobs");
        _temp = Path.Combine(root, "tmp");
        _uploadsRoot = Path.Combine(root, "uploads");
        foreach (var dir in new[] { _blobs, _temp, _uploadsRoot })
        {
            Directory.CreateDirectory(dir);
        }
    }

    public string Name { get; }

    public ConcurrentDictionary<string, UploadRecord> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Opens (or creates) the bucket folder and loads its index; leftovers of interrupted writes are removed.</summary>
    public static BucketStore Open(string name, string root)
    {
        var store = new BucketStore(name, root);
        foreach (var stale in Directory.EnumerateFiles(store._temp))
        {
            File.Delete(stale);
        }

        var (log, records) = RecordLog.Open(Path.Combine(root, "objects.log"));
        store._log = log;
        LegacyRecords.MoveInto(Path.Combine(root, "meta"), log, records);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Values)
        {
            if (!record.HasBlob || File.Exists(store.BlobPath(record.BlobId)))
            {
                store._index[record.Key] = record;
                referenced.Add(record.BlobId);
            }
        }

        foreach (var blob in Directory.EnumerateFiles(store._blobs).Where(b => !referenced.Contains(Path.GetFileName(b))))
        {
            File.Delete(blob);
        }

        return store;
    }

    public ObjectRecord? Find(string key)
    {
        lock (_commitLock)
        {
            return _index.GetValueOrDefault(key);
        }
    }

    /// <summary>A fresh blob id and its path, for a writer to fill before <see cref="Commit"/>.</summary>
    public (string BlobId, string Path) NewBlob()
    {
        var id = Guid.NewGuid().ToString("N");
        return (id, BlobPath(id));
    }

    public string BlobPath(string blobId) => Path.Combine(_blobs, blobId);

    /// <summary>The object's bytes: its inline copy, or its blob file (which stays readable if overwritten meanwhile).</summary>
    /// <exception cref="FileNotFoundException">The blob was deleted between the lookup and the open.</exception>
    public Stream OpenRead(ObjectRecord record) =>
        !record.HasBlob
            ? new MemoryStream(record.Inline ?? [], writable: false)
            : new FileStream(BlobPath(record.BlobId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public string UploadFolder(string uploadId) => Path.Combine(_uploadsRoot, uploadId);

    /// <summary>Makes <paramref name="record"/> the key's object. Returns the replaced object's size (0 if new).</summary>
    /// <exception cref="OssErrorException">FileAlreadyExists when <paramref name="forbidOverwrite"/> and the key exists.</exception>
    public long Commit(ObjectRecord record, bool forbidOverwrite)
    {
        ObjectRecord? previous;
        lock (_commitLock)
        {
            previous = _index.GetValueOrDefault(record.Key);
            if (previous is not null && forbidOverwrite)
            {
                if (record.HasBlob)
                {
                    File.Delete(BlobPath(record.BlobId));
                }

                throw new OssErrorException(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
            }

            _log.Put(record);
            _index[record.Key] = record;
            _log.CompactIfMostlyDead(_index.Values);
        }

        // An open reader of the old blob keeps reading it: an unlinked file lives until its last handle closes.
        if (previous is { HasBlob: true } && previous.BlobId != record.BlobId)
        {
            TryDelete(BlobPath(previous.BlobId));
        }

        return previous?.Size ?? 0;
    }

    public bool Delete(string key)
    {
        ObjectRecord? previous;
        lock (_commitLock)
        {
            if (!_index.TryGetValue(key, out previous))
            {
                return false;
            }

            _log.Delete(key);
            _index.Remove(key);
            _log.CompactIfMostlyDead(_index.Values);
        }

        if (previous.HasBlob)
        {
            TryDelete(BlobPath(previous.BlobId));
        }

        return true;
    }

    /// <summary>
    /// Up to <paramref name="maxKeys"/> objects and common prefixes with <paramref name="prefix"/>, after <paramref name="after"/>
    /// (exclusive), in key order; keys under a common prefix roll up into it. Binary searches the sorted index, so a
    /// page costs O(log n + page) however large the bucket is.
    /// </summary>
    public ListingPage List(string prefix, string delimiter, string? after, int maxKeys)
    {
        var objects = new List<ObjectRecord>();
        var prefixes = new List<string>();
        string? last = null;
        lock (_commitLock)
        {
            var keys = _index.Keys;
            var i = LowerBound(keys, prefix);
            if (after is not null)
            {
                i = Math.Max(i, UpperBound(keys, after));
            }

            for (; i < keys.Count && keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                if (objects.Count + prefixes.Count == maxKeys)
                {
                    return new ListingPage(objects, prefixes, Truncated: true, last);
                }

                var at = delimiter.Length > 0 ? keys[i].IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) : -1;
                if (at >= 0)
                {
                    // A folder: report it once and jump past every key under it (the marker sorts after all of them).
                    var common = keys[i][..(at + delimiter.Length)];
                    prefixes.Add(common);
                    last = common + "\uFFFF";
                    i = UpperBound(keys, last) - 1;
                }
                else
                {
                    objects.Add(_index.Values[i]);
                    last = keys[i];
                }
            }
        }

        return new ListingPage(objects, prefixes, Truncated: false, last);
    }

    /// <summary>Index of the first key &gt;= <paramref name="value"/>.</summary>
    private static int LowerBound(IList<string> keys, string value) => Bound(keys, value, inclusive: true);

    /// <summary>Index of the first key &gt; <paramref name="value"/>.</summary>
    private static int UpperBound(IList<string> keys, string value) => Bound(keys, value, inclusive: false);

    private static int Bound(IList<string> keys, string value, bool inclusive)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            var c = string.CompareOrdinal(keys[mid], value);
            if (c < 0 || (c == 0 && !inclusive))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>A temp file path in this bucket (same file system as the blobs, so renames are atomic).</summary>
    public string TempPath() => Path.Combine(_temp, Guid.NewGuid().ToString("N"));

    public void Dispose() => _log.Dispose();

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A blob still open elsewhere on a file system that refuses deletion; the next start removes orphans.
        }
    }
}
