using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>The real dev cloud for a test: this checkout's s.yaml, and the functions built with these tests.</summary>
internal static class DevClouds
{
    public static Task<LocalCloud> StartAsync(TempDirectory folder, CancellationToken cancellationToken) =>
        LocalCloud.StartAsync(
            new DevCloudOptions { ProjectDirectory = ProjectRoot(), DataDirectory = folder.Combine("data"), PrebuiltConfiguration = Configuration() },
            NullLoggerFactory.Instance,
            cancellationToken);

    /// <summary>The checkout holding s.yaml.</summary>
    public static string ProjectRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "s.yaml")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("no s.yaml above " + AppContext.BaseDirectory);
    }

    // BaseDirectory is ".../bin/<Configuration>/net10.0/": its parent is the configuration.
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
