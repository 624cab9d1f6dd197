using System.Text;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Wire;
using Orchestrator.Tools.DevCloud.Mns;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Tools.Benchmarks.ColdStart;

/// <summary>
/// A local OSS and MNS sharing one key pair, for P1's "exec → first real message handled": each packaged function
/// gets the message its role consumes and handles it all the way (its journal read, its result stored, its report
/// sent), so the figure holds the whole first dispatch, not only the start.
/// </summary>
internal sealed class FirstMessageBackends : IAsyncDisposable
{
    private const string Bucket = "orchestrator-p1";
    private static readonly string[] Queues = ["Coordinator", "Fetch", "Build", "Publish"];

    private readonly LocalOssServer _oss;
    private readonly LocalMnsServer _mns;
    private int _messages;

    private FirstMessageBackends(LocalOssServer oss, LocalMnsServer mns)
    {
        _oss = oss;
        _mns = mns;
    }

    /// <summary>The variables s.yaml would give a function, pointing at these servers.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>FC's credential headers for each call, as FC sends the function role's keys.</summary>
    public IReadOnlyDictionary<string, string> CredentialHeaders => new Dictionary<string, string>
    {
        ["x-fc-access-key-id"] = _oss.Credentials.AccessKeyId,
        ["x-fc-access-key-secret"] = _oss.Credentials.AccessKeySecret,
    };

    public static async Task<FirstMessageBackends> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var oss = await LocalOssServer.StartAsync(new LocalOssServerOptions { DataDirectory = Path.Combine(folder, "oss"), Buckets = [Bucket] }, cancellationToken);
        var mns = await LocalMnsServer.StartAsync(
            new MnsServerOptions
            {
                Credentials = oss.Credentials,
                Queues = [.. Queues.Select(q => new MnsQueueSettings { Name = QueueName(q) })],
            },
            cancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["OSS_ENDPOINT"] = oss.Endpoint.ToString().TrimEnd('/'),
            ["ORCHESTRATOR_BUCKET"] = Bucket,
            ["Mns__Endpoint"] = mns.Endpoint.ToString().TrimEnd('/'),
        };
        foreach (var queue in Queues)
        {
            settings["Mns__Queues__" + queue] = QueueName(queue);
        }

        return new FirstMessageBackends(oss, mns) { Settings = settings };
    }

    /// <summary>
    /// A message <paramref name="function"/> consumes, new each call: for the coordinator an upload, which starts a job
    /// (a site sequence claimed, a journal written, Fetch's request sent); for a stage a request it refuses at once (a
    /// source bucket it does not own, missing inputs), so the stage stores its failure and reports it like any other
    /// outcome.
    /// </summary>
    public byte[] MessageFor(string function)
    {
        var id = "p1-" + Interlocked.Increment(ref _messages).ToString(System.Globalization.CultureInfo.InvariantCulture);
        IMessage message = function switch
        {
            "Initialize" => new ObjectCreated(id, "ObjectCreated:PutObject", Bucket, $"src/{id}/app.zip", "\"" + id + "\"", 1, DateTimeOffset.UtcNow),
            "Fetch" => new FetchRequested(id, id, "p1", 1, new SourceObject("not-this-deployments-bucket", "src/p1/app.zip", "\"0\"", 1)),
            "Build" => new BuildRequested(id, id, "p1", 1, new Dictionary<string, string>()),
            "Publish" => new PublishRequested(id, id, "p1", 1, 1, new Dictionary<string, string>()),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a function of this project"),
        };
        return Encoding.UTF8.GetBytes(EnvelopeSerializer.Serialize(message));
    }

    public async ValueTask DisposeAsync()
    {
        await _mns.DisposeAsync();
        await _oss.DisposeAsync();
    }

    private static string QueueName(string queue) => "orchestrator-" + queue.ToLowerInvariant();
}
