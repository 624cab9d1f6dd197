using System.Formats.Tar;
using System.IO.Compression;
using Orchestrator.Archives;
using Orchestrator.TestSupport;
using static Orchestrator.Fetch.Tests.Archives.TestArchives;

namespace Orchestrator.Fetch.Tests.Archives;

public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    private string Destination => _temp.Combine("out");

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task ExtractAsync_ZipWithSingleTopFolder_StripsTheFolder()
    {
        using var zip = Zip(("my-app/", null), ("my-app/package.json", "{}"), ("my-app/src/index.js", "x"));

        var result = await Extract(zip);

        Assert.Equal(ArchiveFormat.Zip, result.Format);
        Assert.Equal("my-app", result.StrippedFolder);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(Destination, "package.json")));
        Assert.True(File.Exists(Path.Combine(Destination, "src", "index.js")));
        Assert.False(Directory.Exists(Path.Combine(Destination, "my-app")));
    }

    [Fact]
    public async Task ExtractAsync_StripDisabled_KeepsTheFolder()
    {
        using var zip = Zip(("my-app/package.json", "{}"));

        var result = await ArchiveExtractor.ExtractAsync(zip, Destination, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, _timeout.Token);

        Assert.Null(result.StrippedFolder);
        Assert.True(File.Exists(Path.Combine(Destination, "my-app", "package.json")));
    }

    [Fact]
    public async Task ExtractAsync_TopFolderHoldingItsOwnName_StripsWithoutCollision()
    {
        using var tar = TarGz(TarFile("app/app/x.txt", "inner"), TarFile("app/y.txt", "outer"));

        await Extract(tar);

        Assert.Equal("inner", File.ReadAllText(Path.Combine(Destination, "app", "x.txt")));
        Assert.Equal("outer", File.ReadAllText(Path.Combine(Destination, "y.txt")));
    }

    [Fact]
    public async Task ExtractAsync_NonSeekableZip_IsSpooledAndExtracted()
    {
        using var zip = Zip(("package.json", "{\"name\":\"a\"}"), ("README.md", "hi"));

        var result = await Extract(new NonSeekableStream(zip));

        Assert.Equal(ArchiveFormat.Zip, result.Format);
        Assert.Equal(2, result.Files);
        Assert.Null(result.StrippedFolder);
    }

    [Fact]
    public async Task ExtractAsync_NonSeekableTarGz_IsRecognisedByBytes()
    {
        using var tar = TarGz(Folder("site/"), TarFile("site/package.json", "{}"));

        var result = await Extract(new NonSeekableStream(tar));

        Assert.Equal(ArchiveFormat.TarGzip, result.Format);
        Assert.True(File.Exists(Path.Combine(Destination, "package.json")));
    }

    [Fact]
    public async Task ExtractAsync_PlainTar_IsRecognised()
    {
        using var tar = Tar(TarFile("package.json", "{}"), TarFile("a/b.txt", "b"));

        var result = await Extract(tar);

        Assert.Equal(ArchiveFormat.Tar, result.Format);
        Assert.Equal("b", File.ReadAllText(Path.Combine(Destination, "a", "b.txt")));
    }

    [Fact]
    public async Task ExtractAsync_InRootSymlink_IsKept()
    {
        using var tar = TarGz(TarFile("a/target.txt", "t"), Link(TarEntryType.SymbolicLink, "b/link", "../a/target.txt"));

        var result = await Extract(tar);

        Assert.Equal(1, result.SymbolicLinks);
        Assert.Equal("t", File.ReadAllText(Path.Combine(Destination, "b", "link")));
    }

    [Fact]
    public async Task ExtractAsync_ZipSlip_IsRejectedAndNothingWritten()
    {
        using var zip = Zip(("ok.txt", "fine"), ("../evil.txt", "pwned"));

        var error = await AssertRejected(zip, ArchiveRejectionReason.ParentTraversal);

        Assert.Equal("../evil.txt", error.EntryName);
        Assert.False(File.Exists(_temp.Combine("evil.txt")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_BackslashZipSlip_IsRejected()
    {
        using var zip = Zip(("..\\evil.txt", "pwned"));

        await AssertRejected(zip, ArchiveRejectionReason.ParentTraversal);
    }

    [Fact]
    public async Task ExtractAsync_AbsolutePath_IsRejected()
    {
        using var tar = TarGz(TarFile("/tmp/orch-absolute-test.txt", "pwned"));

        await AssertRejected(tar, ArchiveRejectionReason.AbsolutePath);
    }

    [Fact]
    public async Task ExtractAsync_SymlinkLeavingRoot_IsRejected()
    {
        using var tar = TarGz(Link(TarEntryType.SymbolicLink, "etc", "../../../../etc"));

        await AssertRejected(tar, ArchiveRejectionReason.LinkEscape);
    }

    [Fact]
    public async Task ExtractAsync_AbsoluteSymlink_IsRejected()
    {
        using var tar = TarGz(Link(TarEntryType.SymbolicLink, "passwd", "/etc/passwd"));

        await AssertRejected(tar, ArchiveRejectionReason.LinkEscape);
    }

    [Fact]
    public async Task ExtractAsync_FileWrittenThroughSymlink_IsRejected()
    {
        using var tar = TarGz(Folder("sub/"), Link(TarEntryType.SymbolicLink, "d", "sub"), TarFile("d/x.txt", "x"));

        await AssertRejected(tar, ArchiveRejectionReason.LinkEscape);
    }

    [Fact]
    public async Task ExtractAsync_LinkThroughLinkToRoot_IsRejected()
    {
        // "c" -> "." makes "x/y/a" -> "../../c/.." look inside the root to a lexical check, but it is the root's parent.
        using var tar = TarGz(Folder("x/y/"), Link(TarEntryType.SymbolicLink, "x/y/a", "../../c/.."), Link(TarEntryType.SymbolicLink, "c", "."));

        await AssertRejected(tar, ArchiveRejectionReason.LinkEscape);
    }

    [Fact]
    public async Task ExtractAsync_ZipSymlinkLeavingRoot_IsRejected()
    {
        using var zip = ZipWithModes(("link", "/etc/passwd", 0xA1FF));

        await AssertRejected(zip, ArchiveRejectionReason.LinkEscape);
    }

    [Fact]
    public async Task ExtractAsync_HardLink_IsRejected()
    {
        using var tar = TarGz(TarFile("a.txt", "a"), Link(TarEntryType.HardLink, "b.txt", "/etc/shadow"));

        await AssertRejected(tar, ArchiveRejectionReason.HardLink);
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    [InlineData(TarEntryType.Fifo)]
    public async Task ExtractAsync_SpecialFile_IsRejected(TarEntryType type)
    {
        using var tar = TarGz(Special(type, "dev"));

        await AssertRejected(tar, ArchiveRejectionReason.SpecialFile);
    }

    [Fact]
    public async Task ExtractAsync_ZipCharacterDevice_IsRejected()
    {
        using var zip = ZipWithModes(("dev", "", 0x21B6));

        await AssertRejected(zip, ArchiveRejectionReason.SpecialFile);
    }

    [Fact]
    public async Task ExtractAsync_ZipBomb_IsRejectedByRatio()
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[16 << 20]);
        }

        stream.Position = 0;
        await AssertRejected(stream, ArchiveRejectionReason.CompressionRatio);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ExtractAsync_TarGzBomb_IsRejectedByRatio()
    {
        using var tar = TarGz(Zeros("zeros.bin", 16 << 20));

        await AssertRejected(tar, ArchiveRejectionReason.CompressionRatio);
    }

    [Fact]
    public async Task ExtractAsync_TooManyEntries_IsRejected()
    {
        using var zip = Zip(Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", (string?)"x")).ToArray());

        await AssertRejected(zip, ArchiveRejectionReason.TooManyEntries, ExtractionLimits.Default with { MaxEntries = 10 });
    }

    [Fact]
    public async Task ExtractAsync_TarTooManyEntries_IsRejected()
    {
        using var tar = TarGz(Enumerable.Range(0, 11).Select(i => (TarEntry)TarFile($"f{i}.txt", "x")).ToArray());

        await AssertRejected(tar, ArchiveRejectionReason.TooManyEntries, ExtractionLimits.Default with { MaxEntries = 10 });
    }

    [Fact]
    public async Task ExtractAsync_EntryOverLimit_IsRejected()
    {
        using var tar = TarGz(TarFile("big.txt", new string('a', 2000)));

        await AssertRejected(tar, ArchiveRejectionReason.EntryTooLarge, ExtractionLimits.Default with { MaxEntryBytes = 1000 });
    }

    [Fact]
    public async Task ExtractAsync_TotalOverLimit_IsRejected()
    {
        using var tar = TarGz(TarFile("a.txt", new string('a', 600)), TarFile("b.txt", new string('b', 600)));

        await AssertRejected(tar, ArchiveRejectionReason.TotalTooLarge, ExtractionLimits.Default with { MaxTotalBytes = 1000 });
    }

    [Fact]
    public async Task ExtractAsync_NotAnArchive_IsRejectedAsUnknown()
    {
        using var text = new MemoryStream("just some text, named app.zip"u8.ToArray());

        await AssertRejected(text, ArchiveRejectionReason.UnknownFormat);
    }

    [Fact]
    public async Task ExtractAsync_TruncatedTarGz_IsRejectedAsCorrupt()
    {
        using var whole = TarGz(TarFile("a.txt", string.Concat(Enumerable.Range(0, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        using var truncated = new MemoryStream(whole.ToArray()[..(int)(whole.Length / 2)]);

        var error = await AssertRejected(truncated, ArchiveRejectionReason.Corrupt);

        Assert.False(error.Retryable);
        Assert.Equal("ArchiveRejected", error.Code);
    }

    private Task<ExtractionResult> Extract(Stream source) =>
        ArchiveExtractor.ExtractAsync(source, Destination, ExtractionLimits.Default, _timeout.Token);

    private async Task<ArchiveRejectedException> AssertRejected(Stream source, ArchiveRejectionReason reason, ExtractionLimits? limits = null)
    {
        var error = await Assert.ThrowsAsync<ArchiveRejectedException>(() =>
            ArchiveExtractor.ExtractAsync(source, Destination, limits ?? ExtractionLimits.Default, _timeout.Token));
        Assert.Equal(reason, error.Reason);
        Assert.False(error.Retryable);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
        return error;
    }
}
