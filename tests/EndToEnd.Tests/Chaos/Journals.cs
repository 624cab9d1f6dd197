using System.Text.Json.Nodes;

namespace Orchestrator.EndToEnd.Tests.Chaos;

/// <summary>Journal entries as the coordinator writes them (camelCase, enums as strings), reduced to what the checks read.</summary>
internal static class Journals
{
    public static JsonObject Entry(long seq, string @event, string from, string to, int fetch, int build = 0, int publish = 0, string? detail = null, long siteSequence = 1) =>
        (JsonObject)JsonNode.Parse($$$"""
            {"seq":{{{seq}}},"event":"{{{@event}}}","from":"{{{from}}}","to":"{{{to}}}","detail":{{{(detail is null ? "null" : $"\"{detail}\"")}}},
             "state":{"siteSequence":{{{siteSequence}}},"stages":[{"name":"Fetch","attempt":{{{fetch}}}},{"name":"Build","attempt":{{{build}}}},{"name":"Publish","attempt":{{{publish}}}}]}}
            """)!;

    /// <summary>A job that went through every stage once, first attempt each.</summary>
    public static List<JsonObject> HappyPath(long siteSequence = 1) =>
    [
        Entry(1, "JobStarted", "Pending", "Fetching", 1, siteSequence: siteSequence),
        Entry(2, "StageSucceeded", "Fetching", "Building", 1, 1, siteSequence: siteSequence),
        Entry(3, "StageSucceeded", "Building", "Publishing", 1, 1, 1, siteSequence: siteSequence),
        Entry(4, "StageSucceeded", "Publishing", "Succeeded", 1, 1, 1, siteSequence: siteSequence),
    ];
}
