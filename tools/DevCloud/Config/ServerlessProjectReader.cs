using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>Reads s.yaml (edition 3.0.0, fc3 components) into a <see cref="ServerlessProject"/>.</summary>
public static partial class ServerlessProjectReader
{
    public static ServerlessProject Load(string path, VariableResolver resolver)
    {
        if (!File.Exists(path))
        {
            throw new ServerlessConfigException("MissingServerlessYaml", $"no s.yaml at {path}");
        }

        var document = resolver.Resolve(YamlTree.Parse(File.ReadAllText(path)));
        return Read(document, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Each fc3 resource's props with its <c>extend</c> template merged in (resource props win).</summary>
    public static IReadOnlyDictionary<string, JsonObject> ResourceProps(JsonObject document)
    {
        var edition = document["edition"]?.ToString();
        if (edition != "3.0.0")
        {
            throw new ServerlessConfigException("UnsupportedEdition", $"s.yaml edition is '{edition}'; expected 3.0.0");
        }

        var templates = document["template"] as JsonObject ?? [];
        var resources = document["resources"] as JsonObject
            ?? throw new ServerlessConfigException("MissingResources", "s.yaml has no resources");
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (name, resource) in resources)
        {
            if (resource is not JsonObject body || body["component"]?.ToString() is not { } component || !component.StartsWith("fc3", StringComparison.Ordinal))
            {
                continue;
            }

            var props = body["props"] as JsonObject ?? throw new ServerlessConfigException("MissingProps", $"resource '{name}' has no props");
            if (body["extend"]?["name"]?.ToString() is { } templateName)
            {
                var template = templates[templateName] as JsonObject
                    ?? throw new ServerlessConfigException("UnknownTemplate", $"resource '{name}' extends unknown template '{templateName}'");
                props = Merge(template, props);
            }

            result[name] = (JsonObject)props.DeepClone();
        }

        return result;
    }

    private static ServerlessProject Read(JsonObject document, string directory)
    {
        var functions = ResourceProps(document).Select(pair => ReadFunction(pair.Key, pair.Value)).ToList();
        return new ServerlessProject(document["name"]?.ToString() ?? "orchestrator", directory, functions);
    }

    private static FunctionSpec ReadFunction(string resource, JsonObject props)
    {
        var functionName = Required(props, "functionName", resource);
        var runtimeConfig = props["customRuntimeConfig"] as JsonObject;
        var command = Strings(runtimeConfig?["command"]).Concat(Strings(runtimeConfig?["args"])).ToList();
        var lifecycle = props["instanceLifecycleConfig"] as JsonObject;
        var asyncConfig = props["asyncInvokeConfig"] as JsonObject;
        var environment = (props["environmentVariables"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
        return new FunctionSpec
        {
            ResourceName = resource,
            FunctionName = functionName,
            Region = Required(props, "region", resource),
            Runtime = Required(props, "runtime", resource),
            Code = Required(props, "code", resource),
            MemorySize = Int(props["memorySize"], 512),
            TimeoutSeconds = Int(props["timeout"], 3),
            Command = command,
            Port = Int(runtimeConfig?["port"], 9000),
            Environment = environment,
            InitializerTimeoutSeconds = lifecycle?["initializer"] is JsonObject init ? Int(init["timeout"], 3) : null,
            PreStopTimeoutSeconds = lifecycle?["preStop"] is JsonObject stop ? Int(stop["timeout"], 3) : null,
            InstanceConcurrency = AtLeast(Int(props["instanceConcurrency"], 1), 1, "instanceConcurrency", resource),
            ReservedConcurrency = props["concurrencyConfig"]?["reservedConcurrency"] is { } reserved ? AtLeast(Int(reserved, 1), 1, "concurrencyConfig.reservedConcurrency", resource) : null,
            MinInstances = props["scalingConfig"]?["minInstances"] is { } minimum ? AtLeast(Int(minimum, 0), 0, "scalingConfig.minInstances", resource) : null,
            AsyncInvoke = asyncConfig is null
                ? AsyncInvokeSpec.Default
                : new AsyncInvokeSpec(
                    Int(asyncConfig["maxAsyncRetryAttempts"], 3),
                    Int(asyncConfig["maxAsyncEventAgeInSeconds"], 86_400),
                    QueueFromArn(asyncConfig["destinationConfig"]?["onFailure"]?["destination"]?.ToString())),
            Triggers = (props["triggers"] as JsonArray ?? []).OfType<JsonObject>().Select(t => ReadTrigger(functionName, t)).OfType<TriggerSpec>().ToList(),
            Props = props,
        };
    }

    private static TriggerSpec? ReadTrigger(string functionName, JsonObject trigger)
    {
        var name = Required(trigger, "triggerName", functionName);
        var config = trigger["triggerConfig"] as JsonObject ?? [];
        switch (trigger["triggerType"]?.ToString())
        {
            case "oss":
                return new OssTriggerSpec(
                    name,
                    Strings(config["events"]).ToList(),
                    config["filter"]?["key"]?["prefix"]?.ToString() ?? string.Empty,
                    config["filter"]?["key"]?["suffix"]?.ToString() ?? string.Empty);
            case "http":
                return new HttpTriggerSpec(name, Strings(config["methods"]).ToList());
            case "timer":
                return new TimerTriggerSpec(name, config["cronExpression"]?.ToString() ?? string.Empty, Bool(config["enable"]), config["payload"]?.ToString() ?? string.Empty);
            case "eventbridge" when IsMnsSource(config):
                var source = config["eventSourceConfig"]?["eventSourceParameters"]?["sourceMNSParameters"] as JsonObject
                    ?? throw new ServerlessConfigException("InvalidTrigger", $"trigger '{name}' of {functionName} has no sourceMNSParameters");
                var run = config["runOptions"] as JsonObject ?? [];
                return new QueueTriggerSpec(
                    name,
                    Required(source, "QueueName", name),
                    $"MNS-{functionName}-{name}",
                    Bool(config["asyncInvocationType"]),
                    Bool(source["IsBase64Decode"]),
                    Int(run["retryStrategy"]?["MaximumRetryAttempts"], 3),
                    run["retryStrategy"]?["PushRetryStrategy"]?.ToString() ?? "BACKOFF_RETRY",
                    QueueFromArn(run["deadLetterQueue"]?["Arn"]?.ToString()),
                    Math.Max(1, Int(run["maximumTasks"], 1)));
            default:
                return null; // A trigger kind the dev cloud has no source for (log, cdn, …) is deployed but idle locally.
        }
    }

    private static bool IsMnsSource(JsonObject config) =>
        config["eventSourceConfig"]?["eventSourceType"]?.ToString() == "MNS";

    /// <summary><c>acs:mns:region:account:/queues/NAME</c> (optionally <c>/messages</c>) → NAME.</summary>
    public static string? QueueFromArn(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            return null;
        }

        var match = QueueArn().Match(arn);
        return match.Success
            ? match.Groups[1].Value
            : throw new ServerlessConfigException("InvalidQueueArn", $"'{arn}' is not an MNS queue ARN (acs:mns:<region>:<account>:/queues/<name>)");
    }

    private static JsonObject Merge(JsonObject template, JsonObject props)
    {
        var merged = (JsonObject)template.DeepClone();
        foreach (var (key, value) in props)
        {
            merged[key] = merged[key] is JsonObject left && value is JsonObject right ? Merge(left, right) : value?.DeepClone();
        }

        return merged;
    }

    private static string Required(JsonObject node, string name, string owner) =>
        node[name]?.ToString() is { Length: > 0 } value
            ? value
            : throw new ServerlessConfigException("MissingProp", $"'{owner}' in s.yaml has no {name}");

    // Values no instance can run with (FC refuses instanceConcurrency 0; reservedConcurrency 0 switches a function off).
    private static int AtLeast(int value, int minimum, string name, string resource) =>
        value >= minimum
            ? value
            : throw new ServerlessConfigException("InvalidProp", $"'{resource}' in s.yaml has {name} {value}; it must be at least {minimum}");

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item?.ToString() ?? string.Empty) : [];

    // A boolean may come from an expression (${env('X', 'false')}) and so arrive as text.
    private static bool Bool(JsonNode? node) => node is not null && bool.TryParse(node.ToString(), out var value) && value;

    private static int Int(JsonNode? node, int fallback) =>
        node is null ? fallback : (int)double.Parse(node.ToString(), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^acs:mns:[^:]*:[^:]*:/queues/([^/]+)(?:/messages)?$")]
    private static partial Regex QueueArn();
}
