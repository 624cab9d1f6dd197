using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Build;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>
/// Each test has a small uid range of its own (far from the builds' default one) and its own lock folder, so it
/// controls who holds what. The tests run as root, as the function does on FC.
/// </summary>
public sealed class BuildIdentitiesTests : IDisposable
{
    private readonly TempDirectory _temp = new("identities");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly int _start = 300_000 + (Random.Shared.Next(100_000) * 10);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    private string LockFolder => _temp.Combine("locks");

    [Fact]
    public async Task AcquireAsync_BuildsAtOnce_EachGetsItsOwnUidUntilTheRangeIsExhausted()
    {
        var identities = Identities(count: 2);

        using var first = await identities.AcquireAsync("job-1");
        using var second = await identities.AcquireAsync("job-2");
        var exhausted = await Assert.ThrowsAsync<StageFailedException>(() => identities.AcquireAsync("job-3"));
        var freed = first.Identity.Uid;
        first.Dispose();
        using var third = await identities.AcquireAsync("job-4");

        Assert.Equal([_start, _start + 1], new[] { first.Identity.Uid!.Value, second.Identity.Uid!.Value }.Order());
        Assert.Equal(first.Identity.Uid, first.Identity.Gid);
        Assert.Equal("BuildIdentitiesExhausted", exhausted.Code);
        Assert.True(exhausted.Retryable);
        Assert.Equal(freed, third.Identity.Uid);
    }

    [Fact]
    public async Task AcquireAsync_UidClaimedByAnotherProcess_IsNotHandedOut()
    {
        using var holder = await LockHolder.TakeAsync(LockFolder, $"u{_start}", _timeout.Token);
        var identities = Identities(count: 2);

        using var lease = await identities.AcquireAsync("job");

        Assert.Equal(_start + 1, lease.Identity.Uid);
        Assert.Equal("BuildIdentitiesExhausted", (await Assert.ThrowsAsync<StageFailedException>(() => identities.AcquireAsync("job-2"))).Code);
    }

    [Fact]
    public async Task AcquireAsync_UidWithLeftovers_KillsItsProcessesAndRemovesItsSharedFilesFirst()
    {
        using var leftover = StartAs(_start, "setsid", "sleep", "600");
        Assert.True(await Eventually.TrueAsync(() => ProcFs.AliveOf(_start).Count > 0, TimeSpan.FromSeconds(10)));
        var shared = Directory.CreateDirectory(_temp.Combine("shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111);
        var dropped = Path.Combine(shared, "dropped.txt");
        File.WriteAllText(dropped, "left by an earlier build");
        File.SetUnixFileMode(dropped, (UnixFileMode)0b110_110_110);
        Process.Start("chown", [$"{_start}:{_start}", dropped]).WaitForExit();
        var kept = Path.Combine(shared, "kept.txt");
        File.WriteAllText(kept, "someone else's");
        using (var segment = StartAs(_start, "ipcmk", "-M", "4096"))
        {
            await segment.WaitForExitAsync(_timeout.Token);
        }

        Assert.Contains(SharedMemoryOwners(), owner => owner == _start);

        using var lease = await Identities(count: 1, sharedFolders: [shared]).AcquireAsync("job");

        Assert.Equal(_start, lease.Identity.Uid);
        Assert.Empty(ProcFs.AliveOf(_start));
        Assert.False(File.Exists(dropped));
        Assert.True(File.Exists(kept));
        Assert.DoesNotContain(SharedMemoryOwners(), owner => owner == _start);
    }

    [Fact]
    public async Task AcquireAsync_UidWhoseProcessCannotBeKilled_IsRetiredAndNeverHandedOut()
    {
        // Effective uid _start, real and saved uid root: the uid owns a process it is not allowed to signal.
        using var unkillable = Process.Start(new ProcessStartInfo("perl", ["-e", $"$> = {_start}; sleep 600"]))!;
        Assert.True(await Eventually.TrueAsync(() => File.ReadAllText($"/proc/{unkillable.Id}/status").Contains($"\t{_start}\t", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        var identities = Identities(count: 2);
        try
        {
            using (var first = await identities.AcquireAsync("job-1"))
            {
                Assert.Equal(_start + 1, first.Identity.Uid);
            }

            using var second = await identities.AcquireAsync("job-2");
            Assert.Equal(_start + 1, second.Identity.Uid);
            Assert.True(ProcFs.IsAlive(unkillable.Id));
        }
        finally
        {
            unkillable.Kill();
        }
    }

    [Fact]
    public async Task AcquireAsync_LockFolderWritableByOthers_RefusesToBuild()
    {
        Directory.CreateDirectory(LockFolder);
        File.SetUnixFileMode(LockFolder, (UnixFileMode)0b111_111_111);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Identities(count: 1).AcquireAsync("job"));

        Assert.Equal("IsolationUnavailable", error.Code);
        Assert.False(error.Retryable);
        Assert.DoesNotContain(_temp.Path, error.Message, StringComparison.Ordinal);
    }

    private BuildIdentities Identities(int count, List<string>? sharedFolders = null) => new(
        Options.Create(new BuildOptions { Bucket = "b", ChildUidRangeStart = _start, ChildUidRangeCount = count, IdentityLockFolder = LockFolder, SharedWritableFolders = sharedFolders ?? [] }),
        NullLogger<BuildIdentities>.Instance);

    /// <summary>The owner uid of every System V shared memory segment (column 8 of /proc/sysvipc/shm).</summary>
    private static IEnumerable<int> SharedMemoryOwners() =>
        File.ReadAllLines("/proc/sysvipc/shm").Skip(1).Select(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], System.Globalization.CultureInfo.InvariantCulture));

    private static Process StartAs(int uid, params string[] commandLine) =>
        Process.Start(new ProcessStartInfo("setpriv", [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", .. commandLine]))!;
}
