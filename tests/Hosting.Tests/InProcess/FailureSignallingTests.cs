using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

public sealed class FailureSignallingTests
{
    [Fact]
    public async Task Invoke_OrchestratorException_CodeBecomesErrorType()
    {
        await using var host = await Start(() => throw new StageFailedException("ArchiveRejected", "entry escapes the root", retryable: false));

        using var response = await host.Client.SendAsync(Requests.Invoke("coded", "{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("404", Assert.Single(response.Headers.GetValues("x-fc-status")));
        var error = await Requests.JsonAsync(response);
        Assert.Equal(("ArchiveRejected", "entry escapes the root", "coded"), (error.GetProperty("errorType").GetString(), error.GetProperty("errorMessage").GetString(), error.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Invoke_UnexpectedException_UnhandledErrorWithoutItsTextOrStackTrace()
    {
        await using var host = await Start(() => throw new InvalidOperationException("loopback://localhost/mediator => The message was not consumed"));

        using var response = await host.Client.SendAsync(Requests.Invoke("plain", "{}"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"errorType":"UnhandledError","errorMessage":"The function failed unexpectedly; its log has the details under this request id.","requestId":"plain"}""", text);
        Assert.Contains("InvalidOperationException", host.Log, StringComparison.Ordinal);
        Assert.Contains("The message was not consumed", host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HandlerRunsPastBudget_CancelledAndTimedOut()
    {
        await using var host = await InProcessHost.StartAsync(
            services => services.AddSingleton<IInvocationHandler>(new DelegateHandler(async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return InvocationResult.Empty;
            })),
            "ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS=2",
            "ORCHESTRATOR_TIMEOUT_BUFFER_SECONDS=1");

        using var response = await host.Client.SendAsync(Requests.Invoke("slow", "{}"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("404", Assert.Single(response.Headers.GetValues("x-fc-status")));
        Assert.Equal("InvocationTimedOut", (await Requests.JsonAsync(response)).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Invoke_HandlerLogs_LinesCarryTheInvocationRequestId()
    {
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(provider => new DelegateHandler((_, _, _) =>
        {
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Handler").LogInformation("working");
            return Task.FromResult(InvocationResult.Empty);
        })));

        using var response = await host.Client.SendAsync(Requests.Invoke("scoped-id", "{}"));

        var line = Assert.Single(host.Log.Split('\n'), l => l.Contains("\"message\":\"working\"", StringComparison.Ordinal));
        Assert.Contains("\"RequestId\":\"scoped-id\"", line, StringComparison.Ordinal);
    }

    private static Task<InProcessHost> Start(Func<InvocationResult> handle) =>
        InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(new DelegateHandler((_, _, _) => Task.FromResult(handle()))));
}
