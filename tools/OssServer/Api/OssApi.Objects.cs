using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Orchestrator.Tools.OssServer.Disk;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private async Task PutObjectAsync(OssCall call, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        if (call.Http.Request.ContentLength > maxObjectSize)
        {
            throw new OssErrorException(400, "EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {maxObjectSize} bytes.");
        }

        // A small body with a declared length is kept inside the record's file: creating files dominates the cost of
        // a small PUT (the kernel's inode allocation), and this halves them.
        string blobId = string.Empty, path = string.Empty;
        byte[]? inline = null;
        long size;
        byte[] md5;
        if (call.Http.Request.ContentLength is { } declared && declared <= ObjectRecord.InlineLimit)
        {
            inline = await BlobWriter.ReadSmallAsync(call.Http.Request.Body, (int)declared, cancellationToken);
            (size, md5) = (inline.Length, MD5.HashData(inline));
        }
        else
        {
            (blobId, path) = bucket.NewBlob();
            (size, md5) = await BlobWriter.WriteAsync(call.Http.Request.Body, path, maxObjectSize, cancellationToken);
        }

        var expectedMd5 = call.Header("Content-MD5");
        if (expectedMd5 is not null && expectedMd5 != Convert.ToBase64String(md5))
        {
            if (inline is null)
            {
                File.Delete(path);
            }

            throw new OssErrorException(400, "InvalidDigest", "The Content-MD5 you specified did not match what we received.");
        }

        var record = new ObjectRecord(call.Key!, blobId, size, BlobWriter.ETagOf(md5), timeProvider.GetUtcNow(), ContentTypeFor(call), call.Header("Cache-Control"), call.UserMetadata(), Multipart: false, inline);
        var previous = bucket.Commit(record, ForbidOverwrite(call));
        call.Http.Response.Headers.ETag = record.ETag;
        Notify(call, "ObjectCreated:PutObject", record, previous);
    }

    private async Task GetObjectAsync(OssCall call, bool headOnly, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        var record = bucket.Find(call.Key!) ?? throw OssErrorException.NoSuchKey(call.Key!);
        Stream file;
        try
        {
            file = bucket.OpenRead(record);
        }
        catch (FileNotFoundException)
        {
            // Overwritten or deleted between the lookup and the open: answer with what is there now.
            record = bucket.Find(call.Key!) ?? throw OssErrorException.NoSuchKey(call.Key!);
            file = bucket.OpenRead(record);
        }

        await using (file)
        {
            CheckConditions(call, record);
            var response = call.Http.Response;
            WriteObjectHeaders(response, record);
            var (start, length, partial) = ParseRange(call.Header("Range"), record.Size);
            if (partial)
            {
                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{record.Size}";
            }

            response.ContentLength = length;
            if (headOnly || length == 0)
            {
                return;
            }

            file.Position = start;
            await CopyAsync(file, response.Body, length, cancellationToken);
        }
    }

    private Task DeleteObjectAsync(OssCall call)
    {
        store.Bucket(call.Bucket).Delete(call.Key!);
        call.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static void CheckConditions(OssCall call, ObjectRecord record)
    {
        var ifMatch = call.Header("If-Match");
        if (ifMatch is not null && !EtagListMatches(ifMatch, record.ETag))
        {
            throw new OssErrorException(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", new Dictionary<string, string> { ["Condition"] = "If-Match" });
        }

        var ifNoneMatch = call.Header("If-None-Match");
        if (ifNoneMatch is not null && EtagListMatches(ifNoneMatch, record.ETag))
        {
            call.Http.Response.Headers.ETag = record.ETag;
            throw new OssErrorException(304, "NotModified", "Not Modified");
        }
    }

    private static bool EtagListMatches(string header, string etag) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(e => e == "*" || string.Equals(e.Trim('"'), etag.Trim('"'), StringComparison.OrdinalIgnoreCase));

    /// <summary>A single <c>bytes=a-b</c>, <c>a-</c> or <c>-n</c> range; anything else means the whole object, as OSS does.</summary>
    private static (long Start, long Length, bool Partial) ParseRange(string? header, long size)
    {
        if (size == 0)
        {
            return (0, 0, false);
        }

        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return (0, size, false);
        }

        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return (0, size, false);
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0)
            {
                return (0, size, false);
            }

            var length = Math.Min(suffix, size);
            return (size - length, length, true);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return (0, size, false);
        }

        long end = size - 1;
        if (last.Length > 0 && (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start))
        {
            return (0, size, false);
        }

        if (start >= size)
        {
            throw new OssErrorException(416, "InvalidRange", "The requested range is not satisfiable.");
        }

        end = Math.Min(end, size - 1);
        return (start, end - start + 1, true);
    }

    private static void WriteObjectHeaders(HttpResponse response, ObjectRecord record)
    {
        response.ContentType = record.ContentType;
        response.Headers.ETag = record.ETag;
        response.Headers.LastModified = record.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.Headers["x-oss-object-type"] = record.Multipart ? "Multipart" : "Normal";
        response.Headers["x-oss-storage-class"] = "Standard";
        if (record.CacheControl is not null)
        {
            response.Headers.CacheControl = record.CacheControl;
        }

        foreach (var (name, value) in record.Metadata)
        {
            response.Headers["x-oss-meta-" + name] = value;
        }
    }

    private static async Task CopyAsync(Stream source, Stream target, long length, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            while (length > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string ContentTypeFor(OssCall call) =>
        call.Header("Content-Type") is { Length: > 0 } given ? given
        : ContentTypes.TryGetContentType(call.Key ?? string.Empty, out var guessed) ? guessed
        : "application/octet-stream";

    private static bool ForbidOverwrite(OssCall call) =>
        string.Equals(call.Header("x-oss-forbid-overwrite"), "true", StringComparison.OrdinalIgnoreCase);
}
