using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class DeadLetterRoutesTests : DeadLetterApiTestBase
{
    private static readonly FetchRequested Fetch = new("fetch-m1", "job-d1", "blog", 1, new SourceObject("jobs-bucket", "src/blog/private-name.zip", "E1", 10));
    private static readonly StageSucceeded Report = new("report-m2", "job-d2", StageName.Build, 2, new Dictionary<string, string> { ["dist"] = "jobs/job-d2/build/dist.tar" });

    [Theory]
    [InlineData("GET", "dead-letters")]
    [InlineData("POST", "dead-letters/replay")]
    [InlineData("POST", "dead-letters/ABC-1/replay")]
    public async Task DeadLetterRoutes_WithoutToken_Answer401(string method, string path)
    {
        await DeadLetterAsync("orchestrator-fetch", Fetch);
        using var client = Host.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (await ErrorOf(response)).Code);
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Theory]
    [InlineData("GET", "dead-letters")]
    [InlineData("POST", "dead-letters/replay")]
    [InlineData("POST", "dead-letters/ABC-1/replay")]
    public async Task DeadLetterRoutes_WrongToken_Answer403(string method, string path)
    {
        using var client = Host.Client("not-the-ops-token");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Get_DeadLetters_ListsTheContractFieldsOldestFirstWithoutBodies()
    {
        var fetchId = await DeadLetterAsync("orchestrator-fetch", Fetch);
        var reportId = await DeadLetterAsync("orchestrator-coordinator", Report);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.GetAsync(new Uri("dead-letters", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Timeout);
        var messages = JsonDocument.Parse(text).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        foreach (var field in new[] { "id", "queue", "type", "jobId", "enqueuedAt", "reason" })
        {
            Assert.All(messages, m => Assert.Equal(JsonValueKind.String, m.GetProperty(field).ValueKind));
        }

        Assert.Equal(
            [(fetchId, "orchestrator-fetch", "FetchRequested", "job-d1"), (reportId, "orchestrator-coordinator", "StageSucceeded", "job-d2")],
            messages.Select(m => (m.GetProperty("id").GetString(), m.GetProperty("queue").GetString(), m.GetProperty("type").GetString(), m.GetProperty("jobId").GetString())));
        Assert.All(messages, m => Assert.StartsWith("unknown", m.GetProperty("reason").GetString(), StringComparison.Ordinal));
        // What a message says stays in the queue: no bodies, no object keys, no account ids.
        Assert.DoesNotContain("private-name", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dist.tar", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890123456", text, StringComparison.Ordinal);
        Assert.Equal(2, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Fact]
    public async Task Get_NoDeadLetters_EmptyList()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        var list = await client.GetFromJsonAsync(new Uri("dead-letters", UriKind.Relative), StatusJsonContext.Default.DeadLetterList, Timeout);

        Assert.Empty(list!.Messages);
        Assert.False(list.More);
    }

    [Fact]
    public async Task Replay_ById_Answers202AndTheOriginalMessageIsBackOnItsQueue()
    {
        await DeadLetterAsync("orchestrator-coordinator", Report);
        var id = await DeadLetterAsync("orchestrator-fetch", Fetch);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri($"dead-letters/{id}/replay", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var replay = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.DeadLetterReplay, Timeout);
        Assert.Equal((id, "FetchRequested", "orchestrator-fetch"), (Assert.Single(replay!.Replayed).Id, replay.Replayed[0].Type, replay.Replayed[0].Queue));
        var resent = Assert.Single(await Queues.PeekMessagesAsync("orchestrator-fetch", 16, Timeout));
        Assert.Equal(EnvelopeSerializer.Serialize(Fetch), resent.MessageBody);
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Fact]
    public async Task Replay_UnknownId_Answers404DeadLetterNotFound()
    {
        await DeadLetterAsync("orchestrator-fetch", Fetch);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("dead-letters/0123456789ABCDEF/replay", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("DeadLetterNotFound", (await ErrorOf(response)).Code);
        Assert.Empty(await Queues.PeekMessagesAsync("orchestrator-fetch", 16, Timeout));
    }

    [Fact]
    public async Task Replay_MalformedId_Answers400()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("dead-letters/bad%21id/replay", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidDeadLetterId", (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Replay_DeadLetterOfAnUnknownShape_Answers409NotReplayableAndKeepsIt()
    {
        var id = await PutDeadLetterAsync("""{"something":"else"}""");
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri($"dead-letters/{id}/replay", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("NotReplayable", (await ErrorOf(response)).Code);
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Fact]
    public async Task ReplayAll_Answers202ReplayingWhatItCanAndLeavingTheRest()
    {
        await DeadLetterAsync("orchestrator-fetch", Fetch);
        var odd = await PutDeadLetterAsync("not json");
        await DeadLetterAsync("orchestrator-coordinator", Report);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("dead-letters/replay", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var replay = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.DeadLetterReplay, Timeout);
        Assert.Equal(["fetch-m1", "report-m2"], replay!.Replayed.Select(r => r.MessageId));
        var skipped = Assert.Single(replay.Skipped);
        Assert.Equal((odd, false), (skipped.Id, skipped.Replayable));
        Assert.False(string.IsNullOrEmpty(skipped.ReplayProblem));
        Assert.Single(await Queues.PeekMessagesAsync("orchestrator-coordinator", 16, Timeout));
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }

    [Fact]
    public async Task Get_QueueServiceDown_Answers503()
    {
        await Mns.DisposeAsync();
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.GetAsync(new Uri("dead-letters", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("DeadLettersUnavailable", (await ErrorOf(response)).Code);
    }
}

public sealed class DeadLettersUnconfiguredTests : ApiTestBase
{
    [Fact]
    public async Task Get_NoMnsSettings_Answers503NamingTheSetting()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.GetAsync(new Uri("dead-letters", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("DeadLettersUnavailable", error.Code);
        Assert.Contains("Mns__Queues__DeadLetter", error.Message, StringComparison.Ordinal);
    }
}
