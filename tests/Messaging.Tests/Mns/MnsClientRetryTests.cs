using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Tests.Support;

namespace Orchestrator.Messaging.Tests.Mns;

/// <summary>A loopback server that answers a scripted status per request, to see what the client retries.</summary>
public class MnsClientRetryTests
{
    [Theory]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(500, "InternalError")]
    [InlineData(429, "Throttling")]
    [InlineData(408, "RequestTimeout")]
    public async Task SendMessageAsync_TransientErrorThenSuccess_RetriedAndSucceeds(int status, string code)
    {
        await using var server = await ScriptedServer.StartAsync([status, status, 201], code);
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        var result = await mns.Client(server.Endpoint, new CloudCredentials("id", "secret", null)).SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token);

        Assert.Equal("ABC", result.MessageId);
        Assert.Equal(3, server.Requests);
        Assert.Equal(2, mns.Waits.Count);
    }

    [Fact]
    public async Task SendMessageAsync_TransientErrorEveryTime_GivesUpAfterThreeAttemptsWithCodeAndRequestId()
    {
        await using var server = await ScriptedServer.StartAsync([503, 503, 503, 503], "ServiceUnavailable");
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<MnsException>(
            () => mns.Client(server.Endpoint, new CloudCredentials("id", "secret", null)).SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal("ServiceUnavailable", error.Code);
        Assert.Equal("REQ-503", error.RequestId);
        Assert.True(error.Retryable);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task SendMessageAsync_ClientError_NotRetried()
    {
        await using var server = await ScriptedServer.StartAsync([400, 201], "InvalidArgument");
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<MnsException>(
            () => mns.Client(server.Endpoint, new CloudCredentials("id", "secret", null)).SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal("InvalidArgument", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, server.Requests);
        Assert.Empty(mns.Waits);
    }

    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly int[] statuses;
        private readonly string code;
        private int requests;
        private WebApplication? app;

        private ScriptedServer(int[] statuses, string code)
        {
            this.statuses = statuses;
            this.code = code;
        }

        public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

        public int Requests => Volatile.Read(ref requests);

        public static async Task<ScriptedServer> StartAsync(int[] statuses, string code)
        {
            var server = new ScriptedServer(statuses, code);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            server.app = builder.Build();
            server.app.Run(server.AnswerAsync);
            await server.app.StartAsync();
            server.Endpoint = new Uri(server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        private async Task AnswerAsync(HttpContext context)
        {
            var index = Interlocked.Increment(ref requests) - 1;
            var status = statuses[Math.Min(index, statuses.Length - 1)];
            context.Response.StatusCode = status;
            context.Response.ContentType = MnsXml.ContentType;
            context.Response.Headers["x-mns-request-id"] = "HDR-" + status;
            var body = status < 300
                ? MnsXml.SendMessageResponse(new MnsSendResult("ABC", "MD5"))
                : MnsXml.Error(code, "scripted", "REQ-" + status, "host");
            await context.Response.WriteAsync(body);
        }
    }
}
