using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Logging;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Messaging.Wire;
using Orchestrator.TestSupport;

namespace Orchestrator.Messaging.Tests.Dispatch;

/// <summary>
/// A stage function in a real function host on loopback, invoked over HTTP as FC does: the MNS client must sign with
/// the credentials of the invocation's x-fc-* headers, which the host makes ambient for the request, not with the
/// environment's (set here to a pair the MNS service does not know).
/// </summary>
public sealed class HostedInvocationTests
{
    private static readonly FetchRequested Request =
        new("m-1", "ok-hosted", "marketing", 1, new SourceObject("my-sites", "src/marketing/a.zip", "E", 1));

    [Fact]
    public async Task Invoke_HeaderCredentials_MnsSendSignsWithThem()
    {
        await using var mns = await MnsHarness.StartAsync(securityToken: "sts-token");
        using var cts = Timeouts.Test();
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        await using var function = await HostedFunction.StartAsync(mns, oss);

        using var response = await function.InvokeAsync(mns.Server.Credentials, cts.Token);
        var received = await mns.Client().ReceiveMessageAsync("coordinator", 3, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(received);
        var report = Assert.IsType<StageSucceeded>(EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(received.MessageBody)));
        Assert.Equal("ok-hosted", report.JobId);
        Assert.DoesNotContain(mns.Server.Credentials.AccessKeySecret, function.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("sts-token", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WrongHeaderSecret_InvocationFailsWithSignatureDoesNotMatch()
    {
        await using var mns = await MnsHarness.StartAsync(securityToken: "sts-token");
        using var cts = Timeouts.Test();
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        await using var function = await HostedFunction.StartAsync(mns, oss);

        using var response = await function.InvokeAsync(mns.Server.Credentials with { AccessKeySecret = "wrong" }, cts.Token);
        using var failure = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", failure.RootElement.GetProperty("errorType").GetString());
        Assert.Null(await mns.Client().ReceiveMessageAsync("coordinator", 0, cts.Token));
    }

    private sealed class HostedFunction : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly StringWriter _log;
        private readonly HttpClient _client;

        private HostedFunction(WebApplication app, StringWriter log, int port)
        {
            _app = app;
            _log = log;
            _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(30) };
        }

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public static async Task<HostedFunction> StartAsync(MnsHarness mns, LocalOss oss)
        {
            var port = FreePort();
            var builder = FunctionHostBuilder.Create(
            [
                $"--FC_CUSTOM_LISTEN_PORT={port.ToString(CultureInfo.InvariantCulture)}",
                "--ORCHESTRATOR_LISTEN_ADDRESS=127.0.0.1",
                "--ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIenvironment",
                "--ALIBABA_CLOUD_ACCESS_KEY_SECRET=environment-secret",
                $"--Mns:Endpoint={mns.Server.Endpoint}",
                "--Mns:Queues:Coordinator=coordinator",
                "--Mns:Queues:Fetch=fetch",
                "--Mns:Queues:Build=build",
                "--Mns:Queues:Publish=publish",
                $"--ORCHESTRATOR_BUCKET={oss.Bucket}",
            ]);
            var log = new StringWriter();
            builder.Services.AddSingleton(new LogSink(TextWriter.Synchronized(log)));
            // Results are stored with the OSS server's own pair: these tests are about how MNS sends are signed.
            builder.Services.AddSingleton(oss.Store);
            builder.Services.AddStageFunction<FetchRequested, ScriptedFetchStage>(builder.Configuration);
            var app = builder.Build();
            using var start = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StartAsync(start.Token);
            return new HostedFunction(app, log, port);
        }

        public Task<HttpResponseMessage> InvokeAsync(CloudCredentials credentials, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/invoke") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Samples.Batch(Request))) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Headers.Add(FcControlPath.Header, FcControlPath.Invoke);
            request.Headers.Add("x-fc-request-id", "hosted-1");
            request.Headers.Add("x-fc-access-key-id", credentials.AccessKeyId);
            request.Headers.Add("x-fc-access-key-secret", credentials.AccessKeySecret);
            request.Headers.Add("x-fc-security-token", credentials.SecurityToken);
            return _client.SendAsync(request, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
