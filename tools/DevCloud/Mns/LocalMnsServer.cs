using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>
/// The dev cloud's MNS: a Kestrel server on loopback speaking the MNS queue-message REST subset, checking
/// signatures against one credential pair, holding its queues in memory. Start with <c>StartAsync</c>;
/// the real <see cref="MnsClient"/> talks to <see cref="Endpoint"/> with <see cref="Credentials"/>.
/// </summary>
public sealed class LocalMnsServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalMnsQueue> queues = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private WebApplication? app;

    private LocalMnsServer(CloudCredentials credentials, TimeProvider time)
    {
        Credentials = credentials;
        this.time = time;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The credentials requests must be signed with (never logged: <see cref="CloudCredentials.ToString"/> redacts).</summary>
    public CloudCredentials Credentials { get; }

    /// <summary>The queues, by name.</summary>
    public IReadOnlyCollection<LocalMnsQueue> Queues => queues.Values.ToList();

    /// <summary>Starts the service with the queues of <paramref name="options"/> created.</summary>
    public static Task<LocalMnsServer> StartAsync(MnsServerOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, null, null, cancellationToken);

    /// <summary>Starts the service; <paramref name="loggerFactory"/> receives Kestrel's logs, <paramref name="time"/> is its clock.</summary>
    public static async Task<LocalMnsServer> StartAsync(MnsServerOptions options, ILoggerFactory? loggerFactory, TimeProvider? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The local MNS service listens on loopback only, not \"{options.Host}\".", nameof(options));
        }

        var server = new LocalMnsServer(options.Credentials ?? GenerateCredentials(), time ?? TimeProvider.System);
        foreach (var queue in options.Queues)
        {
            server.CreateQueue(queue);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        MnsEndpoints.Map(app, server, new MnsRequestAuthenticator(server.Credentials, server.time, options.MaxClockSkew));
        await app.StartAsync(cancellationToken);
        server.app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(bound);
        return server;
    }

    /// <summary>Binds <see cref="MnsServerOptions"/> from a configuration section (e.g. <c>Mns</c>) and starts.</summary>
    public static Task<LocalMnsServer> StartAsync(IConfiguration section, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var options = new MnsServerOptions();
        section.Bind(options);
        return StartAsync(options, loggerFactory, null, cancellationToken);
    }

    /// <summary>Creates a queue (CreateQueue); a queue that exists already keeps its messages and settings.</summary>
    public LocalMnsQueue CreateQueue(MnsQueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!MnsLimits.IsValidQueueName(settings.Name))
        {
            throw new ArgumentException($"\"{settings.Name}\" is not a valid MNS queue name.", nameof(settings));
        }

        if (settings.VisibilityTimeoutSeconds is < 1 or > MnsLimits.MaxVisibilityTimeoutSeconds)
        {
            throw new ArgumentException($"Queue {settings.Name}: VisibilityTimeoutSeconds must be between 1 and {MnsLimits.MaxVisibilityTimeoutSeconds}.", nameof(settings));
        }

        return queues.GetOrAdd(settings.Name, _ => new LocalMnsQueue(settings, time));
    }

    /// <summary>The queue named <paramref name="name"/>, or null.</summary>
    public LocalMnsQueue? Find(string name) => queues.GetValueOrDefault(name);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            app = null;
        }
    }

    private static CloudCredentials GenerateCredentials() =>
        new("LTAI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), null);
}
