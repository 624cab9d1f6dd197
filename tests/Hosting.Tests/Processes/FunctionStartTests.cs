using System.Globalization;
using System.Net;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.Processes;

/// <summary>How a real function process starts: the port variables and settings validation.</summary>
public sealed class FunctionStartTests
{
    [Fact]
    public async Task Start_OnlyFcServerPort_ListensOnIt()
    {
        var port = FreePort.Next();
        await using var process = await FunctionProcess.StartAsync("Fetch", env =>
        {
            env["FC_CUSTOM_LISTEN_PORT"] = null;
            env["FC_SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        });

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = FunctionProcess.WaitTimeout };
        using var response = await client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", "server-port", new ByteArrayContent([])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_BothPortVariables_FcCustomListenPortWins()
    {
        var other = FreePort.Next();
        await using var process = await FunctionProcess.StartAsync("Publish", env => env["FC_SERVER_PORT"] = other.ToString(CultureInfo.InvariantCulture));

        using var response = await process.Client.SendAsync(Requests.Lifecycle(HttpMethod.Post, "/initialize", "custom-port", new ByteArrayContent([])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var started = Assert.Single(process.JsonLines(), l => l.GetProperty("eventId").GetInt32() == 1000);
        Assert.Equal(process.Port, started.GetProperty("Port").GetInt32());
    }

    [Theory]
    [InlineData("FC_CUSTOM_LISTEN_PORT", "nine-thousand")]
    [InlineData("ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS", "0")]
    public async Task Start_BadSetting_ExitsNamingTheSetting(string setting, string value)
    {
        await using var process = FunctionProcess.Launch("Build", env => env[setting] = value, out _);

        var exitCode = await process.WaitForExitAsync(FunctionProcess.StartTimeout);

        Assert.Equal(FunctionHost.InvalidSettingExitCode, exitCode);
        Assert.Contains($"error: InvalidSetting: {setting}", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", process.Stderr, StringComparison.Ordinal);
    }
}
