using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_Initializers_RunInOrderWithTheContext()
    {
        var calls = new List<string>();
        await using var host = await InProcessHost.StartAsync(services =>
        {
            services.AddSingleton<IInvocationHandler, UnsupportedEventHandler>();
            services.AddSingleton<IFunctionInitializer>(new RecordingInitializer("first", calls));
            services.AddSingleton<IFunctionInitializer>(new RecordingInitializer("second", calls));
        });

        using var response = await host.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", "init-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["first:init-1", "second:init-1"], calls);
    }

    [Fact]
    public async Task Initialize_InitializerThrows_FailsWithFcStatus()
    {
        await using var host = await InProcessHost.StartAsync(services =>
        {
            services.AddSingleton<IInvocationHandler, UnsupportedEventHandler>();
            services.AddSingleton<IFunctionInitializer>(new RecordingInitializer("broken", [], new OrchestratorException("WarmUpFailed", "no state machine", retryable: true)));
        });

        using var response = await host.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", "init-2"));

        Assert.Equal("404", Assert.Single(response.Headers.GetValues("x-fc-status")));
        Assert.Equal("WarmUpFailed", (await Requests.JsonAsync(response)).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task PreStop_InvocationInFlight_AnswersOnlyAfterItFinishes()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(new DelegateHandler(async (_, _, cancellationToken) =>
        {
            entered.SetResult();
            await release.Task.WaitAsync(cancellationToken);
            return InvocationResult.Empty;
        })));

        var invoking = host.Client.SendAsync(Requests.Invoke("long", "{}"));
        await entered.Task.WaitAsync(FunctionProcess.WaitTimeout);
        var stopping = host.Client.SendAsync(Requests.Lifecycle(HttpMethod.Get, "/pre-stop", "stop"));
        var drainStarted = "\"DrainStarted\"";
        await WaitForAsync(() => host.Log.Contains(drainStarted, StringComparison.Ordinal));

        Assert.False(stopping.IsCompleted);
        release.SetResult();
        using var invoked = await invoking.WaitAsync(FunctionProcess.WaitTimeout);
        using var stopped = await stopping.WaitAsync(FunctionProcess.WaitTimeout);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        var report = await Requests.JsonAsync(stopped);
        Assert.True(report.GetProperty("drained").GetBoolean());
        Assert.Equal(0, report.GetProperty("inFlight").GetInt32());
    }

    [Fact]
    public async Task PreStop_InvocationOutlastsDrainTimeout_ReportsNotDrained()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await InProcessHost.StartAsync(
            services => services.AddSingleton<IInvocationHandler>(new DelegateHandler(async (_, _, cancellationToken) =>
            {
                entered.SetResult();
                await release.Task.WaitAsync(cancellationToken);
                return InvocationResult.Empty;
            })),
            "ORCHESTRATOR_DRAIN_TIMEOUT_SECONDS=1");

        var invoking = host.Client.SendAsync(Requests.Invoke("stuck", "{}"));
        await entered.Task.WaitAsync(FunctionProcess.WaitTimeout);
        using var stopped = await host.Client.SendAsync(Requests.Lifecycle(HttpMethod.Get, "/pre-stop", "stop"));

        var report = await Requests.JsonAsync(stopped);
        Assert.False(report.GetProperty("drained").GetBoolean());
        Assert.Equal(1, report.GetProperty("inFlight").GetInt32());
        release.SetResult();
        using var invoked = await invoking.WaitAsync(FunctionProcess.WaitTimeout);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(FunctionProcess.WaitTimeout);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private sealed class RecordingInitializer(string name, List<string> calls, Exception? failure = null) : IFunctionInitializer
    {
        public Task InitializeAsync(InvocationContext context, CancellationToken cancellationToken)
        {
            calls.Add($"{name}:{context.RequestId}");
            return failure is null ? Task.CompletedTask : Task.FromException(failure);
        }
    }
}
