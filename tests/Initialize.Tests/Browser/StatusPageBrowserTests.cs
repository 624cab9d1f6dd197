using Microsoft.Playwright;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Initialize.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

public sealed class StatusPageBrowserTests(ITestOutputHelper output) : ApiTestBase
{
    private const float WaitMs = 20_000;

    [Fact]
    public async Task Page_FailedJob_ShowsErrorAndLogThenRetryRunsTheStageAgain()
    {
        var failed = JobSeeder.Job("job-ui-1", "blog", JobState.Failed, JobSeeder.Epoch, StageName.Build);
        await Seeder.PutJobAsync(failed, Timeout);
        await Seeder.PutJobAsync(JobSeeder.Job("job-ui-0", "docs", JobState.Succeeded, JobSeeder.Epoch.AddMinutes(-5)), Timeout);
        await Seeder.PutLogAsync("job-ui-1", StageName.Build, 1, "> vite build\nnpm ERR! build failed: missing module './App'\n", Timeout);
        Coordinator.Answer = message => message is RetryJob ? RetriedAsync(failed).GetAwaiter().GetResult() : null;
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(WaitMs);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync(Host.BaseAddress.ToString());
        await page.ClickAsync(".job-row[data-job-id='job-ui-1']");
        var build = page.Locator(".stage[data-stage='build']");
        await Assertions.Expect(build.Locator(".stage-error")).ToContainTextAsync("BuildScriptFailed");
        await Assertions.Expect(build.Locator(".stage-error")).ToContainTextAsync("npm run build exited with code 1");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("npm ERR! build failed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser("status-page-failed.png"), FullPage = true });

        await page.ClickAsync("#retry-button");
        await page.FillAsync("#token-input", ApiHost.OpsToken);
        await page.ClickAsync("#token-save");

        await Assertions.Expect(build).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("s-Running"));
        await Assertions.Expect(build).ToContainTextAsync("attempt 2 of 3");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Building");
        var retry = Assert.IsType<RetryJob>(Assert.Single(Coordinator.Received));
        Assert.Equal("job-ui-1", retry.JobId);
        Assert.Equal(ApiHost.OpsToken, await page.EvaluateAsync<string>("sessionStorage.getItem('orchestrator.token')"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser("status-page-retried.png"), FullPage = true });

        // The page refreshes itself: the job moving on in the store shows up without a click.
        var done = JobSeeder.Job("job-ui-1", "blog", JobState.Succeeded, JobSeeder.Epoch) with { Release = new ReleaseInfo("http://127.0.0.1:1/sites/blog/", 12, 3, 9) };
        await Seeder.PutJobAsync(done, Timeout, indexed: false);
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#job-facts")).ToContainTextAsync("12 files, 3 uploaded, 9 skipped");
        await Assertions.Expect(page.Locator(".job-row[data-job-id='job-ui-1']")).ToContainTextAsync("Succeeded");

        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser("status-page-phone.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone-sized screen");
    }

    // What the coordinator does on retry of a failed build: a new attempt, running, error cleared, head rewritten.
    private async Task<JobDocument> RetriedAsync(JobDocument failed)
    {
        var stages = failed.Stages.Select(s => s.Name == StageName.Build
            ? s with { State = StageState.Running, Attempt = 2, StartedAt = JobSeeder.Epoch.AddMinutes(10), FinishedAt = null, Error = null }
            : s).ToList();
        var retried = failed with { State = JobState.Building, Stages = stages, UpdatedAt = JobSeeder.Epoch.AddMinutes(10) };
        await Seeder.PutJobAsync(retried, CancellationToken.None, indexed: false);
        return retried;
    }

    private string Browser(string name)
    {
        var path = Support.Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
