using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>
/// Resolves the Serverless Devs expressions s.yaml uses, as `s deploy` does: <c>${env('NAME', 'default')}</c>,
/// <c>${env.NAME}</c>, <c>${config('AccountID')}</c> (the access configuration) and <c>${vars.a.b}</c>.
/// </summary>
public sealed partial class VariableResolver(Func<string, string?> environment, IReadOnlyDictionary<string, string> access)
{
    private const int MaxDepth = 8;

    /// <summary>A copy of <paramref name="document"/> with every expression resolved; <c>vars</c> first.</summary>
    public JsonObject Resolve(JsonObject document)
    {
        var resolved = (JsonObject)document.DeepClone();
        var vars = resolved["vars"] as JsonObject ?? [];
        for (var depth = 0; depth < MaxDepth && ContainsExpression(vars); depth++)
        {
            vars = (JsonObject)ResolveNode(vars, vars)!;
        }

        resolved["vars"] = vars.DeepClone();
        return (JsonObject)ResolveNode(resolved, vars)!;
    }

    private JsonNode? ResolveNode(JsonNode? node, JsonObject vars) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ResolveNode(p.Value, vars)))),
        JsonArray array => new JsonArray(array.Select(item => ResolveNode(item, vars)).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(ResolveText(text, vars)),
        null => null,
        _ => node.DeepClone(),
    };

    private string ResolveText(string text, JsonObject vars) =>
        Expression().Replace(text, match => Evaluate(match.Groups[1].Value.Trim(), vars));

    private string Evaluate(string expression, JsonObject vars)
    {
        var call = Call().Match(expression);
        if (call.Success)
        {
            var function = call.Groups["fn"].Value;
            var arguments = Argument().Matches(call.Groups["args"].Value).Select(m => m.Groups["s"].Success ? m.Groups["s"].Value.Replace("''", "'", StringComparison.Ordinal) : m.Groups["d"].Value).ToList();
            return function switch
            {
                "env" when arguments.Count is 1 or 2 => environment(arguments[0]) ?? (arguments.Count == 2
                    ? arguments[1]
                    : throw new ServerlessConfigException("MissingEnvironmentVariable", $"s.yaml needs the environment variable {arguments[0]} (set it, or give ${{env('{arguments[0]}', 'default')}})")),
                "config" when arguments.Count == 1 => access.TryGetValue(arguments[0], out var value)
                    ? value
                    : throw new ServerlessConfigException("MissingAccessConfig", $"s.yaml needs the access setting {arguments[0]}"),
                _ => throw new ServerlessConfigException("UnsupportedExpression", $"s.yaml expression ${{{expression}}} is not supported"),
            };
        }

        if (expression.StartsWith("env.", StringComparison.Ordinal))
        {
            var name = expression[4..];
            return environment(name) ?? throw new ServerlessConfigException("MissingEnvironmentVariable", $"s.yaml needs the environment variable {name}");
        }

        if (expression.StartsWith("vars.", StringComparison.Ordinal))
        {
            JsonNode? current = vars;
            foreach (var part in expression[5..].Split('.'))
            {
                current = (current as JsonObject)?[part];
            }

            return current switch
            {
                JsonValue value => value.ToString(),
                _ => throw new ServerlessConfigException("UnknownVariable", $"s.yaml expression ${{{expression}}} names no variable"),
            };
        }

        throw new ServerlessConfigException("UnsupportedExpression", $"s.yaml expression ${{{expression}}} is not supported");
    }

    private static bool ContainsExpression(JsonNode node) => node.ToJsonString().Contains("${", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\{([^{}]+)\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^(?<fn>[a-zA-Z]+)\((?<args>.*)\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"'(?<s>(?:[^']|'')*)'|""(?<d>[^""]*)""")]
    private static partial Regex Argument();
}
