using System.Diagnostics;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// Finds (or makes) the code FC would run for a function: a code folder as written in s.yaml; a packaged
/// <c>code.zip</c> unpacked as FC unpacks it to <c>/code</c>; or, when the package has not been made
/// (<c>artifacts/functions/&lt;Name&gt;/code.zip</c> missing) or is older than its sources
/// (<see cref="PackageFreshness"/>), the function project built from source.
/// </summary>
public sealed class CodeLocator(string projectDirectory, string dataDirectory, string? prebuiltConfiguration, ILogger logger)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public async Task<LaunchPlan> LocateAsync(FunctionSpec function, CancellationToken cancellationToken)
    {
        var code = Path.GetFullPath(Path.Combine(projectDirectory, function.Code));
        if (Directory.Exists(code))
        {
            return Plan(function, code);
        }

        var name = Path.GetFileName(Path.GetDirectoryName(code)) ?? string.Empty;
        var projectFile = Path.Combine(projectDirectory, "functions", name, name + ".csproj");
        if (File.Exists(code) && code.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !IsStale(function, code, name, projectFile))
        {
            var unpacked = Path.Combine(dataDirectory, "functions", function.FunctionName, "code");
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }

            await ZipFile.ExtractToDirectoryAsync(code, unpacked, cancellationToken);
            MakeExecutable(Path.Combine(unpacked, "bootstrap"));
            return Plan(function, unpacked);
        }

        var prebuilt = Path.Combine(projectDirectory, "functions", name, "bin", prebuiltConfiguration ?? "-", "net10.0");
        if (prebuiltConfiguration is not null && File.Exists(Path.Combine(prebuilt, "Orchestrator.Functions." + name)))
        {
            // Built already (the end-to-end tests build the function projects with themselves).
            return new LaunchPlan(Path.Combine(prebuilt, "Orchestrator.Functions." + name), [], prebuilt);
        }

        if (File.Exists(projectFile))
        {
            return await BuildAsync(function, projectFile, name, cancellationToken);
        }

        throw new ServerlessConfigException("MissingCode", $"{function.FunctionName}: code '{function.Code}' does not exist and no functions/{name}/{name}.csproj builds it (run `orchestrator package`)");
    }

    /// <summary>A package older than its sources is passed over for them (when they build), saying so.</summary>
    private bool IsStale(FunctionSpec function, string zip, string name, string projectFile)
    {
        if (!File.Exists(projectFile) || PackageFreshness.NewerSource(projectDirectory, name, new FileInfo(zip)) is not { } newer)
        {
            return false;
        }

        Logs.StalePackage(logger, function.FunctionName, Path.GetRelativePath(projectDirectory, zip), Path.GetRelativePath(projectDirectory, newer.FullName));
        return true;
    }

    private async Task<LaunchPlan> BuildAsync(FunctionSpec function, string projectFile, string name, CancellationToken cancellationToken)
    {
        var output = Path.Combine(dataDirectory, "functions", function.FunctionName, "build");
        Logs.BuildingFunction(logger, function.FunctionName, projectFile);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", projectFile, "-nologo", "-v", "q", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await build.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }

        if (build.ExitCode != 0)
        {
            throw new ServerlessConfigException("FunctionBuildFailed", $"dotnet build {projectFile} failed ({build.ExitCode}):\n{await stdout}{await stderr}");
        }

        // The apphost stands in for /code/bootstrap: the same program, named by its assembly.
        var apphost = Path.Combine(output, "Orchestrator.Functions." + name);
        return new LaunchPlan(apphost, [], output);
    }

    private static LaunchPlan Plan(FunctionSpec function, string codeDirectory)
    {
        // FC runs customRuntimeConfig.command (+ args) with /code as the code folder; locally the folder moves.
        var command = function.Command.Count > 0 ? function.Command : ["/code/bootstrap"];
        var resolved = command.Select(part => part.StartsWith("/code/", StringComparison.Ordinal) ? Path.Combine(codeDirectory, part[6..]) : part).ToList();
        return new LaunchPlan(resolved[0], resolved.Skip(1).ToList(), codeDirectory);
    }

    private static void MakeExecutable(string path)
    {
        if (File.Exists(path) && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
