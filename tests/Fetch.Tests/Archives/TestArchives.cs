using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Orchestrator.Fetch.Tests.Archives;

/// <summary>Builds real archives, well-formed and hostile, in memory.</summary>
public static class TestArchives
{
    public static MemoryStream Zip(params (string Name, string? Content)[] entries) =>
        ZipWithModes(entries.Select(e => (e.Name, e.Content, 0)).ToArray());

    /// <summary>Zip entries with a Unix st_mode in the external attributes (0 = DOS style).</summary>
    public static MemoryStream ZipWithModes(params (string Name, string? Content, int Mode)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                if (mode != 0)
                {
                    entry.ExternalAttributes = mode << 16;
                }

                if (content is not null)
                {
                    using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                    writer.Write(content);
                }
            }
        }

        stream.Position = 0;
        return stream;
    }

    public static MemoryStream TarGz(params TarEntry[] entries)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            WriteTar(gzip, entries);
        }

        stream.Position = 0;
        return stream;
    }

    public static MemoryStream Tar(params TarEntry[] entries)
    {
        var stream = new MemoryStream();
        WriteTar(stream, entries);
        stream.Position = 0;
        return stream;
    }

    public static PaxTarEntry TarFile(string name, string content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        return entry;
    }

    public static PaxTarEntry Zeros(string name, int length) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[length]) };

    public static PaxTarEntry Folder(string name) => new(TarEntryType.Directory, name);

    public static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    public static PaxTarEntry Special(TarEntryType type, string name) => new(type, name);

    private static void WriteTar(Stream destination, TarEntry[] entries)
    {
        using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }
    }
}
