using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;
using Orchestrator.Tools.DevCloud.Jobs;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>
/// The whole system on the dev cloud: the repository's s.yaml and the four real functions (built with this test
/// project), with short timings so a job and its redeliveries fit in seconds.
/// </summary>
internal sealed class SystemCloud : IAsyncDisposable
{
    private readonly TempDirectory folder;
    private readonly HttpClient api;

    private SystemCloud(TempDirectory folder, LocalCloud cloud)
    {
        this.folder = folder;
        Cloud = cloud;
        api = new HttpClient { BaseAddress = cloud.ApiBase, Timeout = TimeSpan.FromSeconds(30) };
        Oss = new OssClient(new OssClientOptions { Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'), Region = cloud.Region, Credentials = new Orchestrator.Contracts.Security.StaticCredentialsProvider(cloud.OperatorCredentials) });
    }

    /// <summary>
    /// Fetch cannot reach MNS to report, so every delivery of a fetch request fails (x-fc-status: 404) until
    /// EventBridge dead-letters it. Fetch stores its outcome before it tries to report, and the coordinator applies
    /// that stored outcome 1 s later (its sweep runs every 2 s), long before the stage's 60 s deadline; with one
    /// attempt allowed, a deadline would fail the job.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FetchCannotReport { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["fetch"] = new Dictionary<string, string> { ["Mns__Endpoint"] = "http://127.0.0.1:9" },
            ["initialize"] = new Dictionary<string, string>
            {
                ["Coordinator__Fetch__Timeout"] = "00:01:00",
                ["Coordinator__Fetch__Retry__MaxAttempts"] = "1",
                ["Coordinator__SweepGrace"] = "00:00:01",
                ["Coordinator__ResultCheckAfter"] = "00:00:01",
            },
        };

    public LocalCloud Cloud { get; }

    public OssClient Oss { get; }

    public HttpClient Api => api;

    // bin/<Configuration>/net10.0/: the function projects were built the same way, with this project.
    public static string Configuration => Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;

    public static async Task<SystemCloud> StartAsync(Func<DevCloudOptions, DevCloudOptions>? configure, CancellationToken cancellationToken)
    {
        var folder = new TempDirectory("system");
        try
        {
            var options = new DevCloudOptions
            {
                ProjectDirectory = RepositoryRoot.Path,
                DataDirectory = folder.Combine("data"),
                PrebuiltConfiguration = Configuration,
                Instances = new InstanceOptions { StartTimeout = TimeSpan.FromSeconds(60), RestartDelay = TimeSpan.FromMilliseconds(200) },
                Pumps = new PumpOptions { VisibilityTimeoutSeconds = 3, PollWaitSeconds = 1, BackoffBase = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(2) },
                TimerInterval = TimeSpan.FromSeconds(2),
            };
            var cloud = await LocalCloud.StartAsync(configure?.Invoke(options) ?? options, NullLoggerFactory.Instance, cancellationToken);
            return new SystemCloud(folder, cloud);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Uploads <paramref name="project"/> (default examples/hello-site) as src/&lt;site&gt;/app.zip and follows the job it starts to its end.</summary>
    public async Task<JsonObject> RunJobAsync(string site, CancellationToken cancellationToken, string? project = null)
    {
        var key = $"src/{site}/app.zip";
        await using var archive = await SourceArchive.PackAsync(project ?? Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), cancellationToken);
        var put = await Oss.PutAsync(Cloud.Bucket, key, archive, new PutOptions { ContentType = "application/zip" }, cancellationToken);
        try
        {
            return await FollowAsync(JobIds.FromSource(Cloud.Bucket, key, put.ETag), cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            // The function logs say why; they go with the temp folder, so they travel in the failure.
            var logs = Cloud.Pools.Select(p => $"== {p.Function.FunctionName}\n{Tail(FunctionLog(p.Function.FunctionName))}");
            var listing = await DescribeAsync($"jobs?site={site}");
            var first = (System.Text.Json.Nodes.JsonNode.Parse(listing[4..])?["jobs"] as JsonArray)?.FirstOrDefault()?["jobId"]?.ToString();
            listing += first is null ? string.Empty : " · " + await DescribeAsync($"jobs/{first}");
            throw new TimeoutException($"the job did not end in time; uploaded ETag {put.ETag}; GET jobs?site={site}: {listing}\n" + string.Join("\n", logs), exception);
        }
    }

    /// <summary>Polls the job through the status API until it reaches a terminal state.</summary>
    public Task<JsonObject> FollowAsync(string jobId, CancellationToken cancellationToken) =>
        new JobFollower(api, TimeSpan.FromMilliseconds(250)).FollowAsync(jobId, _ => { }, cancellationToken);

    /// <summary>The job's history entries (CONTRACT §3).</summary>
    public async Task<JsonArray> HistoryAsync(string jobId, CancellationToken cancellationToken) =>
        (JsonNode.Parse(await api.GetStringAsync($"jobs/{jobId}/history", cancellationToken))!["entries"] as JsonArray)!;

    public string FunctionLog(string function) => File.Exists(Path.Combine(Cloud.Options.DataDirectory, "logs", function + ".log"))
        ? File.ReadAllText(Path.Combine(Cloud.Options.DataDirectory, "logs", function + ".log"))
        : string.Empty;

    private async Task<string> DescribeAsync(string path)
    {
        using var response = await api.GetAsync(path, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
        return $"{(int)response.StatusCode} {(text.Length > 3000 ? text[..3000] : text)}";
    }

    // The lines that say what went wrong (warnings and errors), then the end of the log.
    private static string Tail(string text)
    {
        var problems = string.Join("\n", text.Split('\n').Where(l => l.Contains("\"Warning\"", StringComparison.Ordinal) || l.Contains("\"Error\"", StringComparison.Ordinal)).Take(6).Select(l => l.Length > 1500 ? l[..1500] : l));
        return problems + "\n…\n" + (text.Length <= 2000 ? text : text[^2000..]);
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        Oss.Dispose();
        await Cloud.DisposeAsync();
        folder.Dispose();
    }
}
