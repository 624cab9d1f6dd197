using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Tools.OssServer.Notifications;

/// <summary>Writes OSS's trigger event document with its fields in the order OSS sends them.</summary>
internal static class OssEventJson
{
    public sealed record Source(string Region, string AccountId, string RuleId, string SourceIp);

    public static string Write(OssNotification n, long deltaSize, Source source)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            w.WriteStartObject();
            w.WriteString("eventName", n.EventName);
            w.WriteString("eventSource", "acs:oss");
            w.WriteString("eventTime", n.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("eventVersion", "1.0");
            w.WriteStartObject("oss");
            w.WriteStartObject("bucket");
            w.WriteString("arn", $"acs:oss:{source.Region}:{source.AccountId}:{n.Bucket}");
            w.WriteString("name", n.Bucket);
            w.WriteString("ownerIdentity", source.AccountId);
            w.WriteString("virtualBucket", string.Empty);
            w.WriteEndObject();
            w.WriteStartObject("object");
            w.WriteNumber("deltaSize", deltaSize);
            w.WriteString("eTag", n.ETag.Trim('"'));
            w.WriteString("key", n.Key);
            w.WriteNumber("size", n.Size);
            w.WriteEndObject();
            w.WriteString("ossSchemaVersion", "1.0");
            w.WriteString("ruleId", source.RuleId);
            w.WriteEndObject();
            w.WriteString("region", source.Region);
            w.WriteStartObject("requestParameters");
            w.WriteString("sourceIPAddress", source.SourceIp);
            w.WriteEndObject();
            w.WriteStartObject("responseElements");
            w.WriteString("requestId", n.RequestId);
            w.WriteEndObject();
            w.WriteStartObject("userIdentity");
            w.WriteString("principalId", source.AccountId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
