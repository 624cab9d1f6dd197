using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;
using Orchestrator.Tools.DevCloud.Jobs;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>
/// The whole system on the dev cloud with one job held running: Fetch cannot reach MNS, so its report never arrives
/// and the job stays Fetching (fetch attempt 1 Running) for the fixture's life — a target for forged results.
/// </summary>
public sealed class StuckFetchCloud : IAsyncLifetime
{
    public const string Site = "held";

    private SystemCloud? _system;

    internal SystemCloud System => _system ?? throw new InvalidOperationException("not started");

    public string JobId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["fetch"] = new Dictionary<string, string> { ["Mns__Endpoint"] = "http://127.0.0.1:9" },
        };
        _system = await SystemCloud.StartAsync(o => o with { FunctionEnvironment = environment }, timeout.Token);
        var key = $"src/{Site}/app.zip";
        await using var archive = await SourceArchive.PackAsync(Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), timeout.Token);
        var put = await System.Oss.PutAsync(System.Cloud.Bucket, key, archive, new PutOptions { ContentType = "application/zip" }, timeout.Token);
        JobId = JobIds.FromSource(System.Cloud.Bucket, key, put.ETag);
        while ((await JobAsync(timeout.Token))?["state"]?.GetValue<string>() != "Fetching")
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The job document from the status API, or null while the job does not exist yet.</summary>
    public async Task<JsonObject?> JobAsync(CancellationToken cancellationToken)
    {
        using var response = await System.Api.GetAsync($"jobs/{JobId}", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
