using System.IO.Compression;
using System.Net;
using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Packaging.Smoke;

/// <summary>
/// Unzips a code.zip as FC does, checks that <c>bootstrap</c> kept its executable bit, starts it with FC's
/// environment, and checks the lifecycle: /initialize answers 200, a garbage event fails with
/// <c>x-fc-status: 404</c>, SIGTERM ends it cleanly.
/// </summary>
public static class PackageSmokeCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<TimeSpan> RunAsync(string zipPath, string function, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            ZipFile.ExtractToDirectory(zipPath, folder);
            var bootstrap = Path.Combine(folder, PublishLayout.Bootstrap);
            if (OperatingSystem.IsWindows() || !File.Exists(bootstrap) || !File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute))
            {
                throw new PackagingException($"{function}: code.zip has no executable {PublishLayout.Bootstrap} (the check runs the linux-x64 package, so only on Linux)");
            }

            await using var process = BootstrapProcess.Start(folder, functionName: function);
            var (status, sinceExec) = await process.InitializeAsync(Timeout, cancellationToken);
            Expect(status == HttpStatusCode.OK, function, $"/initialize answered {(int)status}");

            using var invoked = await process.CallAsync(HttpMethod.Post, "/invoke", new ByteArrayContent("not an event"u8.ToArray()), cancellationToken);
            Expect(
                invoked.Headers.TryGetValues("x-fc-status", out var values) && values.Single() == "404" && (int)invoked.StatusCode >= 500,
                function,
                $"a garbage /invoke answered {(int)invoked.StatusCode} without x-fc-status: 404");

            var exitCode = await process.StopAsync(Timeout, cancellationToken);
            Expect(exitCode == 0, function, $"exit code {exitCode} after SIGTERM");
            return sinceExec;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Expect(bool condition, string function, string problem)
    {
        if (!condition)
        {
            throw new PackagingException($"{function}: the packaged bootstrap misbehaves: {problem}");
        }
    }
}
