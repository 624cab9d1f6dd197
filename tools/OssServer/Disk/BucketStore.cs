using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orchestrator.Tools.OssServer.Api;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// One bucket on disk. Object bytes go to a new blob file (never modified after), then the object's metadata file
/// is written to a temp file and renamed into place: that rename is the commit, so readers see the old or the new
/// object, never a mix. Commits take the bucket's lock, which makes <c>x-oss-forbid-overwrite</c> exactly-one-winner.
/// </summary>
internal sealed class BucketStore
{
    private readonly object _commitLock = new();
    private readonly SortedDictionary<string, ObjectRecord> _index = new(StringComparer.Ordinal);
    private readonly string _meta;
    private readonly string _blobs;
    private readonly string _temp;
    private readonly string _uploadsRoot;

    private BucketStore(string name, string root)
    {
        Name = name;
        _meta = Path.Combine(root, "meta");
        _blobs = Path.Combine(root, "blobs");
        _temp = Path.Combine(root, "tmp");
        _uploadsRoot = Path.Combine(root, "uploads");
        foreach (var dir in new[] { _meta, _blobs, _temp, _uploadsRoot })
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

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(store._meta, "*.json"))
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(file), ServerJsonContext.Default.ObjectRecord);
            if (record is not null && File.Exists(store.BlobPath(record.BlobId)))
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

    public string UploadFolder(string uploadId) => Path.Combine(_uploadsRoot, uploadId);

    /// <summary>Makes <paramref name="record"/> the key's object. Returns the replaced object's size (0 if new).</summary>
    /// <exception cref="OssErrorException">FileAlreadyExists when <paramref name="forbidOverwrite"/> and the key exists.</exception>
    public long Commit(ObjectRecord record, bool forbidOverwrite)
    {
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(temp, JsonSerializer.Serialize(record, ServerJsonContext.Default.ObjectRecord));
        ObjectRecord? previous;
        lock (_commitLock)
        {
            previous = _index.GetValueOrDefault(record.Key);
            if (previous is not null && forbidOverwrite)
            {
                File.Delete(temp);
                File.Delete(BlobPath(record.BlobId));
                throw new OssErrorException(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
            }

            File.Move(temp, MetaPath(record.Key), overwrite: true);
            _index[record.Key] = record;
        }

        // An open reader of the old blob keeps reading it: an unlinked file lives until its last handle closes.
        if (previous is not null && previous.BlobId != record.BlobId)
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
            if (!_index.Remove(key, out previous))
            {
                return false;
            }

            File.Delete(MetaPath(key));
        }

        TryDelete(BlobPath(previous.BlobId));
        return true;
    }

    /// <summary>Keys after <paramref name="after"/> (exclusive) with <paramref name="prefix"/>, in order.</summary>
    public List<ObjectRecord> Scan(string prefix, string? after)
    {
        lock (_commitLock)
        {
            IEnumerable<ObjectRecord> all = _index.Values;
            return all
                .Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(r.Key, after) > 0))
                .ToList();
        }
    }

    /// <summary>A temp file path in this bucket (same file system as the blobs, so renames are atomic).</summary>
    public string TempPath() => Path.Combine(_temp, Guid.NewGuid().ToString("N"));

    private string MetaPath(string key) =>
        Path.Combine(_meta, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");

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
