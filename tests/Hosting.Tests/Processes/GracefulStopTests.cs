using System.Text;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.Processes;

/// <summary>SIGTERM while an invocation is in flight: the invocation completes, then the process exits cleanly.</summary>
public sealed class GracefulStopTests
{
    public static TheoryData<string> Functions => new(FunctionBinaries.Names);

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Sigterm_InvocationInFlight_CompletesItThenExits(string function)
    {
        await using var process = await FunctionProcess.StartAsync(function);
        var id = $"in-flight-{function}";

        // The event body arrives in two parts; the invocation stays in flight until the second is sent.
        var body = new TwoPartContent(Encoding.UTF8.GetBytes(Requests.Garbage));
        var request = Requests.Lifecycle(HttpMethod.Post, "/invoke", id, body);
        var sending = process.Client.SendAsync(request);
        await process.WaitForLineAsync(line => line == $"FC Invoke Start RequestId: {id}", FunctionProcess.WaitTimeout);

        process.Terminate();
        await process.WaitForLineAsync(line => line.Contains("\"DrainStarted\"", StringComparison.Ordinal) && line.Contains("\"InFlight\":1", StringComparison.Ordinal), FunctionProcess.WaitTimeout);
        body.SendRest();

        using var response = await sending.WaitAsync(FunctionProcess.WaitTimeout);
        Assert.InRange((int)response.StatusCode, 500, 599);
        Assert.Equal("404", Assert.Single(response.Headers.GetValues("x-fc-status")));
        Assert.Equal(id, (await Requests.JsonAsync(response)).GetProperty("requestId").GetString());
        Assert.Equal(0, await process.WaitForExitAsync(FunctionProcess.WaitTimeout));
        Assert.Contains($"FC Invoke End RequestId: {id}", process.Stdout, StringComparison.Ordinal);
        Assert.Contains(process.JsonLines(), l => l.GetProperty("eventId").GetInt32() == 1006 && l.GetProperty("Drained").GetBoolean());
    }
}
