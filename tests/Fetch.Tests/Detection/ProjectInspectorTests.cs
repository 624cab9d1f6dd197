using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Fetch.Detection;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Detection;

public sealed class ProjectInspectorTests : IDisposable
{
    private static readonly InspectionSettings Settings = new("build", 20, "linux-x64");
    private readonly TempDirectory _temp = new("inspect");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Inspect_HelloSite_FindsNpmNode18AndBuildScript()
    {
        var info = ProjectInspector.Inspect(RepositoryFiles.HelloSite, Settings);

        Assert.Equal("npm", info.PackageManager);
        Assert.Equal("package-lock.json", info.Lockfile);
        Assert.True(info.InstallRequired);
        Assert.Equal(18, info.NodeMajor);
        Assert.Equal("node build.mjs", info.BuildCommand);
        Assert.Equal(string.Empty, info.ProjectPath);
        Assert.Matches("^[0-9a-f]{64}$", info.CacheKey);
    }

    [Fact]
    public void Inspect_PackageManagerFieldAndPnpmLock_DetectsPnpmWithVersion()
    {
        Write("package.json", """{"packageManager":"pnpm@8.15.4+sha512.abc","scripts":{"build":"vite build"},"dependencies":{"a":"1"}}""");
        Write("pnpm-lock.yaml", "lockfileVersion: '6.0'\n");
        Write("package-lock.json", "{}");

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("pnpm", info.PackageManager);
        Assert.Equal("8.15.4", info.PackageManagerVersion);
        Assert.Equal("pnpm-lock.yaml", info.Lockfile);
        Assert.Equal(20, info.NodeMajor);
    }

    [Fact]
    public void Inspect_YarnLockOnly_DetectsYarn()
    {
        Write("package.json", """{"engines":{"node":"^20.11.0"},"scripts":{"build":"x"}}""");
        Write("yarn.lock", "# yarn lockfile v1\n");

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("yarn", info.PackageManager);
        Assert.Equal(20, info.NodeMajor);
    }

    [Fact]
    public void Inspect_PackageJsonInSubfolder_IsFound()
    {
        Write("README.md", "x");
        Write("web/package.json", """{"scripts":{"build":"x"}}""");
        Write("web/node_modules/dep/package.json", "{}");

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("web", info.ProjectPath);
        Assert.False(info.InstallRequired);
        Assert.Null(info.CacheKey);
    }

    [Theory]
    [InlineData(null, "PackageJsonMissing")]
    [InlineData("{not json", "PackageJsonInvalid")]
    [InlineData("[1,2]", "PackageJsonInvalid")]
    [InlineData("""{"scripts":{"test":"x"}}""", "BuildScriptMissing")]
    [InlineData("""{"scripts":{"build":"x"},"dependencies":{"react":"18"}}""", "LockfileMissing")]
    [InlineData("""{"scripts":{"build":"x"},"packageManager":"bun@1.0.0"}""", "PackageManagerUnsupported")]
    public void Inspect_BadProject_FailsNonRetryablyWithCode(string? packageJson, string code)
    {
        Write("index.html", "<p>");
        if (packageJson is not null)
        {
            Write("package.json", packageJson);
        }

        var error = Assert.Throws<StageFailedException>(() => ProjectInspector.Inspect(_temp.Path, Settings));

        Assert.Equal(code, error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void CacheKey_AnyInputChanged_Differs()
    {
        var lockfile = "lock"u8.ToArray();
        var baseline = CacheKey.Compute(lockfile, "npm", 20, "linux-x64");

        Assert.Equal(baseline, CacheKey.Compute(lockfile, "npm", 20, "linux-x64"));
        Assert.NotEqual(baseline, CacheKey.Compute("lock2"u8.ToArray(), "npm", 20, "linux-x64"));
        Assert.NotEqual(baseline, CacheKey.Compute(lockfile, "pnpm", 20, "linux-x64"));
        Assert.NotEqual(baseline, CacheKey.Compute(lockfile, "npm", 18, "linux-x64"));
        Assert.NotEqual(baseline, CacheKey.Compute(lockfile, "npm", 20, "linux-arm64"));
    }

    private void Write(string relative, string content)
    {
        var path = _temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
