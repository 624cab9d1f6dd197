using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Build;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

public sealed class BuildStageTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly TempDirectory _temp = new("build-stage");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly BuildHarness _harness;

    public BuildStageTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task RunAsync_HelloSite_StoresHashedOutputAndLog()
    {
        var jobId = BuildHarness.NewJobId();
        var request = await _harness.SeedAsync(jobId, ProjectWriter.CopyHelloSite(_temp.Combine("hello")), "key-" + jobId, _timeout.Token);

        var outputs = await _harness.Stage().RunAsync(request, _timeout.Token);

        Assert.Equal(ObjectKeys.BuildOutput(jobId), outputs["output"]);
        Assert.Equal("false", outputs["cacheHit"]);
        Assert.Equal(ObjectKeys.StageLog(jobId, StageName.Build, 1), outputs["log"]);
        var dist = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
        var html = File.ReadAllText(Path.Combine(dist, "index.html"));
        var js = Assert.Single(Directory.GetFiles(dist, "app.*.js"));
        var css = Assert.Single(Directory.GetFiles(dist, "style.*.css"));
        Assert.Matches(@"app\.[0-9a-f]{8}\.js$", js);
        Assert.Contains(Path.GetFileName(js), html, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(css), html, StringComparison.Ordinal);

        var log = await _harness.ReadTextAsync(outputs["log"], _timeout.Token);
        Assert.Contains("npm ci", log, StringComparison.Ordinal);
        Assert.Contains("built dist/", log, StringComparison.Ordinal);
        Assert.Matches(@"run as uid 1\d{5}, gid 1\d{5}, which no other running build has", log);
    }

    [Fact]
    public async Task RunAsync_NvmrcAsksForAnotherMajor_RunsTheMatchingNodeAndSaysWhyFirst()
    {
        var jobId = BuildHarness.NewJobId();
        var installed = (await NodeLocator.FindAllAsync([], Environment.GetEnvironmentVariable("PATH")))[0];
        var other = installed.Version.Major + 1;
        var otherBin = WrapNode(_temp.Combine("other-node"), Path.Combine(installed.Bin, "node"), $"{other}.4.0");
        var project = ProjectWriter.Write(_temp.Combine("p"), "require('fs').mkdirSync('dist'); require('fs').writeFileSync('dist/index.html', process.env.WRAPPED_NODE ?? 'unwrapped');");
        File.WriteAllText(Path.Combine(project, ".nvmrc"), $"{other}\n");
        var request = await _harness.SeedAsync(jobId, project, "key-" + jobId, _timeout.Token);

        var outputs = await _harness.Stage(o => o.NodeSearchPaths = [otherBin]).RunAsync(request, _timeout.Token);

        var dist = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
        Assert.Equal($"{other}.4.0", File.ReadAllText(Path.Combine(dist, "index.html")));
        var log = (await _harness.ReadTextAsync(outputs["log"], _timeout.Token)).Split('\n');
        Assert.Contains($"node {other}.4.0 from {otherBin}: .nvmrc asks for \"{other}\"; the newest match among: {other}.4.0 ({otherBin}), {installed}", log[3], StringComparison.Ordinal);
        Assert.StartsWith("[orchestrator] 0.", log[4], StringComparison.Ordinal);
        Assert.Contains("npm ", log[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NvmrcAsksForAMissingMajor_FailsNodeVersionUnavailable()
    {
        var jobId = BuildHarness.NewJobId();
        var project = ProjectWriter.Write(_temp.Combine("p"), "process.exit(1);");
        File.WriteAllText(Path.Combine(project, ".nvmrc"), "lts/argon\n");
        var request = await _harness.SeedAsync(jobId, project, "key-" + jobId, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage().RunAsync(request, _timeout.Token));

        Assert.Equal("NodeVersionUnavailable", error.Code);
        Assert.Contains(".nvmrc asks for Node.js \"lts/argon\"", error.Message, StringComparison.Ordinal);
        var log = await _harness.ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Build, 1), _timeout.Token);
        Assert.Contains("build failed: NodeVersionUnavailable", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ScriptExitsNonZero_FailsNotRetryableAndKeepsLog()
    {
        var jobId = BuildHarness.NewJobId();
        var project = ProjectWriter.Write(_temp.Combine("p"), "console.error('compile error: missing semicolon'); process.exit(3);");
        var request = await _harness.SeedAsync(jobId, project, "key-" + jobId, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage().RunAsync(request, _timeout.Token));

        Assert.Equal("BuildScriptFailed", error.Code);
        Assert.False(error.Retryable);
        var log = await _harness.ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Build, 1), _timeout.Token);
        Assert.Contains("compile error: missing semicolon", log, StringComparison.Ordinal);
        Assert.Contains("BuildScriptFailed", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ScriptFailureConfiguredRetryable_IsRetryable()
    {
        var jobId = BuildHarness.NewJobId();
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), "process.exit(1);", withLockfile: false), null, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage(o => o.RetryScriptFailures = true).RunAsync(request, _timeout.Token));

        Assert.Equal("BuildScriptFailed", error.Code);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_NoOutputFolder_FailsOutputMissing()
    {
        var jobId = BuildHarness.NewJobId();
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), "console.log('built nothing');", withLockfile: false), null, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage().RunAsync(request, _timeout.Token));

        Assert.Equal("OutputMissing", error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_ConfiguredOutputFolder_IsUsedAndLinksAreLeftOut()
    {
        var jobId = BuildHarness.NewJobId();
        var script = """
            const fs = require('fs');
            fs.mkdirSync('public/assets', { recursive: true });
            fs.writeFileSync('public/index.html', 'hi');
            fs.symlinkSync('/etc/passwd', 'public/assets/passwd');
            """;
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);

        var outputs = await _harness.Stage(o => o.OutputDirectory = "public").RunAsync(request, _timeout.Token);

        var output = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
        Assert.Equal("hi", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.False(Path.Exists(Path.Combine(output, "assets", "passwd")));
    }

    [Fact]
    public async Task RunAsync_ScriptOverTimeLimit_KillsTheWholeTreeAndFailsRetryably()
    {
        var jobId = BuildHarness.NewJobId();
        var shared = _harness.SharedFolder();
        var pidFile = Path.Combine(shared, "grandchild.pid");
        var script = """
            const { spawn } = require('child_process');
            const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
            require('fs').writeFileSync(process.env.PID_FILE, String(child.pid));
            console.log('waiting forever');
            setInterval(() => {}, 1000);
            """;
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage(o =>
        {
            o.TimeoutSeconds = 3;
            o.Environment["PID_FILE"] = pidFile;
        }).RunAsync(request, _timeout.Token));

        Assert.Equal("BuildTimedOut", error.Code);
        Assert.True(error.Retryable);
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Eventually.TrueAsync(() => !ProcFs.IsAlive(pid), TimeSpan.FromSeconds(10)), $"grandchild {pid} survived the time limit");
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheBuildAndThrowsCancellation()
    {
        var jobId = BuildHarness.NewJobId();
        var pidFile = Path.Combine(_harness.SharedFolder(), "build.pid");
        var script = "require('fs').writeFileSync(process.env.PID_FILE, String(process.pid)); setInterval(() => {}, 1000);";
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);

        var run = _harness.Stage(o => o.Environment["PID_FILE"] = pidFile).RunAsync(request, deadline.Token);
        Assert.True(await Eventually.TrueAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Length > 0, TimeSpan.FromSeconds(20)));
        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Eventually.TrueAsync(() => !ProcFs.IsAlive(pid), TimeSpan.FromSeconds(10)), $"build process {pid} survived cancellation");
    }

    [Fact]
    public async Task RunAsync_SlowBuild_LogIsVisibleWhileRunning()
    {
        var jobId = BuildHarness.NewJobId();
        var goFile = Path.Combine(_harness.SharedFolder(), "go");
        var script = """
            const fs = require('fs');
            console.log('halfway there');
            const deadline = Date.now() + 30000;
            const timer = setInterval(() => {
              if (fs.existsSync(process.env.GO_FILE) || Date.now() > deadline) {
                clearInterval(timer);
                fs.mkdirSync('dist'); fs.writeFileSync('dist/index.html', 'done');
                console.log('finished');
              }
            }, 50);
            """;
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);
        var logKey = ObjectKeys.StageLog(jobId, StageName.Build, 1);

        var run = _harness.Stage(o => o.Environment["GO_FILE"] = goFile).RunAsync(request, _timeout.Token);
        var seenWhileRunning = await Eventually.TrueAsync(async () => (await TryReadAsync(logKey))?.Contains("halfway there", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20));
        var stillRunning = !run.IsCompleted;
        File.WriteAllText(goFile, "go");
        await run;

        Assert.True(seenWhileRunning);
        Assert.True(stillRunning);
        Assert.Contains("finished", await _harness.ReadTextAsync(logKey, _timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingWorkspace_FailsNotRetryable()
    {
        var request = new Contracts.Messages.BuildRequested("m", BuildHarness.NewJobId(), "hello", 1, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage().RunAsync(request, _timeout.Token));

        Assert.Equal("BuildInputMissing", error.Code);
        Assert.False(error.Retryable);
    }

    private async Task<string?> TryReadAsync(string key) =>
        await _harness.Store.HeadAsync(_harness.Bucket, key, _timeout.Token) is null ? null : await _harness.ReadTextAsync(key, _timeout.Token);

    /// <summary>
    /// Another "Node.js" for the build to choose: a folder whose <c>node</c> says it is <paramref name="version"/> and
    /// otherwise runs the real one with WRAPPED_NODE set, so the build's output shows which one ran.
    /// </summary>
    private static string WrapNode(string folder, string realNode, string version)
    {
        Directory.CreateDirectory(folder);
        var node = Path.Combine(folder, "node");
        File.WriteAllText(node, $"#!/bin/sh\nif [ \"$1\" = --version ]; then echo v{version}; exit 0; fi\nWRAPPED_NODE={version} exec '{realNode}' \"$@\"\n");
        File.SetUnixFileMode(node, (UnixFileMode)0b111_101_101);
        return folder;
    }
}
