using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Initialize.Api;
using Orchestrator.Hosting;
using Orchestrator.Messaging;
using Orchestrator.Storage;
using Orchestrator.Workflow;
using Orchestrator.Workflow.DependencyInjection;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// The Initialize function composed as its Program.cs composes it — FC runtime host, the real coordinator, the
/// messaging /invoke handler (console commands included) and the status API — on 127.0.0.1, over the local OSS
/// server. Only the outbound queue is kept in memory (<see cref="CapturingSender"/>).
/// </summary>
internal sealed class InitializeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InitializeHost(WebApplication app, Uri baseAddress, string bucket, CapturingSender sender)
    {
        _app = app;
        BaseAddress = baseAddress;
        Bucket = bucket;
        Sender = sender;
    }

    public Uri BaseAddress { get; }

    public string Bucket { get; }

    public CapturingSender Sender { get; }

    public ICoordinator Coordinator => _app.Services.GetRequiredService<ICoordinator>();

    public static async Task<InitializeHost> StartAsync(IObjectStore store, string bucket, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var builder = FunctionHostBuilder.Create(
        [
            $"--FC_CUSTOM_LISTEN_PORT={port}",
            "--ORCHESTRATOR_LISTEN_ADDRESS=127.0.0.1",
            $"--ORCHESTRATOR_BUCKET={bucket}",
            $"--ORCHESTRATOR_OPS_TOKEN={ApiHost.OpsToken}",

            // What s.yaml gives the function; nothing listens there: the sender below keeps what is sent.
            "--Mns:Endpoint=http://127.0.0.1:9",
            "--Mns:Queues:Coordinator=orchestrator-coordinator",
            "--Mns:Queues:Fetch=orchestrator-fetch",
            "--Mns:Queues:Build=orchestrator-build",
            "--Mns:Queues:Publish=orchestrator-publish",
        ]);
        var sender = new CapturingSender();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IMessageSender>(sender);
        builder.Services.AddCoordinator(builder.Configuration);
        builder.Services.AddCoordinatorFunction(builder.Configuration, (services, message, token) =>
            services.GetRequiredService<ICoordinator>().HandleAsync(message, token));
        var app = builder.Build();
        app.MapStatusApi();
        await app.StartAsync(cancellationToken);
        return new InitializeHost(app, new Uri($"http://127.0.0.1:{port}/"), bucket, sender);
    }

    /// <summary>A caller of the HTTP trigger: FC passes its requests on with <c>x-fc-control-path: /http-invoke</c>.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(FcControlPath.Header, FcControlPath.HttpInvoke);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>An event invocation as FC makes it (the console's test event, a trigger): <c>POST /invoke</c>, raw bytes.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(string body, string requestId, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, FcControlPath.Invoke) { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Headers.Add(FcControlPath.Header, FcControlPath.Invoke);
        request.Headers.Add("x-fc-request-id", requestId);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Uploads <paramref name="site"/> and lets its fetch succeed: the job is Building, build attempt 1 running.</summary>
    public async Task<JobDocument> BuildingAsync(string site, CancellationToken cancellationToken)
    {
        var job = await UploadAsync(site, cancellationToken);
        return await Coordinator.HandleAsync(FetchSucceeded(job.JobId), cancellationToken)
            ?? throw new InvalidOperationException("the fetch result answered no job");
    }

    /// <summary>An upload of <paramref name="site"/> whose fetch succeeded and whose build failed for good.</summary>
    public async Task<JobDocument> FailedBuildAsync(string site, CancellationToken cancellationToken)
    {
        var job = await BuildingAsync(site, cancellationToken);
        var error = new StageError("BuildScriptFailed", "npm run build exited with code 1", Retryable: false);
        return await Coordinator.HandleAsync(new StageFailed($"build-fail-{job.JobId}", job.JobId, StageName.Build, 1, error), cancellationToken)
            ?? throw new InvalidOperationException("the build failure answered no job");
    }

    private async Task<JobDocument> UploadAsync(string site, CancellationToken cancellationToken)
    {
        var etag = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(site)));
        var upload = new ObjectCreated($"upload-{site}", "ObjectCreated:PutObject", Bucket, $"src/{site}/app.zip", etag, 2048, DateTimeOffset.UtcNow);
        return await Coordinator.HandleAsync(upload, cancellationToken) ?? throw new InvalidOperationException("the upload started no job");
    }

    private static StageSucceeded FetchSucceeded(string jobId) => new($"fetch-ok-{jobId}", jobId, StageName.Fetch, 1, new Dictionary<string, string>
    {
        [StageOutputKeys.Workspace] = ObjectKeys.Workspace(jobId),
        [StageOutputKeys.Manifest] = ObjectKeys.WorkspaceManifest(jobId),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    // The FC host takes a fixed port (as FC gives one): borrow a free one from the kernel.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
