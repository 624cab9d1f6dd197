using System.IO.Compression;
using System.Runtime.Versioning;
using Orchestrator.Tools.Packaging.Zip;

namespace Orchestrator.Hosting.Tests.Packaging;

// FC and this check are Linux-only: Unix file modes do not exist on Windows.
[SupportedOSPlatform("linux")]
public sealed class PackageZipTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-zip-").FullName;

    [Fact]
    public void Create_Bootstrap_KeepsItsExecutableBitThroughUnzip()
    {
        var source = Directory.CreateDirectory(Path.Combine(_folder, "publish")).FullName;
        File.WriteAllText(Path.Combine(source, "bootstrap"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(source, "bootstrap"), (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(source, "wwwroot"));
        File.WriteAllText(Path.Combine(source, "wwwroot", "data.json"), "{}");
        File.SetUnixFileMode(Path.Combine(source, "wwwroot", "data.json"), (UnixFileMode)0b110_100_100);
        var zip = Path.Combine(_folder, "code.zip");

        PackageZip.Create(source, zip);

        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(["bootstrap", "wwwroot/data.json"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            Assert.Equal(0x81EDu, (uint)archive.GetEntry("bootstrap")!.ExternalAttributes >> 16);
            Assert.Equal(0x81A4u, (uint)archive.GetEntry("wwwroot/data.json")!.ExternalAttributes >> 16);
        }

        var unpacked = Path.Combine(_folder, "code");
        ZipFile.ExtractToDirectory(zip, unpacked);
        Assert.True(File.GetUnixFileMode(Path.Combine(unpacked, "bootstrap")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(unpacked, "wwwroot", "data.json")).HasFlag(UnixFileMode.UserExecute));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
