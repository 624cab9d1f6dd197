using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.Logging;

/// <summary>Every project's <c>Logs.cs</c> stays in its own range of event ids, as docs/logging.md lists them.</summary>
public sealed partial class EventIdRangeTests
{
    [Fact]
    public void LogsFiles_EveryEventId_IsInItsProjectsDocumentedRange()
    {
        var root = FunctionBinaries.RepositoryRoot;
        var ranges = DocumentedRanges(File.ReadAllText(Path.Combine(root, "docs", "logging.md")));
        var files = new[] { "shared", "functions", "tools" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "Logs.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(ranges.TryGetValue(file, out var range), $"{file} has no row in docs/logging.md");
            var ids = EventIds(File.ReadAllText(Path.Combine(root, file)));
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.InRange(id, range.First, range.Last));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void DocumentedRanges_NoTwoProjects_Overlap()
    {
        var ranges = DocumentedRanges(File.ReadAllText(Path.Combine(FunctionBinaries.RepositoryRoot, "docs", "logging.md"))).Values.OrderBy(r => r.First).ToList();

        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First} overlaps {pair.Second}"));
    }

    private static Dictionary<string, (int First, int Last)> DocumentedRanges(string markdown) =>
        Row().Matches(markdown).ToDictionary(
            m => m.Groups["file"].Value,
            m => (int.Parse(m.Groups["first"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["last"].Value, CultureInfo.InvariantCulture)),
            StringComparer.Ordinal);

    // Both spellings in use: [LoggerMessage(4010, ...)] and [LoggerMessage(EventId = 5100, ...)].
    private static List<int> EventIds(string source) =>
        EventId().Matches(source).Select(m => int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^\| [^|]+ \| `(?<file>[^`]+/Logs\.cs)` \| (?<first>\d+)–(?<last>\d+) \|$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Row();

    [GeneratedRegex(@"\[LoggerMessage\((?:EventId = )?(?<id>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex EventId();
}
