using System.Reflection;
using System.Runtime.Versioning;
using Orchestrator.TestSupport;

namespace Orchestrator.EndToEnd.Tests.Cli;

/// <summary>
/// A newcomer's session: `devcloud up` in one terminal, then submit, jobs, status, logs and retry in another with no
/// variable set, all through the profile `devcloud up` writes; the environment still wins; Ctrl+C removes it.
/// </summary>
public sealed class ProfileTests
{
    private static readonly string Cli = typeof(ProfileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OrchestratorCli").Value!;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DevCloudUp_VerbsWithNoVariableSet_UseItsProfileUntilItStops()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var folder = new TempDirectory("profile");
        var home = folder.Combine("home");
        var user = new Dictionary<string, string>
        {
            ["ORCHESTRATOR_HOME"] = home,
            ["ORCHESTRATOR_API"] = "",
            ["ORCHESTRATOR_TOKEN"] = "",
            ["ORCHESTRATOR_PROFILE"] = "",
            ["ORCHESTRATOR_BUCKET"] = "",
            ["OSS_ENDPOINT"] = "",
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "",
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "",
        };
        var root = RepositoryRoot.Path;
        await using var devcloud = ChildProcess.Start("dotnet", [Cli, "devcloud", "up", "--data", folder.Combine("data")], user, root);
        while (!(await devcloud.ReadLineAsync(timeout.Token)).StartsWith("dev cloud ready", StringComparison.Ordinal))
        {
        }

        var profile = Path.Combine(home, "profiles", "devcloud.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile));

        var submit = await RunAsync(user, timeout.Token, "submit", Path.Combine(root, "examples", "hello-site"), "--site", "profile-site", "--wait");
        Assert.True(submit.ExitCode == 0, $"submit: exit {submit.ExitCode}\n{submit.Stdout}\n{submit.Stderr}");
        Assert.Contains($"using profile devcloud ({profile})", submit.Stderr, StringComparison.Ordinal);
        var jobId = submit.Stderr.Split('\n').Single(line => line.StartsWith("job ", StringComparison.Ordinal))["job ".Length..].Trim();

        var jobs = await RunAsync(user, timeout.Token, "jobs");
        var status = await RunAsync(user, timeout.Token, "status", jobId);
        var logs = await RunAsync(user, timeout.Token, "logs", jobId, "--stage", "build");
        var retry = await RunAsync(user, timeout.Token, "retry", jobId);
        var wrongToken = await RunAsync(new Dictionary<string, string>(user) { ["ORCHESTRATOR_TOKEN"] = "not-the-token" }, timeout.Token, "retry", jobId);

        Assert.True(jobs.ExitCode == 0 && jobs.Stdout.Contains(jobId, StringComparison.Ordinal), jobs.Stdout + jobs.Stderr);
        Assert.True(status.ExitCode == 0 && status.Stdout.Contains("Succeeded", StringComparison.Ordinal), status.Stdout + status.Stderr);
        Assert.True(logs.ExitCode == 0 && logs.Stdout.Length > 0, logs.Stdout + logs.Stderr);
        // Authorised by the profile's token, refused for what it asks (a Succeeded job is not retried)...
        Assert.Contains("error: NotRetryable", retry.Stderr, StringComparison.Ordinal);
        // ...while a token in the environment wins over the profile's.
        Assert.DoesNotContain("NotRetryable", wrongToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, wrongToken.ExitCode);

        await ChildProcess.RunAsync("kill", ["-INT", devcloud.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, timeout.Token);
        Assert.Equal(0, await devcloud.WaitForExitAsync(timeout.Token));
        Assert.False(File.Exists(profile), "the profile outlived its dev cloud");
        Assert.DoesNotContain("failed", devcloud.StandardOutput + devcloud.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("info:", devcloud.StandardOutput, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [Cli, .. arguments], environment, cancellationToken);
}
