using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Api;
using Orchestrator.Cli.Settings;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Storage;
using Orchestrator.Tools.DevCloud.Jobs;
using Orchestrator.Workflow.Sites;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `submit PATH --site NAME [--wait] [--json]`: uploads a project (a folder, packed as a zip, or a .zip/.tar.gz/.tgz)
/// to <c>src/&lt;site&gt;/</c> and prints the job id, which follows from the upload's bucket, key and ETag exactly as the
/// coordinator derives it. With --wait it follows the job through the status API to its end, exiting as `watch` does.
/// </summary>
internal static class SubmitCommand
{
    public const string BucketVariable = "ORCHESTRATOR_BUCKET";

    public static Command Create()
    {
        var connection = new OssConnectionOptions();
        var api = new ApiCommandOptions();
        var path = new Argument<string>("PATH") { Description = "project folder, or a .zip/.tar.gz/.tgz archive" };
        var site = new Option<string>("--site") { Description = "the site to publish: a DNS label (lower-case a-z, 0-9 and inner '-', at most 63), as it becomes part of the site's keys and URL", Required = true };
        var bucket = new Option<string?>("--bucket") { Description = $"source bucket (else env {BucketVariable})" };
        var wait = new Option<bool>("--wait") { Description = "follow the job to its end (needs --api); exit 0 Succeeded, 1 Failed, 2 Cancelled, 3 could not follow" };
        var timeout = new Option<int?>("--timeout") { Description = "with --wait: give up after this many seconds (exit 3)" };
        var command = new Command("submit", "upload a project as a new source; prints the job id")
        {
            path, site, bucket, wait, timeout, api.Json, api.Api, api.Token, connection.Endpoint, connection.Region,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ConnectionSettings.Open(parse) is not { } settings)
            {
                return ApiCommandOptions.UsageExit;
            }

            var upload = Plan(parse.GetRequiredValue(path), parse.GetRequiredValue(site), settings.Get(bucket, BucketVariable, "bucket"));
            if (upload.Error is { } error)
            {
                await Console.Error.WriteLineAsync("error: " + error);
                return ApiCommandOptions.UsageExit;
            }

            Uri? apiBase = null;
            if (parse.GetValue(wait) && (apiBase = ApiCommandOptions.BaseAddress(api.ApiAddress(settings))) is null)
            {
                return ApiCommandOptions.UsageExit;
            }

            string jobId;
            try
            {
                jobId = await UploadAsync(connection, settings, upload, cancellationToken);
            }
            catch (Exception e) when (e is ObjectStoreException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return ApiCommandOptions.ErrorExit;
            }

            if (apiBase is null)
            {
                Console.WriteLine(parse.GetValue(api.Json) ? JsonSerializer.Serialize(new Dictionary<string, string> { ["jobId"] = jobId }) : jobId);
                return 0;
            }

            Console.Error.WriteLine($"job {jobId}");
            return await WaitAsync(apiBase, api.TokenValue(settings), jobId, parse.GetValue(timeout), parse.GetValue(api.Json), cancellationToken);
        });
        return command;
    }

    private static Upload Plan(string path, string site, string? bucket)
    {
        if (string.IsNullOrWhiteSpace(bucket))
        {
            return Upload.Failed($"no bucket: pass --bucket or set {BucketVariable}");
        }

        var folder = Directory.Exists(path);
        if (!folder && !File.Exists(path))
        {
            return Upload.Failed($"{path}: no such folder or file");
        }

        var key = ObjectKeys.SourcePrefix + site + "/" + (folder ? "app.zip" : Path.GetFileName(path));
        return UploadFilter.TryMatch(key, out _, out var reason)
            ? new Upload(path, folder, bucket, key, null)
            : Upload.Failed($"{key} would not start a job: {reason} (a folder, or a .zip/.tar.gz/.tgz, and a site name that is a DNS label)");
    }

    private static async Task<string> UploadAsync(OssConnectionOptions connection, ConnectionSettings settings, Upload upload, CancellationToken cancellationToken)
    {
        using var client = connection.Connect(settings);
        await using var body = upload.IsFolder
            ? await SourceArchive.PackAsync(upload.Path, cancellationToken)
            : new FileStream(upload.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var contentType = upload.Key.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/gzip";
        var put = await client.PutAsync(upload.Bucket, upload.Key, body, new PutOptions { ContentType = contentType }, cancellationToken);
        Console.Error.WriteLine($"uploaded {body.Length:N0} bytes to oss://{upload.Bucket}/{upload.Key}");
        return JobIds.FromSource(upload.Bucket, upload.Key, put.ETag);
    }

    private static async Task<int> WaitAsync(Uri apiBase, string? token, string jobId, int? timeoutSeconds, bool json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(100) };
        var watcher = new JobWatcher(new StatusApiClient(http, token), jobId, TimeSpan.FromSeconds(1), json ? Console.Error : Console.Out);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeoutSeconds is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            await watcher.WaitUntilKnownAsync(deadline.Token);
            var job = await watcher.FollowAsync(deadline.Token);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(job, StatusJsonContext.Default.JobDocument));
            }

            return WatchCommand.ExitCode(job.State);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: Timeout: job {jobId} did not end within {timeoutSeconds} s");
            return WatchCommand.NotFollowedExit;
        }
        catch (StatusApiException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
            return WatchCommand.NotFollowedExit;
        }
    }

    private sealed record Upload(string Path, bool IsFolder, string Bucket, string Key, string? Error)
    {
        public static Upload Failed(string error) => new("", false, "", "", error);
    }
}
