using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Wire;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Mns;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// The status API with its dead-letter queue on the local MNS service, under s.yaml's queue names; dead letters are
/// put there as the dev cloud's EventBridge pump puts them (its own <see cref="CloudEventBatch"/>).
/// </summary>
public abstract class DeadLetterApiTestBase : ApiTestBase
{
    public const string DeadLetterQueue = "orchestrator-dead-letter";

    private static readonly DateTimeOffset At = new(2026, 11, 21, 1, 2, 3, TimeSpan.Zero);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LocalMnsServer? _mns;

    internal LocalMnsServer Mns => _mns ?? throw new InvalidOperationException("not started");

    internal MnsClient Queues => new(_http, Mns.Endpoint, new StaticCredentialsProvider(Mns.Credentials), TimeProvider.System, NullLogger<MnsClient>.Instance);

    internal override async Task StartDependenciesAsync()
    {
        var queues = new[] { "orchestrator-coordinator", "orchestrator-fetch", "orchestrator-build", "orchestrator-publish", DeadLetterQueue };
        _mns = await LocalMnsServer.StartAsync(new MnsServerOptions { Queues = [.. queues.Select(q => new MnsQueueSettings { Name = q })] }, Timeout);
    }

    internal override async ValueTask StopDependenciesAsync()
    {
        if (_mns is not null)
        {
            await _mns.DisposeAsync();
        }

        _http.Dispose();
    }

    internal override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mns:Endpoint"] = Mns.Endpoint.ToString(),
            ["Mns:Queues:Coordinator"] = "orchestrator-coordinator",
            ["Mns:Queues:Fetch"] = "orchestrator-fetch",
            ["Mns:Queues:Build"] = "orchestrator-build",
            ["Mns:Queues:Publish"] = "orchestrator-publish",
            ["Mns:Queues:DeadLetter"] = DeadLetterQueue,
        });
        builder.Services.AddSingleton<ICredentialsProvider>(new StaticCredentialsProvider(Mns.Credentials));
        builder.Services.AddDeadLetterQueue(builder.Configuration);
    }

    /// <summary>Dead-letters <paramref name="messages"/> as taken from <paramref name="queue"/>; answers the dead letter's id.</summary>
    internal async Task<string> DeadLetterAsync(string queue, params IMessage[] messages)
    {
        var trigger = new QueueTriggerSpec(queue + "-trigger", queue, "MNS-" + queue, false, false, 3, "BACKOFF_RETRY", DeadLetterQueue, 1);
        var received = messages.Select(m => new MnsReceivedMessage("MSG-" + m.MessageId, "1-handle", EnvelopeSerializer.Serialize(m), "MD5", At, At, At, 4, 8));
        var body = Encoding.UTF8.GetString(CloudEventBatch.Create(trigger, "cn-hangzhou", "1234567890123456", received, At));
        return await PutDeadLetterAsync(body);
    }

    /// <summary>Puts <paramref name="body"/> on the dead-letter queue as it is; answers its id.</summary>
    internal async Task<string> PutDeadLetterAsync(string body) =>
        (await Queues.SendMessageAsync(DeadLetterQueue, body, TimeSpan.Zero, Timeout)).MessageId;
}
