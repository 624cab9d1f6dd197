using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.Storage;
using Xunit.Abstractions;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

/// <summary>
/// The status page in Debian's chromium, over the Initialize composition with the real coordinator; the test plays
/// the stage functions (their reports go to the coordinator as the queues would deliver them).
/// </summary>
public sealed class StatusPageBrowserTests(ITestOutputHelper output) : InitializeTestBase
{
    private const float WaitMs = 20_000;

    [Fact]
    public async Task Page_FailedJob_ShowsErrorAndLogThenRetryRunsTheStageAgain()
    {
        var failed = await Host.FailedBuildAsync("blog", Timeout);
        await PutLogAsync(failed.JobId, StageName.Build, 1, "> vite build\n\u001b[31mnpm ERR!\u001b[39m build failed: missing module './App'\n\u001b[2K\u001b[1Gdone\n");
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },

            // The host answers only FC's requests; FC passes a browser's on as HTTP-trigger requests.
            ExtraHTTPHeaders = new Dictionary<string, string> { [Orchestrator.Hosting.FcControlPath.Header] = Orchestrator.Hosting.FcControlPath.HttpInvoke },
        });
        page.SetDefaultTimeout(WaitMs);

        await page.GotoAsync(Host.BaseAddress.ToString());
        await page.ClickAsync($".job-row[data-job-id='{failed.JobId}']");
        var build = page.Locator(".stage[data-stage='build']");
        await Assertions.Expect(build.Locator(".stage-error")).ToContainTextAsync("BuildScriptFailed");
        await Assertions.Expect(build.Locator(".stage-error")).ToContainTextAsync("npm run build exited with code 1");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("npm ERR! build failed");
        await Assertions.Expect(page.Locator("#log .a-31")).ToHaveTextAsync("npm ERR!");
        Assert.DoesNotContain("\u001b", await page.Locator("#log").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("[31m", await page.Locator("#log").TextContentAsync() ?? "", StringComparison.Ordinal);

        // The history: every journal entry, offsets from the job's start (sub-second ones as "0.1 s", never "0s"),
        // and a bar per span; a failed job offers Retry, not Cancel.
        await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(await HistoryCountAsync(failed.JobId));
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("StageFailed");
        await Assertions.Expect(page.Locator("#history .at").First).ToHaveTextAsync(new Regex(@"^\+\d+\.\d s$"));
        // A span per entry but the last: the failure ended the job, so its span has no length.
        await Assertions.Expect(page.Locator("#bars span")).ToHaveCountAsync(await HistoryCountAsync(failed.JobId) - 1);
        await Assertions.Expect(page.Locator("#retry-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cancel-button")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("status-page-failed.png"), FullPage = true });

        await page.ClickAsync("#retry-button");
        await page.FillAsync("#token-input", ApiHost.OpsToken);
        await page.ClickAsync("#token-save");

        await Assertions.Expect(build).ToHaveClassAsync(new Regex("s-Running"));
        await Assertions.Expect(build).ToContainTextAsync("attempt 2 of");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Building");
        var request = Host.Sender.OfType<BuildRequested>()[^1];
        Assert.Equal((failed.JobId, 2), (request.JobId, request.Attempt));
        Assert.Equal(ApiHost.OpsToken, await page.EvaluateAsync<string>("sessionStorage.getItem('orchestrator.token')"));
        // This host has no dead-letter queue configured: nothing about dead letters shows, and no error.
        await Assertions.Expect(page.Locator("#dead-letters")).ToBeHiddenAsync();
        await PutLogAsync(failed.JobId, StageName.Build, 2, "> vite build\nbuilt in 0.4s\n");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("built in 0.4s");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("status-page-retried.png"), FullPage = true });

        // The build and publish functions report; the page refreshes itself to the end.
        await Host.Coordinator.HandleAsync(new StageSucceeded("build-ok-2", failed.JobId, StageName.Build, 2, new Dictionary<string, string> { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(failed.JobId) }), Timeout);
        var publish = Host.Sender.OfType<PublishRequested>()[^1];
        await Host.Coordinator.HandleAsync(new StageSucceeded("publish-ok-1", failed.JobId, StageName.Publish, publish.Attempt, new Dictionary<string, string>
        {
            [StageOutputKeys.Url] = "http://127.0.0.1:1/sites/blog/",
            [StageOutputKeys.Files] = "12",
            [StageOutputKeys.Uploaded] = "3",
            [StageOutputKeys.Skipped] = "9",
        }), Timeout);
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator(".job-row[data-job-id='" + failed.JobId + "']")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#cancel-button")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#retry-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#retry-stage")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(await HistoryCountAsync(failed.JobId));
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("RetryJob");

        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("status-page-phone.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone-sized screen");
    }

    private async Task<int> HistoryCountAsync(string jobId)
    {
        using var client = Host.Client();
        using var response = await client.GetAsync($"/jobs/{jobId}/history", Timeout);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Timeout));
        return document.RootElement.GetProperty("entries").GetArrayLength();
    }

    private async Task PutLogAsync(string jobId, StageName stage, int attempt, string text)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await Store.Store.PutAsync(Store.Bucket, ObjectKeys.StageLog(jobId, stage, attempt), body, new PutOptions { ContentType = "text/plain" }, Timeout);
    }

    private string Artifact(string name)
    {
        var path = Support.Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
