using Orchestrator.Archives;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Archives;

public sealed class ArchiveWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task WriteTarGzAsync_SameTree_GivesSameBytes()
    {
        var source = MakeTree();
        var first = await Write(source, ArchiveWriteOptions.Default);
        File.SetLastWriteTimeUtc(Path.Combine(source, "b.txt"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));

        var second = await Write(source, ArchiveWriteOptions.Default);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task WriteTarGzAsync_RoundTrip_RestoresFilesAndExecutableBit()
    {
        var source = MakeTree();
        var bytes = await Write(source, ArchiveWriteOptions.Default);
        var target = _temp.Combine("restored");

        using var stream = new MemoryStream(bytes);
        var result = await ArchiveExtractor.ExtractAsync(stream, target, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, _timeout.Token);

        Assert.Equal(4, result.Files);
        Assert.Equal("b", File.ReadAllText(Path.Combine(target, "b.txt")));
        Assert.Equal("c", File.ReadAllText(Path.Combine(target, "sub", "c.txt")));
        Assert.Equal(0, new FileInfo(Path.Combine(target, "empty.txt")).Length);
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(target, "sub", "run.sh")) & UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task WriteTarGzAsync_Links_AreLeftOutByDefaultAndKeptInRootWhenAsked()
    {
        var source = MakeTree();
        File.CreateSymbolicLink(Path.Combine(source, "inside"), "sub/c.txt");
        File.CreateSymbolicLink(Path.Combine(source, "outside"), "/etc/passwd");

        var plain = await Restore(await Write(source, ArchiveWriteOptions.Default), "plain");
        var linked = await Restore(await Write(source, new ArchiveWriteOptions { IncludeSymbolicLinks = true }), "linked");

        Assert.False(Path.Exists(Path.Combine(plain, "inside")));
        Assert.False(Path.Exists(Path.Combine(plain, "outside")));
        Assert.Equal("sub/c.txt", new FileInfo(Path.Combine(linked, "inside")).LinkTarget);
        Assert.Null(new FileInfo(Path.Combine(linked, "outside")).LinkTarget);
        Assert.False(Path.Exists(Path.Combine(linked, "outside")));
    }

    [Fact]
    public async Task WriteTarGzAsync_ChosenPathsExact_HoldsOnlyThemAndFailsOnALinkItWouldDrop()
    {
        var source = MakeTree();
        File.CreateSymbolicLink(Path.Combine(source, "sub", "up"), "../b.txt");
        var chosen = new ArchiveWriteOptions { IncludeSymbolicLinks = true, Exact = true, Paths = ["sub"] };

        var restored = await Restore(await Write(source, chosen), "chosen");
        File.CreateSymbolicLink(Path.Combine(source, "sub", "away"), "../../elsewhere");
        var failure = await Assert.ThrowsAsync<EntryNotArchivableException>(() => Write(source, chosen));

        Assert.Equal(["sub"], Directory.GetFileSystemEntries(restored).Select(Path.GetFileName));
        Assert.Equal("../b.txt", new FileInfo(Path.Combine(restored, "sub", "up")).LinkTarget);
        Assert.Equal("sub/away", failure.RelativePath);
    }

    private string MakeTree()
    {
        var source = _temp.Combine("src");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "b.txt"), "b");
        File.WriteAllText(Path.Combine(source, "empty.txt"), string.Empty);
        File.WriteAllText(Path.Combine(source, "sub", "c.txt"), "c");
        File.WriteAllText(Path.Combine(source, "sub", "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(source, "sub", "run.sh"), (UnixFileMode)0b111_101_101);
        return source;
    }

    private async Task<byte[]> Write(string source, ArchiveWriteOptions options)
    {
        using var output = new MemoryStream();
        await ArchiveWriter.WriteTarGzAsync(source, output, options, _timeout.Token);
        return output.ToArray();
    }

    private async Task<string> Restore(byte[] bytes, string name)
    {
        var target = _temp.Combine(name);
        using var stream = new MemoryStream(bytes);
        await ArchiveExtractor.ExtractAsync(stream, target, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, _timeout.Token);
        return target;
    }
}
