namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>A trigger of a function, by kind.</summary>
public abstract record TriggerSpec(string Name);

/// <summary>An OSS trigger: the events it listens to and its key filter.</summary>
public sealed record OssTriggerSpec(string Name, IReadOnlyList<string> Events, string Prefix, string Suffix) : TriggerSpec(Name);

/// <summary>An HTTP trigger: the methods it passes through.</summary>
public sealed record HttpTriggerSpec(string Name, IReadOnlyList<string> Methods) : TriggerSpec(Name);

/// <summary>A timer trigger: <c>@every 1m</c> or a six-field cron expression, and its payload.</summary>
public sealed record TimerTriggerSpec(string Name, string CronExpression, bool Enabled, string Payload) : TriggerSpec(Name);

/// <summary>An EventBridge trigger whose source is an MNS queue.</summary>
public sealed record QueueTriggerSpec(
    string Name,
    string QueueName,
    string EventSource,
    bool AsyncInvocation,
    bool Base64Decode,
    int MaximumRetryAttempts,
    string PushRetryStrategy,
    string? DeadLetterQueue,
    int MaximumTasks) : TriggerSpec(Name);
