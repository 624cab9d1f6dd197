using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Settings;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;
using Orchestrator.Tools.DevCloud;
using Orchestrator.Tools.DevCloud.Jobs;
using Orchestrator.Cli.Api;
using Orchestrator.Contracts.Status;
using System.Text.Json;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `demo [--project DIR] [--site NAME] [--keep-running] [--json]`: the README's main command. Starts the dev cloud
/// from s.yaml, uploads DIR (default examples/hello-site) as <c>src/&lt;site&gt;/app.zip</c>, follows the job it starts
/// to its end and prints where the dev cloud serves the published site. Exit 0 only when the job Succeeded.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(15);

    public static Command Create()
    {
        var project = new Option<string?>("--project") { Description = "the front-end project to build (default: examples/hello-site)" };
        var site = new Option<string>("--site") { Description = "the site name", DefaultValueFactory = _ => "hello-site" };
        var keepRunning = new Option<bool>("--keep-running") { Description = "keep the dev cloud (and the site) up until Ctrl+C" };
        var json = new Option<bool>("--json") { Description = "print the final job document as the last line of stdout" };
        var data = new Option<string?>("--data") { Description = "folder for the dev cloud's data (default: .devcloud/)" };
        var command = new Command("demo", "run a real job on the local dev cloud and print the published site's URL") { project, site, keepRunning, json, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (DevCloudSession.FindProject(null) is not { } root)
            {
                await Console.Error.WriteLineAsync("error: no s.yaml above the current folder: run the demo from the repository");
                return 2;
            }

            var source = Path.GetFullPath(parse.GetValue(project) ?? Path.Combine(root, "examples", "hello-site"));
            var siteName = parse.GetValue(site)!;
            if (!Directory.Exists(source))
            {
                await Console.Error.WriteLineAsync($"error: ProjectNotFound: no folder {source}");
                return 2;
            }

            var progress = new DemoProgress(parse.GetValue(json));
            using var loggers = DevCloudSession.Loggers(verbose: false);
            progress.Line("starting the dev cloud…");
            await using var cloud = await DevCloudSession.StartAsync(DevCloudSession.Options(root, parse.GetValue(data), 0), loggers, cancellationToken);
            if (cloud is null)
            {
                return 1;
            }

            progress.Line($"dev cloud up: OSS {cloud.OssEndpoint}, status API {cloud.ApiBase}");
            var job = await RunJobAsync(cloud, source, siteName, progress, cancellationToken);
            if (job is null)
            {
                return 1;
            }

            var succeeded = job["state"]?.ToString() == "Succeeded";
            progress.Finish(job, succeeded ? cloud.SiteUrl(siteName) : null, Path.Combine(cloud.Options.DataDirectory, "logs"));
            if (parse.GetValue(keepRunning))
            {
                using var profile = await DevCloudProfile.WriteAsync(cloud, ProfileOption.Choose(parse).Name, cancellationToken);
                progress.Line($"the dev cloud keeps running; every orchestrator verb uses profile '{profile.Name}' ({profile.Path}); Ctrl+C stops it.");
                using var signals = new ShutdownSignals(cancellationToken);
                await Task.Delay(Timeout.Infinite, signals.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return succeeded ? 0 : 1;
        });
        return command;
    }

    private static async Task<JsonObject?> RunJobAsync(LocalCloud cloud, string source, string site, DemoProgress progress, CancellationToken cancellationToken)
    {
        if (cloud.ApiBase is null)
        {
            await Console.Error.WriteLineAsync("error: NoStatusApi: s.yaml gives no function an HTTP trigger, so the job cannot be followed");
            return null;
        }

        var key = $"src/{site}/app.zip";
        using var oss = new OssClient(new OssClientOptions
        {
            Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'),
            Region = cloud.Region,
            Credentials = new StaticCredentialsProvider(cloud.OperatorCredentials),
        });
        await using var archive = await SourceArchive.PackAsync(source, cancellationToken);
        progress.Line($"uploading {source} ({archive.Length:N0} bytes) to oss://{cloud.Bucket}/{key}");
        var put = await oss.PutAsync(cloud.Bucket, key, archive, new PutOptions { ContentType = "application/zip" }, cancellationToken);

        using var api = new HttpClient { BaseAddress = cloud.ApiBase, Timeout = TimeSpan.FromSeconds(30) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(JobTimeout);
        try
        {
            var jobId = JobIds.FromSource(cloud.Bucket, key, put.ETag);
            progress.Line($"job {jobId}");
            var watcher = new JobWatcher(new StatusApiClient(api, cloud.OpsToken), jobId, TimeSpan.FromMilliseconds(500), progress.Output);
            await watcher.WaitUntilKnownAsync(deadline.Token);
            var job = await watcher.FollowAsync(deadline.Token);
            return JsonSerializer.SerializeToNode(job, StatusJsonContext.Default.JobDocument)!.AsObject();
        }
        catch (StatusApiException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: JobTimeout: the job did not finish within {JobTimeout.TotalMinutes:0} minutes (function logs: {Path.Combine(cloud.Options.DataDirectory, "logs")})");
            return null;
        }
    }
}
