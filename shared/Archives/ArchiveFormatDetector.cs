namespace Orchestrator.Archives;

/// <summary>
/// Tells an archive's format from its first bytes, never from its name: an upload called <c>app.zip</c> may be a
/// tarball, and a name is whatever the uploader typed.
/// </summary>
public static class ArchiveFormatDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants to see (a tar header block).</summary>
    public const int HeaderLength = 512;

    /// <summary>The format, or null when the bytes are none of zip, gzip or tar.</summary>
    public static ArchiveFormat? Detect(ReadOnlySpan<byte> header)
    {
        // Local file header, or the end-of-central-directory record of an empty zip.
        if (header.Length >= 4 && header[0] == (byte)'P' && header[1] == (byte)'K'
            && ((header[2] == 3 && header[3] == 4) || (header[2] == 5 && header[3] == 6)))
        {
            return ArchiveFormat.Zip;
        }

        if (header.Length >= 2 && header[0] == 0x1F && header[1] == 0x8B)
        {
            return ArchiveFormat.TarGzip;
        }

        // POSIX/GNU tar put "ustar" at offset 257 of the first header block.
        if (header.Length >= 262 && header.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return ArchiveFormat.Tar;
        }

        return null;
    }
}
