using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Archives;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Archives;

/// <summary>
/// Every file name a Linux file system allows and a .NET string can hold comes back unchanged from our own archive
/// (build outputs, workspaces and dependency caches go through it); a name that cannot is refused when writing,
/// naming the file, never read back as something else or as a corrupt archive.
/// </summary>
public sealed class ArchiveNameTests : IDisposable
{
    // Linux's limit on one name, in bytes.
    private const int MaxNameBytes = 255;

    private readonly TempDirectory _temp = new("names");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string> NastyNames => new()
    {
        "new\nline",
        "ends-with-newline\n",
        "\nstarts-with-newline",
        "carriage\rreturn",
        "tab\there",
        "bell\u0007and\u001bescape",
        "del\u007f",
        "c1\u0085control",
        "spaces  and = signs",
        "30 path=evil\n",
        "ünïcödé-名前-🙂",
        "\u200bzero-width",
        new string('x', MaxNameBytes),
        new string('é', MaxNameBytes / 2),
        "-leading-dash",
        ".hidden",
        "...",
        "ab:c",
        "%2e%2e",
        "'quotes\"",
    };

    [Theory]
    [MemberData(nameof(NastyNames))]
    public async Task WriteTarGzAsync_NastyName_RoundTripsAsFileAndFolder(string name)
    {
        var source = Directory.CreateDirectory(_temp.Combine("src-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(source, name), "content of " + name);
        Directory.CreateDirectory(Path.Combine(source, "dir", name));
        File.WriteAllText(Path.Combine(source, "dir", name, "inner.txt"), "inner");

        var restored = await RoundTripAsync(source);

        Assert.Equal(Tree(source), Tree(restored));
        Assert.Equal("content of " + name, File.ReadAllText(Path.Combine(restored, name)));
    }

    [Fact]
    public void WriteTarGzAsync_RandomNames_RoundTrip()
    {
        char[] alphabet = ['a', 'Z', '0', ' ', '.', '-', '=', '%', ':', '\n', '\r', '\t', '\u0001', '\u001f', '\u007f', 'é', '名', '\u200b', '\u00a0'];
        var names = Gen.Elements(alphabet).ArrayOf().Select(chars => new string(chars))
            .Where(n => n.Length > 0 && n is not "." and not ".." && Encoding.UTF8.GetByteCount(n) <= MaxNameBytes && !EntryLooksLikeDrive(n))
            .ArrayOf()
            .Select(set => set.Distinct(StringComparer.Ordinal).ToArray())
            .ToArbitrary();
        Prop.ForAll(names, set =>
            {
                var source = Directory.CreateDirectory(_temp.Combine("prop-" + Guid.NewGuid().ToString("N"))).FullName;
                foreach (var name in set)
                {
                    File.WriteAllText(Path.Combine(source, name), name);
                }

                var restored = RoundTripAsync(source).GetAwaiter().GetResult();
                Assert.Equal(Tree(source), Tree(restored));
                Assert.All(set, name => Assert.Equal(name, File.ReadAllText(Path.Combine(restored, name))));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Theory]
    [InlineData("assets/back\\slash", "backslash")]
    [InlineData("c:drive", "Windows drive")]
    public async Task WriteTarGzAsync_NameUnpackingReadsDifferently_RefusedNamingTheFile(string relativePath, string reason)
    {
        var source = Directory.CreateDirectory(_temp.Combine("src-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(source, "fine.txt"), "fine");
        Directory.CreateDirectory(Path.Combine(source, "assets"));
        File.WriteAllText(Path.Combine(source, relativePath), "x");

        var refused = await Assert.ThrowsAsync<UnsupportedFileNameException>(() => WriteAsync(source));

        Assert.Equal("UnsupportedFileName", refused.Code);
        Assert.False(refused.Retryable);
        Assert.Equal(relativePath, refused.RelativePath);
        Assert.Contains("'" + relativePath + "'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTarGzAsync_EmptyFolderOrDriveLikeNameInside_RoundTrips()
    {
        var empty = Directory.CreateDirectory(_temp.Combine("empty")).FullName;
        var nested = Directory.CreateDirectory(_temp.Combine("nested", "dir")).FullName;
        File.WriteAllText(Path.Combine(nested, "c:inside"), "x");

        Assert.Empty(Tree(await RoundTripAsync(empty)));
        Assert.Equal(["dir/", "dir/c:inside"], Tree(await RoundTripAsync(Path.GetDirectoryName(nested)!)));
    }

    [Fact]
    public async Task WriteTarGzAsync_NameNotValidUtf8_RefusedNamingTheFile()
    {
        var source = Directory.CreateDirectory(_temp.Combine("src-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(source, "fine.txt"), "fine");
        try
        {
            // .NET cannot spell such a name; the shell's printf writes the raw bytes.
            var (exit, _, stderr) = await ChildProcess.RunAsync("/bin/sh", ["-c", "printf x > \"$1/$(printf 'bad\\377\\376name')\"", "sh", source], null, _timeout.Token);
            Assert.True(exit == 0, stderr);

            var refused = await Assert.ThrowsAsync<UnsupportedFileNameException>(() => WriteAsync(source));

            Assert.Equal("bad\uFFFD\uFFFDname", refused.RelativePath);
            Assert.Contains("not valid UTF-8", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            // .NET cannot delete what it cannot name either.
            await ChildProcess.RunAsync("/bin/rm", ["-rf", source], null, CancellationToken.None);
        }
    }

    [Fact]
    public void Printable_ControlCharacters_ShownAsEscapesOnOneLine()
    {
        Assert.Equal("a\\nb\\tc\\x01d\\x7f", UnsupportedFileNameException.Printable("a\nb\tc\u0001d\u007f"));
    }

    private static bool EntryLooksLikeDrive(string name) => name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':';

    private async Task<byte[]> WriteAsync(string source)
    {
        using var output = new MemoryStream();
        await ArchiveWriter.WriteTarGzAsync(source, output, _timeout.Token);
        return output.ToArray();
    }

    private async Task<string> RoundTripAsync(string source)
    {
        var target = source + "-restored";
        using var stream = new MemoryStream(await WriteAsync(source));
        await ArchiveExtractor.ExtractAsync(stream, target, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, _timeout.Token);
        return target;
    }

    // Every path under the folder ('/' after folders), ordinal order: the tree as names, to compare exactly.
    private static string[] Tree(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/') + (Directory.Exists(p) ? "/" : ""))
            .Order(StringComparer.Ordinal)];
}
