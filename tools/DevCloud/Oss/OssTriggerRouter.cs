using System.Text.Json;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Oss;

/// <summary>
/// Delivers the OSS server's object notifications as OSS triggers do: each native OSS event
/// (<c>{"events":[{"eventName":"ObjectCreated:PutObject", "oss":{"object":{"key":...}}}]}</c>) goes, unchanged and
/// asynchronously, to every function whose OSS trigger matches its event name and key prefix/suffix.
/// </summary>
public sealed class OssTriggerRouter(IReadOnlyList<(FunctionSpec Function, Func<byte[], CancellationToken, Task> Submit)> targets)
{
    public async Task<int> RouteAsync(byte[] nativeEvent, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(nativeEvent);
        var record = document.RootElement.GetProperty("events")[0];
        var eventName = record.GetProperty("eventName").GetString() ?? string.Empty;
        var key = record.GetProperty("oss").GetProperty("object").GetProperty("key").GetString() ?? string.Empty;
        var delivered = 0;
        foreach (var (function, submit) in targets)
        {
            if (function.Triggers.OfType<OssTriggerSpec>().Any(trigger => Matches(trigger, eventName, key)))
            {
                await submit(nativeEvent, cancellationToken);
                delivered++;
            }
        }

        return delivered;
    }

    public static bool Matches(OssTriggerSpec trigger, string eventName, string key) =>
        key.StartsWith(trigger.Prefix, StringComparison.Ordinal)
        && key.EndsWith(trigger.Suffix, StringComparison.Ordinal)
        && trigger.Events.Any(pattern => EventMatches(pattern, eventName));

    // "oss:ObjectCreated:*" covers every ObjectCreated:… event; otherwise the name must match exactly.
    private static bool EventMatches(string pattern, string eventName)
    {
        var name = pattern.StartsWith("oss:", StringComparison.Ordinal) ? pattern[4..] : pattern;
        return name.EndsWith(":*", StringComparison.Ordinal)
            ? eventName.StartsWith(name[..^1], StringComparison.Ordinal)
            : string.Equals(name, eventName, StringComparison.Ordinal);
    }
}
