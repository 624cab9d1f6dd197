using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.Messaging.Wire;
using Xunit.Abstractions;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

/// <summary>
/// The status page's dead letters in Debian's chromium, over the status API and the local MNS service: a lock until
/// the ops token is given (never an error), then the count, the list, and Replay buttons that empty the queue.
/// </summary>
public sealed class DeadLetterPageBrowserTests(ITestOutputHelper output) : DeadLetterApiTestBase
{
    private const float WaitMs = 20_000;

    [Fact]
    public async Task Page_DeadLetters_LockedUntilTheOpsTokenThenCountedListedAndReplayed()
    {
        var fetch = new FetchRequested("fetch-p1", "job-p1", "blog", 1, new SourceObject("jobs-bucket", "src/blog/a.zip", "E1", 10));
        var report = new StageSucceeded("report-p2", "job-p2", StageName.Build, 1, new Dictionary<string, string>());
        var fetchId = await DeadLetterAsync("orchestrator-fetch", fetch);
        await DeadLetterAsync("orchestrator-coordinator", report);
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(WaitMs);

        await page.GotoAsync(Host.BaseAddress.ToString());
        var button = page.Locator("#dead-letters");
        await Assertions.Expect(button).ToHaveTextAsync(new Regex("Dead letters \U0001F512"));
        await Assertions.Expect(page.Locator("#notice")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#token-dialog")).Not.ToBeVisibleAsync();

        await button.ClickAsync();
        await page.FillAsync("#token-input", ApiHost.OpsToken);
        await page.ClickAsync("#token-save");

        var items = page.Locator("#dead-list li[data-dead-id]");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(button).ToHaveTextAsync("Dead letters: 2");
        await Assertions.Expect(button).ToHaveClassAsync(new Regex("has"));
        await Assertions.Expect(page.Locator($"#dead-list li[data-dead-id='{fetchId}']")).ToContainTextAsync("FetchRequested → orchestrator-fetch");
        await Assertions.Expect(page.Locator($"#dead-list li[data-dead-id='{fetchId}']")).ToContainTextAsync("job-p1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("dead-letters.png"), FullPage = true });

        await page.ClickAsync($"#dead-list li[data-dead-id='{fetchId}'] button");

        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(button).ToHaveTextAsync("Dead letters: 1");
        Assert.Equal(EnvelopeSerializer.Serialize(fetch), Assert.Single(await Queues.PeekMessagesAsync("orchestrator-fetch", 16, Timeout)).MessageBody);

        await page.ClickAsync("#dead-replay-all");

        await Assertions.Expect(items).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#dead-list")).ToContainTextAsync("No dead letters.");
        await Assertions.Expect(button).ToHaveTextAsync("Dead letters: 0");
        Assert.Single(await Queues.PeekMessagesAsync("orchestrator-coordinator", 16, Timeout));
        Assert.Equal(0, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Fact]
    public async Task Page_ReadTokenOnly_ShowsTheLockAndNoError()
    {
        await DeadLetterAsync("orchestrator-fetch", new CancelJob("cancel-p3", "job-p3"));
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync();
        page.SetDefaultTimeout(WaitMs);
        await page.GotoAsync(Host.BaseAddress.ToString());
        await page.EvaluateAsync("sessionStorage.setItem('orchestrator.token', 'a-token-that-is-not-the-ops-token')");

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#dead-letters")).ToHaveTextAsync(new Regex("Dead letters \U0001F512"));
        await Assertions.Expect(page.Locator("#notice")).ToBeHiddenAsync();
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }

    private string Artifact(string name)
    {
        var path = Support.Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
