using System.Text.Json.Nodes;
using NJsonSchema;

namespace Orchestrator.EndToEnd.Tests.Schema;

/// <summary>
/// The fc3 props schema (a copy, see Reference/README.md) and a check of one props block against it.
/// NJsonSchema 10.7 (the newest line the registry can resolve) validates every draft-07 keyword the schema uses
/// except the root's <c>if</c>/<c>then</c>/<c>else</c> chain (which props are required per runtime), so that chain
/// is evaluated here with the same validator on its sub-schemas.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<JsonObject> Document = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Reference", "fc3-schema.json")))!);

    private static readonly Lazy<JsonSchema> Schema = new(() => Load(Document.Value));

    public static IReadOnlyList<string> Errors(JsonObject props)
    {
        var json = props.ToJsonString();
        var errors = Schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToList();
        errors.AddRange(Conditional(Document.Value, json));
        return errors;
    }

    private static IEnumerable<string> Conditional(JsonObject schema, string json)
    {
        if (schema["if"] is not JsonObject condition)
        {
            return [];
        }

        var branch = Load(condition).Validate(json).Count == 0 ? schema["then"] : schema["else"];
        if (branch is not JsonObject chosen)
        {
            return [];
        }

        return Load(chosen).Validate(json).Select(e => $"{e.Path}: {e.Kind} (conditional)").Concat(Conditional(chosen, json));
    }

    private static JsonSchema Load(JsonObject schema)
    {
        var standalone = (JsonObject)schema.DeepClone();
        standalone.Remove("if");
        standalone.Remove("then");
        standalone.Remove("else");
        return JsonSchema.FromJsonAsync(standalone.ToJsonString()).GetAwaiter().GetResult();
    }
}
