using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Storage.Signing;

/// <summary>
/// OSS Signature V1 (<c>Authorization: OSS AccessKeyId:Signature</c>, HMAC-SHA1 over VERB, Content-MD5,
/// Content-Type, Date, the <c>x-oss-*</c> headers and the canonical resource). Older SDKs and tools still send it,
/// so the local server accepts it.
/// </summary>
public static class OssV1Signer
{
    /// <summary>Query parameters that are part of the V1 canonical resource (OSS's sub-resource list).</summary>
    private static readonly HashSet<string> SubResources = new(StringComparer.Ordinal)
    {
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
        "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style",
        "styleName", "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp",
        "qos", "live", "status", "vod", "startTime", "endTime", "symlink", "x-oss-process", "response-content-type",
        "response-content-language", "response-expires", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication",
        "udfApplicationLog", "restore", "callback", "callback-var", "continuation-token", "policy", "stat",
        "encryption", "versions", "versioning", "versionId", "sequential", "inventory", "inventoryId", "worm", "wormId",
        "wormExtend",
    };

    public static string StringToSign(SigningRequest request)
    {
        string Header(string name) =>
            request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim() ?? string.Empty;

        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append(Header("Date")).Append('\n');
        foreach (var (name, value) in request.Headers
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
                     .Where(h => h.Name.StartsWith("x-oss-", StringComparison.Ordinal))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('/');
        if (!string.IsNullOrEmpty(request.Bucket))
        {
            builder.Append(request.Bucket).Append('/').Append(request.Key);
        }

        var sub = request.Query
            .Where(p => SubResources.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.IsNullOrEmpty(p.Value) ? p.Key : p.Key + "=" + p.Value)
            .ToList();
        if (sub.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', sub));
        }

        return builder.ToString();
    }

    /// <summary>The base64 HMAC-SHA1 signature.</summary>
    public static string Signature(string accessKeySecret, SigningRequest request) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(StringToSign(request))));
}
