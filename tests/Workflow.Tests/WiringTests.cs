using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.Storage;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.DependencyInjection;
using Orchestrator.Workflow.Policy;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class WiringTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task AddCoordinator_FromConfiguration_BindsStagePoliciesAndRuns()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordinator:Bucket"] = fixture.Oss.Bucket,
            ["Coordinator:Build:Timeout"] = "00:45:00",
            ["Coordinator:Build:Retry:MaxAttempts"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IObjectStore>(fixture.Oss.Store);
        services.AddSingleton<IMessageSender, RecordingSender>();
        services.AddCoordinator(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<CoordinatorOptions>();
        Assert.Equal((TimeSpan.FromMinutes(45), 5, 3), (options.Build.Timeout, options.Build.Retry.MaxAttempts, options.Fetch.Retry.MaxAttempts));
        var coordinator = provider.GetRequiredService<ICoordinator>();
        var job = await coordinator.HandleAsync(new Contracts.Messages.ObjectCreated("u", "ObjectCreated:PutObject", fixture.Oss.Bucket, "src/wired/app.zip", "E", 1, DateTimeOffset.UnixEpoch), TestTimeout.Token());
        Assert.Equal(5, job!.Stages[1].MaxAttempts);
    }

    [Fact]
    public void AddCoordinator_BadSetting_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordinator:Bucket"] = "b",
            ["Coordinator:Publish:Retry:MaxAttempts"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddCoordinator(configuration).BuildServiceProvider();
        var error = Assert.Throws<InvalidSettingException>(provider.GetRequiredService<CoordinatorOptions>);
        Assert.Equal(("InvalidSetting", "Coordinator:Publish:Retry:MaxAttempts"), (error.Code, error.Setting));
        Assert.Contains("Coordinator:Publish:Retry:MaxAttempts must be 1..100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_SerialisedJobDocument_HasContractShape()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("shape", cancellationToken: ct);
        await using var content = await fixture.Oss.Store.GetAsync(fixture.Oss.Bucket, ObjectKeys.JobHead(job.JobId), null, ct);
        using var document = await JsonDocument.ParseAsync(content.Content, cancellationToken: ct);
        var root = document.RootElement;
        Assert.Equal("Fetching", root.GetProperty("state").GetString());
        var fetch = root.GetProperty("stages")[0];
        Assert.Equal(("fetch", "Running", 1), (fetch.GetProperty("name").GetString(), fetch.GetProperty("state").GetString(), fetch.GetProperty("attempt").GetInt32()));
        Assert.Equal(JsonValueKind.Null, fetch.GetProperty("error").ValueKind);
        Assert.Equal("src/shape/app.zip", root.GetProperty("source").GetProperty("key").GetString());
        var read = JsonSerializer.Deserialize(root, ContractsJsonContext.Default.JobDocument)!;
        Assert.Equal(job, read with { Stages = job.Stages });
        Assert.Equal(job.Stages.Select(s => (s.Name, s.State, s.Attempt)), read.Stages.Select(s => (s.Name, s.State, s.Attempt)));
    }

    [Fact]
    public async Task JournalEntry_TopLevel_CarriesHistoryFields()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("history", cancellationToken: ct);
        await using var content = await fixture.Oss.Store.GetAsync(fixture.Oss.Bucket, ObjectKeys.JournalEntry(job.JobId, 1), null, ct);
        using var document = await JsonDocument.ParseAsync(content.Content, cancellationToken: ct);
        var root = document.RootElement;
        Assert.Equal((1, "JobStarted", "Pending", "Fetching"), (root.GetProperty("seq").GetInt64(), root.GetProperty("event").GetString(), root.GetProperty("from").GetString(), root.GetProperty("to").GetString()));
        Assert.True(root.TryGetProperty("at", out _));
        Assert.True(root.TryGetProperty("detail", out _));
        Assert.Equal(2, root.GetProperty("outbox").GetArrayLength());
        var history = JsonSerializer.Deserialize(root, ContractsJsonContext.Default.HistoryEntry)!;
        Assert.Equal((1L, JobState.Pending, JobState.Fetching), (history.Seq, history.From, history.To));
    }
}
