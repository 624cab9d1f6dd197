using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Orchestrator.Tools.OssServer.Disk;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    private const long MinPartSize = 100 * 1024;

    private Task InitiateMultipartAsync(OssCall call, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        if (ForbidOverwrite(call) && bucket.Find(call.Key!) is not null)
        {
            throw new OssErrorException(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
        }

        var uploadId = Guid.NewGuid().ToString("N").ToUpperInvariant();
        Directory.CreateDirectory(bucket.UploadFolder(uploadId));
        bucket.Uploads[uploadId] = new UploadRecord(call.Key!, ContentTypeFor(call), call.Header("Cache-Control"), call.UserMetadata());
        return WriteXmlAsync(call.Http, new XElement("InitiateMultipartUploadResult",
            new XElement("Bucket", call.Bucket),
            new XElement("Key", call.Key),
            new XElement("UploadId", uploadId)), cancellationToken);
    }

    private async Task UploadPartAsync(OssCall call, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        var (uploadId, upload) = FindUpload(bucket, call);
        var numberText = call.QueryValue("partNumber");
        if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 10000)
        {
            throw OssErrorException.InvalidArgument($"partNumber must be 1 to 10000, not '{numberText}'.");
        }

        var temp = bucket.TempPath();
        var (size, md5) = await BlobWriter.WriteAsync(call.Http.Request.Body, temp, maxObjectSize, cancellationToken);
        File.Move(temp, Path.Combine(bucket.UploadFolder(uploadId), number.ToString(CultureInfo.InvariantCulture)), overwrite: true);
        lock (upload.Parts)
        {
            upload.Parts[number] = (md5, size);
        }

        call.Http.Response.Headers.ETag = BlobWriter.ETagOf(md5);
    }

    private async Task CompleteMultipartAsync(OssCall call, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        var (uploadId, upload) = FindUpload(bucket, call);
        var document = await XDocument.LoadAsync(call.Http.Request.Body, LoadOptions.None, cancellationToken);
        var requested = (document.Root?.Elements("Part") ?? [])
            .Select(p => (Number: int.Parse(p.Element("PartNumber")?.Value ?? "0", CultureInfo.InvariantCulture), ETag: p.Element("ETag")?.Value ?? string.Empty))
            .ToList();
        if (requested.Count == 0)
        {
            throw new OssErrorException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate: no parts.");
        }

        Dictionary<int, (byte[] Md5, long Size)> parts;
        lock (upload.Parts)
        {
            parts = new Dictionary<int, (byte[] Md5, long Size)>(upload.Parts);
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var (number, etag) = requested[i];
            if (i > 0 && number <= requested[i - 1].Number)
            {
                throw new OssErrorException(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
            }

            if (!parts.TryGetValue(number, out var part) || !string.Equals(etag.Trim('"'), Convert.ToHexString(part.Md5), StringComparison.OrdinalIgnoreCase))
            {
                throw new OssErrorException(400, "InvalidPart", $"Part {number} was not uploaded or its ETag does not match.");
            }

            if (i < requested.Count - 1 && part.Size < MinPartSize)
            {
                throw new OssErrorException(400, "EntityTooSmall", $"Part {number} is smaller than the minimum allowed size of {MinPartSize} bytes.");
            }
        }

        var (blobId, blobPath) = bucket.NewBlob();
        long total = 0;
        using var etagHash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using (var output = new FileStream(blobPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            foreach (var (number, _) in requested)
            {
                await using var input = new FileStream(Path.Combine(bucket.UploadFolder(uploadId), number.ToString(CultureInfo.InvariantCulture)), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await input.CopyToAsync(output, 128 * 1024, cancellationToken);
                total += parts[number].Size;
                etagHash.AppendData(parts[number].Md5);
            }
        }

        var etagValue = "\"" + Convert.ToHexString(etagHash.GetHashAndReset()) + "-" + requested.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        var record = new ObjectRecord(upload.Key, blobId, total, etagValue, timeProvider.GetUtcNow(), upload.ContentType, upload.CacheControl, upload.Metadata, Multipart: true);
        var previous = bucket.Commit(record, ForbidOverwrite(call));
        bucket.Uploads.TryRemove(uploadId, out _);
        Directory.Delete(bucket.UploadFolder(uploadId), recursive: true);
        call.Http.Response.Headers.ETag = record.ETag;
        await WriteXmlAsync(call.Http, new XElement("CompleteMultipartUploadResult",
            new XElement("Location", $"/{call.Bucket}/{record.Key}"),
            new XElement("Bucket", call.Bucket),
            new XElement("Key", record.Key),
            new XElement("ETag", record.ETag)), cancellationToken);
        Notify(call, "ObjectCreated:CompleteMultipartUpload", record, previous);
    }

    private Task AbortMultipartAsync(OssCall call)
    {
        var bucket = store.Bucket(call.Bucket);
        var (uploadId, _) = FindUpload(bucket, call);
        bucket.Uploads.TryRemove(uploadId, out _);
        Directory.Delete(bucket.UploadFolder(uploadId), recursive: true);
        call.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static (string UploadId, UploadRecord Upload) FindUpload(BucketStore bucket, OssCall call)
    {
        var uploadId = call.QueryValue("uploadId") ?? string.Empty;
        if (!bucket.Uploads.TryGetValue(uploadId, out var upload) || upload.Key != call.Key)
        {
            throw new OssErrorException(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                new Dictionary<string, string> { ["UploadId"] = uploadId });
        }

        return (uploadId, upload);
    }
}
