using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// FC's timer trigger event <c>{"triggerTime":"2026-11-21T02:00:00Z","triggerName":"sweep","payload":"…"}</c> →
/// <see cref="SweepDue"/>. The id is derived from trigger and time, so a redelivered tick is the same message.
/// </summary>
internal static class TimerEventReader
{
    private const string Code = "MalformedTimerEvent";

    public static SweepDue Read(JsonElement timer)
    {
        var name = Json.String(timer, "triggerName", Code, "timer");
        var at = Json.Time(timer, "triggerTime", Code, "timer");
        return new SweepDue("sweep-" + name + "-" + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), at);
    }
}
