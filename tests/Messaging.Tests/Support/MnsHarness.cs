using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.Mns;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>A local MNS service on loopback with the four queues, and clients for it whose retry waits are recorded, not slept.</summary>
public sealed class MnsHarness : IAsyncDisposable
{
    public static readonly string[] QueueNames = ["coordinator", "fetch", "build", "publish"];

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(40) };

    private MnsHarness(LocalMnsServer server) => Server = server;

    public LocalMnsServer Server { get; }

    /// <summary>Every backoff the clients asked to wait, in order.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public static async Task<MnsHarness> StartAsync(int visibilityTimeoutSeconds = 30, string? securityToken = null)
    {
        var options = new MnsServerOptions
        {
            Credentials = securityToken is null ? null : new CloudCredentials("LTAItest", "test-secret", securityToken),
            Queues = QueueNames.Select(n => new MnsQueueSettings { Name = n, VisibilityTimeoutSeconds = visibilityTimeoutSeconds }).ToList(),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return new MnsHarness(await LocalMnsServer.StartAsync(options, timeout.Token));
    }

    public MnsClient Client(CloudCredentials? credentials = null) =>
        Client(Server.Endpoint, credentials ?? Server.Credentials);

    public MnsClient Client(Uri endpoint, CloudCredentials credentials) =>
        new(http, endpoint, new StaticCredentialsProvider(credentials), TimeProvider.System, NullLogger<MnsClient>.Instance, RetryPolicy.Default.WithDelay(RecordWait));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        http.Dispose();
    }

    private Task RecordWait(TimeSpan wait, CancellationToken cancellationToken)
    {
        lock (Waits)
        {
            Waits.Add(wait);
        }

        return Task.CompletedTask;
    }
}
