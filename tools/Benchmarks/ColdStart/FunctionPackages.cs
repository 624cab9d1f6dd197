using System.IO.Compression;
using Orchestrator.Tools.Packaging.Glibc;
using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Benchmarks.ColdStart;

/// <summary>
/// The four packages P1 measures: the code.zip files `orchestrator package` left under artifacts/functions,
/// unzipped as FC unzips them; any missing one is packaged now.
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
            if (!File.Exists(zip))
            {
                await log.WriteLineAsync($"{function}: no {zip}; packaging it now");
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
