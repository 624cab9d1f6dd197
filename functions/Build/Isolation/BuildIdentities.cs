using System.Globalization;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Hands every build an identity no other running build has, on this instance or in any other process on the
/// machine (the dev cloud runs several instances side by side): as root, a uid (and the same gid) from
/// <c>Build:ChildUidRangeStart</c>/<c>Count</c>, claimed by a <see cref="SlotLock"/>. A uid is handed out only once
/// no process of it is alive (leftovers of a crashed instance are killed first) and its files in the shared
/// writable folders are gone; a uid whose processes could not be killed is retired for the instance's life.
/// Registered once per instance.
/// </summary>
public sealed class BuildIdentities(IOptions<BuildOptions> options, ILogger<BuildIdentities> logger)
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly BuildOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly HashSet<int> _retired = [];

    // Instances sharing a machine start at different places, so they rarely contend for the same lock file.
    private int _next = Random.Shared.Next(Math.Max(1, options.Value.ChildUidRangeCount));

    /// <summary>An identity for one build, held until the lease is disposed.</summary>
    /// <exception cref="StageFailedException">Retryable <c>BuildIdentitiesExhausted</c> when every uid of the range is busy or retired.</exception>
    public async Task<IdentityLease> AcquireAsync(string jobId)
    {
        var locks = TrustedFolder.Ensure(_options.IdentityLockFolder, PrivateFolder);
        var buildId = Guid.NewGuid().ToString("N");
        if (!Environment.IsPrivilegedProcess)
        {
            var identity = new ChildIdentity(null, null, null, buildId);
            var claim = SlotLock.TryTake(locks, identity.Slot, deleteOnRelease: true)
                ?? throw new InvalidOperationException("A fresh build id is already claimed.");
            return new IdentityLease(this, identity, claim);
        }

        var setpriv = IsolationTools.Find("setpriv", "refusing to run untrusted build scripts as root.");
        var prlimit = IsolationTools.Find("prlimit", "needed to bound the processes a build may start.");
        for (var tried = 0; tried < _options.ChildUidRangeCount; tried++)
        {
            var uid = NextUid();
            if (uid is null)
            {
                break;
            }

            var identity = new ChildIdentity(uid, uid, setpriv, buildId, _options.MaxProcesses, prlimit);
            if (await TryClaimAsync(locks, identity, jobId) is { } claim)
            {
                return new IdentityLease(this, identity, claim);
            }
        }

        throw new StageFailedException(
            BuildErrorCodes.IdentitiesExhausted,
            $"All {_options.ChildUidRangeCount} build identities of this instance are in use or retired (Build:ChildUidRangeCount); another instance can take the build.",
            retryable: true);
    }

    /// <summary>
    /// Claims the slot of a build that is not running (to clean up its work folder): null while a build holds it,
    /// or when its leftover processes cannot be killed.
    /// </summary>
    public async Task<IDisposable?> TryClaimIdleAsync(string slot, string jobId)
    {
        var locks = TrustedFolder.Ensure(_options.IdentityLockFolder, PrivateFolder);
        ChildIdentity identity;
        if (slot.StartsWith('u') && int.TryParse(slot.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0 && Environment.IsPrivilegedProcess)
        {
            if (IsRetired(uid))
            {
                // Its processes could not be killed: its folder stays, and trying again at every build would only cost time.
                return null;
            }

            identity = new ChildIdentity(uid, uid, IsolationTools.Find("setpriv", "needed to clean up after a build."), string.Empty);
        }
        else if (slot.StartsWith('b') && slot.Length > 1)
        {
            identity = new ChildIdentity(null, null, null, slot[1..]);
        }
        else
        {
            return null;
        }

        return await TryClaimAsync(locks, identity, jobId);
    }

    internal void Retire(ChildIdentity identity, string jobId, int survivors)
    {
        if (identity.Uid is not { } uid)
        {
            return;
        }

        lock (_gate)
        {
            _retired.Add(uid);
        }

        Logs.IdentityRetired(logger, jobId, uid, survivors);
    }

    private async Task<SlotLock?> TryClaimAsync(string locks, ChildIdentity identity, string jobId)
    {
        var claim = SlotLock.TryTake(locks, identity.Slot, deleteOnRelease: !identity.Isolated);
        if (claim is null)
        {
            return null;
        }

        var survivors = await new BuildProcesses(identity).ReapAsync();
        if (survivors.Count > 0)
        {
            Retire(identity, jobId, survivors.Count);
            claim.Dispose();
            return null;
        }

        // An earlier build of the uid may have died with its instance before cleaning up.
        await SharedLeftovers.RemoveAsync(identity, _options.SharedWritableFolders, jobId, logger);

        return claim;
    }

    private bool IsRetired(int uid)
    {
        lock (_gate)
        {
            return _retired.Contains(uid);
        }
    }

    private int? NextUid()
    {
        lock (_gate)
        {
            for (var i = 0; i < _options.ChildUidRangeCount; i++)
            {
                var uid = _options.ChildUidRangeStart + _next;
                _next = (_next + 1) % _options.ChildUidRangeCount;
                if (!_retired.Contains(uid))
                {
                    return uid;
                }
            }

            return null;
        }
    }
}
