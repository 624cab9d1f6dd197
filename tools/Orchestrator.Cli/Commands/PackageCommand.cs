using System.CommandLine;
using System.Globalization;
using Orchestrator.Tools.Packaging.Glibc;
using Orchestrator.Tools.Packaging.Publish;
using Orchestrator.Tools.Packaging.Smoke;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `package [--runtime custom.debian10]`: each function's self-contained linux-x64 <c>bootstrap</c> zipped to
/// artifacts/functions/&lt;Name&gt;/code.zip, checked against the runtime's glibc and started once as FC would.
/// </summary>
internal static class PackageCommand
{
    public static Command Create()
    {
        var runtime = new Option<string>("--runtime")
        {
            Description = "the FC runtime the packages must run on (its glibc is the limit)",
            DefaultValueFactory = _ => FcRuntime.Default,
        };
        runtime.AcceptOnlyFromAmong([.. FcRuntime.All.Select(r => r.Name)]);
        var output = new Option<string?>("--output") { Description = "output folder (default: artifacts/functions under the repository)" };
        var skipSmoke = new Option<bool>("--skip-smoke") { Description = "do not start each packaged bootstrap once to check it" };
        var command = new Command("package", "build each function's FC custom-runtime bootstrap and code.zip") { runtime, output, skipSmoke };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = FcRuntime.Find(parse.GetValue(runtime)!);
            try
            {
                var root = PublishLayout.FindRepositoryRoot(Directory.GetCurrentDirectory());
                var outputRoot = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(root, "artifacts", "functions"));
                var packager = new FunctionPackager(root, outputRoot, PublishSettings.Default);
                Console.WriteLine($"packaging for {target.Name} ({target.Debian}, glibc {target.Glibc}) into {outputRoot}");
                foreach (var function in PublishLayout.Functions)
                {
                    var package = await packager.PackageAsync(function, target, cancellationToken);
                    var newest = package.NewestGlibc;
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{function,-11} code.zip {Megabytes(package.ZipBytes),7:0.0} MB  unpacked {Megabytes(package.UnpackedBytes),7:0.0} MB  newest glibc need {newest?.Symbol ?? "none"} ({newest?.RelativePath ?? "-"})"));
                    if (!parse.GetValue(skipSmoke))
                    {
                        var start = await PackageSmokeCheck.RunAsync(package.ZipPath, function, cancellationToken);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-11} bootstrap from code.zip answered /initialize {start.TotalMilliseconds:0} ms after exec; garbage event -> x-fc-status 404; SIGTERM -> exit 0"));
                    }
                }

                return 0;
            }
            catch (PackagingException exception)
            {
                await Console.Error.WriteLineAsync("error: " + exception.Message);
                return 1;
            }
        });
        return command;
    }

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;
}
