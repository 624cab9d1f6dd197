using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// Makes sure Debian's chromium is there before a browser test, so the README's `dotnet test` passes on a fresh
/// machine: when it is missing and this process may install it (root, apt-get on PATH, not opted out with
/// <see cref="OptOutVariable"/>) it runs apt-get once per test run, bounded; otherwise the test fails with one line
/// saying what to run.
/// </summary>
internal static class ChromiumProvision
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string OptOutVariable = "ORCHESTRATOR_TESTS_NO_INSTALL";

    private const string InstallCommand = "apt-get install --yes --no-install-recommends chromium";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>The decision alone, from what was found on this machine.</summary>
    public static ChromiumPlan Plan(bool present, bool privileged, string? aptGet, bool optedOut)
    {
        if (present)
        {
            return ChromiumPlan.UseInstalled;
        }

        var missing = $"{ChromiumPath} is missing and the browser tests need it";
        if (optedOut)
        {
            return ChromiumPlan.Refuse($"{missing}; {OptOutVariable} is set, so install it yourself: sudo {InstallCommand}");
        }

        if (aptGet is null)
        {
            return ChromiumPlan.Refuse($"{missing}; there is no apt-get here to install it: install Chromium so that {ChromiumPath} exists");
        }

        return privileged
            ? ChromiumPlan.InstallWithApt
            : ChromiumPlan.Refuse($"{missing}; the tests may not install it (not root): sudo {InstallCommand}");
    }

    /// <summary>The first executable file called <paramref name="name"/> on <paramref name="path"/> (PATH's format), or null.</summary>
    public static string? FindOnPath(string name, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(file => File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0));

    /// <summary>Returns when chromium is at <see cref="ChromiumPath"/>; throws with one line when it is not and cannot be.</summary>
    public static async Task EnsureAsync()
    {
        await Installing.WaitAsync();
        try
        {
            var aptGet = FindOnPath("apt-get", Environment.GetEnvironmentVariable("PATH"));
            var plan = Plan(File.Exists(ChromiumPath), Environment.IsPrivilegedProcess, aptGet, Environment.GetEnvironmentVariable(OptOutVariable) is { Length: > 0 });
            if (plan.Refusal is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }

            if (plan.Install)
            {
                await InstallAsync(aptGet!);
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task InstallAsync(string aptGet)
    {
        using var timeout = new CancellationTokenSource(InstallTimeout);
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] install = ["install", "--yes", "--no-install-recommends", "chromium"];
        var result = await ChildProcess.RunAsync(aptGet, install, environment, timeout.Token);
        if (result.ExitCode != 0)
        {
            // A fresh machine has no package lists yet.
            await ChildProcess.RunAsync(aptGet, ["update"], environment, timeout.Token);
            result = await ChildProcess.RunAsync(aptGet, install, environment, timeout.Token);
        }

        if (result.ExitCode != 0 || !File.Exists(ChromiumPath))
        {
            var last = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit {result.ExitCode}";
            throw new InvalidOperationException($"{ChromiumPath} is missing and `{InstallCommand}` did not install it: {last.Trim()}");
        }
    }
}
