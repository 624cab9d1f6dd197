using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Where and as whom one build runs: its <see cref="ChildIdentity"/> (leased), its <see cref="BuildProcesses"/>,
/// and a work folder <c>&lt;WorkRoot&gt;/orchestrator-builds/&lt;slot&gt;-&lt;build id&gt;</c> with the project, a
/// private HOME and TMPDIR. The folder is 0700 and, once handed over, the build uid's; its parent is the
/// function's and 0711, so no build can list the others or enter one. Disposing kills what is left of the build,
/// deletes its folder and its files in the shared writable folders, and gives the identity back; it never throws.
/// </summary>
public sealed class BuildSandbox : IAsyncDisposable
{
    public const string RootName = "orchestrator-builds";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Traversable = Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const int DeleteAttempts = 3;
    private static readonly TimeSpan ChownLimit = TimeSpan.FromMinutes(5);

    private readonly IdentityLease _lease;
    private readonly BuildOptions _options;
    private readonly string _jobId;
    private readonly ILogger _logger;

    private BuildSandbox(IdentityLease lease, string folder, BuildOptions options, string jobId, ILogger logger)
    {
        _lease = lease;
        _options = options;
        _jobId = jobId;
        _logger = logger;
        Folder = folder;
        Processes = new BuildProcesses(lease.Identity);
    }

    public ChildIdentity Identity => _lease.Identity;

    public BuildProcesses Processes { get; }

    public string Folder { get; }

    public string Project => Path.Combine(Folder, "project");

    public string Home => Path.Combine(Folder, "home");

    public string Temp => Path.Combine(Folder, "tmp");

    /// <summary>Leases an identity, sweeps the work folders of builds that are not running, and makes this build's folder.</summary>
    public static async Task<BuildSandbox> OpenAsync(BuildIdentities identities, BuildOptions options, string jobId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(options);
        var root = TrustedFolder.Ensure(Path.Combine(options.WorkRoot, RootName), Traversable);
        var lease = await identities.AcquireAsync(jobId);
        try
        {
            await SweepAsync(identities, root, lease.Identity, jobId, logger);
            var folder = Path.Combine(root, lease.Identity.Slot + "-" + lease.Identity.BuildId);
            Directory.CreateDirectory(folder, Private);
            return new BuildSandbox(lease, folder, options, jobId, logger);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Makes HOME and TMPDIR and gives the whole folder to the build's uid (nothing of it runs yet, so nothing races the chown).</summary>
    public async Task HandOverAsync()
    {
        Directory.CreateDirectory(Home, Private);
        Directory.CreateDirectory(Temp, Private);
        if (Identity.Uid is not { } uid)
        {
            return;
        }

        var chown = IsolationTools.Find("chown", "needed to hand the work folder to the build's uid.");
        var owner = string.Create(CultureInfo.InvariantCulture, $"{uid}:{Identity.Gid}");
        var (exitCode, output) = await ChildProcessRunner.RunToolAsync([chown, "-R", "-h", owner, Folder], ChownLimit);
        if (exitCode != 0)
        {
            var reason = Redact(output, _options.WorkRoot);
            throw new StageFailedException(BuildErrorCodes.LocalIoError, "Handing the work folder to the build's user failed: " + (reason.Length > 300 ? reason[..300] + " …" : reason), retryable: true);
        }
    }

    /// <summary>What the build holds on disk: its work folder, its uid's files in the shared writable folders, and deleted files its processes keep open.</summary>
    internal DiskUsage MeasureDisk()
    {
        var usage = new DiskUsage();
        usage.AddTree(Folder);
        if (Identity.Uid is { } uid)
        {
            foreach (var leftover in SharedLeftovers.Find(uid, _options.SharedWritableFolders))
            {
                usage.AddTree(leftover);
            }

            usage.AddDeletedOpenFiles(ProcessTable.OfUser(uid));
        }

        return usage;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var survivors = await Processes.ReapAsync();
            if (survivors.Count > 0 || Processes.Survived)
            {
                // Deleting a folder while its owner's processes run would race them; it stays for a later sweep.
                _lease.Retire(_jobId, survivors.Count);
                return;
            }

            await DeleteAsync(Folder, _jobId, _logger);
            await SharedLeftovers.RemoveAsync(Identity, _options.SharedWritableFolders, _jobId, _logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StageFailedException or System.ComponentModel.Win32Exception)
        {
            // The build's own outcome is what the stage reports; cleanup trouble is the instance's, logged, and
            // what is left is swept at a later build's start.
            Logs.CleanupFailed(_logger, _jobId, Path.GetFileName(Folder), ex.Message);
        }
        finally
        {
            _lease.Dispose();
        }
    }

    /// <summary>Replaces the function's own paths under <paramref name="workRoot"/> in a message meant for users.</summary>
    public static string Redact(string message, string workRoot)
    {
        ArgumentNullException.ThrowIfNull(message);
        var root = Path.Combine(Path.GetFullPath(workRoot), RootName);
        var redacted = Regex.Replace(message, Regex.Escape(root) + @"/[^/\s'""]+", "the work folder");
        return redacted.Replace(root, "the build folder", StringComparison.Ordinal);
    }

    /// <summary>
    /// Deletes the work folders of builds that are not running (a crashed or killed instance leaves them), each
    /// only after its slot was claimed and its processes killed, so no build of it can be writing there.
    /// </summary>
    private static async Task SweepAsync(BuildIdentities identities, string root, ChildIdentity own, string jobId, ILogger logger)
    {
        foreach (var folder in Directory.GetDirectories(root))
        {
            var name = Path.GetFileName(folder);
            var slot = name.Split('-')[0];
            if (slot == own.Slot)
            {
                await DeleteAsync(folder, jobId, logger);
                continue;
            }

            using var claim = await identities.TryClaimIdleAsync(slot, jobId);
            if (claim is not null)
            {
                Logs.StaleFolderSwept(logger, jobId, name);
                await DeleteAsync(folder, jobId, logger);
            }
        }
    }

    /// <summary>Deletes a work folder, a bounded number of times; a failure is logged, never thrown: it is swept at a later build's start.</summary>
    private static async Task DeleteAsync(string folder, string jobId, ILogger logger)
    {
        for (var attempt = 1; attempt <= DeleteAttempts; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt == DeleteAttempts)
                {
                    Logs.CleanupFailed(logger, jobId, Path.GetFileName(folder), ex.Message);
                    return;
                }

                // Without root, a build can take the write bit off its own folders; its owner may put it back.
                MakeWritable(folder);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private static void MakeWritable(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var next))
        {
            if (!Native.TryStat(next, followLinks: false, out var status) || !status.IsDirectory || status.Uid != Native.EffectiveUserId)
            {
                continue;
            }

            try
            {
                File.SetUnixFileMode(next, (UnixFileMode)status.Permissions | Private);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in FolderEntries.Of(next))
            {
                pending.Push(entry);
            }
        }
    }
}
