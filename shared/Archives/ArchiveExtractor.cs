namespace Orchestrator.Archives;

/// <summary>
/// Unpacks an untrusted archive (zip, tar.gz/tgz or tar, told apart by their bytes) into an empty folder, refusing
/// anything that could write outside it or exhaust the disk. On refusal the folder is left empty and an
/// <see cref="ArchiveRejectedException"/> says why.
/// </summary>
public static class ArchiveExtractor
{
    private const int SpoolBufferSize = 81920;

    /// <summary>Extracts <paramref name="source"/> into <paramref name="destinationDirectory"/> (created if missing; must be empty).</summary>
    /// <exception cref="ArchiveRejectedException">The archive is unknown, corrupt, hostile or over a limit.</exception>
    public static async Task<ExtractionResult> ExtractAsync(Stream source, string destinationDirectory, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationDirectory));
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ArgumentException($"The destination '{root}' is not empty.", nameof(destinationDirectory));
        }

        Directory.CreateDirectory(root);
        try
        {
            return await ExtractCoreAsync(source, root, limits, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            Clear(root);
            throw new ArchiveRejectedException(ArchiveRejectionReason.Corrupt, null, "The archive is corrupt or truncated: " + ex.Message, ex);
        }
        catch
        {
            Clear(root);
            throw;
        }
    }

    private static async Task<ExtractionResult> ExtractCoreAsync(Stream source, string root, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var start = source.CanSeek ? source.Position : 0;
        var header = new byte[ArchiveFormatDetector.HeaderLength];
        var headerLength = await source.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var format = ArchiveFormatDetector.Detect(header.AsSpan(0, headerLength))
            ?? throw new ArchiveRejectedException(ArchiveRejectionReason.UnknownFormat, null, "The file is not a zip, tar.gz or tar archive.");

        var session = new ExtractionSession(root, limits);
        Stream? spool = null;
        try
        {
            Stream body;
            if (source.CanSeek)
            {
                source.Position = start;
                body = source;
            }
            else if (format == ArchiveFormat.Zip)
            {
                // Zip's directory is at the end: it needs a seekable stream, so a network body goes to a temp file first.
                spool = await SpoolAsync(header.AsMemory(0, headerLength), source, limits.MaxTotalBytes, cancellationToken);
                body = spool;
            }
            else
            {
                body = new PrefixedStream(header.AsMemory(0, headerLength), source);
            }

            if (format == ArchiveFormat.Zip)
            {
                await ZipExtraction.ExtractAsync(body, session, cancellationToken);
            }
            else
            {
                await TarExtraction.ExtractAsync(body, format == ArchiveFormat.TarGzip, session, cancellationToken);
            }
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync();
            }
        }

        var stripped = limits.StripSingleTopLevelFolder ? TopLevelFolder.Strip(root) : null;
        LinkPolicy.CheckTree(root);
        return new ExtractionResult(format, session.Files, session.Directories, session.SymbolicLinks, session.TotalBytes, stripped);
    }

    private static async Task<FileStream> SpoolAsync(ReadOnlyMemory<byte> header, Stream rest, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "orchestrator-spool-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, SpoolBufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await file.WriteAsync(header, cancellationToken);
            var buffer = new byte[SpoolBufferSize];
            int read;
            while ((read = await rest.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (file.Length > maxBytes)
                {
                    throw new ArchiveRejectedException(ArchiveRejectionReason.TotalTooLarge, null, $"The archive is larger than {maxBytes} bytes.");
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static void Clear(string root)
    {
        // Directory.Delete removes links themselves, never what they point to.
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            if (Directory.Exists(entry) && !ExtractionSession.IsLink(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }
}
