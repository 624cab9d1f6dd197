using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Dispatch;
using Orchestrator.Messaging.Tests.Support;

namespace Orchestrator.Messaging.Tests.Dispatch;

public class CoordinatorFunctionTests
{
    private readonly RecordingCoordinator coordinator = new();

    private Task<FunctionHarness> StartAsync() =>
        FunctionHarness.StartAsync((services, configuration) =>
        {
            services.AddSingleton(coordinator);
            services.AddCoordinatorFunction(configuration, (sp, message, ct) => sp.GetRequiredService<RecordingCoordinator>().HandleAsync(message, ct));
        });

    private static StageSucceeded Result(string messageId, string jobId) =>
        new(messageId, jobId, StageName.Fetch, 1, new Dictionary<string, string>());

    [Fact]
    public async Task InvokeAsync_EveryCoordinatorMessageType_ReachesCoordinator()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();
        Type[] coordinatorTypes =
        [
            typeof(ObjectCreated), typeof(StageSucceeded), typeof(StageFailed), typeof(StageDeadlineDue), typeof(RetryDue),
            typeof(SweepDue), typeof(RetryJob), typeof(CancelJob), typeof(RollbackRequested), typeof(JobStatusRequested),
        ];
        var messages = SampleMessages.All.Where(m => coordinatorTypes.Contains(m.GetType())).ToArray();

        await function.InvokeAsync(Samples.Batch(messages), cts.Token);

        Assert.Equal(messages.Select(m => m.MessageId), coordinator.Handled.Select(m => m.MessageId));
        Assert.Equal(coordinatorTypes.ToHashSet(), coordinator.Handled.Select(m => m.GetType()).ToHashSet());
        Assert.Equal(coordinatorTypes.ToHashSet(), function.Provider.GetRequiredService<InboundTypes>().Types.ToHashSet());
    }

    [Fact]
    public async Task InvokeAsync_BatchWithOneFailingMessage_WholeInvocationFailsAfterHandlingTheOthers()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<OrchestratorException>(
            () => function.InvokeAsync(Samples.Batch(Result("a", "job-1"), Result("b", "missing"), Result("c", "job-3")), cts.Token));

        Assert.Equal("BatchFailed", error.Code);
        Assert.Contains("JobNotFound", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c"], coordinator.Handled.Select(m => m.MessageId));
    }

    [Fact]
    public async Task InvokeAsync_SingleFailingMessage_ThrowsItsOwnError()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<OrchestratorException>(() => function.InvokeAsync(Samples.Batch(Result("b", "missing")), cts.Token));

        Assert.Equal("JobNotFound", error.Code);
    }

    [Fact]
    public async Task InitializeAsync_WarmUp_ReachesNoCoordinator()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        await function.Provider.GetRequiredService<IFunctionInitializer>().InitializeAsync(function.Context(), cts.Token);

        Assert.Empty(coordinator.Handled);
    }

    [Fact]
    public async Task InvokeAsync_StatusCommand_AnswersJobDocument()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        var result = await function.InvokeAsync("{\"command\":\"status\",\"jobId\":\"job-7\"}", cts.Token);

        using var answer = JsonDocument.Parse(result.Body);
        var job = answer.RootElement.GetProperty("job");
        Assert.Equal("job-7", job.GetProperty("jobId").GetString());
        Assert.Equal("Building", job.GetProperty("state").GetString());
        Assert.Equal("fetch", job.GetProperty("stages")[0].GetProperty("name").GetString());
        Assert.Equal("application/json", result.ContentType);
    }

    [Fact]
    public async Task InvokeAsync_NativeOssEvent_DeliversObjectCreated()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        await function.InvokeAsync(Samples.Load("oss.json").ToJsonString(), cts.Token);

        Assert.Equal("image/a.jpg", Assert.IsType<ObjectCreated>(Assert.Single(coordinator.Handled)).Key);
    }

    [Fact]
    public async Task InvokeAsync_StageRequest_RefusedAsUnexpectedType()
    {
        await using var function = await StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<InvalidEventException>(
            () => function.InvokeAsync(Samples.Batch(SampleMessages.All.OfType<FetchRequested>().First()), cts.Token));

        Assert.Equal("UnexpectedMessageType", error.Code);
        Assert.Empty(coordinator.Handled);
    }

    [Fact]
    public void AddCoordinatorFunction_SecondRole_Refused()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddCoordinatorFunction(configuration, (_, _, _) => Task.FromResult<JobDocument?>(null));

        Assert.Throws<InvalidOperationException>(() => services.AddStageFunction<FetchRequested, ScriptedFetchStage>(configuration));
    }

    [Fact]
    public async Task Sender_MissingEndpointSetting_FailsNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddStageFunction<FetchRequested, ScriptedFetchStage>(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidSettingException>(() => provider.GetRequiredService<IMessageSender>());

        Assert.Equal("Mns:Endpoint", error.Setting);
        Assert.Contains("Mns:Endpoint", error.Message, StringComparison.Ordinal);
    }
}
