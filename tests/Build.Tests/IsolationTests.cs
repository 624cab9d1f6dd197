using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>One build never touches another: nothing of a build outlives its stage, and no build can reach another's workspace.</summary>
public sealed class IsolationTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly TempDirectory _temp = new("isolation");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly BuildHarness _harness;

    public IsolationTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_BuildLeavesBackgroundProcess_NoProcessOfTheBuildOutlivesTheStage(bool escapeWithSetsid)
    {
        var pidFile = Path.Combine(_harness.SharedFolder(), "daemon.pid");
        var request = await _harness.SeedAsync(BuildHarness.NewJobId(), LeftoverScripts.Write(_temp.Combine("p"), escapeWithSetsid), null, _timeout.Token);

        await _harness.Stage(o => Daemon(o, pidFile, "idle")).RunAsync(request, _timeout.Token);

        var (pid, uid) = ProcFs.ReadPidAndUid(pidFile);
        Assert.False(ProcFs.IsAlive(pid), $"daemon {pid} outlived its build");
        Assert.Empty(ProcFs.AliveOf(uid));
        Assert.Empty(Directory.GetDirectories(_harness.BuildRoot));
    }

    [Fact]
    public async Task RunAsync_LeftoverOfEarlierBuildInjectsIntoOthers_NextBuildOutputIsItsOwn()
    {
        var pidFile = Path.Combine(_harness.SharedFolder(), "daemon.pid");
        var hostile = await _harness.SeedAsync(BuildHarness.NewJobId(), LeftoverScripts.Write(_temp.Combine("hostile"), escapeWithSetsid: true), null, _timeout.Token);
        var victimScript = "const fs = require('fs'); fs.mkdirSync('dist'); setTimeout(() => fs.writeFileSync('dist/index.html', 'victim'), 500);";
        var victim = await _harness.SeedAsync(BuildHarness.NewJobId(), ProjectWriter.Write(_temp.Combine("victim"), victimScript, withLockfile: false), null, _timeout.Token);

        await _harness.Stage(o => Daemon(o, pidFile, "inject")).RunAsync(hostile, _timeout.Token);
        var outputs = await _harness.Stage().RunAsync(victim, _timeout.Token);

        var site = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
        Assert.Equal(["index.html"], Directory.GetFiles(site).Select(Path.GetFileName));
        Assert.False(ProcFs.IsAlive(ProcFs.ReadPidAndUid(pidFile).Pid));
    }

    [Fact]
    public async Task RunAsync_BuildAttacksConcurrentBuildsWorkspace_IsRefusedAndTheOtherOutputIsIntact()
    {
        var shared = _harness.SharedFolder();
        var victimScript = """
            const fs = require('fs');
            fs.mkdirSync('dist');
            fs.writeFileSync('dist/index.html', 'victim');
            // Written then renamed: the attacker polls for the file and must never read it half written.
            fs.writeFileSync(process.env.SHARED + '/victim.tmp', JSON.stringify({ path: process.cwd(), pid: process.pid }));
            fs.renameSync(process.env.SHARED + '/victim.tmp', process.env.SHARED + '/victim.json');
            const wait = () => fs.existsSync(process.env.SHARED + '/go') ? console.log('done') : setTimeout(wait, 20);
            wait();
            """;
        var attackScript = """
            const fs = require('fs');
            const path = require('path');
            const attack = () => {
              const victim = JSON.parse(fs.readFileSync(process.env.SHARED + '/victim.json', 'utf8'));
              const results = {};
              const attempt = (name, action) => { try { action(); results[name] = 'DONE'; } catch (e) { results[name] = e.code; } };
              attempt('write', () => fs.writeFileSync(victim.path + '/dist/injected.html', 'injected'));
              attempt('mkdir', () => fs.mkdirSync(victim.path + '/dist/assets'));
              attempt('rename', () => fs.renameSync(victim.path + '/dist', victim.path + '/gone'));
              attempt('list', () => fs.readdirSync(victim.path));
              attempt('listBuilds', () => fs.readdirSync(path.dirname(path.dirname(victim.path))));
              attempt('signal', () => process.kill(victim.pid, 'SIGKILL'));
              fs.mkdirSync('dist');
              fs.writeFileSync('dist/results.json', JSON.stringify(results));
            };
            const wait = () => fs.existsSync(process.env.SHARED + '/victim.json') ? attack() : setTimeout(wait, 20);
            wait();
            """;
        var victim = await _harness.SeedAsync(BuildHarness.NewJobId(), ProjectWriter.Write(_temp.Combine("victim"), victimScript, withLockfile: false), null, _timeout.Token);
        var attacker = await _harness.SeedAsync(BuildHarness.NewJobId(), ProjectWriter.Write(_temp.Combine("attacker"), attackScript, withLockfile: false), null, _timeout.Token);

        var victimRun = _harness.Stage(o => o.Environment["SHARED"] = shared).RunAsync(victim, _timeout.Token);
        var attackOutputs = await _harness.Stage(o => o.Environment["SHARED"] = shared).RunAsync(attacker, _timeout.Token);
        File.WriteAllText(Path.Combine(shared, "go"), "go");
        var victimOutputs = await victimRun;

        var results = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(await _harness.RestoreAsync(attackOutputs["output"], _temp.Path, _timeout.Token), "results.json")))!;
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Contains(r.Value, new[] { "EACCES", "EPERM" }));
        var site = await _harness.RestoreAsync(victimOutputs["output"], _temp.Path, _timeout.Token);
        Assert.Equal(["index.html"], Directory.GetFiles(site).Select(Path.GetFileName));
        Assert.Empty(Directory.GetDirectories(site));
        Assert.Equal("victim", File.ReadAllText(Path.Combine(site, "index.html")));
    }

    [Fact]
    public async Task RunAsync_LeftoverKeepsRenamingDist_SucceedsWithNoInternalPathsAndNoWorkFolderLeft()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var pidFile = Path.Combine(_harness.SharedFolder(), "daemon.pid");
            var request = await _harness.SeedAsync(BuildHarness.NewJobId(), LeftoverScripts.Write(_temp.Combine("p" + attempt), escapeWithSetsid: true), null, _timeout.Token);

            var outputs = await _harness.Stage(o => Daemon(o, pidFile, "rename")).RunAsync(request, _timeout.Token);

            var site = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
            Assert.NotEmpty(Directory.GetFiles(site));
            Assert.False(ProcFs.IsAlive(ProcFs.ReadPidAndUid(pidFile).Pid));
            Assert.Empty(Directory.GetDirectories(_harness.BuildRoot));
        }
    }

    [Fact]
    public async Task RunAsync_FailingBuildWithLeftover_ErrorNamesNoInternalPathAndNoWorkFolderIsLeft()
    {
        var pidFile = Path.Combine(_harness.SharedFolder(), "daemon.pid");
        var project = LeftoverScripts.Write(_temp.Combine("p"), escapeWithSetsid: true);
        File.AppendAllText(Path.Combine(project, "build.js"), "\nprocess.on('exit', () => { process.exitCode = 4; });\n");
        var request = await _harness.SeedAsync(BuildHarness.NewJobId(), project, null, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage(o => Daemon(o, pidFile, "rename")).RunAsync(request, _timeout.Token));

        Assert.Equal("BuildScriptFailed", error.Code);
        Assert.DoesNotContain(_temp.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", error.Message, StringComparison.Ordinal);
        Assert.False(ProcFs.IsAlive(ProcFs.ReadPidAndUid(pidFile).Pid));
        Assert.Empty(Directory.GetDirectories(_harness.BuildRoot));
    }

    [Fact]
    public async Task RunAsync_ForkBomb_IsHeldAtTheProcessLimitAndKilled()
    {
        var jobId = BuildHarness.NewJobId();
        var pidFile = Path.Combine(_harness.SharedFolder(), "bomb.pid");
        var script = """
            const { spawn } = require('child_process');
            const fs = require('fs');
            fs.writeFileSync(process.env.PID_FILE, `${process.pid} ${process.getuid()}`);
            spawn('/bin/sh', ['-c', 'bomb() { bomb | bomb & }; bomb'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true }).unref();
            fs.mkdirSync('dist');
            fs.writeFileSync('dist/index.html', 'ok');
            setTimeout(() => console.log('leaving the bomb behind'), 2000);
            """;
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);

        await _harness.Stage(o =>
        {
            o.MaxProcesses = 64;
            o.Environment["PID_FILE"] = pidFile;
        }).RunAsync(request, _timeout.Token);

        Assert.Empty(ProcFs.AliveOf(ProcFs.ReadPidAndUid(pidFile).Uid));
        Assert.Contains("Cannot fork", await _harness.ReadTextAsync(Contracts.Jobs.ObjectKeys.StageLog(jobId, Contracts.Jobs.StageName.Build, 1), _timeout.Token), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_harness.BuildRoot));
    }

    [Fact]
    public async Task RunAsync_WorkFoldersOfBuildsNotRunning_AreSweptAndThoseOfRunningBuildsKept()
    {
        Directory.CreateDirectory(_harness.BuildRoot);
        var staleUid = 150_000 + Random.Shared.Next(10_000);
        var runningUid = staleUid + 10_000;
        var stale = MakeFolder($"u{staleUid}-{Guid.NewGuid():N}");
        var staleUnisolated = MakeFolder($"b{Guid.NewGuid():N}-x");
        var running = MakeFolder($"u{runningUid}-{Guid.NewGuid():N}");
        using var holder = await LockHolder.TakeAsync(new Functions.Build.BuildOptions().IdentityLockFolder, $"u{runningUid}", _timeout.Token);
        var script = "require('fs').mkdirSync('dist'); require('fs').writeFileSync('dist/index.html', 'ok');";
        var request = await _harness.SeedAsync(BuildHarness.NewJobId(), ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);

        await _harness.Stage().RunAsync(request, _timeout.Token);

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(staleUnisolated));
        Assert.True(File.Exists(Path.Combine(running, "project", "package.json")));
    }

    private string MakeFolder(string name)
    {
        var folder = Path.Combine(_harness.BuildRoot, name);
        Directory.CreateDirectory(Path.Combine(folder, "project", "dist"));
        File.WriteAllText(Path.Combine(folder, "project", "package.json"), "{}");
        return folder;
    }

    private static void Daemon(Functions.Build.BuildOptions options, string pidFile, string mode)
    {
        options.Environment["PID_FILE"] = pidFile;
        options.Environment["DAEMON_MODE"] = mode;
        options.Environment["BUILD_ROOT"] = Path.Combine(options.WorkRoot, Functions.Build.BuildSandbox.RootName);
    }
}
