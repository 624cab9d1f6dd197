using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

/// <summary>
/// The host routes by FC's x-fc-control-path, never by the URL path: an HTTP-trigger request reaches only the
/// function's own routes whatever its path, and FC's calls reach their handlers whatever theirs.
/// </summary>
public sealed class ControlPathRoutingTests
{
    public static TheoryData<string, string> LifecyclePaths => new()
    {
        { "POST", FcControlPath.Invoke },
        { "POST", FcControlPath.Initialize },
        { "GET", FcControlPath.PreStop },
        { "GET", FcControlPath.PreFreeze },
    };

    [Theory]
    [MemberData(nameof(LifecyclePaths))]
    public async Task HttpInvoke_LifecyclePath_ReachesNoLifecycleHandler(string method, string path)
    {
        await using var probe = await Probe.StartAsync();

        using var response = await probe.Host.Client.SendAsync(Requests.Http(new HttpMethod(method), path, "trigger", new ByteArrayContent("""{"command":"cancel","jobId":"j"}"""u8.ToArray())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("x-fc-status"));
        var error = (await Requests.JsonAsync(response)).GetProperty("error");
        Assert.Equal("RouteNotFound", error.GetProperty("code").GetString());
        Assert.Contains(path, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(probe.Calls);
        Assert.DoesNotContain("FC Invoke Start", probe.Host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("FC Initialize Start", probe.Host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"DrainStarted\"", probe.Host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"PreFreeze\"", probe.Host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpInvoke_FunctionRoute_ReachesTheFunctionRouteOnly()
    {
        await using var probe = await Probe.StartAsync();

        using var response = await probe.Host.Client.SendAsync(Requests.Http(HttpMethod.Post, "/echo", "trigger", new ByteArrayContent("hi"u8.ToArray())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["route:/echo"], probe.Calls);
    }

    [Fact]
    public async Task HttpInvoke_FunctionRouteWrongMethod_MethodNotAllowedWithErrorBody()
    {
        await using var probe = await Probe.StartAsync();

        using var response = await probe.Host.Client.SendAsync(Requests.Http(HttpMethod.Get, "/echo", "trigger"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("MethodNotAllowed", (await Requests.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(probe.Calls);
    }

    [Theory]
    [InlineData(FcControlPath.Invoke, "/jobs", "invoke:fc")]
    [InlineData(FcControlPath.Invoke, "/echo", "invoke:fc")]
    [InlineData(FcControlPath.Invoke, "/invoke", "invoke:fc")]
    [InlineData(FcControlPath.Initialize, "/echo", "initialize:fc")]
    public async Task FcCall_AnyUrlPath_ReachesTheHandlerItsControlPathNames(string controlPath, string path, string expected)
    {
        await using var probe = await Probe.StartAsync();

        using var response = await probe.Host.Client.SendAsync(Requests.Fc(HttpMethod.Post, path, controlPath, "fc", new ByteArrayContent("{}"u8.ToArray())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], probe.Calls);
    }

    [Fact]
    public async Task PreStopAndPreFreeze_ControlPaths_DrainAndFlush()
    {
        await using var probe = await Probe.StartAsync();

        using var freeze = await probe.Host.Client.SendAsync(Requests.Fc(HttpMethod.Get, "/", FcControlPath.PreFreeze, "freeze"));
        using var stop = await probe.Host.Client.SendAsync(Requests.Fc(HttpMethod.Get, "/", FcControlPath.PreStop, "stop"));

        Assert.Equal(HttpStatusCode.OK, freeze.StatusCode);
        Assert.Contains("\"PreFreeze\"", probe.Host.Log, StringComparison.Ordinal);
        Assert.True((await Requests.JsonAsync(stop)).GetProperty("drained").GetBoolean());
        Assert.Empty(probe.Calls);
    }

    [Theory]
    [InlineData(null, "MissingControlPath")]
    [InlineData("/somewhere-else", "UnknownControlPath")]
    [InlineData("/invoke, /http-invoke", "UnknownControlPath")]
    public async Task Request_WithoutAKnownControlPath_Refused400(string? controlPath, string code)
    {
        await using var probe = await Probe.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/invoke") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        if (controlPath is not null)
        {
            request.Headers.TryAddWithoutValidation(FcControlPath.Header, controlPath);
        }

        using var response = await probe.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await Requests.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(probe.Calls);
    }

    /// <summary>A host whose handler, initializer and one HTTP route (<c>POST /echo</c>) record that they ran.</summary>
    private sealed class Probe : IAsyncDisposable
    {
        private readonly List<string> _calls = [];

        public InProcessHost Host { get; private set; } = null!;

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public static async Task<Probe> StartAsync()
        {
            var probe = new Probe();
            probe.Host = await InProcessHost.StartAsync(
                services =>
                {
                    services.AddSingleton<IInvocationHandler>(new DelegateHandler((_, context, _) =>
                    {
                        probe.Add("invoke:" + context.RequestId);
                        return Task.FromResult(InvocationResult.Empty);
                    }));
                    services.AddSingleton<IFunctionInitializer>(new RecordingInitializer(probe));
                },
                app => app.MapPost("/echo", (HttpRequest request) =>
                {
                    probe.Add("route:" + request.Path);
                    return Results.Ok();
                }));
            return probe;
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();

        private void Add(string call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
        }

        private sealed class RecordingInitializer(Probe probe) : IFunctionInitializer
        {
            public Task InitializeAsync(InvocationContext context, CancellationToken cancellationToken)
            {
                probe.Add("initialize:" + context.RequestId);
                return Task.CompletedTask;
            }
        }
    }
}
