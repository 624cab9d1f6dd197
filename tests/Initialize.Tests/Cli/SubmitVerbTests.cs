using System.Text.Json.Nodes;
using Orchestrator.Contracts.Security;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Initialize.Tests.Cli;

/// <summary>`orchestrator submit` as a user runs it: the real CLI process against a running dev cloud.</summary>
public sealed class SubmitVerbTests
{
    [Fact]
    public async Task Submit_FolderWithWait_UploadsFollowsToSucceededAndPrintsTheJob()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var folder = new TempDirectory("cli-submit");
        await using var cloud = await DevClouds.StartAsync(folder, timeout.Token);
        var environment = new Dictionary<string, string?>
        {
            ["OSS_ENDPOINT"] = cloud.OssEndpoint.ToString(),
            ["ORCHESTRATOR_API"] = cloud.ApiBase!.ToString(),
            ["ORCHESTRATOR_BUCKET"] = cloud.Bucket,
            [EnvironmentCredentials.AccessKeyIdVariable] = cloud.OperatorCredentials.AccessKeyId,
            [EnvironmentCredentials.AccessKeySecretVariable] = cloud.OperatorCredentials.AccessKeySecret,
        };
        var project = Path.Combine(DevClouds.ProjectRoot(), "examples", "hello-site");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(environment, timeout.Token, "submit", project, "--site", "cli-site", "--wait", "--json", "--timeout", "150");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var job = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal("Succeeded", job["state"]!.GetValue<string>());
        Assert.Equal("cli-site", job["site"]!.GetValue<string>());
        Assert.Equal("src/cli-site/app.zip", job["source"]!["key"]!.GetValue<string>());
        Assert.Contains("uploaded", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NotAnArchive_RefusedBeforeAnythingIsUploaded()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var folder = new TempDirectory("cli-submit-bad");
        var file = folder.Combine("notes.txt");
        await File.WriteAllTextAsync(file, "not a project", timeout.Token);
        var environment = new Dictionary<string, string?> { ["ORCHESTRATOR_BUCKET"] = "b", ["OSS_ENDPOINT"] = "http://127.0.0.1:9" };

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, timeout.Token, "submit", file, "--site", "s");

        Assert.Equal(2, exit);
        Assert.Contains("would not start a job", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
