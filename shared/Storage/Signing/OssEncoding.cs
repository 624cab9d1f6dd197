using System.Text;

namespace Orchestrator.Storage.Signing;

/// <summary>RFC 3986 percent-encoding as OSS signs it: only A-Z a-z 0-9 - _ . ~ stay as they are, hex upper-case.</summary>
public static class OssEncoding
{
    /// <summary>Encodes every byte of the UTF-8 form except the unreserved characters (and '/' when asked).</summary>
    public static string Encode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences (and nothing else: '+' stays a plus, as OSS keys may contain it).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    private const string Hex = "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
