using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Hosting.Logging;

/// <summary>One category's logger for <see cref="JsonLineLoggerProvider"/>.</summary>
internal sealed class JsonLineLogger(string category, LogSink sink, TimeProvider timeProvider, Func<IExternalScopeProvider> scopes) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => scopes().Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            // UTC with a Z, as the stored documents write their times (UtcTimestampJsonConverter).
            json.WriteString("timestamp", timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", logLevel.ToString());
            json.WriteString("category", category);
            json.WriteNumber("eventId", eventId.Id);
            if (eventId.Name is not null)
            {
                json.WriteString("event", eventId.Name);
            }

            json.WriteString("message", formatter(state, exception));
            var written = new HashSet<string>(StringComparer.Ordinal);
            WriteValues(json, state, written);

            // Scopes are reported outermost first; the innermost (the invocation's own) must win over
            // ASP.NET Core's connection-level RequestId.
            var active = new List<object?>();
            scopes().ForEachScope((scope, list) => list.Add(scope), active);
            for (var i = active.Count - 1; i >= 0; i--)
            {
                WriteValues(json, active[i], written);
            }

            if (exception is not null)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        sink.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    // Structured values become top-level fields (first writer wins: the entry's own values beat its scopes').
    private static void WriteValues(Utf8JsonWriter json, object? values, HashSet<string> written)
    {
        if (values is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return;
        }

        foreach (var (key, value) in pairs)
        {
            if (key == "{OriginalFormat}" || !written.Add(key))
            {
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case int or long or double or float or decimal:
                    json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                default:
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
