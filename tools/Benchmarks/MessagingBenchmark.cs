using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Hosting;
using Orchestrator.Messaging;
using Orchestrator.Messaging.Inbound;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Wire;
using Orchestrator.Tools.DevCloud.Mns;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// M1 messaging: MNS send→receive→delete round trips against the local MNS service over loopback, parsing a
/// 10-message CloudEvents batch, and the coordinator dispatch path (MassTransit warm-up, first and steady invocations).
/// </summary>
public sealed class MessagingBenchmark : IBenchmark
{
    private const int RoundTrips = 200;
    private const int ParseRounds = 2_000;
    private const int Invocations = 200;

    public string Id => "M1";

    public string Title => "Messaging: MNS round trip, event parsing, dispatch";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var figures = new Dictionary<string, double>();
        await using var mns = await LocalMnsServer.StartAsync(
            new MnsServerOptions { Queues = [new MnsQueueSettings { Name = "bench" }] }, cancellationToken);
        await MeasureRoundTripsAsync(mns, figures, log, cancellationToken);
        MeasureParsing(figures, log);
        await MeasureDispatchAsync(mns, figures, log, cancellationToken);
        return figures;
    }

    private static async Task MeasureRoundTripsAsync(LocalMnsServer mns, Dictionary<string, double> figures, TextWriter log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new MnsClient(http, mns.Endpoint, new StaticCredentialsProvider(mns.Credentials), TimeProvider.System, NullLogger<MnsClient>.Instance);
        var body = EnvelopeSerializer.Serialize(Sample("warm", "job"));
        var samples = new List<double>(RoundTrips);
        for (var i = 0; i < RoundTrips + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.SendMessageAsync("bench", body, TimeSpan.Zero, cancellationToken);
            var received = await client.ReceiveMessageAsync("bench", 1, cancellationToken)
                ?? throw new InvalidOperationException("The local MNS service lost a message.");
            await client.DeleteMessageAsync("bench", received.ReceiptHandle, cancellationToken);
            if (i >= 10)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        figures["mns_round_trip_p50_ms"] = Math.Round(samples[samples.Count / 2], 3);
        figures["mns_round_trip_p99_ms"] = Math.Round(samples[(int)(samples.Count * 0.99)], 3);
        figures["mns_round_trips_per_s"] = Math.Round(1000 / samples.Average(), 1);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MNS send+receive+delete: p50 {figures["mns_round_trip_p50_ms"]} ms, p99 {figures["mns_round_trip_p99_ms"]} ms"));
    }

    private static void MeasureParsing(Dictionary<string, double> figures, TextWriter log)
    {
        var batch = new JsonArray();
        for (var i = 0; i < 10; i++)
        {
            batch.Add(new JsonObject
            {
                ["specversion"] = "1.0",
                ["type"] = "mns:Queue:SendMessage",
                ["data"] = new JsonObject { ["messageBody"] = EnvelopeSerializer.Serialize(Sample("m" + i, "job-" + i)) },
            });
        }

        var bytes = Encoding.UTF8.GetBytes(batch.ToJsonString());
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < ParseRounds; i++)
        {
            InvocationEventParser.Parse(bytes, "bench");
        }

        figures["parse_batch10_us"] = Math.Round(watch.Elapsed.TotalMicroseconds / ParseRounds, 2);
        figures["parse_batch10_alloc_kb"] = Math.Round((GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / ParseRounds, 2);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parse a 10-message batch: {figures["parse_batch10_us"]} µs, {figures["parse_batch10_alloc_kb"]} KB allocated"));
    }

    private static async Task MeasureDispatchAsync(LocalMnsServer mns, Dictionary<string, double> figures, TextWriter log, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mns:Endpoint"] = mns.Endpoint.ToString(),
            ["Mns:Queues:Coordinator"] = "bench",
            ["Mns:Queues:Fetch"] = "bench",
            ["Mns:Queues:Build"] = "bench",
            ["Mns:Queues:Publish"] = "bench",
        }).Build();
        var services = new ServiceCollection();
        services.AddCoordinatorFunction(configuration, (_, _, _) => Task.FromResult<JobDocument?>(null));
        await using var provider = services.BuildServiceProvider();
        var handler = provider.GetRequiredService<IInvocationHandler>();
        var context = new InvocationContext("bench", "coordinator", "cn-hangzhou", "1", null, 512, mns.Credentials, DateTimeOffset.MaxValue);

        var watch = Stopwatch.StartNew();
        await provider.GetRequiredService<IFunctionInitializer>().InitializeAsync(context, cancellationToken);
        figures["dispatch_warmup_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);

        watch.Restart();
        await handler.InvokeAsync(Encoding.UTF8.GetBytes(EnvelopeSerializer.Serialize(Result("first"))), context, cancellationToken);
        figures["dispatch_first_after_warmup_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 2);

        watch.Restart();
        for (var i = 0; i < Invocations; i++)
        {
            await handler.InvokeAsync(Encoding.UTF8.GetBytes(EnvelopeSerializer.Serialize(Result("m" + i))), context, cancellationToken);
        }

        figures["dispatch_steady_us"] = Math.Round(watch.Elapsed.TotalMicroseconds / Invocations, 1);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dispatch: warm-up {figures["dispatch_warmup_ms"]} ms, first {figures["dispatch_first_after_warmup_ms"]} ms, steady {figures["dispatch_steady_us"]} µs"));
    }

    private static FetchRequested Sample(string messageId, string jobId) =>
        new(messageId, jobId, "site", 1, new SourceObject("bucket", "src/site/app.zip", "ETAG", 1024));

    private static StageSucceeded Result(string messageId) =>
        new(messageId, "job", StageName.Fetch, 1, new Dictionary<string, string> { ["workspace"] = "jobs/job/fetch/workspace.tar" });
}
