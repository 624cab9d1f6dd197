using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.EndToEnd.Tests.Schema;

public class ServerlessYamlSchemaTests
{
    // What `s deploy` would find in the deploying shell and the access configuration.
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["ORCHESTRATOR_OPS_TOKEN"] = "ops-token-from-the-shell",
        ["MNS_ENDPOINT"] = "https://1234567890.mns.cn-hangzhou-internal.aliyuncs.com",
    };

    private static readonly Dictionary<string, string> Access = new(StringComparer.Ordinal) { ["AccountID"] = "1234567890" };

    private static JsonObject ResolvedDocument() =>
        new VariableResolver(name => Environment.GetValueOrDefault(name), Access)
            .Resolve(YamlTree.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "s.yaml"))));

    [Fact]
    public void Validate_EveryFunctionOfTheRepositorysServerlessYaml_MatchesTheFc3Schema()
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument());

        Assert.Equal(["build", "fetch", "initialize", "publish"], props.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, block) in props)
        {
            Assert.True(SchemaCheck.Errors(block).Count == 0, $"{name}: {string.Join("; ", SchemaCheck.Errors(block))}");
        }
    }

    [Fact]
    public void Load_RepositorysServerlessYaml_HasTheTriggersTheSystemNeeds()
    {
        var project = ServerlessProjectReader.Load(System.IO.Path.Combine(RepositoryRoot.Path, "s.yaml"), new VariableResolver(name => Environment.GetValueOrDefault(name), Access));

        var initialize = project.Function("initialize");
        Assert.StartsWith("custom.debian", initialize.Runtime, StringComparison.Ordinal);
        Assert.Equal(["/code/bootstrap"], initialize.Command);
        Assert.Equal(9000, initialize.Port);
        Assert.Equal([".tar.gz", ".tgz", ".zip"], initialize.Triggers.OfType<OssTriggerSpec>().Select(t => t.Suffix).Order(StringComparer.Ordinal));
        Assert.All(initialize.Triggers.OfType<OssTriggerSpec>(), t => Assert.Equal("src/", t.Prefix));
        Assert.Single(initialize.Triggers.OfType<HttpTriggerSpec>());
        Assert.Single(initialize.Triggers.OfType<TimerTriggerSpec>());
        Assert.Equal("ops-token-from-the-shell", initialize.Environment["ORCHESTRATOR_OPS_TOKEN"]);
        foreach (var (function, queue) in new[] { ("initialize", "orchestrator-coordinator"), ("fetch", "orchestrator-fetch"), ("build", "orchestrator-build"), ("publish", "orchestrator-publish") })
        {
            var trigger = Assert.Single(project.Function(function).Triggers.OfType<QueueTriggerSpec>());
            Assert.Equal(queue, trigger.QueueName);
            Assert.Equal("orchestrator-dead-letter", trigger.DeadLetterQueue);
            Assert.True(trigger.MaximumRetryAttempts > 0);
        }

        Assert.True(project.Function("build").Triggers.OfType<QueueTriggerSpec>().Single().AsyncInvocation);
        Assert.True(project.Function("build").TimeoutSeconds > project.Function("fetch").TimeoutSeconds);
    }

    [Fact]
    public void ResourceProps_RepositorysServerlessYaml_OnlyBuildReachesTheInternet()
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument());

        Assert.Equal(["build"], props.Where(p => p.Value["internetAccess"]?.GetValue<bool>() == true).Select(p => p.Key));
    }

    [Fact]
    public void Resolve_RequiredSecretMissingFromTheEnvironment_FailsNamingIt()
    {
        var resolver = new VariableResolver(_ => null, Access);

        var error = Assert.Throws<ServerlessConfigException>(() => resolver.Resolve(YamlTree.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "s.yaml")))));

        Assert.Equal("MissingEnvironmentVariable", error.Code);
    }

    [Theory]
    [InlineData("memorySize", "500")] // not a multiple of 64
    [InlineData("timeout", "0")] // below the minimum
    [InlineData("runtime", "\"cobol\"")] // not an FC runtime
    [InlineData("region", "\"mars-east-1\"")] // not a region
    [InlineData("environmentVariables", "{\"A\": 1}")] // values must be strings
    public void Validate_PropsBrokenOneWay_IsRejected(string prop, string json)
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument())["fetch"];
        props[prop] = JsonNode.Parse(json);

        Assert.NotEmpty(SchemaCheck.Errors(props));
    }

    [Fact]
    public void Validate_TriggerWithoutItsConfig_IsRejected()
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument())["fetch"];
        ((JsonObject)props["triggers"]![0]!).Remove("triggerConfig");

        Assert.NotEmpty(SchemaCheck.Errors(props));
    }

    [Fact]
    public void Validate_CustomRuntimeWithoutCode_IsRejected()
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument())["fetch"];
        props.Remove("code");

        Assert.NotEmpty(SchemaCheck.Errors(props));
    }

    [Fact]
    public void Validate_NonCustomRuntimeWithoutHandler_IsRejected()
    {
        var props = ServerlessProjectReader.ResourceProps(ResolvedDocument())["fetch"];
        props["runtime"] = "python3.10";

        Assert.NotEmpty(SchemaCheck.Errors(props));
        props["handler"] = "index.handler";
        Assert.Empty(SchemaCheck.Errors(props));
    }
}
