using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

public class FunctionPoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    private static InstanceOptions Options(int maxInstances, TimeSpan idle) => new()
    {
        StartTimeout = TimeSpan.FromSeconds(20),
        RestartDelay = TimeSpan.FromMilliseconds(100),
        MaxInstances = maxInstances,
        IdleTimeout = idle,
    };

    private static int Pid(JsonObject call) => call["pid"]!.GetValue<int>();

    private static async Task<InvokeOutcome[]> InvokeAtOnceAsync(FunctionPool pool, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => pool.InvokeAsync(System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), Timeout())));

    [Fact]
    public async Task InvokeAsync_ConcurrentInvocations_ScalesOutThenStopsIdleInstancesWithPreStop()
    {
        using var probe = new ProbeFunction();
        // Long enough that the new instances are ready before the first one frees up, even on a loaded machine.
        await using var pool = probe.Pool(probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "4000" }), Options(3, TimeSpan.FromSeconds(1)));
        await pool.StartAsync(Timeout());
        Assert.Single(pool.Instances);

        var outcomes = await InvokeAtOnceAsync(pool, 3);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));
        var invoked = probe.Calls("/invoke").Select(Pid).Distinct().ToList();
        Assert.Equal(3, invoked.Count); // instanceConcurrency 1: three overlapping invocations need three instances
        Assert.Equal(3, pool.PeakInstances);
        Assert.Equal(3, pool.InstancesStarted);

        var stopped = await probe.WaitForAsync(calls => calls.Count(c => c["path"]!.GetValue<string>() == "/pre-stop") == 2, Wait);
        await WaitUntilAsync(() => pool.Instances.Count == 1);
        var survivor = pool.Instances.Single().ProcessId!.Value;
        Assert.Equal(invoked.Where(pid => pid != survivor).Order(), stopped.Where(c => c["path"]!.GetValue<string>() == "/pre-stop").Select(Pid).Order());
    }

    [Fact]
    public async Task InvokeAsync_MoreInvocationsThanTheCap_WaitForAFreeInstanceAndAllSucceed()
    {
        using var probe = new ProbeFunction();
        await using var pool = probe.Pool(probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "700" }), Options(2, TimeSpan.FromMinutes(1)));
        await pool.StartAsync(Timeout());

        var outcomes = await InvokeAtOnceAsync(pool, 5);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));
        Assert.Equal(5, probe.Calls("/invoke").Count);
        Assert.Equal(2, probe.Calls("/invoke").Select(Pid).Distinct().Count());
        Assert.Equal(2, pool.PeakInstances);
    }

    [Fact]
    public async Task InvokeAsync_InstanceConcurrencyTwo_OneInstanceTakesTwoInvocationsAtOnce()
    {
        using var probe = new ProbeFunction();
        var spec = probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "1500" }, s => s with { InstanceConcurrency = 2 });
        await using var pool = probe.Pool(spec, Options(3, TimeSpan.FromMinutes(1)));
        await pool.StartAsync(Timeout());

        var outcomes = await InvokeAtOnceAsync(pool, 2);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));
        Assert.Single(probe.Calls("/invoke").Select(Pid).Distinct());
        Assert.Equal(1, pool.PeakInstances);
    }

    [Fact]
    public async Task InvokeAsync_InstanceKilledWithInvocationsQueued_QueuedOnesWaitForTheRestartedInstance()
    {
        using var probe = new ProbeFunction();
        await using var pool = probe.Pool(probe.Spec(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "1500" }), Options(1, TimeSpan.FromMinutes(1)));
        await pool.StartAsync(Timeout());
        var running = pool.InvokeAsync("{}"u8.ToArray(), Timeout());
        await probe.WaitForAsync(calls => calls.Any(c => c["path"]!.GetValue<string>() == "/invoke"), Wait);
        var queued = Enumerable.Range(0, 3).Select(_ => pool.InvokeAsync("{}"u8.ToArray(), Timeout())).ToList();
        var pid = pool.Instances.Single().ProcessId!.Value;

        System.Diagnostics.Process.GetProcessById(pid).Kill();

        Assert.False((await running).Succeeded);
        var outcomes = await Task.WhenAll(queued);

        // The first one handed the instance may still catch the dying process (and is lost, as an invocation on an
        // instance that dies is); the others wait for the restart instead of all failing against the dead port.
        Assert.True(outcomes.Count(o => o.Succeeded) >= 2, string.Join("; ", outcomes.Select(o => o.Failure)));
        var succeeded = outcomes.Where(o => o.Succeeded).Select(o => o.RequestId).ToHashSet();
        Assert.All(probe.Calls("/invoke").Where(c => succeeded.Contains(c["headers"]!["x-fc-request-id"]!.GetValue<string>())), c => Assert.NotEqual(pid, Pid(c)));
    }

    [Theory]
    [InlineData(null, null, 1, InstanceOptions.DefaultMaxInstances)]
    [InlineData(null, 6, 2, 3)]
    [InlineData(null, 5, 2, 3)]
    [InlineData(2, 6, 1, 2)]
    public void MaxInstancesOf_OptionAndReservedConcurrency_CapFollowsFc(int? option, int? reserved, int instanceConcurrency, int expected)
    {
        using var probe = new ProbeFunction();
        var spec = probe.Spec() with { ReservedConcurrency = reserved, InstanceConcurrency = instanceConcurrency };

        Assert.Equal(expected, new InstanceOptions { MaxInstances = option }.MaxInstancesOf(spec));
    }

    [Fact]
    public void Load_ScalingSettings_ReadFromTheFunctionProps()
    {
        var spec = LoadProbeWith("instanceConcurrency: 4\n      concurrencyConfig:\n        reservedConcurrency: 10\n      scalingConfig:\n        minInstances: 2");

        Assert.Equal((4, 10, 2), (spec.InstanceConcurrency, spec.ReservedConcurrency, spec.MinInstances));
    }

    [Fact]
    public void Load_InstanceConcurrencyZero_FailsWithInvalidProp()
    {
        var error = Assert.Throws<ServerlessConfigException>(() => LoadProbeWith("instanceConcurrency: 0"));

        Assert.Equal("InvalidProp", error.Code);
    }

    // The probe's s.yaml with more props after memorySize (indented as its props).
    private static FunctionSpec LoadProbeWith(string props)
    {
        using var folder = new Orchestrator.TestSupport.TempDirectory("pool-yaml");
        var path = folder.Combine("s.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(ProbeFunction.CodeDirectory, "s.yaml"))
            .Replace("      memorySize: 128\n", $"      memorySize: 128\n      {props}\n", StringComparison.Ordinal));
        return ServerlessProjectReader.Load(path, new VariableResolver(_ => "x", new Dictionary<string, string> { ["AccountID"] = "1" })).Function("probe");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
