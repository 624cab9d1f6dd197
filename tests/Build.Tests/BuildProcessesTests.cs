using System.Diagnostics;
using Orchestrator.Functions.Build;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>
/// A function that is not root cannot give builds a uid of their own; its builds' processes are still all gone
/// when a command returns, found by session, process group, parentage and the build's environment marker.
/// (The tests run as root, so the unisolated identity is made directly here.)
/// </summary>
public sealed class BuildProcessesTests : IDisposable
{
    private readonly TempDirectory _temp = new("processes");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_UnisolatedBuildLeavesBackgroundProcess_ItIsDeadAndBystandersLive(bool escapeWithSetsid)
    {
        var buildId = Guid.NewGuid().ToString("N");
        var pidFile = _temp.Combine("daemon.pid");
        var project = LeftoverScripts.Write(_temp.Combine("p"), escapeWithSetsid);
        var nodeBin = (await NodeLocator.FindAllAsync([], Environment.GetEnvironmentVariable("PATH")))[0].Bin;
        var extra = new Dictionary<string, string> { ["PID_FILE"] = pidFile, ["DAEMON_MODE"] = "idle" };
        var environment = BuildEnvironment.Create(nodeBin, _temp.Path, _temp.Path, null, extra, buildId);
        using var bystander = Process.Start("sleep", "120");
        try
        {
            var exitCode = await ChildProcessRunner.RunAsync(
                new ChildCommand(Path.Combine(nodeBin, "node"), ["build.js"], project, environment),
                new BuildProcesses(new ChildIdentity(null, null, null, buildId)),
                new BoundedLog(10_000, 10_000),
                _timeout.Token);

            Assert.Equal(0, exitCode);
            Assert.False(ProcFs.IsAlive(ProcFs.ReadPidAndUid(pidFile).Pid), "the daemon outlived its build");
            Assert.True(ProcFs.IsAlive(bystander.Id), "a process of another build was killed");
        }
        finally
        {
            bystander.Kill();
        }
    }

    [Fact]
    public async Task ReapAsync_DaemonThatOnlyKeptTheMarker_IsKilled()
    {
        var buildId = Guid.NewGuid().ToString("N");
        var marked = new ProcessStartInfo("setsid", ["sleep", "120"]);
        marked.Environment[BuildEnvironment.MarkerName] = buildId;
        using var daemon = Process.Start(marked)!;

        var survivors = await new BuildProcesses(new ChildIdentity(null, null, null, buildId)).ReapAsync();

        Assert.Empty(survivors);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
    }
}
