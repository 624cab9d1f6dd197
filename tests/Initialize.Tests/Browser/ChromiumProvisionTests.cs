using System.Runtime.Versioning;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

/// <summary>The browser fixture's decision about chromium, for each machine it may meet (without uninstalling anything).</summary>
public sealed class ChromiumProvisionTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Plan_ChromiumPresent_UsesItWhateverElseHolds(bool privileged, bool optedOut)
    {
        var plan = ChromiumProvision.Plan(present: true, privileged, aptGet: null, optedOut);

        Assert.Equal(ChromiumPlan.UseInstalled, plan);
    }

    [Fact]
    public void Plan_MissingAsRootWithAptGet_Installs()
    {
        var plan = ChromiumProvision.Plan(present: false, privileged: true, aptGet: "/usr/bin/apt-get", optedOut: false);

        Assert.Equal(ChromiumPlan.InstallWithApt, plan);
    }

    [Theory]
    [InlineData(false, "/usr/bin/apt-get", false, "sudo apt-get install")]
    [InlineData(true, null, false, "no apt-get")]
    [InlineData(true, "/usr/bin/apt-get", true, ChromiumProvision.OptOutVariable)]
    public void Plan_MissingAndMayNotInstall_RefusesWithOneLineSayingWhy(bool privileged, string? aptGet, bool optedOut, string why)
    {
        var plan = ChromiumProvision.Plan(present: false, privileged, aptGet, optedOut);

        Assert.False(plan.Install);
        Assert.NotNull(plan.Refusal);
        Assert.DoesNotContain('\n', plan.Refusal);
        Assert.StartsWith($"{ChromiumProvision.ChromiumPath} is missing", plan.Refusal, StringComparison.Ordinal);
        Assert.Contains(why, plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void FindOnPath_ExecutableInSecondFolder_FoundAndPlainFileSkipped()
    {
        using var folder = new TempDirectory("find-on-path");
        var first = Directory.CreateDirectory(folder.Combine("a")).FullName;
        var second = Directory.CreateDirectory(folder.Combine("b")).FullName;
        File.WriteAllText(Path.Combine(first, "apt-get"), "not executable");
        File.WriteAllText(Path.Combine(second, "apt-get"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(second, "apt-get"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(Path.Combine(second, "apt-get"), ChromiumProvision.FindOnPath("apt-get", first + Path.PathSeparator + second));
        Assert.Null(ChromiumProvision.FindOnPath("apt-get", first));
        Assert.Null(ChromiumProvision.FindOnPath("apt-get", null));
    }
}
