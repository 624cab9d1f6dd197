using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// MNS request signing (HMAC-SHA1, "Sign requests" in the MNS API reference):
/// <c>base64(hmac-sha1(secret, VERB\nCONTENT-MD5\nCONTENT-TYPE\nDATE\n + CanonicalizedMNSHeaders + CanonicalizedResource))</c>,
/// where the canonical headers are the <c>x-mns-*</c> headers, lower-cased, sorted, each <c>name:value\n</c>,
/// and the resource is the request's path and query as sent. Used by the client and by the local MNS service.
/// </summary>
public static class MnsSigner
{
    /// <summary>The prefix of the headers that take part in the signature.</summary>
    public const string HeaderPrefix = "x-mns-";

    /// <summary>The string the signature is computed over.</summary>
    public static string StringToSign(
        string method,
        string? contentMd5,
        string? contentType,
        string date,
        IEnumerable<KeyValuePair<string, string>> headers,
        string resource)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var builder = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(contentMd5).Append('\n')
            .Append(contentType).Append('\n')
            .Append(date).Append('\n');
        var canonical = headers
            .Select(h => KeyValuePair.Create(h.Key.Trim().ToLowerInvariant(), h.Value.Trim()))
            .Where(h => h.Key.StartsWith(HeaderPrefix, StringComparison.Ordinal))
            .OrderBy(h => h.Key, StringComparer.Ordinal);
        foreach (var (name, value) in canonical)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append(resource).ToString();
    }

    /// <summary>The base64 HMAC-SHA1 of <paramref name="stringToSign"/> keyed by the AccessKey secret.</summary>
    public static string Sign(string accessKeySecret, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        ArgumentNullException.ThrowIfNull(stringToSign);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>The <c>Authorization</c> header value: <c>MNS &lt;AccessKeyId&gt;:&lt;signature&gt;</c>.</summary>
    public static string Authorization(string accessKeyId, string signature) => "MNS " + accessKeyId + ":" + signature;

    /// <summary>
    /// The <c>Content-MD5</c> value the MNS SDKs send: base64 of the lower-case hex MD5 of the body (not RFC 1864's
    /// base64 of the raw digest; MNS's own push requests show the same form).
    /// </summary>
    public static string ContentMd5(ReadOnlySpan<byte> body)
    {
        var hex = Convert.ToHexStringLower(MD5.HashData(body));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(hex));
    }
}
