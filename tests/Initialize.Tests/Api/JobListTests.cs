using System.Net;
using System.Net.Http.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class JobListTests : ApiTestBase
{
    [Fact]
    public async Task ListJobs_SeveralSites_AnswersNewestFirstWithHeadState()
    {
        await SeedAsync();
        using var client = Host.Client();

        var list = await client.GetFromJsonAsync("jobs", StatusJsonContext.Default.JobList, Timeout);

        Assert.NotNull(list);
        Assert.Equal(["b-2", "a-4", "a-3", "b-1", "a-2", "a-1", "b-0", "a-0"], list.Jobs.Select(j => j.JobId));
        Assert.Null(list.NextCursor);
        var failed = list.Jobs.Single(j => j.JobId == "a-3");
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("site-a", failed.Site);
        Assert.Equal(StageName.Build, failed.Stage);
        Assert.Equal(1, failed.Attempt);
        Assert.Equal(JobSeeder.Epoch.AddMinutes(3), failed.CreatedAt);
    }

    [Fact]
    public async Task ListJobs_SiteAndStateFilters_AnswerOnlyMatches()
    {
        await SeedAsync();
        using var client = Host.Client();

        var siteB = await client.GetFromJsonAsync("jobs?site=site-b", StatusJsonContext.Default.JobList, Timeout);
        var failed = await client.GetFromJsonAsync("jobs?state=failed", StatusJsonContext.Default.JobList, Timeout);
        var failedA = await client.GetFromJsonAsync("jobs?site=site-a&state=Failed", StatusJsonContext.Default.JobList, Timeout);

        Assert.Equal(["b-2", "b-1", "b-0"], siteB!.Jobs.Select(j => j.JobId));
        Assert.Equal(["a-3", "a-1"], failed!.Jobs.Select(j => j.JobId));
        Assert.Equal(["a-3", "a-1"], failedA!.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public async Task ListJobs_LimitAndCursor_PageThroughEveryJobOnce()
    {
        await SeedAsync();
        using var client = Host.Client();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;

        do
        {
            var list = await client.GetFromJsonAsync("jobs?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), StatusJsonContext.Default.JobList, Timeout);
            Assert.True(list!.Jobs.Count <= 3);
            seen.AddRange(list.Jobs.Select(j => j.JobId));
            cursor = list.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["b-2", "a-4", "a-3", "b-1", "a-2", "a-1", "b-0", "a-0"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListJobs_StateFilterWithLimit_ContinuesAfterTheLastMatch()
    {
        await SeedAsync();
        using var client = Host.Client();

        var first = await client.GetFromJsonAsync("jobs?state=Failed&limit=1", StatusJsonContext.Default.JobList, Timeout);
        var second = await client.GetFromJsonAsync("jobs?state=Failed&limit=1&cursor=" + Uri.EscapeDataString(first!.NextCursor!), StatusJsonContext.Default.JobList, Timeout);

        Assert.Equal(["a-3"], first.Jobs.Select(j => j.JobId));
        Assert.Equal(["a-1"], second!.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public async Task ListJobs_IndexedJobWithoutHead_ShowsPending()
    {
        var job = JobSeeder.Job("new-1", "site-c", JobState.Pending, JobSeeder.Epoch);
        await Seeder.PutJobAsync(job, Timeout);
        await Store.Store.DeleteAsync(Store.Bucket, ObjectKeys.JobHead("new-1"), Timeout);
        using var client = Host.Client();

        var list = await client.GetFromJsonAsync("jobs", StatusJsonContext.Default.JobList, Timeout);

        var only = Assert.Single(list!.Jobs);
        Assert.Equal(("new-1", JobState.Pending), (only.JobId, only.State));
    }

    [Fact]
    public async Task ListJobs_Empty_AnswersEmptyList()
    {
        using var client = Host.Client();

        var list = await client.GetFromJsonAsync("jobs?site=nothing-here", StatusJsonContext.Default.JobList, Timeout);

        Assert.Empty(list!.Jobs);
        Assert.Null(list.NextCursor);
    }

    [Theory]
    [InlineData("jobs?limit=0", "InvalidLimit")]
    [InlineData("jobs?limit=101", "InvalidLimit")]
    [InlineData("jobs?limit=ten", "InvalidLimit")]
    [InlineData("jobs?state=Sleeping", "InvalidState")]
    [InlineData("jobs?state=3", "InvalidState")]
    [InlineData("jobs?site=a/b", "InvalidSite")]
    [InlineData("jobs?cursor=a/b", "InvalidCursor")]
    public async Task ListJobs_BadQuery_Answers400WithCode(string path, string code)
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ErrorOf(response)).Code);
    }

    private async Task SeedAsync()
    {
        // site-a at minutes 0,1,2,3,4 and site-b at 0.5, 2.5, 4.5: interleaved in time.
        JobState[] statesA = [JobState.Succeeded, JobState.Failed, JobState.Succeeded, JobState.Failed, JobState.Building];
        for (var i = 0; i < statesA.Length; i++)
        {
            await Seeder.PutJobAsync(JobSeeder.Job($"a-{i}", "site-a", statesA[i], JobSeeder.Epoch.AddMinutes(i), StageName.Build), Timeout);
        }

        JobState[] statesB = [JobState.Cancelled, JobState.Succeeded, JobState.Fetching];
        for (var i = 0; i < statesB.Length; i++)
        {
            await Seeder.PutJobAsync(JobSeeder.Job($"b-{i}", "site-b", statesB[i], JobSeeder.Epoch.AddMinutes((2 * i) + 0.5)), Timeout);
        }
    }
}
