namespace Orchestrator.Functions.Build;

/// <summary>
/// Who the build's child processes run as. As root, an unprivileged uid/gid through <c>setpriv</c>, so a script
/// cannot read the function's <c>/proc/&lt;pid&gt;/environ</c> (where FC's credentials are); otherwise the
/// function's own user, which is reported loudly as <see cref="Isolated"/> = false.
/// </summary>
public sealed record ChildIdentity(int? Uid, int? Gid, string? SetprivPath)
{
    public bool Isolated => Uid is not null;

    public string Describe() => Isolated
        ? $"build processes run as uid {Uid}, gid {Gid} (setpriv, no supplementary groups, no new privileges)"
        : "WARNING: the function is not running as root, so build processes run as the function's own user and could read its environment (and credentials) from /proc; run the function as root to isolate builds";

    /// <summary>The identity for this process: switching user when root (setpriv required then).</summary>
    public static ChildIdentity ForCurrentProcess(int uid, int gid)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new ChildIdentity(null, null, null);
        }

        var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv" }.FirstOrDefault(File.Exists)
            ?? throw new Contracts.Errors.StageFailedException(
                "IsolationUnavailable", "Running as root but setpriv (util-linux) is missing: refusing to run untrusted build scripts as root.", retryable: false);
        return new ChildIdentity(uid, gid, setpriv);
    }
}
