using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

/// <summary>The probe function (Functions/probe, a tiny Node.js custom runtime) and the calls it recorded.</summary>
internal sealed class ProbeFunction : IDisposable
{
    private readonly TempDirectory folder = new("probe");
    private readonly List<FunctionLog> logs = [];

    public ProbeFunction() => RecordPath = folder.Combine("calls.jsonl");

    public static string CodeDirectory => Path.Combine(AppContext.BaseDirectory, "Functions", "probe");

    public string RecordPath { get; }

    public string DataDirectory => folder.Combine("data");

    /// <summary>The probe's s.yaml resolved with <paramref name="environment"/> (PROBE_RECORD is set here).</summary>
    public FunctionSpec Spec(IReadOnlyDictionary<string, string>? environment = null, Func<FunctionSpec, FunctionSpec>? change = null)
    {
        var values = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["PROBE_RECORD"] = RecordPath, ["ORCHESTRATOR_BUCKET"] = "probe-bucket" };
        var project = ServerlessProjectReader.Load(Path.Combine(CodeDirectory, "s.yaml"), new VariableResolver(values.GetValueOrDefault, new Dictionary<string, string> { ["AccountID"] = "1234567890" }));
        var spec = project.Function("probe");
        return change?.Invoke(spec) ?? spec;
    }

    private static LaunchPlan Plan => new("node", [Path.Combine(CodeDirectory, "server.js")], CodeDirectory);

    public FunctionInstance Instance(FunctionSpec spec, InstanceOptions? options = null) => new(
        spec,
        Plan,
        Environment(spec),
        Log(spec),
        options ?? new InstanceOptions { StartTimeout = TimeSpan.FromSeconds(20), RestartDelay = TimeSpan.FromMilliseconds(100) },
        NullLogger.Instance);

    /// <summary>A pool of the probe function's instances, logging beside the probe's record.</summary>
    public FunctionPool Pool(FunctionSpec spec, InstanceOptions options) => new(
        spec,
        folder.Combine("logs"),
        log => new FunctionInstance(spec, Plan, Environment(spec), log, options, NullLogger.Instance),
        options,
        TimeProvider.System,
        NullLogger.Instance);

    /// <summary>The probe function's log file, kept until the probe is disposed.</summary>
    public FunctionLog Log(FunctionSpec spec)
    {
        var log = new FunctionLog(folder.Combine("logs"), spec.FunctionName);
        logs.Add(log);
        return log;
    }

    private static Dictionary<string, string> Environment(FunctionSpec spec) => new(spec.Environment)
    {
        ["FC_FUNCTION_NAME"] = spec.FunctionName,
        ["FC_REGION"] = spec.Region,
        ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIprobe",
        ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "probe-secret",
        ["ALIBABA_CLOUD_SECURITY_TOKEN"] = "probe-token",
    };

    /// <summary>Every call recorded so far.</summary>
    public IReadOnlyList<JsonObject> Calls() => File.Exists(RecordPath)
        ? File.ReadAllLines(RecordPath).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList()
        : [];

    public IReadOnlyList<JsonObject> Calls(string path) => Calls().Where(c => c["path"]!.GetValue<string>() == path).ToList();

    /// <summary>Polls the record until <paramref name="condition"/> holds (bounded).</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(Func<IReadOnlyList<JsonObject>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var calls = Calls();
            if (condition(calls))
            {
                return calls;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("the probe's calls never met the condition; calls: " + JsonSerializer.Serialize(calls.Select(c => c["path"]?.ToString())));
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        logs.ForEach(l => l.Dispose());
        folder.Dispose();
    }
}
