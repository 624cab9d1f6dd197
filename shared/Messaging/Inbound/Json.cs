using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Messaging.Inbound;

/// <summary>Reading fields out of an event with a clear error naming the field when one is missing or wrong.</summary>
internal static class Json
{
    public static JsonElement Object(JsonElement parent, string name, string code, string where)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        throw new InvalidEventException(code, $"{where}: \"{name}\" must be an object.");
    }

    public static string String(JsonElement parent, string name, string code, string where) =>
        OptionalString(parent, name, code, where) is { Length: > 0 } value
            ? value
            : throw new InvalidEventException(code, $"{where}: \"{name}\" must be a non-empty string.");

    public static string? OptionalString(JsonElement parent, string name, string code, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidEventException(code, $"{where}: \"{name}\" must be a string.");
    }

    public static long Int64(JsonElement parent, string name, string code, string where)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw new InvalidEventException(code, $"{where}: \"{name}\" must be an integer.");
    }

    public static DateTimeOffset Time(JsonElement parent, string name, string code, string where)
    {
        var text = String(parent, name, code, where);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new InvalidEventException(code, $"{where}: \"{name}\" is not a date and time: \"{text}\".");
    }

    public static bool Has(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);
}
