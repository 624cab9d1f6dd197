using System.Formats.Tar;
using System.IO.Compression;
using Orchestrator.Archives;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class PublishStageTests
{
    private const string Site = "docs";

    private static PublishRequested Request(string jobId, string? outputKey, int attempt = 1) => new(
        "msg-" + jobId,
        jobId,
        Site,
        attempt,
        1,
        outputKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [StageOutputKeys.Output] = outputKey });

    [Fact]
    public async Task Run_BuildOutputTarGz_PublishesAndReturnsOutputs()
    {
        var ct = TestTimeout.Token();
        using var work = new SiteFolder(new Dictionary<string, string>());
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:WorkDirectory"] = work.Path }, ct);
        var files = new Dictionary<string, string>
        {
            ["index.html"] = "<html><script src=\"/assets/main.9f8e7d6c.js\"></script></html>",
            ["assets/main.9f8e7d6c.js"] = "console.log('hi');",
        };
        await PutOutputAsync(harness, "job-1", files, ct);

        var outputs = await harness.Get<IStage<PublishRequested>>().RunAsync(Request("job-1", ObjectKeys.BuildOutput("job-1")), ct);

        Assert.Equal("oss://site-bucket/sites/docs/", outputs[StageOutputKeys.Url]);
        Assert.Equal(("2", "2", "0"), (outputs[StageOutputKeys.Files], outputs[StageOutputKeys.Uploaded], outputs[StageOutputKeys.Skipped]));
        Assert.Equal(ObjectKeys.StageLog("job-1", StageName.Publish, 1), outputs[StageOutputKeys.Log]);
        Assert.Contains("uploaded 2", await harness.ReadTextAsync(PublishHarness.JobsBucket, outputs[StageOutputKeys.Log], ct), StringComparison.Ordinal);
        Assert.Equal(files, await harness.ReadSiteAsync(Site, ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work.Path));
    }

    [Fact]
    public async Task Run_OutputWithSingleTopFolder_KeepsTheFolder()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var files = new Dictionary<string, string> { ["guide/index.html"] = "<html>guide</html>" };
        await PutOutputAsync(harness, "job-1", files, ct);

        await harness.Get<IStage<PublishRequested>>().RunAsync(Request("job-1", ObjectKeys.BuildOutput("job-1")), ct);

        Assert.Equal(files, await harness.ReadSiteAsync(Site, ct));
    }

    [Fact]
    public async Task Run_OutputWithLinkLeavingRoot_FailsArchiveRejectedAndPublishesNothing()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        using (var body = new MemoryStream())
        {
            await using (var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                var page = new PaxTarEntry(TarEntryType.RegularFile, "index.html") { DataStream = new MemoryStream("<html></html>"u8.ToArray()) };
                await tar.WriteEntryAsync(page, ct);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "secrets") { LinkName = "/etc/passwd" }, ct);
            }

            body.Position = 0;
            await harness.Store.PutAsync(PublishHarness.JobsBucket, ObjectKeys.BuildOutput("job-1"), body, null, ct);
        }

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Get<IStage<PublishRequested>>().RunAsync(Request("job-1", ObjectKeys.BuildOutput("job-1")), ct));

        Assert.Equal(ArchiveRejectedException.ErrorCode, ex.Code);
        Assert.False(ex.Retryable);
        Assert.Empty(await harness.ReadSiteAsync(Site, ct));
        Assert.Contains(ArchiveRejectedException.ErrorCode, await harness.ReadTextAsync(PublishHarness.JobsBucket, ObjectKeys.StageLog("job-1", StageName.Publish, 1), ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoOutputInput_FailsMissingInput()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Get<IStage<PublishRequested>>().RunAsync(Request("job-1", null), ct));

        Assert.Equal((PublishErrorCodes.MissingInput, false), (ex.Code, ex.Retryable));
    }

    [Fact]
    public async Task Run_OutputObjectAbsent_FailsBuildOutputMissing()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Get<IStage<PublishRequested>>().RunAsync(Request("job-1", ObjectKeys.BuildOutput("job-1")), ct));

        Assert.Equal((PublishErrorCodes.BuildOutputMissing, false), (ex.Code, ex.Retryable));
    }

    private static async Task PutOutputAsync(PublishHarness harness, string jobId, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        using var folder = new SiteFolder(files);
        using var body = new MemoryStream();
        await ArchiveWriter.WriteTarGzAsync(folder.Path, body, ct);
        body.Position = 0;
        await harness.Store.PutAsync(PublishHarness.JobsBucket, ObjectKeys.BuildOutput(jobId), body, null, ct);
    }
}
