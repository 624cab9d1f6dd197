namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>s.yaml, resolved: its fc3 functions with their props and triggers.</summary>
public sealed record ServerlessProject(string Name, string Directory, IReadOnlyList<FunctionSpec> Functions)
{
    /// <summary>Every queue the triggers, dead-letter settings and async destinations name.</summary>
    public IReadOnlyList<string> QueueNames() => Functions
        .SelectMany(f => f.Triggers.OfType<QueueTriggerSpec>().SelectMany(t => new[] { t.QueueName, t.DeadLetterQueue })
            .Append(f.AsyncInvoke.OnFailureQueue))
        .OfType<string>()
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    public FunctionSpec Function(string resourceOrFunctionName) =>
        Functions.FirstOrDefault(f => f.ResourceName == resourceOrFunctionName || f.FunctionName == resourceOrFunctionName)
        ?? throw new ServerlessConfigException("UnknownFunction", $"s.yaml has no function '{resourceOrFunctionName}'");
}
