using System.Net;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.Processes;

/// <summary>Each real function process, as FC drives it: lifecycle routes, failures, credentials, logs.</summary>
[Collection(RunningFunctionsCollection.Name)]
public sealed class FunctionLifecycleTests(RunningFunctions functions)
{
    public static TheoryData<string> Functions => new(FunctionBinaries.Names);

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task LifecycleEndpoints_EachFunction_AnswerOk(string function)
    {
        var process = functions[function];
        var id = $"init-{function}";

        using var initialize = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", id, new ByteArrayContent([])));
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        Assert.False(initialize.Headers.Contains("x-fc-status"));
        using var preFreeze = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Get, "/pre-freeze", id));
        Assert.Equal(HttpStatusCode.OK, preFreeze.StatusCode);
        using var preStop = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Get, "/pre-stop", id));
        Assert.Equal(HttpStatusCode.OK, preStop.StatusCode);
        Assert.True((await Requests.JsonAsync(preStop)).GetProperty("drained").GetBoolean());

        await process.WaitForLineAsync(line => line == $"FC Initialize End RequestId: {id}", FunctionProcess.WaitTimeout);
        Assert.Contains($"FC Initialize Start RequestId: {id}", process.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Invoke_GarbageBody_FailsWithFcStatusJsonErrorAndKeepsServing(string function)
    {
        var process = functions[function];
        var id = $"garbage-{function}";

        using var garbage = await process.Client.SendAsync(Requests.Invoke(id, Requests.Garbage));

        Assert.InRange((int)garbage.StatusCode, 500, 599);
        Assert.Equal("404", Assert.Single(garbage.Headers.GetValues("x-fc-status")));
        var error = await Requests.JsonAsync(garbage);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("errorType").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("errorMessage").GetString()));
        Assert.Equal(id, error.GetProperty("requestId").GetString());
        Assert.DoesNotContain(" at ", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, error.EnumerateObject().Count());

        using var after = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", $"after-garbage-{function}", new ByteArrayContent([])));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Invoke_CredentialHeaders_WinOverEnvironmentAndNeverLogged(string function)
    {
        var process = functions[function];
        var id = $"headers-{function}";
        const string secret = "header-secret-never-logged-5d21";
        const string token = "header-token-never-logged-c0de";

        using var response = await process.Client.SendAsync(Requests.Invoke(id, Requests.Garbage, Requests.CredentialHeaders("STS.headerKey01", secret, token)));
        await process.WaitForLineAsync(line => line == $"FC Invoke End RequestId: {id}", FunctionProcess.WaitTimeout);

        var started = StartedLine(process, id);
        Assert.Equal("Headers", started.GetProperty("CredentialsOrigin").GetString());
        Assert.StartsWith("CloudCredentials { AccessKeyId = STS.***", started.GetProperty("Credentials").GetString(), StringComparison.Ordinal);
        AssertNoSecret(process, secret, token);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Invoke_NoCredentialHeaders_UsesEnvironmentAndNeverLogsIt(string function)
    {
        var process = functions[function];
        var id = $"environment-{function}";

        using var response = await process.Client.SendAsync(Requests.Invoke(id, Requests.Garbage));
        await process.WaitForLineAsync(line => line == $"FC Invoke End RequestId: {id}", FunctionProcess.WaitTimeout);

        var started = StartedLine(process, id);
        Assert.Equal("Environment", started.GetProperty("CredentialsOrigin").GetString());
        Assert.StartsWith("CloudCredentials { AccessKeyId = LTAI***", started.GetProperty("Credentials").GetString(), StringComparison.Ordinal);
        AssertNoSecret(process, FunctionProcess.EnvAccessKeySecret, FunctionProcess.EnvSecurityToken);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Invoke_AnyEvent_LogsFcStartEndAndJsonLinesWithRequestId(string function)
    {
        var process = functions[function];
        var id = $"logs-{function}";

        using var response = await process.Client.SendAsync(Requests.Invoke(id, Requests.Garbage));
        await process.WaitForLineAsync(line => line == $"FC Invoke End RequestId: {id}", FunctionProcess.WaitTimeout);

        var lines = process.Stdout.Split('\n');
        var start = Array.IndexOf(lines, $"FC Invoke Start RequestId: {id}");
        var end = Array.IndexOf(lines, $"FC Invoke End RequestId: {id}");
        Assert.InRange(start, 0, end - 1);
        var between = process.JsonLines().Where(l => l.TryGetProperty("RequestId", out var r) && r.GetString() == id).ToList();
        Assert.Contains(between, l => l.GetProperty("event").GetString() == "InvocationFailed");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task UnknownRoute_PassesThroughToFunctionRoutes_NotFound(string function)
    {
        using var response = await functions[function].Client.SendAsync(Requests.Http(HttpMethod.Get, "/no-route-maps-this"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("x-fc-status"));
    }

    [Fact]
    public async Task FunctionRoute_InitializeStatusApi_ServedBesideLifecycle()
    {
        using var response = await functions["Initialize"].Client.SendAsync(Requests.Http(HttpMethod.Get, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static System.Text.Json.JsonElement StartedLine(FunctionProcess process, string id) =>
        Assert.Single(process.JsonLines(), l => l.GetProperty("eventId").GetInt32() == 1001 && l.GetProperty("RequestId").GetString() == id);

    private static void AssertNoSecret(FunctionProcess process, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, process.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, process.Stderr, StringComparison.Ordinal);
        }
    }
}
