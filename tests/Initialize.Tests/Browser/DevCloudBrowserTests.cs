using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud.Jobs;
using Xunit.Abstractions;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

/// <summary>
/// The status page on the real dev cloud (s.yaml, the four real functions, queues, OSS): a project whose build
/// script fails; the page shows the failure, Retry runs the build again as attempt 2.
/// </summary>
public sealed class DevCloudBrowserTests(ITestOutputHelper output)
{
    private const float WaitMs = 60_000;

    [Fact]
    public async Task Page_OnTheDevCloud_FailedBuildIsShownAndRetryRunsItAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var cancellationToken = timeout.Token;
        using var folder = new TempDirectory("ui-devcloud");
        var project = Directory.CreateDirectory(folder.Combine("broken-site")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"), """{"name":"broken-site","version":"1.0.0","private":true,"scripts":{"build":"node build.mjs"}}""", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "build.mjs"), "console.log('compiling broken-site');\nconsole.error('error: cannot find module ./App');\nprocess.exit(3);\n", cancellationToken);
        await using var cloud = await DevClouds.StartAsync(folder, cancellationToken);
        using var oss = new OssClient(new OssClientOptions { Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'), Region = cloud.Region, Credentials = new StaticCredentialsProvider(cloud.OperatorCredentials) });
        await using (var archive = await SourceArchive.PackAsync(project, cancellationToken))
        {
            await oss.PutAsync(cloud.Bucket, "src/broken/app.zip", archive, new PutOptions { ContentType = "application/zip" }, cancellationToken);
        }

        using var api = new HttpClient { BaseAddress = cloud.ApiBase, Timeout = TimeSpan.FromSeconds(30) };
        var jobId = await WaitForAsync(api, job => job.State == JobState.Failed, cancellationToken);
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(WaitMs);

        // A real build's second attempt goes through the queue, the pump and the function, and its log is uploaded
        // every few seconds: expectations get the same bound as page actions, not Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(WaitMs);

        await page.GotoAsync(cloud.ApiBase!.ToString());
        await page.ClickAsync($".job-row[data-job-id='{jobId}']");
        var build = page.Locator(".stage[data-stage='build']");
        await Assertions.Expect(build).ToHaveClassAsync(new Regex("s-Failed"));
        await Assertions.Expect(build.Locator(".stage-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("compiling broken-site");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("devcloud-failed.png"), FullPage = true });

        await page.ClickAsync("#retry-button");
        await page.FillAsync("#token-input", cloud.OpsToken);
        await page.ClickAsync("#token-save");

        await Assertions.Expect(build).ToContainTextAsync("attempt 2 of");
        await Assertions.Expect(page.Locator("#log-attempt")).ToHaveValueAsync("2");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("compiling broken-site");
        await WaitForAsync(api, job => job.Stages.Single(s => s.Name == StageName.Build) is { Attempt: 2, State: StageState.Failed }, cancellationToken);
        await Assertions.Expect(build).ToHaveClassAsync(new Regex("s-Failed"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("devcloud-retried.png"), FullPage = true });
    }

    /// <summary>Polls the job list until the site's job matches; every poll bounded by the token.</summary>
    private static async Task<string> WaitForAsync(HttpClient api, Func<JobDocument, bool> condition, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (true)
        {
            var list = await api.GetFromJsonAsync("jobs?site=broken", StatusJsonContext.Default.JobList, cancellationToken);
            if (list!.Jobs.Count > 0)
            {
                var job = await api.GetFromJsonAsync($"jobs/{list.Jobs[0].JobId}", StatusJsonContext.Default.JobDocument, cancellationToken);
                if (condition(job!))
                {
                    return job!.JobId;
                }
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private string Artifact(string name)
    {
        var path = Support.Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
