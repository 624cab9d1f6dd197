using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.TestSupport;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>
/// The FC console's way of fixing a job: a test event <c>{"command":"retry","jobId":"…"}</c> sent to Initialize's
/// <c>/invoke</c>, here through the dev cloud's FC instance exactly as the console invokes the function.
/// </summary>
public class ConsoleRetryTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(150)).Token;

    [Fact]
    public async Task ConsoleRetryEvent_FailedBuild_BuildRunsAgainAndTheJobSucceeds()
    {
        using var folder = new TempDirectory("console-retry");
        var project = FlakyProject(folder);
        await using var system = await SystemCloud.StartAsync(null, Timeout());

        var failed = await system.RunJobAsync("flaky", Timeout(), project);
        Assert.True(failed["state"]!.GetValue<string>() == "Failed", failed.ToJsonString());
        Assert.Equal("BuildScriptFailed", Build(failed)["error"]!["code"]!.GetValue<string>());

        var jobId = failed["jobId"]!.GetValue<string>();
        var outcome = await system.Cloud.Pool("initialize").InvokeAsync(
            Encoding.UTF8.GetBytes($$"""{"command":"retry","jobId":"{{jobId}}"}"""), Timeout());

        Assert.True(outcome.Succeeded, outcome.Failure);
        var done = await system.FollowAsync(jobId, Timeout());
        Assert.True(done["state"]!.GetValue<string>() == "Succeeded", done.ToJsonString());
        Assert.Equal(2, Build(done)["attempt"]!.GetValue<int>());
        Assert.Equal(1, done["stages"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "fetch")!["attempt"]!.GetValue<int>());
        using var http = new HttpClient();
        using var page = await http.GetAsync(system.Cloud.SiteUrl("flaky"), Timeout());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static JsonNode Build(JsonNode job) =>
        job["stages"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "build")!;

    // examples/hello-site whose build fails the first time only: the first run leaves a marker outside the
    // workspace (in a folder the unprivileged build user may write), the retry finds it and builds.
    private static string FlakyProject(TempDirectory folder)
    {
        var project = Directory.CreateDirectory(folder.Combine("flaky-site")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "node_modules" or "dist")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
            File.Copy(file, Path.Combine(project, relative));
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the build's unprivileged user and FC itself are Linux-only");
        }

        var markers = Directory.CreateDirectory(folder.Combine("markers")).FullName;
        File.SetUnixFileMode(markers, (UnixFileMode)0b111_111_111);
        var marker = Path.Combine(markers, "failed-once");
        File.WriteAllText(Path.Combine(project, "flaky.mjs"), """
            import { existsSync, writeFileSync } from "node:fs";
            const marker = process.argv[2];
            if (!existsSync(marker)) {
              writeFileSync(marker, "the first build failed\n");
              console.error("flaky: the first build fails on purpose");
              process.exit(7);
            }
            """);
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "package.json")))!;
        package["scripts"]!["build"] = $"node flaky.mjs {marker} && node build.mjs";
        File.WriteAllText(Path.Combine(project, "package.json"), package.ToJsonString());
        return project;
    }
}
