namespace Orchestrator.Archives;

/// <summary>
/// One extraction into one root: checks each entry's path, never writes through a symbolic link, and counts
/// entries and bytes against the limits as they are written (declared sizes can lie).
/// </summary>
internal sealed class ExtractionSession(string root, ExtractionLimits limits)
{
    private const int CopyBufferSize = 81920;

    public string Root { get; } = root;

    public int Entries { get; private set; }

    public int Files { get; private set; }

    public int Directories { get; private set; }

    public int SymbolicLinks { get; private set; }

    public long TotalBytes { get; private set; }

    public ExtractionLimits Limits { get; } = limits;

    /// <summary>Compressed bytes consumed so far (whole archive), for the archive-wide ratio check.</summary>
    public Func<long>? CompressedBytesRead { get; set; }

    public void CountEntry(string entryName)
    {
        Entries++;
        if (Entries > Limits.MaxEntries)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.TooManyEntries, entryName, $"The archive holds more than {Limits.MaxEntries} entries.");
        }
    }

    public void CreateDirectory(string entryName)
    {
        var segments = EntryPath.Split(entryName);
        if (segments.Length == 0)
        {
            return;
        }

        var path = PrepareTarget(entryName, segments);
        if (File.Exists(path))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.PathConflict, entryName, "A folder entry names an existing file.");
        }

        Directory.CreateDirectory(path);
        Directories++;
    }

    /// <summary>Copies one file's data, enforcing the per-entry, total and (for zip) per-entry ratio limits.</summary>
    public async Task WriteFileAsync(string entryName, Stream data, long? compressedLength, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        var segments = EntryPath.Split(entryName);
        if (segments.Length == 0)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.InvalidName, entryName, "A file entry has no name.");
        }

        var path = PrepareTarget(entryName, segments);
        if (Directory.Exists(path))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.PathConflict, entryName, "A file entry names an existing folder.");
        }

        var buffer = new byte[CopyBufferSize];
        long written = 0;
        await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                TotalBytes += read;
                CheckSizes(entryName, written, compressedLength);
                if (CompressedBytesRead is { } compressed)
                {
                    CheckArchiveRatio(compressed(), entryName);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        // Only the executable bit is kept (scripts); other modes from an archive (setuid, world-writable) are not.
        if (!OperatingSystem.IsWindows() && mode is { } m && (m & UnixFileMode.UserExecute) != 0)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        Files++;
    }

    public void CreateSymbolicLink(string entryName, string target)
    {
        if (!Limits.AllowSymbolicLinks)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.LinkNotAllowed, entryName, "Symbolic links are not allowed.");
        }

        var segments = EntryPath.Split(entryName);
        if (segments.Length == 0)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.InvalidName, entryName, "A link entry has no name.");
        }

        var path = PrepareTarget(entryName, segments);
        LinkPolicy.CheckTarget(Root, Path.GetDirectoryName(path)!, target, entryName);
        if (File.Exists(path) || Directory.Exists(path) || IsLink(path))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.PathConflict, entryName, "A link entry names an existing path.");
        }

        File.CreateSymbolicLink(path, target);
        SymbolicLinks++;
    }

    /// <summary>Whole-archive ratio: unpacked bytes so far against compressed bytes read so far.</summary>
    public void CheckArchiveRatio(long compressedBytesRead, string entryName)
    {
        if (TotalBytes > Limits.RatioCheckThresholdBytes && TotalBytes > Limits.MaxCompressionRatio * Math.Max(1, compressedBytesRead))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.CompressionRatio, entryName, $"The archive unpacks to more than {Limits.MaxCompressionRatio}x its compressed size.");
        }
    }

    private void CheckSizes(string entryName, long written, long? compressedLength)
    {
        if (written > Limits.MaxEntryBytes)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.EntryTooLarge, entryName, $"A file unpacks to more than {Limits.MaxEntryBytes} bytes.");
        }

        if (TotalBytes > Limits.MaxTotalBytes)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.TotalTooLarge, entryName, $"The archive unpacks to more than {Limits.MaxTotalBytes} bytes.");
        }

        if (compressedLength is { } c && written > Limits.RatioCheckThresholdBytes && written > Limits.MaxCompressionRatio * Math.Max(1, c))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.CompressionRatio, entryName, $"A file unpacks to more than {Limits.MaxCompressionRatio}x its compressed size.");
        }
    }

    /// <summary>
    /// The entry's full path, with its parent folders created. Every existing component is checked not to be a
    /// symbolic link: writing through a link (even one that looked harmless) is how extraction escapes its root.
    /// </summary>
    private string PrepareTarget(string entryName, string[] segments)
    {
        var current = Root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (IsLink(current))
            {
                throw new ArchiveRejectedException(ArchiveRejectionReason.LinkEscape, entryName, "An entry would be written through a symbolic link.");
            }

            if (File.Exists(current))
            {
                throw new ArchiveRejectedException(ArchiveRejectionReason.PathConflict, entryName, "An entry's folder is a file.");
            }

            Directory.CreateDirectory(current);
        }

        var path = Path.Combine(current, segments[^1]);
        if (IsLink(path))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.LinkEscape, entryName, "An entry would replace a symbolic link.");
        }

        return path;
    }

    internal static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
