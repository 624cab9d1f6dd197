namespace Orchestrator.Functions.Build;

/// <summary>
/// The project's entries before the install ran (kind, size, modification time; links not followed), so what the
/// install made can be told apart: the dependency cache stores exactly that, and only when the install changed
/// nothing that was there before (a cache hit could not give such a change back to a later job's sources).
/// </summary>
public sealed class ProjectSnapshot
{
    private readonly string _root;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private ProjectSnapshot(string root) => _root = root;

    /// <summary>The project folder, as a full path.</summary>
    public string Root => _root;

    public static ProjectSnapshot Take(string project)
    {
        var snapshot = new ProjectSnapshot(Path.GetFullPath(project));
        foreach (var info in Walk(snapshot._root, _ => true))
        {
            snapshot._entries[snapshot.Relative(info)] = Entry.Of(info);
        }

        return snapshot;
    }

    /// <summary>
    /// The top-most paths added since the snapshot ('/'-separated, relative to the project), or why the install's
    /// result cannot be stored as additions only (something that was there changed kind, size or time, or went away).
    /// </summary>
    public (IReadOnlyList<string> Added, string? Problem) FindAdditions()
    {
        var added = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? problem = null;
        foreach (var info in Walk(_root, info => _entries.ContainsKey(Relative(info))))
        {
            var relative = Relative(info);
            if (!_entries.TryGetValue(relative, out var before))
            {
                added.Add(relative);
                continue;
            }

            seen.Add(relative);
            if (problem is null && before != Entry.Of(info))
            {
                problem = $"the install changed '{relative}', which the project already had";
            }
        }

        problem ??= _entries.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).Select(k => $"the install removed '{k}', which the project had").FirstOrDefault();
        return (added, problem);
    }

    private string Relative(FileSystemInfo info) => Path.GetRelativePath(_root, info.FullName).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Every entry under <paramref name="directory"/>; descends into real folders that <paramref name="descend"/> accepts.</summary>
    private static IEnumerable<FileSystemInfo> Walk(string directory, Func<FileSystemInfo, bool> descend)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            yield return info;
            if (info is DirectoryInfo && info.LinkTarget is null && descend(info))
            {
                foreach (var nested in Walk(info.FullName, descend))
                {
                    yield return nested;
                }
            }
        }
    }

    private readonly record struct Entry(bool Directory, string? LinkTarget, long Length, DateTime Modified)
    {
        public static Entry Of(FileSystemInfo info) => info.LinkTarget is { } target
            ? new Entry(false, target, 0, default)
            : info is FileInfo file ? new Entry(false, null, file.Length, file.LastWriteTimeUtc) : new Entry(true, null, 0, default);
    }
}
