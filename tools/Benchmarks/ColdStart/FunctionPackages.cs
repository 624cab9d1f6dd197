using System.IO.Compression;
using Orchestrator.Tools.DevCloud.Fc;
using Orchestrator.Tools.Packaging.Glibc;
using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Benchmarks.ColdStart;

/// <summary>
/// The four packages P1 measures: the code.zip files `orchestrator package` left under artifacts/functions,
/// unzipped as FC unzips them; any missing one, or older than its sources, is packaged now.
/// </summary>
internal static class FunctionPackages
{
    public static async Task<IReadOnlyList<(string Function, string Folder, long ZipBytes)>> UnpackOrBuildAsync(string root, string work, TextWriter log, CancellationToken cancellationToken)
    {
        var packages = new List<(string, string, long)>();
        var packager = new FunctionPackager(root, Path.Combine(work, "built"), PublishSettings.Default);
        foreach (var function in PublishLayout.Functions)
        {
            var zip = Path.Combine(root, "artifacts", "functions", function, "code.zip");
            var newer = File.Exists(zip) ? PackageFreshness.NewerSource(root, function, new FileInfo(zip)) : null;
            if (!File.Exists(zip) || newer is not null)
            {
                // A package older than its sources would measure code the checkout no longer holds.
                var why = newer is null ? $"no {zip}" : $"{zip} is older than {Path.GetRelativePath(root, newer.FullName)}";
                await log.WriteLineAsync($"{function}: {why}; packaging it now");
                zip = (await packager.PackageAsync(function, FcRuntime.Find(FcRuntime.Default), cancellationToken)).ZipPath;
            }
            else
            {
                await log.WriteLineAsync($"{function}: measuring {zip} (written {File.GetLastWriteTimeUtc(zip):u})");
            }

            var folder = Path.Combine(work, "code", function);
            ZipFile.ExtractToDirectory(zip, folder);
            packages.Add((function, folder, new FileInfo(zip).Length));
        }

        return packages;
    }
}
