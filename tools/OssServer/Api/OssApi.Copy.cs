using System.Globalization;
using System.Xml.Linq;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    /// <summary>CopyObject: the new object gets its own blob (a hard copy), metadata per <c>x-oss-metadata-directive</c>.</summary>
    private async Task CopyObjectAsync(OssCall call, CancellationToken cancellationToken)
    {
        var source = call.Header("x-oss-copy-source")!;
        var path = OssEncoding.Decode(source.Split('?')[0]).TrimStart('/');
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw OssErrorException.InvalidArgument($"x-oss-copy-source '{source}' must be /bucket/key.");
        }

        var directive = call.Header("x-oss-metadata-directive")?.ToUpperInvariant() ?? "COPY";
        if (directive is not ("COPY" or "REPLACE"))
        {
            throw OssErrorException.InvalidArgument($"x-oss-metadata-directive must be COPY or REPLACE, not '{directive}'.");
        }

        var sourceBucket = store.Bucket(path[..slash]);
        var target = store.Bucket(call.Bucket);
        var sourceKey = path[(slash + 1)..];
        var original = sourceBucket.Find(sourceKey) ?? throw OssErrorException.NoSuchKey(sourceKey);
        // An inline source stays inline (its bytes are immutable, so the copy may share them); a blob is copied.
        var blobId = string.Empty;
        if (original.HasBlob)
        {
            string blobPath;
            (blobId, blobPath) = target.NewBlob();
            try
            {
                File.Copy(sourceBucket.BlobPath(original.BlobId), blobPath);
            }
            catch (FileNotFoundException)
            {
                throw OssErrorException.NoSuchKey(sourceKey);
            }
        }

        var replace = directive == "REPLACE";
        var record = original with
        {
            Key = call.Key!,
            BlobId = blobId,
            LastModified = timeProvider.GetUtcNow(),
            ContentType = replace ? ContentTypeFor(call) : original.ContentType,
            CacheControl = replace ? call.Header("Cache-Control") : original.CacheControl,
            Metadata = replace ? call.UserMetadata() : new Dictionary<string, string>(original.Metadata, StringComparer.Ordinal),
        };
        var previous = target.Commit(record, ForbidOverwrite(call));
        call.Http.Response.Headers.ETag = record.ETag;
        await WriteXmlAsync(call.Http, new XElement("CopyObjectResult",
            new XElement("ETag", record.ETag),
            new XElement("LastModified", record.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))), cancellationToken);
        Notify(call, "ObjectCreated:CopyObject", record, previous);
    }
}
