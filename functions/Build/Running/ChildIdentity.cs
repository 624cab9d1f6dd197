using System.Globalization;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Who one build's processes run as. As root, a uid and gid no other running build has (<see cref="BuildIdentities"/>),
/// entered through <c>setpriv</c>, so a script can neither read the function's <c>/proc/&lt;pid&gt;/environ</c>
/// (where FC's credentials are) nor touch another build; its processes are found by that uid. Otherwise the
/// function's own user, reported loudly as <see cref="Isolated"/> = false, and the processes are found by session,
/// process group, parentage and the <see cref="Marker"/> in their environment.
/// </summary>
/// <param name="Uid">The build's own uid, or null when the function cannot switch user.</param>
/// <param name="Gid">The build's own gid (the same number as the uid).</param>
/// <param name="SetprivPath">setpriv, which switches to the uid and gid.</param>
/// <param name="BuildId">Random per build: part of the work folder's name and the marker's value.</param>
/// <param name="MaxProcesses">RLIMIT_NPROC of the build's commands (0: none): the uid is the build's alone, so this bounds all its processes and threads, fork bombs included.</param>
/// <param name="PrlimitPath">prlimit, which sets that limit.</param>
public sealed record ChildIdentity(int? Uid, int? Gid, string? SetprivPath, string BuildId, int MaxProcesses = 0, string? PrlimitPath = null)
{
    public bool Isolated => Uid is not null;

    /// <summary>The <c>NAME=value</c> every process of the build starts with in its environment.</summary>
    public string Marker => BuildEnvironment.MarkerName + "=" + BuildId;

    /// <summary>The lock and folder name prefix: the uid when isolated, else the build itself.</summary>
    public string Slot => Uid is { } uid ? "u" + uid.ToString(CultureInfo.InvariantCulture) : "b" + BuildId;

    public string Describe() => Isolated
        ? $"build processes run as uid {Uid}, gid {Gid}, which no other running build has (setpriv, no supplementary groups, no new privileges)"
        : "WARNING: the function is not running as root, so build processes run as the function's own user and could read its environment (and credentials) from /proc; run the function as root to isolate builds";

    /// <summary>
    /// What a build command starts with: the process limit, then the switch. Only build commands get the limit:
    /// a helper that must still run when the uid is at its limit (the kill) is started without it.
    /// </summary>
    public IEnumerable<string> StartArguments() => PrlimitPath is { } prlimit && Isolated && MaxProcesses > 0
        ? [prlimit, string.Create(CultureInfo.InvariantCulture, $"--nproc={MaxProcesses}:{MaxProcesses}"), "--", .. SwitchArguments()]
        : SwitchArguments();

    /// <summary><c>setpriv</c>'s arguments that switch to this identity (empty when not isolated).</summary>
    public IEnumerable<string> SwitchArguments() => SetprivPath is { } setpriv && Uid is { } uid && Gid is { } gid
        ? [setpriv, "--reuid=" + uid.ToString(CultureInfo.InvariantCulture), "--regid=" + gid.ToString(CultureInfo.InvariantCulture), "--clear-groups", "--no-new-privs", "--"]
        : [];
}
