using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
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
        Oss = new OssClient(new OssClientOptions { Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'), Region = cloud.Region, Credentials = new Orchestrator.Storage.Credentials.StaticCredentialsProvider(cloud.OperatorCredentials) });
    }

    public LocalCloud Cloud { get; }

    public OssClient Oss { get; }

    public HttpClient Api => api;

    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;

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

    /// <summary>Uploads examples/hello-site as src/&lt;site&gt;/app.zip and follows the job it starts to its end.</summary>
    public async Task<JsonObject> RunJobAsync(string site, CancellationToken cancellationToken)
    {
        var key = $"src/{site}/app.zip";
        await using var archive = await SourceArchive.PackAsync(Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), cancellationToken);
        var put = await Oss.PutAsync(Cloud.Bucket, key, archive, new PutOptions { ContentType = "application/zip" }, cancellationToken);
        var follower = new JobFollower(api, TimeSpan.FromMilliseconds(250));
        var jobId = await follower.FindJobAsync(site, key, put.ETag, cancellationToken);
        return await follower.FollowAsync(jobId, _ => { }, cancellationToken);
    }

    /// <summary>The job's history entries (CONTRACT §3).</summary>
    public async Task<JsonArray> HistoryAsync(string jobId, CancellationToken cancellationToken) =>
        (JsonNode.Parse(await api.GetStringAsync($"jobs/{jobId}/history", cancellationToken))!["entries"] as JsonArray)!;

    public string FunctionLog(string function) => File.Exists(Path.Combine(Cloud.Options.DataDirectory, "logs", function + ".log"))
        ? File.ReadAllText(Path.Combine(Cloud.Options.DataDirectory, "logs", function + ".log"))
        : string.Empty;

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        Oss.Dispose();
        await Cloud.DisposeAsync();
        folder.Dispose();
    }
}
