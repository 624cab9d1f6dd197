using System.Diagnostics;
using System.Text;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

public class FunctionInstanceTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task StartAsync_ProbeFunction_WaitsForThePortThenInitializesWithFcEnvironment()
    {
        using var probe = new ProbeFunction();
        await using var instance = probe.Instance(probe.Spec());

        await instance.StartAsync(Timeout());

        var init = Assert.Single(probe.Calls("/initialize"));
        Assert.Equal("POST", init["method"]!.GetValue<string>());
        Assert.Equal("probe", init["env"]!["FC_FUNCTION_NAME"]!.GetValue<string>());
        Assert.Equal("cn-hangzhou", init["env"]!["FC_REGION"]!.GetValue<string>());
        Assert.StartsWith("c-", init["env"]!["FC_INSTANCE_ID"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(init["env"]!["HAS_KEY"]!.GetValue<bool>());
        Assert.Equal("probe-queue", init["env"]!["QUEUE"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvokeAsync_Event_PostsRawBytesWithFcHeaders()
    {
        using var probe = new ProbeFunction();
        await using var instance = probe.Instance(probe.Spec());
        await instance.StartAsync(Timeout());

        var outcome = await instance.InvokeAsync(Encoding.UTF8.GetBytes("{\"hello\":1}"), Timeout());

        Assert.True(outcome.Succeeded, outcome.Failure);
        var call = Assert.Single(probe.Calls("/invoke"));
        Assert.Equal("{\"hello\":1}", call["body"]!.GetValue<string>());
        var headers = call["headers"]!;
        Assert.Equal(outcome.RequestId, headers["x-fc-request-id"]!.GetValue<string>());
        Assert.Equal("probe", headers["x-fc-function-name"]!.GetValue<string>());
        Assert.Equal("cn-hangzhou", headers["x-fc-region"]!.GetValue<string>());
        Assert.Equal("128", headers["x-fc-function-memory"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", headers["content-type"]!.GetValue<string>());
        Assert.Equal("LTAIprobe", headers["x-fc-access-key-id"]!.GetValue<string>()); // custom.debian10 still sends them
    }

    [Fact]
    public async Task InvokeAsync_FunctionAnswersFcStatus404_ReportsAFailure()
    {
        using var probe = new ProbeFunction();
        await using var instance = probe.Instance(probe.Spec(new Dictionary<string, string> { ["PROBE_MODE"] = "fail" }));
        await instance.StartAsync(Timeout());

        var outcome = await instance.InvokeAsync("{}"u8.ToArray(), Timeout());

        Assert.False(outcome.Succeeded);
        Assert.Contains("x-fc-status", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("ProbeFailure", Encoding.UTF8.GetString(outcome.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_InstanceKilledMidInvocation_ReportsConnectionLostAndRestartsTheInstance()
    {
        using var probe = new ProbeFunction();
        await using var instance = probe.Instance(probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "30000" }));
        await instance.StartAsync(Timeout());
        var firstPid = instance.ProcessId!.Value;
        instance.InvocationStarted += (_, _) => _ = Task.Run(async () =>
        {
            await probe.WaitForAsync(calls => calls.Any(c => c["path"]!.GetValue<string>() == "/invoke"), TimeSpan.FromSeconds(20));
            Process.GetProcessById(firstPid).Kill();
        });

        var outcome = await instance.InvokeAsync("{}"u8.ToArray(), Timeout());

        Assert.False(outcome.Succeeded);
        await probe.WaitForAsync(calls => calls.Count(c => c["path"]!.GetValue<string>() == "/initialize") == 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, instance.Starts);
        Assert.NotEqual(firstPid, probe.Calls("/initialize")[1]["pid"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvokeAsync_RunsPastTheFunctionTimeout_FailsAndRecyclesTheInstance()
    {
        using var probe = new ProbeFunction();
        await using var instance = probe.Instance(probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "30000" }, spec => spec with { TimeoutSeconds = 1 }));
        await instance.StartAsync(Timeout());

        var outcome = await instance.InvokeAsync("{}"u8.ToArray(), Timeout());

        Assert.False(outcome.Succeeded);
        Assert.Contains("timed out", outcome.Failure, StringComparison.Ordinal);
        await probe.WaitForAsync(calls => calls.Count(c => c["path"]!.GetValue<string>() == "/initialize") == 2, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task DisposeAsync_RunningInstance_CallsPreStopAndEndsTheProcess()
    {
        using var probe = new ProbeFunction();
        var instance = probe.Instance(probe.Spec());
        await instance.StartAsync(Timeout());
        var pid = instance.ProcessId!.Value;

        await instance.DisposeAsync();

        var stop = Assert.Single(probe.Calls("/pre-stop"));
        Assert.Equal("GET", stop["method"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public async Task StartAsync_BootstrapThatNeverListens_FailsWithinTheStartTimeout()
    {
        using var probe = new ProbeFunction();
        var spec = probe.Spec() with { InitializerTimeoutSeconds = null };
        await using var instance = new FunctionInstance(
            spec,
            new LaunchPlan("sleep", ["30"], ProbeFunction.CodeDirectory),
            spec.Environment,
            probe.Log(spec),
            new InstanceOptions { StartTimeout = TimeSpan.FromSeconds(1), RestartDelay = TimeSpan.FromSeconds(5) },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => instance.StartAsync(Timeout()));
    }
}
