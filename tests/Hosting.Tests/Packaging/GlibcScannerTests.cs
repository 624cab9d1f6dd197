using Orchestrator.Tools.Packaging.Glibc;

namespace Orchestrator.Hosting.Tests.Packaging;

public sealed class GlibcScannerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-glibc-").FullName;

    [Fact]
    public void TooNew_RuntimeOlderThanTheLibrary_NamesTheFileAndVersion()
    {
        File.Copy(ElfVersionReaderTests.RuntimeLibrary("libSystem.Native.so"), Path.Combine(_folder, "libSystem.Native.so"));
        File.WriteAllText(Path.Combine(_folder, "app.dll.json"), "{}");

        var requirements = GlibcScanner.Scan(_folder);
        var ancient = new FcRuntime("ancient", "none", new Version(2, 0));
        var future = new FcRuntime("future", "none", new Version(99, 0));

        var requirement = Assert.Single(requirements);
        Assert.Equal("libSystem.Native.so", requirement.RelativePath);
        Assert.Equal("GLIBC_" + requirement.Glibc, requirement.Symbol);
        Assert.Equal(requirement, Assert.Single(GlibcScanner.TooNew(requirements, ancient)));
        Assert.Empty(GlibcScanner.TooNew(requirements, future));
    }

    [Theory]
    [InlineData("custom", "2.24")]
    [InlineData("custom.debian10", "2.28")]
    [InlineData("custom.debian11", "2.31")]
    [InlineData("custom.debian12", "2.36")]
    public void Find_FcRuntime_KnowsItsGlibc(string name, string glibc) =>
        Assert.Equal(Version.Parse(glibc), FcRuntime.Find(name).Glibc);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
