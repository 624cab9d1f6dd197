using Orchestrator.Tools.Packaging.Glibc;
using Orchestrator.Tools.Packaging.Zip;

namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>
/// Publishes one function self-contained for linux-x64, renames its executable to <c>bootstrap</c>, checks every
/// ELF file against the runtime's glibc and zips the result to <c>&lt;output&gt;/&lt;Function&gt;/code.zip</c>.
/// </summary>
public sealed class FunctionPackager(string repositoryRoot, string outputRoot, PublishSettings settings)
{
    public async Task<FunctionPackage> PackageAsync(string function, FcRuntime runtime, CancellationToken cancellationToken)
    {
        var functionOutput = Path.Combine(outputRoot, function);
        var publishFolder = Path.Combine(functionOutput, "publish");
        if (Directory.Exists(publishFolder))
        {
            Directory.Delete(publishFolder, recursive: true);
        }

        var trimmingTargets = Path.Combine(AppContext.BaseDirectory, "Trimming.targets");
        string[] arguments =
        [
            "publish", PublishLayout.ProjectFile(repositoryRoot, function),
            "-c", "Release", "-r", PublishLayout.RuntimeIdentifier, "--self-contained", "true",
            "-o", publishFolder,
            "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
            .. settings.MsBuildArguments(trimmingTargets),
        ];
        await DotnetCli.RunAsync(arguments, repositoryRoot, cancellationToken);

        var appHost = Path.Combine(publishFolder, PublishLayout.AppHostName(function));
        if (!File.Exists(appHost))
        {
            throw new PackagingException($"{function}: the publish produced no executable {appHost}");
        }

        // The apphost finds its .dll by the name patched into it at build time, so renaming the file is enough.
        File.Move(appHost, Path.Combine(publishFolder, PublishLayout.Bootstrap), overwrite: true);
        RuntimePruning.Prune(publishFolder);

        GlobalizationCheck.Require(publishFolder, function);
        var requirements = GlibcScanner.Scan(publishFolder);
        var tooNew = GlibcScanner.TooNew(requirements, runtime);
        if (tooNew.Count > 0)
        {
            throw new PackagingException(
                $"{function}: the package cannot run on {runtime.Name} ({runtime.Debian}, glibc {runtime.Glibc}):\n"
                + string.Join('\n', tooNew.Select(r => $"  {r.RelativePath} needs {r.Symbol} (from {r.Library}), newer than glibc {runtime.Glibc}")));
        }

        var zipPath = Path.Combine(functionOutput, "code.zip");
        PackageZip.Create(publishFolder, zipPath);
        var unpacked = Directory.EnumerateFiles(publishFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new FunctionPackage(function, publishFolder, zipPath, unpacked, new FileInfo(zipPath).Length, requirements);
    }
}
