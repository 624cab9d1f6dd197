using System.Text.Json.Nodes;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.DeadLetters;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Tests.DeadLetters;

public class DeadLetterReaderTests
{
    private static readonly FetchRequested Fetch = new("m-fetch", "job-7", "blog", 1, new SourceObject("b", "src/blog/a.zip", "E1", 10));
    private static readonly StageSucceeded Report = new("m-ok", "job-7", StageName.Build, 2, new Dictionary<string, string> { ["dist"] = "k" });

    [Fact]
    public void Read_EventBridgeBatch_QueueFromSubjectEnvelopeFieldsAndAnHonestUnknownReason()
    {
        var content = DeadLetterReader.Read(DeadLetterBodies.EventBridge("orchestrator-fetch", Fetch));

        var message = Assert.Single(content.Messages);
        Assert.Equal(("orchestrator-fetch", "FetchRequested", "job-7", "m-fetch", (string?)null), (message.Queue, message.Type, message.JobId, message.MessageId, message.Problem));
        Assert.Equal(EnvelopeSerializer.Serialize(Fetch), message.Body);
        Assert.StartsWith("unknown: EventBridge", content.Reason, StringComparison.Ordinal);
        Assert.Contains("orchestrator-fetch", content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SingleCloudEventAsTheReferenceSampleHasIt_Read()
    {
        var cloudEvent = Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Report));
        cloudEvent["subject"] = "acs:mns:cn-hangzhou:164901546557****:queues/orchestrator-coordinator";

        var message = Assert.Single(DeadLetterReader.Read(cloudEvent.ToJsonString()).Messages);

        Assert.Equal(("orchestrator-coordinator", "StageSucceeded", "job-7"), (message.Queue, message.Type, message.JobId));
    }

    [Fact]
    public void Read_BatchOfTwo_BothMessages()
    {
        var content = DeadLetterReader.Read(DeadLetterBodies.EventBridge("orchestrator-coordinator", Report, new CancelJob("m-cancel", "job-8")));

        Assert.Equal(["StageSucceeded", "CancelJob"], content.Messages.Select(m => m.Type));
        Assert.Equal(["job-7", "job-8"], content.Messages.Select(m => m.JobId));
    }

    [Fact]
    public void Read_FcDestinationRecord_ReasonFromTheRecordMessageFromItsPayload()
    {
        var payload = DeadLetterBodies.EventBridge("orchestrator-build", new BuildRequested("m-build", "job-9", "blog", 2, new Dictionary<string, string>()));

        var content = DeadLetterReader.Read(DeadLetterBodies.FcRecord("orchestrator-build", payload));

        var message = Assert.Single(content.Messages);
        Assert.Equal(("orchestrator-build", "BuildRequested", "job-9"), (message.Queue, message.Type, message.JobId));
        Assert.Equal(
            "FC gave up the asynchronous invocation of orchestrator-build: RetryAttemptsExceeded after 3 invocation(s); last answer HTTP 404 (UnhandledInvocationError)",
            content.Reason);
        Assert.DoesNotContain("secret", content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FcRecordWithALongMultiLineError_OneShortLine()
    {
        var record = DeadLetterBodies.FcRecord("f", "not json", error: "line one\nline two " + new string('x', 500));

        var content = DeadLetterReader.Read(record);

        Assert.Empty(content.Messages);
        Assert.DoesNotContain('\n', content.Reason);
        Assert.True(content.Reason.Length < 400, content.Reason);
    }

    [Fact]
    public void Read_MessageBodyNotAnEnvelope_KeptWithAProblem()
    {
        var cloudEvent = Samples.MnsCloudEvent("TEST");

        var message = Assert.Single(DeadLetterReader.Read(cloudEvent.ToJsonString()).Messages);

        Assert.Equal(("zeus", "TEST", (string?)null), (message.Queue, message.Body, message.Type));
        Assert.Contains("not one of this system's", message.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EventWithoutSubject_NoQueueAndAProblem()
    {
        var cloudEvent = Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Fetch));
        cloudEvent.AsObject().Remove("subject");

        var message = Assert.Single(DeadLetterReader.Read(cloudEvent.ToJsonString()).Messages);

        Assert.Null(message.Queue);
        Assert.Equal("FetchRequested", message.Type);
        Assert.NotNull(message.Problem);
    }

    [Fact]
    public void Read_OssEvent_NotAQueueMessage()
    {
        var oss = Samples.Load("eventbridge-oss.json");

        var message = Assert.Single(DeadLetterReader.Read(oss.ToJsonString()).Messages);

        Assert.Null(message.Body);
        Assert.Contains("not an MNS queue message", message.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BareEnvelope_MessageReadButNoQueue()
    {
        var content = DeadLetterReader.Read(EnvelopeSerializer.Serialize(Fetch));

        var message = Assert.Single(content.Messages);
        Assert.Equal(("FetchRequested", (string?)null), (message.Type, message.Queue));
        Assert.NotNull(message.Problem);
        Assert.StartsWith("unknown", content.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"requestContext\":5,\"requestPayload\":\"x\"}")]
    public void Read_UnknownShapes_NoMessagesAndAnUnknownReason(string body)
    {
        var content = DeadLetterReader.Read(body);

        Assert.Empty(content.Messages);
        Assert.StartsWith("unknown", content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeeplyNested_NoCrash()
    {
        var deep = new string('[', 500) + new string(']', 500);

        Assert.Empty(DeadLetterReader.Read(deep).Messages);
        Assert.Empty(DeadLetterReader.Read(new JsonObject { ["requestContext"] = new JsonObject(), ["requestPayload"] = deep }.ToJsonString()).Messages);
    }
}
