using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Storage.Results;
using Orchestrator.Storage;
using Orchestrator.TestSupport;

namespace Orchestrator.Messaging.Tests.Dispatch;

/// <summary>Results before reports (ARCHITECTURE.md §5): a stage stores its outcome, create-only, before it reports.</summary>
public class StageResultTests
{
    private static FetchRequested Request(string jobId, string messageId = "m-1") =>
        new(messageId, jobId, "marketing", 2, new SourceObject("my-sites", "src/marketing/a.zip", "E", 1));

    [Fact]
    public async Task InvokeAsync_StageSucceeds_StoresResultAndMarkerBeforeReporting()
    {
        var checks = new ResultCheckingSender();
        await using var function = await FunctionHarness.StartAsync((services, configuration) =>
        {
            services.AddSingleton<IMessageSender>(sp => checks.Over(sp.GetRequiredService<StageResultStore>()));
            services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration);
        });
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("ok-stored")), cts.Token);

        var sent = Assert.IsType<StageSucceeded>(Assert.Single(checks.Sent));
        // When the report went out, the stored result was already the very same message.
        Assert.Equal(sent, Assert.Single(checks.StoredWhenSent), ReportComparer.Instance);
        var markers = await function.Oss.Store.ListAsync(function.Oss.Bucket, new ListRequest { Prefix = ObjectKeys.DuePrefix }, cts.Token);
        Assert.Single(markers.Objects, o => o.Key.EndsWith("/ok-stored.fetch.2.result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvokeAsync_RedeliveredRequestWithStoredResult_ResendsStoredReportWithoutRunning()
    {
        var runs = new RunCounter();
        await using var function = await FunctionHarness.StartAsync((services, configuration) =>
        {
            services.AddSingleton(runs);
            services.AddStageFunction<FetchRequested, CountingFetchStage>(configuration);
        });
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("job-redelivered")), cts.Token);
        await function.InvokeAsync(Samples.Batch(Request("job-redelivered")), cts.Token);
        var first = Assert.IsType<StageSucceeded>(await function.ReceiveAsync("coordinator", cts.Token));
        var second = Assert.IsType<StageSucceeded>(await function.ReceiveAsync("coordinator", cts.Token));

        Assert.Equal(1, runs.Count);
        Assert.Equal(first, second, ReportComparer.Instance);
        Assert.Equal("1", second.Outputs["run"]);
    }

    [Fact]
    public async Task InvokeAsync_AnotherDeliveryStoresFirstWhileRunning_SendsTheStoredReport()
    {
        var gate = new StageGate();
        await using var function = await FunctionHarness.StartAsync((services, configuration) =>
        {
            services.AddSingleton(gate);
            services.AddStageFunction<FetchRequested, GatedFetchStage>(configuration);
        });
        using var cts = Timeouts.Test();
        var request = Request("job-raced");
        var results = function.Provider.GetRequiredService<StageResultStore>();

        var invocation = function.InvokeAsync(Samples.Batch(request), cts.Token);
        await gate.Started.Task.WaitAsync(cts.Token);
        // Another instance, given a copy of the request, finished first and stored a failure.
        var winner = new StageFailed(StageReportIds.For(request.MessageId), request.JobId, request.Stage, request.Attempt, new StageError("DiskFull", "no space left", true));
        Assert.True(await results.TryCreateAsync(winner, cts.Token));
        gate.Release.SetResult();
        await invocation;

        Assert.Equal(winner, await function.ReceiveAsync("coordinator", cts.Token));
        Assert.Equal(winner, await results.ReadAsync(request.JobId, request.Stage, request.Attempt, winner.MessageId, cts.Token));
    }

    [Fact]
    public async Task InvokeAsync_StoredResultOfAnotherJob_RefusedAndTheStageRuns()
    {
        await using var function = await FunctionHarness.StartAsync((services, configuration) => services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration));
        using var cts = Timeouts.Test();
        var request = Request("ok-victim");
        var copied = new StageFailed(StageReportIds.For(request.MessageId), "ok-elsewhere", request.Stage, request.Attempt, new StageError("Planted", "planted", false));
        using (var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(StageResult.Of(copied), ContractsJsonContext.Default.StageResult)))
        {
            await function.Oss.Store.PutAsync(function.Oss.Bucket, ObjectKeys.StageResult(request.JobId, request.Stage, request.Attempt), body, null, cts.Token);
        }

        await function.InvokeAsync(Samples.Batch(request), cts.Token);

        var report = Assert.IsType<StageSucceeded>(await function.ReceiveAsync("coordinator", cts.Token));
        Assert.Equal("ok-victim", report.JobId);
    }

    [Fact]
    public async Task InvokeAsync_StageDeferred_StoresNoResult()
    {
        await using var function = await FunctionHarness.StartAsync((services, configuration) => services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration));
        using var cts = Timeouts.Test();

        await Assert.ThrowsAsync<StageDeferredException>(() => function.InvokeAsync(Samples.Batch(Request("busy-stored")), cts.Token));

        Assert.Null(await function.Oss.Store.HeadAsync(function.Oss.Bucket, ObjectKeys.StageResult("busy-stored", StageName.Fetch, 2), cts.Token));
    }

    [Fact]
    public async Task AddStageFunction_NoBucketSetting_FailsNamingTheSetting()
    {
        using var cts = Timeouts.Test();
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        var services = new ServiceCollection();
        services.AddSingleton(oss.Store);
        services.AddStageFunction<FetchRequested, ScriptedFetchStage>(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidSettingException>(() => provider.GetRequiredService<StageResultStore>());

        Assert.Equal("ORCHESTRATOR_BUCKET", error.Setting);
    }

    /// <summary>Records each report sent and what was stored for its attempt at that moment.</summary>
    private sealed class ResultCheckingSender
    {
        public List<IMessage> Sent { get; } = [];

        public List<IMessage?> StoredWhenSent { get; } = [];

        public IMessageSender Over(StageResultStore results) => new Sender(this, results);

        private sealed class Sender(ResultCheckingSender record, StageResultStore results) : IMessageSender
        {
            public async Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken)
            {
                var report = (IStageMessage)message;
                record.StoredWhenSent.Add(await results.ReadAsync(report.JobId, report.Stage, report.Attempt, report.MessageId, cancellationToken));
                record.Sent.Add(message);
            }
        }
    }

    private sealed class RunCounter
    {
        private int _count;

        public int Count => _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingFetchStage(RunCounter runs) : IStage<FetchRequested>
    {
        public Task<IReadOnlyDictionary<string, string>> RunAsync(FetchRequested request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["run"] = runs.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private sealed class StageGate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class GatedFetchStage(StageGate gate) : IStage<FetchRequested>
    {
        public async Task<IReadOnlyDictionary<string, string>> RunAsync(FetchRequested request, CancellationToken cancellationToken)
        {
            gate.Started.SetResult();
            await gate.Release.Task.WaitAsync(cancellationToken);
            return new Dictionary<string, string> { ["workspace"] = "mine" };
        }
    }

    /// <summary>Records compare their outputs dictionaries by reference; reports are equal when their JSON is.</summary>
    private sealed class ReportComparer : IEqualityComparer<IMessage?>
    {
        public static readonly ReportComparer Instance = new();

        public bool Equals(IMessage? x, IMessage? y) =>
            x is IStageMessage a && y is IStageMessage b
            && JsonSerializer.Serialize(StageResult.Of(a), ContractsJsonContext.Default.StageResult) == JsonSerializer.Serialize(StageResult.Of(b), ContractsJsonContext.Default.StageResult);

        public int GetHashCode(IMessage? obj) => obj?.MessageId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
