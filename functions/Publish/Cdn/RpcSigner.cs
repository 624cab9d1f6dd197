using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>
/// Alibaba Cloud's RPC-style request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as documented:
/// StringToSign = METHOD &amp; enc("/") &amp; enc(canonical query), the query being the parameters sorted by name and
/// RFC 3986-encoded; Signature = Base64(HMAC-SHA1(secret + "&amp;", StringToSign)).
/// </summary>
public static class RpcSigner
{
    public static string StringToSign(string method, IReadOnlyDictionary<string, string> parameters) =>
        method + "&" + Encode("/") + "&" + Encode(CanonicalQuery(parameters));

    public static string Sign(string method, IReadOnlyDictionary<string, string> parameters, string accessKeySecret)
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret + "&");
        var data = Encoding.UTF8.GetBytes(StringToSign(method, parameters));
        return Convert.ToBase64String(HMACSHA1.HashData(key, data));
    }

    /// <summary>The parameters sorted by name (ordinal), each name and value encoded, joined with '&amp;'.</summary>
    public static string CanonicalQuery(IReadOnlyDictionary<string, string> parameters) =>
        string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    /// <summary>
    /// RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are; hex digits upper-case
    /// (so a space is %20 and '*' is %2A, as the signature rules require).
    /// </summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
