using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>One fc3 function of s.yaml as the dev cloud runs it (resolved: no expressions left).</summary>
public sealed record FunctionSpec
{
    /// <summary>The resource key in s.yaml (<c>initialize</c>, <c>fetch</c>, …).</summary>
    public required string ResourceName { get; init; }

    public required string FunctionName { get; init; }

    public required string Region { get; init; }

    public required string Runtime { get; init; }

    /// <summary>The <c>code</c> prop as written: a folder or a zip, relative to s.yaml.</summary>
    public required string Code { get; init; }

    public required int MemorySize { get; init; }

    public required int TimeoutSeconds { get; init; }

    /// <summary>customRuntimeConfig.command + args; empty means FC's default <c>/code/bootstrap</c>.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    public required int Port { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Null when no initializer is configured (then FC never calls <c>/initialize</c>).</summary>
    public int? InitializerTimeoutSeconds { get; init; }

    /// <summary>Null when no pre-stop hook is configured.</summary>
    public int? PreStopTimeoutSeconds { get; init; }

    /// <summary>How many invocations one instance takes at once (<c>instanceConcurrency</c>, FC's default 1).</summary>
    public int InstanceConcurrency { get; init; } = 1;

    /// <summary>
    /// The function's cap on concurrent invocations (<c>concurrencyConfig.reservedConcurrency</c>), or null when
    /// s.yaml reserves none; with <see cref="InstanceConcurrency"/> it caps the instances FC starts.
    /// </summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>Instances kept running even when idle (<c>scalingConfig.minInstances</c>), or null when not set.</summary>
    public int? MinInstances { get; init; }

    public required AsyncInvokeSpec AsyncInvoke { get; init; }

    public required IReadOnlyList<TriggerSpec> Triggers { get; init; }

    /// <summary>The resolved props block (what the fc3 schema describes).</summary>
    public required JsonObject Props { get; init; }
}
