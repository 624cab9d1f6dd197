using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Storage.Signing;

/// <summary>
/// OSS Signature V4 (<c>OSS4-HMAC-SHA256</c>) by Alibaba Cloud's documented algorithm: canonical request,
/// string to sign, a signing key derived from the secret, date, region and product, and the Authorization header.
/// Shared by the client (to sign) and the local server (to verify), and pinned by the official SDKs' vectors.
/// </summary>
public static class OssV4Signer
{
    public const string Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DateHeader = "x-oss-date";
    public const string ContentSha256Header = "x-oss-content-sha256";
    public const string SecurityTokenHeader = "x-oss-security-token";
    public const string Product = "oss";

    /// <summary>The <c>x-oss-date</c> value: ISO 8601 basic, UTC.</summary>
    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an <c>x-oss-date</c> value; null when malformed.</summary>
    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    /// <summary>Adds what V4 signs besides the caller's headers: <c>x-oss-date</c>, <c>x-oss-content-sha256</c> (unless set), and the STS token.</summary>
    public static void AddSigningHeaders(IDictionary<string, string> headers, DateTimeOffset time, string? securityToken)
    {
        headers[DateHeader] = FormatDate(time);
        if (!headers.ContainsKey(ContentSha256Header))
        {
            headers[ContentSha256Header] = UnsignedPayload;
        }

        if (!string.IsNullOrEmpty(securityToken))
        {
            headers[SecurityTokenHeader] = securityToken;
        }
    }

    /// <summary>The additional headers that are really signed: present, not signed by default, lower-case, sorted.</summary>
    public static IReadOnlyList<string> EffectiveAdditionalHeaders(SigningRequest request)
    {
        var present = new HashSet<string>(request.Headers.Keys.Select(k => k.ToLowerInvariant()), StringComparer.Ordinal);
        return request.AdditionalHeaders
            .Select(h => h.Trim().ToLowerInvariant())
            .Where(h => h.Length > 0 && present.Contains(h) && !IsDefaultSigned(h))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string CanonicalRequest(SigningRequest request)
    {
        var additional = EffectiveAdditionalHeaders(request);
        var builder = new StringBuilder(512);
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(request.Bucket, request.Key)).Append('\n');
        builder.Append(CanonicalQuery(request.Query)).Append('\n');

        var headers = request.Headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .Where(h => IsDefaultSigned(h.Name) || additional.Contains(h.Name))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', additional)).Append('\n');
        var payload = request.Headers.FirstOrDefault(h => string.Equals(h.Key, ContentSha256Header, StringComparison.OrdinalIgnoreCase)).Value;
        builder.Append(string.IsNullOrEmpty(payload) ? UnsignedPayload : payload);
        return builder.ToString();
    }

    public static string Scope(DateTimeOffset time, string region) =>
        $"{time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{region}/{Product}/aliyun_v4_request";

    public static string StringToSign(DateTimeOffset time, string region, string canonicalRequest) =>
        $"{Algorithm}\n{FormatDate(time)}\n{Scope(time, region)}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>The hex signature of <paramref name="stringToSign"/> with the key derived from the secret.</summary>
    public static string Signature(string accessKeySecret, DateTimeOffset time, string region, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("aliyun_v4" + accessKeySecret), Encoding.UTF8.GetBytes(time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Product));
        key = HMACSHA256.HashData(key, "aliyun_v4_request"u8.ToArray());
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>The full Authorization header value for <paramref name="request"/> signed at <paramref name="time"/>.</summary>
    public static string Authorization(SigningRequest request, string accessKeyId, string accessKeySecret, string region, DateTimeOffset time)
    {
        var signature = Signature(accessKeySecret, time, region, StringToSign(time, region, CanonicalRequest(request)));
        var additional = EffectiveAdditionalHeaders(request);
        var builder = new StringBuilder(Algorithm).Append(" Credential=").Append(accessKeyId).Append('/').Append(Scope(time, region));
        if (additional.Count > 0)
        {
            builder.Append(",AdditionalHeaders=").Append(string.Join(';', additional));
        }

        return builder.Append(",Signature=").Append(signature).ToString();
    }

    /// <summary>Headers every V4 request signs: all <c>x-oss-*</c>, Content-Type and Content-MD5.</summary>
    public static bool IsDefaultSigned(string lowerName) =>
        lowerName.StartsWith("x-oss-", StringComparison.Ordinal) || lowerName is "content-type" or "content-md5";

    private static string CanonicalUri(string? bucket, string? key)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            return "/";
        }

        return "/" + OssEncoding.Encode(bucket) + "/" + OssEncoding.Encode(key ?? string.Empty, keepSlash: true);
    }

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        string.Join('&', query
            .Select(p => (Key: OssEncoding.Encode(p.Key), Value: string.IsNullOrEmpty(p.Value) ? null : OssEncoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Value is null ? p.Key : p.Key + "=" + p.Value));
}
