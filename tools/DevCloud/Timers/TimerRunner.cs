using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Timers;

/// <summary>Fires a timer trigger on its schedule with FC's timer event <c>{"triggerTime","triggerName","payload"}</c>.</summary>
public sealed class TimerRunner(TimerTriggerSpec trigger, TimerSchedule schedule, Func<byte[], CancellationToken, Task> submit, TimeProvider time)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!trigger.Enabled)
        {
            return;
        }

        try
        {
            var next = schedule.Next(time.GetUtcNow());
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                await submit(Event(next), cancellationToken);
                next = schedule.Next(next > time.GetUtcNow() ? next : time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public byte[] Event(DateTimeOffset at) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["triggerTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["triggerName"] = trigger.Name,
        ["payload"] = trigger.Payload,
    }.ToJsonString());
}
