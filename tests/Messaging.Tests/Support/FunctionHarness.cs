using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Wire;
using Orchestrator.TestSupport;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>A function's service provider wired as a host would, sending to a local MNS service over loopback.</summary>
public sealed class FunctionHarness : IAsyncDisposable
{
    private FunctionHarness(MnsHarness mns, LocalOss oss, ServiceProvider provider)
    {
        Mns = mns;
        Oss = oss;
        Provider = provider;
    }

    public MnsHarness Mns { get; }

    /// <summary>The function's object store, where a stage keeps its results.</summary>
    public LocalOss Oss { get; }

    public ServiceProvider Provider { get; }

    public IInvocationHandler Handler => Provider.GetRequiredService<IInvocationHandler>();

    public static async Task<FunctionHarness> StartAsync(Action<IServiceCollection, IConfiguration> wire)
    {
        var mns = await MnsHarness.StartAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var oss = await LocalOss.StartAsync(cancellationToken: start.Token);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mns:Endpoint"] = mns.Server.Endpoint.ToString(),
            ["Mns:Queues:Coordinator"] = "coordinator",
            ["Mns:Queues:Fetch"] = "fetch",
            ["Mns:Queues:Build"] = "build",
            ["Mns:Queues:Publish"] = "publish",
            [SettingNames.Bucket] = oss.Bucket,
        }).Build();
        var services = new ServiceCollection();
        // These tests call the handler directly, outside a function host, so they hand the MNS client the service's
        // credentials the way a tool would; signing with an invocation's header credentials goes through a real host
        // in HostedInvocationTests.
        services.AddSingleton<ICredentialsProvider>(new StaticCredentialsProvider(mns.Server.Credentials));
        services.AddSingleton(oss.Store);
        wire(services, configuration);
        return new FunctionHarness(mns, oss, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    /// <summary>FC's view of one invocation, with the local MNS credentials as FC would put them in the headers.</summary>
    public InvocationContext Context(string requestId = "req-1") =>
        new(requestId, "function", "cn-hangzhou", "123456789", null, 512, Mns.Server.Credentials, DateTimeOffset.UtcNow.AddMinutes(5));

    public Task<InvocationResult> InvokeAsync(string body, CancellationToken cancellationToken) =>
        Handler.InvokeAsync(Encoding.UTF8.GetBytes(body), Context(), cancellationToken);

    /// <summary>The next message on <paramref name="queue"/>, read back from its envelope (null when none arrives in time).</summary>
    public async Task<IMessage?> ReceiveAsync(string queue, CancellationToken cancellationToken)
    {
        var received = await Mns.Client().ReceiveMessageAsync(queue, 3, cancellationToken);
        return received is null ? null : EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(received.MessageBody));
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Mns.DisposeAsync();
        await Oss.DisposeAsync();
    }
}
