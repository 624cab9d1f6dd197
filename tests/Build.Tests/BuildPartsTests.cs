using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Settings;
using Orchestrator.Functions.Build;

namespace Orchestrator.Build.Tests;

public sealed class BuildPartsTests
{
    [Fact]
    public void BoundedLog_OverCap_KeepsHeadAndTailAndNotesTheCut()
    {
        var log = new BoundedLog(headBytes: 100, tailBytes: 100);

        for (var i = 0; i < 1000; i++)
        {
            log.Append($"line {i:D4}");
        }

        var text = log.Render();
        Assert.StartsWith("line 0000\n", text, StringComparison.Ordinal);
        Assert.EndsWith("line 0999\n", text, StringComparison.Ordinal);
        Assert.Contains("cut from the middle", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0500", text, StringComparison.Ordinal);
        Assert.True(text.Length < 400, $"log of {text.Length} chars exceeds its cap");
    }

    [Fact]
    public void BuildEnvironment_Create_HoldsOnlyTheAllowList()
    {
        var env = BuildEnvironment.Create("/opt/node/bin", "/w/home", "/w/tmp", "production", new Dictionary<string, string>
        {
            ["VITE_API_URL"] = "https://api.example",
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIx",
            ["FC_REGION"] = "cn-hangzhou",
        }, "0123abcd");

        Assert.Equal(
            ["CI", "HOME", "LANG", "NODE_ENV", "ORCHESTRATOR_BUILD_ID", "PATH", "TMPDIR", "VITE_API_URL", "npm_config_audit", "npm_config_fund", "npm_config_update_notifier"],
            env.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("/opt/node/bin:", env["PATH"], StringComparison.Ordinal);
        Assert.Equal("true", env["CI"]);
    }

    [Theory]
    [InlineData("ALIBABA_CLOUD_ACCESS_KEY_SECRET")]
    [InlineData("FC_ACCOUNT_ID")]
    [InlineData("MY_SECRET")]
    [InlineData("OSS_ACCESS_KEY")]
    [InlineData("NODE_OPTIONS")]
    [InlineData("ORCHESTRATOR_BUILD_ID")]
    public void BuildOptions_CredentialLikeVariable_IsRefused(string name)
    {
        var options = new BuildOptions { Bucket = "b" };
        options.Environment[name] = "x";

        Assert.Contains(name, Assert.Throws<InvalidSettingException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildSandbox_Redact_ReplacesTheFunctionsPathsInAUserFacingMessage()
    {
        var message = "Directory not empty : '/tmp/w/orchestrator-builds/u100001-0123abcd/project/dist' (under /tmp/w/orchestrator-builds)";

        var redacted = BuildSandbox.Redact(message, "/tmp/w");

        Assert.Equal("Directory not empty : 'the work folder/project/dist' (under the build folder)", redacted);
    }

    [Theory]
    [InlineData(null, 0, 8192)]
    [InlineData(null, 10240, 8192)]
    [InlineData(null, 2048, 1638)]
    [InlineData(500, 10240, 500)]
    public void BuildOptions_DiskLimit_DefaultsTo80PercentOfTheFunctionsDisk(int? configured, int functionDisk, long expectedMegabytes)
    {
        var options = new BuildOptions { Bucket = "b", DiskLimitMegabytes = configured, FunctionDiskMegabytes = functionDisk };

        Assert.Equal(expectedMegabytes << 20, options.DiskLimitBytes);
        options.Validate();
    }

    [Theory]
    [InlineData(0, int.MaxValue - 10, 1000, "Build:ChildUidRangeStart")]
    [InlineData(0, 0, 1000, "Build:ChildUidRangeStart")]
    [InlineData(0, 100_000, 0, "Build:ChildUidRangeCount")]
    [InlineData(-1, 100_000, 1000, "Build:DiskLimitMegabytes")]
    [InlineData(10240, 100_000, 1000, "Build:DiskLimitMegabytes (10240) must stay below the function's disk (10240 MB)")]
    public void BuildOptions_BadIsolationSetting_IsNamed(int diskLimit, int uidStart, int uidCount, string expected)
    {
        var options = new BuildOptions { Bucket = "b", ChildUidRangeStart = uidStart, ChildUidRangeCount = uidCount, FunctionDiskMegabytes = 10240, DiskLimitMegabytes = diskLimit == 0 ? null : diskLimit };

        Assert.Contains(expected, Assert.Throws<InvalidSettingException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeLocator_NodeOnPath_IsFoundWithItsVersion()
    {
        var node = (await NodeLocator.FindAllAsync([], Environment.GetEnvironmentVariable("PATH")))[0];

        Assert.True(File.Exists(Path.Combine(node.Bin, "node")));
        Assert.InRange(node.Version.Major, 16, 99);
    }

    [Fact]
    public async Task NodeLocator_NoNodeAnywhere_FailsNonRetryable()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => NodeLocator.FindAllAsync(["/nonexistent"], "/nonexistent/bin"));

        Assert.Equal("NodeMissing", error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("/var/fc/lang/nodejs*/bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeLocator_MissingPackageManager_FailsNonRetryable()
    {
        var error = Assert.Throws<StageFailedException>(() => NodeLocator.FindTool("pnpm-not-installed", "/nonexistent", "/nonexistent/bin"));

        Assert.Equal("PackageManagerMissing", error.Code);
        Assert.False(error.Retryable);
    }
}
