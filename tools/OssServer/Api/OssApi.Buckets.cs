using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    private Task CreateBucketAsync(OssCall call)
    {
        store.CreateBucket(call.Bucket);
        return Task.CompletedTask;
    }

    private Task HeadBucketAsync(OssCall call)
    {
        store.Bucket(call.Bucket);
        return Task.CompletedTask;
    }

    private Task ListBucketsAsync(OssCall call, CancellationToken cancellationToken) =>
        WriteXmlAsync(call.Http, new XElement("ListAllMyBucketsResult",
            new XElement("Buckets", store.BucketNames.Select(name => new XElement("Bucket",
                new XElement("Name", name),
                new XElement("Region", eventSource.Region),
                new XElement("StorageClass", "Standard"))))), cancellationToken);

    /// <summary>
    /// ListObjectsV2: keys in byte order after start-after / the continuation token, rolled up into common prefixes
    /// at the delimiter. The continuation token is the last returned key or prefix, base64url-encoded.
    /// </summary>
    private Task ListObjectsAsync(OssCall call, CancellationToken cancellationToken)
    {
        var bucket = store.Bucket(call.Bucket);
        var prefix = call.QueryValue("prefix") ?? string.Empty;
        var delimiter = call.QueryValue("delimiter") ?? string.Empty;
        var startAfter = call.QueryValue("start-after");
        var token = call.QueryValue("continuation-token");
        var urlEncoded = string.Equals(call.QueryValue("encoding-type"), "url", StringComparison.OrdinalIgnoreCase);
        var maxKeysText = call.QueryValue("max-keys") ?? "100";
        if (!int.TryParse(maxKeysText, NumberStyles.None, CultureInfo.InvariantCulture, out var maxKeys) || maxKeys is < 1 or > 1000)
        {
            throw OssErrorException.InvalidArgument($"max-keys must be 1 to 1000, not '{maxKeysText}'.");
        }

        string? after = startAfter;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                after = Encoding.UTF8.GetString(Base64UrlDecode(token));
            }
            catch (FormatException)
            {
                throw OssErrorException.InvalidArgument("The continuation token is invalid.");
            }
        }

        var page = bucket.List(prefix, delimiter, after, maxKeys);
        var contents = page.Objects.Select(record => new XElement("Contents",
            new XElement("Key", Encode(record.Key)),
            new XElement("LastModified", record.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            new XElement("ETag", record.ETag),
            new XElement("Type", record.Multipart ? "Multipart" : "Normal"),
            new XElement("Size", record.Size),
            new XElement("StorageClass", "Standard")));
        string Encode(string value) => urlEncoded ? OssEncoding.Encode(value, keepSlash: true) : value;
        var result = new XElement("ListBucketResult",
            new XElement("Name", bucket.Name),
            new XElement("Prefix", Encode(prefix)),
            new XElement("MaxKeys", maxKeys),
            new XElement("Delimiter", Encode(delimiter)),
            new XElement("IsTruncated", page.Truncated ? "true" : "false"),
            new XElement("KeyCount", page.Objects.Count + page.CommonPrefixes.Count));
        if (urlEncoded)
        {
            result.Add(new XElement("EncodingType", "url"));
        }

        if (startAfter is not null)
        {
            result.Add(new XElement("StartAfter", Encode(startAfter)));
        }

        if (token is not null)
        {
            result.Add(new XElement("ContinuationToken", token));
        }

        if (page.Truncated && page.Last is not null)
        {
            result.Add(new XElement("NextContinuationToken", Base64UrlEncode(Encoding.UTF8.GetBytes(page.Last))));
        }

        result.Add(contents);
        result.Add(page.CommonPrefixes.Select(p => new XElement("CommonPrefixes", new XElement("Prefix", Encode(p)))));
        return WriteXmlAsync(call.Http, result, cancellationToken);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
