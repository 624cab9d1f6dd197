using System.Net;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class AuthTests : ApiTestBase
{
    [Theory]
    [InlineData("jobs/j1/retry")]
    [InlineData("jobs/j1/cancel")]
    [InlineData("sites/blog/rollback")]
    public async Task Post_WithoutToken_Answers401WithChallenge(string path)
    {
        using var client = Host.Client();

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Unauthorized", (await ErrorOf(response)).Code);
        Assert.Empty(Coordinator.Received);
    }

    [Theory]
    [InlineData("jobs/j1/retry", "wrong")]
    [InlineData("jobs/j1/cancel", "ops-token-for-tests-but-longer")]
    [InlineData("sites/blog/rollback", "ops-token-for-test")]
    public async Task Post_WrongToken_Answers403(string path, string token)
    {
        using var client = Host.Client(token);

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", (await ErrorOf(response)).Code);
        Assert.Empty(Coordinator.Received);
    }

    [Fact]
    public async Task Post_BasicSchemeWithTheRightSecret_Answers401()
    {
        using var client = Host.Client();
        client.DefaultRequestHeaders.Authorization = new("Basic", ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/j1/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_NoReadTokenConfigured_IsOpen()
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("jobs", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class OpsDisabledTests : ApiTestBase
{
    internal override (string? Ops, string? Read) Tokens => (null, null);

    [Fact]
    public async Task Post_NoOpsTokenConfigured_Answers403OpsDisabledWhateverTheToken()
    {
        using var anonymous = Host.Client();
        using var guessing = Host.Client("");
        using var withToken = Host.Client(ApiHost.OpsToken);

        using var first = await anonymous.PostAsync(new Uri("jobs/j1/retry", UriKind.Relative), null, Timeout);
        using var second = await withToken.PostAsync(new Uri("sites/blog/rollback", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        var error = await ErrorOf(first);
        Assert.Equal("OpsDisabled", error.Code);
        Assert.Contains("ORCHESTRATOR_OPS_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Equal("OpsDisabled", (await ErrorOf(second)).Code);
        Assert.Empty(Coordinator.Received);
    }
}

public sealed class ReadTokenTests : ApiTestBase
{
    internal override (string? Ops, string? Read) Tokens => (ApiHost.OpsToken, ApiHost.ReadToken);

    [Theory]
    [InlineData("jobs")]
    [InlineData("jobs/j1")]
    [InlineData("jobs/j1/history")]
    [InlineData("jobs/j1/logs/build")]
    [InlineData("graph")]
    public async Task Get_ReadTokenConfigured_Needs401ThenRefuses403ThenAcceptsEitherToken(string path)
    {
        using var anonymous = Host.Client();
        using var wrong = Host.Client("nope");
        using var reader = Host.Client(ApiHost.ReadToken);
        using var operatorClient = Host.Client(ApiHost.OpsToken);

        using var none = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Timeout);
        using var bad = await wrong.GetAsync(new Uri(path, UriKind.Relative), Timeout);
        using var read = await reader.GetAsync(new Uri(path, UriKind.Relative), Timeout);
        using var ops = await operatorClient.GetAsync(new Uri(path, UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        // Past the gate: 200 for the list, 404 for the job that does not exist.
        Assert.DoesNotContain(read.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(read.StatusCode, ops.StatusCode);
    }

    [Fact]
    public async Task GetDeadLetters_ReadToken_Answers403BecauseTheyNeedTheOpsToken()
    {
        using var reader = Host.Client(ApiHost.ReadToken);

        using var response = await reader.GetAsync(new Uri("dead-letters", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_ReadToken_Answers403()
    {
        using var reader = Host.Client(ApiHost.ReadToken);

        using var response = await reader.PostAsync(new Uri("jobs/j1/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("healthz")]
    public async Task PageAndHealth_ReadTokenConfigured_StayOpen(string path)
    {
        using var anonymous = Host.Client();

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
