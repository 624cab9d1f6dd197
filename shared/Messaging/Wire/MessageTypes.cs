using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Wire;

/// <summary>
/// The closed set of message types that may travel in an envelope, by their wire name (the record's name), with
/// their JSON contracts from <see cref="ContractsJsonContext"/>, read strictly: a missing constructor parameter or a
/// null where the contract has none is an error, not a half-filled message. A name outside this set is refused.
/// </summary>
public static class MessageTypes
{
    private static readonly JsonSerializerOptions Strict = new(ContractsJsonContext.Default.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Type[] Travelling =
    [
        typeof(FetchRequested),
        typeof(BuildRequested),
        typeof(PublishRequested),
        typeof(StageSucceeded),
        typeof(StageFailed),
        typeof(ObjectCreated),
        typeof(JobStarted),
        typeof(StageDeadlineDue),
        typeof(RetryDue),
        typeof(SweepDue),
        typeof(RetryJob),
        typeof(CancelJob),
        typeof(RollbackRequested),
        typeof(JobStatusRequested),
    ];

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName =
        Travelling.ToFrozenDictionary(t => t.Name, Strict.GetTypeInfo, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> NameByType = Travelling.ToFrozenDictionary(t => t, t => t.Name);

    /// <summary>Every wire name, e.g. <c>FetchRequested</c>.</summary>
    public static IEnumerable<string> Names => Travelling.Select(t => t.Name);

    /// <summary>Every message type that can travel.</summary>
    public static IEnumerable<Type> All => Travelling;

    /// <summary>The wire name of <paramref name="type"/>, or null when it cannot travel.</summary>
    public static string? NameOf(Type type) => NameByType.GetValueOrDefault(type);

    /// <summary>The JSON contract for a wire name, or null when the name is unknown.</summary>
    public static JsonTypeInfo? Find(string name) => ByName.GetValueOrDefault(name);
}
