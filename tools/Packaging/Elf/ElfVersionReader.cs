using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Tools.Packaging.Elf;

/// <summary>
/// Reads the version needs (<c>.gnu.version_r</c>, <c>Elf64_Verneed</c>/<c>Elf64_Vernaux</c>) of a 64-bit
/// little-endian ELF file, from its section headers or, when those are stripped, from its dynamic segment
/// (<c>DT_VERNEED</c>/<c>DT_VERNEEDNUM</c>/<c>DT_STRTAB</c>). No binutils needed.
/// </summary>
public static class ElfVersionReader
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const long DtNull = 0;
    private const long DtStrtab = 5;
    private const long DtVerneed = 0x6ffffffe;
    private const long DtVerneednum = 0x6fffffff;

    /// <summary>True when the file starts with the ELF magic number.</summary>
    public static bool IsElf(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    /// <summary>The version needs of an ELF file (empty for a static binary or one without versioned symbols).</summary>
    public static IReadOnlyList<ElfVersionNeed> Read(string path)
    {
        var image = File.ReadAllBytes(path);
        var elf = new ElfImage(path, image);
        if (image.Length < 64 || !image.AsSpan(0, 4).SequenceEqual("\u007fELF"u8))
        {
            throw new ElfFormatException(path, "not an ELF file");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new ElfFormatException(path, "only 64-bit little-endian ELF files are supported (FC runs x86-64)");
        }

        return FromSections(elf) ?? FromDynamicSegment(elf) ?? [];
    }

    private static List<ElfVersionNeed>? FromSections(ElfImage elf)
    {
        var sectionOffset = elf.U64(0x28);
        var sectionSize = elf.U16(0x3A);
        var sectionCount = elf.U16(0x3C);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionOffset + ((long)i * sectionSize);
            if (elf.U32(header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var strings = sectionOffset + ((long)elf.U32(header + 40) * sectionSize);
            return Needs(elf, elf.U64(header + 24), (int)elf.U32(header + 44), elf.U64(strings + 24));
        }

        return sectionCount == 0 ? null : [];
    }

    private static List<ElfVersionNeed>? FromDynamicSegment(ElfImage elf)
    {
        var programOffset = elf.U64(0x20);
        var programSize = elf.U16(0x36);
        var programCount = elf.U16(0x38);
        var loads = new List<(long VirtualAddress, long Offset, long Size)>();
        long dynamic = -1;
        for (var i = 0; i < programCount; i++)
        {
            var header = programOffset + ((long)i * programSize);
            var type = elf.U32(header);
            if (type == PtLoad)
            {
                loads.Add((elf.U64(header + 16), elf.U64(header + 8), elf.U64(header + 32)));
            }
            else if (type == PtDynamic)
            {
                dynamic = elf.U64(header + 8);
            }
        }

        if (dynamic < 0)
        {
            return null;
        }

        long verneed = -1, count = 0, strtab = -1;
        for (var entry = dynamic; ; entry += 16)
        {
            var tag = elf.U64(entry);
            var value = elf.U64(entry + 8);
            if (tag == DtNull)
            {
                break;
            }

            (verneed, count, strtab) = tag switch
            {
                DtVerneed => (value, count, strtab),
                DtVerneednum => (verneed, value, strtab),
                DtStrtab => (verneed, count, value),
                _ => (verneed, count, strtab),
            };
        }

        if (verneed < 0 || strtab < 0)
        {
            return [];
        }

        // The dynamic entries hold virtual addresses; the loadable segments map them back to file offsets.
        long ToOffset(long address)
        {
            var (virtualAddress, offset, _) = loads.FirstOrDefault(l => address >= l.VirtualAddress && address < l.VirtualAddress + l.Size);
            return address - virtualAddress + offset;
        }

        return Needs(elf, ToOffset(verneed), (int)count, ToOffset(strtab));
    }

    private static List<ElfVersionNeed> Needs(ElfImage elf, long verneed, int count, long strings)
    {
        var needs = new List<ElfVersionNeed>();
        var entry = verneed;
        for (var i = 0; i < count; i++)
        {
            var auxCount = elf.U16(entry + 2);
            var library = elf.String(strings + elf.U32(entry + 4));
            var aux = entry + elf.U32(entry + 8);
            for (var j = 0; j < auxCount; j++)
            {
                needs.Add(new ElfVersionNeed(library, elf.String(strings + elf.U32(aux + 8))));
                aux += elf.U32(aux + 12);
            }

            var next = elf.U32(entry + 12);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return needs;
    }

    private sealed class ElfImage(string path, byte[] bytes)
    {
        public ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2));

        public uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4));

        public long U64(long offset) => checked((long)BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8)));

        public string String(long offset)
        {
            _ = Slice(offset, 1);
            var end = bytes.AsSpan((int)offset).IndexOf((byte)0);
            return end < 0 ? throw new ElfFormatException(path, $"unterminated string at {offset}") : Encoding.ASCII.GetString(bytes, (int)offset, end);
        }

        private ReadOnlySpan<byte> Slice(long offset, int length) =>
            offset < 0 || offset + length > bytes.Length
                ? throw new ElfFormatException(path, $"header points outside the file (offset {offset})")
                : bytes.AsSpan((int)offset, length);
    }
}
