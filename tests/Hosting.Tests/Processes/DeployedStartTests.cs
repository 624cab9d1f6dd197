using System.Net;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.Processes;

/// <summary>
/// Each function started as FC starts it in the cloud: FC's variables and the settings s.yaml sets for it. It must come
/// up without <c>OSS_ENDPOINT</c> (the region's internal endpoint is the default), and a setting it cannot do without
/// ends the start with one line naming it, never a stack trace.
/// </summary>
public sealed class DeployedStartTests
{
    public static TheoryData<string> Functions => new(FunctionBinaries.Names);

    public static TheoryData<string, string, string?, string> BadSettings => new()
    {
        // No endpoint and no region to make one from.
        { "Initialize", "FC_REGION", null, "OSS_ENDPOINT" },
        { "Fetch", "FC_REGION", null, "OSS_ENDPOINT" },
        { "Build", "OSS_ENDPOINT", "ftp://oss.example.com", "OSS_ENDPOINT" },
        { "Publish", "FC_REGION", "Not A Region", "FC_REGION" },
        { "Initialize", "ORCHESTRATOR_BUCKET", null, "ORCHESTRATOR_BUCKET" },
        { "Fetch", "ORCHESTRATOR_BUCKET", " ", "ORCHESTRATOR_BUCKET" },
        { "Build", "Build__TimeoutSeconds", "ten minutes", "Build:TimeoutSeconds" },
        { "Build", "Build__TimeoutSeconds", "1790", "Build:TimeoutSeconds" },
        { "Publish", "Publish__MaxParallelism", "0", "Publish:MaxParallelism" },
        { "Fetch", "Mns__Queues__Coordinator", "not a queue!", "Mns:Queues:Coordinator" },
        { "Initialize", "Coordinator__Build__Retry__MaxAttempts", "0", "Coordinator:Build:Retry:MaxAttempts" },
        // No MNS endpoint set and no account to make one from.
        { "Publish", "FC_ACCOUNT_ID", null, "Mns:Endpoint" },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Start_FcVariablesAndSYamlSettingsWithoutOssEndpoint_AnswersInitialize(string function)
    {
        await using var process = await FunctionProcess.StartAsync(function, env =>
        {
            DeployedSettings.Apply(function, env);
            env["OSS_ENDPOINT"] = null;
        });

        using var response = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", "deployed-" + function, new ByteArrayContent([])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(process.Stderr);
        // Log times are UTC with a Z, as the stored documents write them.
        Assert.All(process.JsonLines(), line => Assert.EndsWith("Z", line.GetProperty("timestamp").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_SettingMissingOrBad_PrintsOneLineNamingItAndExits(string function, string variable, string? value, string named)
    {
        await using var process = FunctionProcess.Launch(function, env =>
        {
            DeployedSettings.Apply(function, env);
            env["OSS_ENDPOINT"] = null;
            env[variable] = value;
        }, out _);

        var exitCode = await process.WaitForExitAsync(FunctionProcess.StartTimeout);

        Assert.Equal(FunctionHost.InvalidSettingExitCode, exitCode);
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: InvalidSetting: {named}", line, StringComparison.Ordinal);
        Assert.True(!named.Contains(':', StringComparison.Ordinal) || line.EndsWith($"(environment variable {named.Replace(":", "__", StringComparison.Ordinal)})", StringComparison.Ordinal), line);
        Assert.DoesNotContain("Unhandled exception", process.Stdout + process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Orchestrator.", process.Stdout + process.Stderr, StringComparison.Ordinal);
    }
}
