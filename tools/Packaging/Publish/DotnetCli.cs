using System.Diagnostics;

namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>Runs the .NET SDK's <c>dotnet</c> with arguments, collecting its output for a failure message.</summary>
public static class DotnetCli
{
    public static async Task RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new PackagingException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var log = (await output) + (await errors);
            var lines = log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20);
            throw new PackagingException($"dotnet {string.Join(' ', info.ArgumentList.Take(2))} failed (exit {process.ExitCode}):\n{string.Join('\n', lines)}");
        }
    }
}
