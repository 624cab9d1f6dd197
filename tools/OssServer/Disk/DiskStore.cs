using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Orchestrator.Tools.OssServer.Api;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>All buckets under the data folder: one sub-folder per bucket.</summary>
internal sealed partial class DiskStore : IDisposable
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, BucketStore> _buckets = new(StringComparer.Ordinal);

    public DiskStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            var name = Path.GetFileName(dir);
            if (IsValidBucketName(name))
            {
                _buckets[name] = BucketStore.Open(name, dir);
            }
        }
    }

    public string Root => _root;

    public IEnumerable<string> BucketNames => _buckets.Keys.Order(StringComparer.Ordinal);

    public BucketStore CreateBucket(string name)
    {
        if (!IsValidBucketName(name))
        {
            throw new OssErrorException(400, "InvalidBucketName", $"The bucket name '{name}' is invalid: 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        }

        // Not GetOrAdd's factory, which may run twice at once: a bucket's log must be opened exactly once.
        lock (_buckets)
        {
            return _buckets.TryGetValue(name, out var bucket) ? bucket : _buckets[name] = BucketStore.Open(name, Path.Combine(_root, name));
        }
    }

    public BucketStore Bucket(string name) =>
        _buckets.TryGetValue(name, out var bucket) ? bucket : throw OssErrorException.NoSuchBucket(name);

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    public static bool IsValidBucketName(string name) => BucketName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
