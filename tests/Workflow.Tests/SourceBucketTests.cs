using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.DependencyInjection;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Policy;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>Only uploads to the buckets a deployment takes sources from start jobs; Fetch never reads another bucket.</summary>
public class SourceBucketTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_UploadInABucketNotOwned_BucketNotOwnedAndNoJob()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var upload = harness.Upload("foreign") with { Bucket = "someone-elses-bucket" };

        var refused = await Assert.ThrowsAsync<InvalidEventException>(() => harness.SendAsync(upload, ct));

        Assert.Equal(WorkflowErrorCodes.BucketNotOwned, refused.Code);
        Assert.Contains("someone-elses-bucket", refused.Message, StringComparison.Ordinal);
        var jobId = JobIds.FromSource(upload.Bucket, upload.Key, upload.ETag);
        Assert.Null(await harness.Journal.LoadAsync(jobId, ct));
        Assert.Null(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, WorkflowKeys.Active(jobId), ct));
        Assert.Empty(harness.Sender.All);
    }

    [Fact]
    public async Task HandleAsync_ListedSourceBuckets_OnlyThoseStartJobs()
    {
        var ct = TestTimeout.Token();
        var options = CoordinatorHarness.DefaultOptions(fixture.Oss.Bucket);
        options.SourceBuckets = ["uploads-a", "uploads-b"];
        var harness = new CoordinatorHarness(fixture.Oss, options);

        var job = await harness.SendAsync(harness.Upload("listed") with { Bucket = "uploads-b" }, ct);
        var refused = await Assert.ThrowsAsync<InvalidEventException>(() => harness.SendAsync(harness.Upload("unlisted"), ct));

        Assert.Equal("uploads-b", job!.Source.Bucket);
        Assert.Equal("uploads-b", harness.Sender.OfType<FetchRequested>().Single().Source.Bucket);
        Assert.Equal(WorkflowErrorCodes.BucketNotOwned, refused.Code);
    }

    [Fact]
    public void AddCoordinator_SourceBucketsSetting_ListedBucketsOwnedAndBadNamesRefused()
    {
        var services = new ServiceCollection().AddCoordinator(Configuration(("ORCHESTRATOR_SOURCE_BUCKETS", " uploads-a, uploads-b ,")));
        var options = services.BuildServiceProvider().GetRequiredService<CoordinatorOptions>();
        var defaulted = new ServiceCollection().AddCoordinator(Configuration()).BuildServiceProvider().GetRequiredService<CoordinatorOptions>();

        Assert.Equal(["uploads-a", "uploads-b"], options.OwnedSourceBuckets);
        Assert.Equal(["job-bucket"], defaulted.OwnedSourceBuckets);
        var refusing = new ServiceCollection().AddCoordinator(Configuration(("ORCHESTRATOR_SOURCE_BUCKETS", "ok-bucket,Not_A/Bucket"))).BuildServiceProvider();
        var error = Assert.Throws<InvalidSettingException>(refusing.GetRequiredService<CoordinatorOptions>);
        Assert.Equal("ORCHESTRATOR_SOURCE_BUCKETS", error.Setting);
        Assert.Contains("ORCHESTRATOR_SOURCE_BUCKETS", error.Message, StringComparison.Ordinal);
        Assert.Contains("Not_A/Bucket", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create(s.Name, (string?)s.Value)).Append(KeyValuePair.Create("ORCHESTRATOR_BUCKET", (string?)"job-bucket"))).Build();
}
