using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// How a chaos run sets up the dev cloud: the repository's s.yaml with the system's clocks shortened (queue
/// visibility, EventBridge backoff, the coordinator's stage deadlines, retry delays and sweep) so that recovering
/// from a killed instance or a dead-lettered message takes seconds instead of FC's minutes, and the plan's
/// duplicated queues.
/// </summary>
public static class ChaosCloud
{
    /// <summary>The function resource names and queue names of s.yaml, read before the cloud starts (the plan needs them).</summary>
    public static (IReadOnlyList<string> Functions, IReadOnlyList<string> Queues) Peek(string serverlessFile)
    {
        // Only names are read: every ${env(...)} may stay a placeholder.
        var project = ServerlessProjectReader.Load(
            serverlessFile,
            new VariableResolver(_ => "chaos", new Dictionary<string, string> { ["AccountID"] = "0" }));
        var triggered = project.Functions.SelectMany(f => f.Triggers.OfType<QueueTriggerSpec>()).Select(t => t.QueueName).Distinct(StringComparer.Ordinal);
        return (project.Functions.Select(f => f.ResourceName).ToList(), triggered.ToList());
    }

    /// <summary>The options with short clocks and the plan's duplicated queues; the coordinator settings go to every function (only the coordinator reads them).</summary>
    public static DevCloudOptions Configure(DevCloudOptions options, ChaosPlan plan, IEnumerable<string> functions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plan);
        var coordinator = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Coordinator__SweepGrace"] = "00:00:01",
            // A report lost to a fault is recovered from its stored result after this (plus one 2 s sweep).
            ["Coordinator__ResultCheckAfter"] = "00:00:02",
        };
        foreach (var (stage, timeout) in new[] { ("Fetch", "00:00:20"), ("Build", "00:00:40"), ("Publish", "00:00:20") })
        {
            coordinator[$"Coordinator__{stage}__Timeout"] = timeout;
            coordinator[$"Coordinator__{stage}__Retry__InitialDelay"] = "00:00:01";
            coordinator[$"Coordinator__{stage}__Retry__MaxDelay"] = "00:00:04";
        }

        return options with
        {
            Instances = new InstanceOptions { StartTimeout = TimeSpan.FromSeconds(60), RestartDelay = TimeSpan.FromMilliseconds(200) },
            Pumps = new PumpOptions
            {
                VisibilityTimeoutSeconds = 3,
                PollWaitSeconds = 1,
                BackoffBase = TimeSpan.FromMilliseconds(500),
                MaxBackoff = TimeSpan.FromSeconds(2),
                DuplicateDeliveryQueues = plan.DuplicateDeliveryQueues,
            },
            TimerInterval = TimeSpan.FromSeconds(2),
            FunctionEnvironment = functions.ToDictionary(f => f, IReadOnlyDictionary<string, string> (_) => coordinator, StringComparer.Ordinal),
        };
    }
}
