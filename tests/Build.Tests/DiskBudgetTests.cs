using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>A build that fills the disk is stopped at its budget (Build:DiskLimitMegabytes), wherever it writes.</summary>
public sealed class DiskBudgetTests : IClassFixture<LocalOssFixture>, IDisposable
{
    /// <summary>
    /// Writes 1 MiB chunks, up to 64 MiB, where WHERE says: into the project, into /dev/shm, or into a /tmp file it
    /// deleted but keeps open; reports its pid and uid; then stays alive unless EXIT_AFTER is set.
    /// </summary>
    private const string FillScript = """
        const fs = require('fs');
        fs.writeFileSync(process.env.PID_FILE, `${process.pid} ${process.getuid()}`);
        const name = { project: 'big.bin', shm: `/dev/shm/fill-${process.pid}`, deleted: `/tmp/fill-${process.pid}` }[process.env.WHERE];
        const fd = fs.openSync(name, 'w');
        if (process.env.WHERE === 'deleted') fs.unlinkSync(name);
        const chunk = Buffer.alloc(1 << 20, 7);
        for (let i = 0; i < 64; i++) { fs.writeSync(fd, chunk); fs.fsyncSync(fd); }
        console.log('wrote 64 MiB');
        if (!process.env.EXIT_AFTER) setInterval(() => {}, 1000);
        """;

    private readonly TempDirectory _temp = new("disk");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly BuildHarness _harness;

    public DiskBudgetTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("project", false)]
    [InlineData("project", true)]
    [InlineData("shm", false)]
    [InlineData("deleted", false)]
    public async Task RunAsync_ScriptWritesPastDiskBudget_FailsDiskLimitExceededAndItsProcessesAreGone(string where, bool exitAfterWriting)
    {
        var jobId = BuildHarness.NewJobId();
        var pidFile = Path.Combine(_harness.SharedFolder(), "fill.pid");
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), FillScript, withLockfile: false), null, _timeout.Token);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.Stage(o =>
        {
            o.DiskLimitMegabytes = 16;
            o.TimeoutSeconds = 20;
            o.Environment["PID_FILE"] = pidFile;
            o.Environment["WHERE"] = where;
            if (exitAfterWriting)
            {
                o.Environment["EXIT_AFTER"] = "1";
            }
        }).RunAsync(request, _timeout.Token));

        Assert.Equal("DiskLimitExceeded", error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("16 MB", error.Message, StringComparison.Ordinal);
        var (pid, uid) = ProcFs.ReadPidAndUid(pidFile);
        Assert.False(ProcFs.IsAlive(pid));
        Assert.Empty(ProcFs.AliveOf(uid));
        Assert.Empty(Directory.GetFiles("/dev/shm", $"fill-{pid}"));
        Assert.Empty(Directory.GetDirectories(_harness.BuildRoot));
        var log = await _harness.ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Build, 1), _timeout.Token);
        Assert.Contains("over its budget of 16 MB", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BuildWithinBudget_Succeeds()
    {
        var script = "const fs = require('fs'); fs.mkdirSync('dist'); fs.writeFileSync('dist/index.html', Buffer.alloc(4 << 20, 1));";
        var request = await _harness.SeedAsync(BuildHarness.NewJobId(), ProjectWriter.Write(_temp.Combine("p"), script, withLockfile: false), null, _timeout.Token);

        var outputs = await _harness.Stage(o => o.DiskLimitMegabytes = 16).RunAsync(request, _timeout.Token);

        Assert.Equal(ObjectKeys.BuildOutput(request.JobId), outputs["output"]);
    }
}
