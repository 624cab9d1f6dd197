using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

public sealed class PackageFreshnessTests : IDisposable
{
    private static readonly DateTime Packaged = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _project = new("freshness");
    private readonly FileInfo _package;

    public PackageFreshnessTests()
    {
        _package = Write("artifacts/functions/Fetch/code.zip", Packaged);
        Write("functions/Fetch/FetchStage.cs", Packaged.AddHours(-1));
        Write("shared/Hosting/FunctionHost.cs", Packaged.AddHours(-1));
        Write("Directory.Build.props", Packaged.AddHours(-1));
    }

    [Fact]
    public void NewerSource_EverySourceOlder_IsNull() =>
        Assert.Null(PackageFreshness.NewerSource(_project.Path, "Fetch", _package));

    [Theory]
    [InlineData("functions/Fetch/Sources/Detection.cs")]
    [InlineData("shared/Messaging/Dispatch/WarmUp.cs")]
    [InlineData("Directory.Packages.props")]
    public void NewerSource_ASourceWrittenAfterThePackage_IsThatFile(string path)
    {
        Write("functions/Fetch/Other.cs", Packaged.AddMinutes(1));
        var newest = Write(path, Packaged.AddMinutes(5));

        Assert.Equal(newest.FullName, PackageFreshness.NewerSource(_project.Path, "Fetch", _package)?.FullName);
    }

    [Theory]
    [InlineData("functions/Fetch/bin/Debug/net10.0/Orchestrator.Functions.Fetch.dll")]
    [InlineData("shared/Hosting/obj/project.assets.json")]
    [InlineData("functions/Build/BuildStage.cs")]
    public void NewerSource_BuildOutputOrAnotherFunction_DoesNotCount(string path)
    {
        Write(path, Packaged.AddMinutes(5));

        Assert.Null(PackageFreshness.NewerSource(_project.Path, "Fetch", _package));
    }

    public void Dispose() => _project.Dispose();

    private FileInfo Write(string relative, DateTime writtenAt)
    {
        var path = _project.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative);
        File.SetLastWriteTimeUtc(path, writtenAt);
        return new FileInfo(path);
    }
}
