using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Settings;
using Orchestrator.Tools.DevCloud;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Cli.Commands;

/// <summary>What `devcloud up` and `demo` share: finding s.yaml, the options, a start that reports errors in one line.</summary>
internal static class DevCloudSession
{
    /// <summary>The highest <c>--instances</c> the CLI takes: enough to race, few enough for a developer's machine.</summary>
    public const int MaxInstances = 32;

    public static string? FindProject(string? given)
    {
        if (given is not null)
        {
            return File.Exists(Path.Combine(given, "s.yaml")) ? Path.GetFullPath(given) : null;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "s.yaml")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public static DevCloudOptions Options(string projectDirectory, string? data, int port, int? maxInstances = null) => new()
    {
        ProjectDirectory = projectDirectory,
        DataDirectory = Path.GetFullPath(data ?? Path.Combine(projectDirectory, ".devcloud")),
        Port = port,
        Bucket = Environment.GetEnvironmentVariable("ORCHESTRATOR_BUCKET") is { Length: > 0 } bucket ? bucket : "orchestrator-sites",
        PrebuiltConfiguration = DevCloudOptions.ConfigurationBuiltWith(projectDirectory),
        Instances = new InstanceOptions { MaxInstances = maxInstances },
    };

    /// <summary>Starts the cloud; on a configuration or start failure prints one line and answers null.</summary>
    public static async Task<LocalCloud?> StartAsync(DevCloudOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalCloud.StartAsync(options, loggers, cancellationToken);
        }
        catch (ServerlessConfigException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
        }
        catch (TimeoutException exception)
        {
            await Console.Error.WriteLineAsync($"error: FunctionStartTimeout: {exception.Message}");
        }

        return null;
    }

    /// <summary>Warnings only unless <paramref name="verbose"/>: per-request and per-delivery lines would bury the ready block.</summary>
    public static ILoggerFactory Loggers(bool verbose) =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));

    /// <summary>The block a user reads once the cloud runs: where everything is, and that the other verbs need nothing more.</summary>
    public static void PrintReady(LocalCloud cloud, DevCloudProfile profile)
    {
        Console.WriteLine($"""

            dev cloud ready
              status page   {cloud.ApiBase}  (and its JSON API)
              OSS           {cloud.OssEndpoint}  (bucket {cloud.Bucket}, region {cloud.Region})
              MNS           {cloud.MnsEndpoint}
              sites         {cloud.SiteUrl("SITE")}
              data, logs    {cloud.Options.DataDirectory}
              profile       {profile.Path}
            In another terminal every verb uses profile '{profile.Name}', e.g.
              orchestrator submit ./examples/hello-site --site hello --wait
            Ctrl+C stops the dev cloud (and removes the profile).

            """);
    }

    public static Task WriteReadyFileAsync(LocalCloud cloud, string path, CancellationToken cancellationToken) =>
        PrivateFile.WriteAsync(path, cloud.ReadyDocument(), cancellationToken);
}
