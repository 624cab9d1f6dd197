using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// One OSS notification record (the native trigger's <c>events[i]</c>, or an EventBridge OSS event's <c>data</c>;
/// both carry <c>eventName</c>, <c>eventTime</c>, <c>oss.bucket.name</c>, <c>oss.object.key</c> URL-encoded,
/// <c>eTag</c>, <c>size</c>) → <see cref="ObjectCreated"/>.
/// </summary>
public static class OssEventReader
{
    private const string Code = "MalformedOssEvent";

    internal static ObjectCreated Read(JsonElement record, string where)
    {
        var eventName = Json.String(record, "eventName", Code, where);
        // The EventBridge form's type is "oss:ObjectCreated:PutObject"; its data's eventName has no "oss:" prefix.
        if (!eventName.StartsWith("ObjectCreated:", StringComparison.Ordinal))
        {
            throw new InvalidEventException("UnsupportedOssEvent", $"{where}: OSS event \"{eventName}\" is not an ObjectCreated event; only uploads start jobs.");
        }

        var oss = Json.Object(record, "oss", Code, where);
        var bucket = Json.String(Json.Object(oss, "bucket", Code, where + ".oss"), "name", Code, where + ".oss.bucket");
        var obj = Json.Object(oss, "object", Code, where + ".oss");
        var encodedKey = Json.String(obj, "key", Code, where + ".oss.object");
        string key;
        try
        {
            // OSS sends keys percent-encoded; '+' is a literal plus (OSS encodes a space as %20), so no form decoding.
            key = Uri.UnescapeDataString(encodedKey);
        }
        catch (UriFormatException exception)
        {
            throw new InvalidEventException(Code, $"{where}: the object key \"{encodedKey}\" is not valid percent-encoding.", exception);
        }

        var etag = Json.String(obj, "eTag", Code, where + ".oss.object").Trim('"');
        var size = Json.Int64(obj, "size", Code, where + ".oss.object");
        var eventTime = Json.Time(record, "eventTime", Code, where);
        return new ObjectCreated(MessageIdFor(bucket, key, etag), eventName, bucket, key, etag, size, eventTime);
    }

    /// <summary>The same upload (bucket, key, ETag) always gets the same message id, whichever form its event took.</summary>
    public static string MessageIdFor(string bucket, string key, string etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(bucket + "\n" + key + "\n" + etag));
        return "oss-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
