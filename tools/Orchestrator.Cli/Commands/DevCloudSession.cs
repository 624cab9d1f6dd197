using System.Text.Json;
using Microsoft.Extensions.Logging;
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

    public static async Task WriteReadyFileAsync(LocalCloud cloud, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, cloud.ReadyDocument().ToJsonString(new JsonSerializerOptions { WriteIndented = false }), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds credentials
        }

        File.Move(temporary, full, overwrite: true); // readers never see a half-written file
    }
}
