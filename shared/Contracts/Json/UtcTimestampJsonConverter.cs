using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Json;

/// <summary>
/// Writes timestamps as ISO-8601 in UTC with a <c>Z</c> (<c>2026-11-21T03:57:02.1234567Z</c>); reads any ISO-8601
/// offset. The default form ends in <c>+00:00</c>, and System.Text.Json's default encoder escapes that <c>+</c>
/// as <c>\u002B</c> in every API answer and stored document.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
