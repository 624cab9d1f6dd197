using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Messaging.Wire;

/// <summary>
/// The closed set of message types that may travel in an envelope, by their wire name (the record's name).
/// A name outside this set is refused rather than guessed.
/// </summary>
public static class MessageTypes
{
    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName = Build().ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> NameByType = ByName.ToFrozenDictionary(p => p.Value.Type, p => p.Key);

    /// <summary>Every wire name, e.g. <c>FetchRequested</c>.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>Every message type that can travel.</summary>
    public static IEnumerable<Type> All => NameByType.Keys;

    /// <summary>The wire name of <paramref name="type"/>, or null when it cannot travel.</summary>
    public static string? NameOf(Type type) => NameByType.GetValueOrDefault(type);

    /// <summary>The JSON contract for a wire name, or null when the name is unknown.</summary>
    public static JsonTypeInfo? Find(string name) => ByName.GetValueOrDefault(name);

    private static IEnumerable<KeyValuePair<string, JsonTypeInfo>> Build()
    {
        var context = MessagingJsonContext.Default;
        JsonTypeInfo[] infos =
        [
            context.FetchRequested,
            context.BuildRequested,
            context.PublishRequested,
            context.StageSucceeded,
            context.StageFailed,
            context.ObjectCreated,
            context.SweepDue,
            context.RetryJob,
            context.CancelJob,
            context.RollbackRequested,
            context.JobStatusRequested,
        ];
        return infos.Select(info => KeyValuePair.Create(info.Type.Name, info));
    }
}
