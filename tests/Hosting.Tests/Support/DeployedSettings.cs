using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>
/// What a function gets in the cloud and nothing more: FC's own variables (<see cref="FunctionProcess.FcEnvironment"/>)
/// and the environment variables s.yaml sets for it, resolved as <c>s deploy</c> resolves them for a deployer who set
/// only what s.yaml cannot do without (the ops token) and left <c>MNS_ENDPOINT</c> empty.
/// </summary>
internal static class DeployedSettings
{
    public const string OpsToken = "ops-token-for-the-start-tests-0123456789";

    private static readonly Dictionary<string, string> Deployer = new(StringComparer.Ordinal)
    {
        ["ORCHESTRATOR_OPS_TOKEN"] = OpsToken,
        ["MNS_ENDPOINT"] = string.Empty,
    };

    /// <summary>The environment variables s.yaml's resource for <paramref name="function"/> sets.</summary>
    public static IReadOnlyDictionary<string, string> Of(string function)
    {
        var resolver = new VariableResolver(Deployer.GetValueOrDefault, new Dictionary<string, string> { ["AccountID"] = "1234567890" });
        var project = ServerlessProjectReader.Load(Path.Combine(FunctionBinaries.RepositoryRoot, "s.yaml"), resolver);
        return project.Function(function.ToLowerInvariant()).Environment;
    }

    /// <summary>
    /// Replaces the test defaults in <paramref name="environment"/> with s.yaml's settings for <paramref name="function"/>,
    /// keeping FC's variables and the loopback listen address the tests need.
    /// </summary>
    public static void Apply(string function, Dictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => !IsFcOwn(k)).ToList())
        {
            environment[key] = null;
        }

        foreach (var (key, value) in Of(function))
        {
            environment[key] = value;
        }
    }

    private static bool IsFcOwn(string key) =>
        key.StartsWith("FC_", StringComparison.Ordinal) || key.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || key == "ORCHESTRATOR_LISTEN_ADDRESS";
}
