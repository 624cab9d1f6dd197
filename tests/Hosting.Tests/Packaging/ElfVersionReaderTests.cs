using System.Runtime.InteropServices;
using Orchestrator.Tools.Packaging.Elf;

namespace Orchestrator.Hosting.Tests.Packaging;

/// <summary>The ELF reader on real binaries: the .NET runtime's own native libraries on this machine.</summary>
public sealed class ElfVersionReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-elf-").FullName;

    public static string RuntimeLibrary(string name) => Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name);

    [Fact]
    public void Read_Libcoreclr_NeedsGlibcVersionsFromLibc()
    {
        var needs = ElfVersionReader.Read(RuntimeLibrary("libcoreclr.so"));

        Assert.Contains(needs, n => n.Library == "libc.so.6" && n.Version.StartsWith("GLIBC_2.", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SectionHeadersStripped_SameNeedsFromDynamicSegment()
    {
        var original = RuntimeLibrary("libSystem.Native.so");
        var stripped = Path.Combine(_folder, "stripped.so");
        var bytes = File.ReadAllBytes(original);
        bytes[0x3C] = 0;
        bytes[0x3D] = 0;
        File.WriteAllBytes(stripped, bytes);

        Assert.Equal(ElfVersionReader.Read(original), ElfVersionReader.Read(stripped));
    }

    [Fact]
    public void Read_TruncatedElf_ThrowsElfFormatException()
    {
        var broken = Path.Combine(_folder, "broken.so");
        File.WriteAllBytes(broken, [.. File.ReadAllBytes(RuntimeLibrary("libSystem.Native.so")).Take(200)]);

        Assert.True(ElfVersionReader.IsElf(broken));
        Assert.Throws<ElfFormatException>(() => ElfVersionReader.Read(broken));
    }

    [Fact]
    public void IsElf_TextFile_False()
    {
        var text = Path.Combine(_folder, "app.json");
        File.WriteAllText(text, "{}");

        Assert.False(ElfVersionReader.IsElf(text));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
