using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Dispatch;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Storage.Results;

namespace Orchestrator.Messaging.Tests.Dispatch;

public class StageFunctionTests
{
    private static Task<FunctionHarness> StartFetchAsync() =>
        FunctionHarness.StartAsync((services, configuration) => services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration));

    private static FetchRequested Request(string jobId, string messageId = "m-1") =>
        new(messageId, jobId, "marketing", 2, new SourceObject("my-sites", "src/marketing/a.zip", "E", 1));

    [Fact]
    public async Task InvokeAsync_StageSucceeds_SendsStageSucceededToCoordinatorQueue()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        var result = await function.InvokeAsync(Samples.Batch(Request("ok-1")), cts.Token);
        var report = await function.ReceiveAsync("coordinator", cts.Token);

        var succeeded = Assert.IsType<StageSucceeded>(report);
        Assert.Equal(("ok-1", StageName.Fetch, 2), (succeeded.JobId, succeeded.Stage, succeeded.Attempt));
        Assert.Equal("jobs/ok-1/fetch/workspace.tar", succeeded.Outputs["workspace"]);
        Assert.Equal(StageReportIds.For("m-1"), succeeded.MessageId);
        using var answer = JsonDocument.Parse(result.Body);
        Assert.Equal(1, answer.RootElement.GetProperty("handled").GetInt32());
        Assert.Equal("FetchRequested", answer.RootElement.GetProperty("messages")[0].GetProperty("messageType").GetString());
    }

    [Fact]
    public async Task InvokeAsync_StageFailedException_SendsStageFailedWithItsError()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("refuse-1")), cts.Token);
        var report = await function.ReceiveAsync("coordinator", cts.Token);

        var failed = Assert.IsType<StageFailed>(report);
        Assert.Equal(new StageError("ArchiveRejected", "The archive holds ../escape.", false), failed.Error);
    }

    [Fact]
    public async Task InvokeAsync_UnexpectedException_SendsRetryableUnexpectedError()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("crash-1")), cts.Token);
        var failed = Assert.IsType<StageFailed>(await function.ReceiveAsync("coordinator", cts.Token));

        Assert.Equal("UnexpectedError", failed.Error.Code);
        Assert.True(failed.Error.Retryable);
        Assert.Contains("disk on fire", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_StageDeferred_FailsTheInvocationWithoutAReport()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        var deferred = await Assert.ThrowsAsync<StageDeferredException>(() => function.InvokeAsync(Samples.Batch(Request("busy-1")), cts.Token));

        Assert.Equal("SiteBusy", deferred.Code);
        Assert.Null(await function.ReceiveAsync("coordinator", cts.Token));
    }

    [Fact]
    public async Task InvokeAsync_SameRequestDeliveredTwice_ReportsUnderTheSameId()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("ok-2")), cts.Token);
        await function.InvokeAsync(Samples.Batch(Request("ok-2")), cts.Token);
        var first = await function.ReceiveAsync("coordinator", cts.Token);
        var second = await function.ReceiveAsync("coordinator", cts.Token);

        Assert.Equal(first!.MessageId, second!.MessageId);
    }

    [Fact]
    public async Task InvokeAsync_BatchOfThree_ReportsEach()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Batch(Request("ok-a", "a"), Request("refuse-b", "b"), Request("ok-c", "c")), cts.Token);
        var reports = new List<IMessage>();
        for (var i = 0; i < 3; i++)
        {
            reports.Add((await function.ReceiveAsync("coordinator", cts.Token))!);
        }

        Assert.Equal(["ok-a", "ok-c", "refuse-b"], reports.Cast<IJobMessage>().Select(r => r.JobId).Order());
    }

    [Fact]
    public async Task InvokeAsync_MessageForAnotherFunction_RefusedAsUnexpectedType()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();
        var build = SampleMessages.All.OfType<BuildRequested>().First();

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => function.InvokeAsync(Samples.Batch(build), cts.Token));

        Assert.Equal("UnexpectedMessageType", error.Code);
        Assert.Null(await function.Mns.Client().ReceiveMessageAsync("coordinator", 0, cts.Token));
    }

    [Fact]
    public async Task InvokeAsync_MalformedBody_ThrowsInvalidEvent()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => function.InvokeAsync("{\"nope\":true}", cts.Token));

        Assert.Equal("UnknownEvent", error.Code);
    }

    [Fact]
    public async Task InitializeAsync_WarmUp_RunsNoStageAndSendsNothing()
    {
        await using var function = await StartFetchAsync();
        using var cts = Timeouts.Test();

        var initializer = Assert.Single(function.Provider.GetServices<IFunctionInitializer>());
        await initializer.InitializeAsync(function.Context(), cts.Token);

        Assert.Null(await function.Mns.Client().ReceiveMessageAsync("coordinator", 0, cts.Token));
    }

    [Fact]
    public async Task InvokeAsync_ExtraHandledType_ReachesItsHandler()
    {
        var rollbacks = new RecordingRollbacks();
        await using var function = await FunctionHarness.StartAsync((services, configuration) =>
        {
            services.AddSingleton(rollbacks);
            services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration, more => more.Handle<RollbackRequested, RecordingRollbacks.Handler>());
        });
        using var cts = Timeouts.Test();
        var rollback = new RollbackRequested("r-1", "marketing", null);

        await function.Provider.GetRequiredService<IFunctionInitializer>().InitializeAsync(function.Context(), cts.Token);
        await function.InvokeAsync(Samples.Batch(rollback, Request("ok-4")), cts.Token);

        Assert.Equal([rollback], rollbacks.Seen);
        Assert.IsType<StageSucceeded>(await function.ReceiveAsync("coordinator", cts.Token));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task InvokeAsync_ExtraHandlerRefuses_CompletedUnlessRetryable(bool retryable, bool succeeds)
    {
        await using var function = await FunctionHarness.StartAsync((services, configuration) =>
            services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration, more => more.Handle<RollbackRequested, RefusingRollbacks>()));
        using var cts = Timeouts.Test();
        var rollback = new RollbackRequested("r-2", retryable ? "busy" : "unknown-release", null);

        var invocation = function.InvokeAsync(Samples.Batch(rollback), cts.Token);

        if (succeeds)
        {
            await invocation;
        }
        else
        {
            Assert.Equal("Busy", (await Assert.ThrowsAsync<OrchestratorException>(() => invocation)).Code);
        }
    }

    private sealed class RefusingRollbacks : IMessageHandler<RollbackRequested>
    {
        public Task HandleAsync(RollbackRequested message, CancellationToken cancellationToken) =>
            throw (message.Site == "busy"
                ? new OrchestratorException("Busy", "Try again.", retryable: true)
                : new OrchestratorException("ReleaseNotKept", "No such release.", retryable: false));
    }

    private sealed class RecordingRollbacks
    {
        public List<RollbackRequested> Seen { get; } = [];

        public sealed class Handler(RecordingRollbacks record) : IMessageHandler<RollbackRequested>
        {
            public Task HandleAsync(RollbackRequested message, CancellationToken cancellationToken)
            {
                record.Seen.Add(message);
                return Task.CompletedTask;
            }
        }
    }
}
