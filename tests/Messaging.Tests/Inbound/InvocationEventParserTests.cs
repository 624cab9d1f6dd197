using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Inbound;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Tests.Inbound;

public class InvocationEventParserTests
{
    private const string RequestId = "req-1";

    private static readonly IMessage Fetch = SampleMessages.All.OfType<FetchRequested>().First();

    private static readonly IMessage Failed = SampleMessages.All.OfType<StageFailed>().First();

    [Fact]
    public void Parse_SingleMnsCloudEvent_ReturnsEnvelopedMessage()
    {
        var messages = InvocationEventParser.Parse(Samples.Bytes(Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Fetch))), RequestId);

        var only = Assert.Single(messages);
        Assert.Equal(EnvelopeSerializer.Serialize(Fetch), EnvelopeSerializer.Serialize(only));
    }

    [Fact]
    public void Parse_MnsCloudEventBatch_ReturnsEveryMessageInOrder()
    {
        var batch = new JsonArray(
            Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Fetch)),
            Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Failed)));

        var messages = InvocationEventParser.Parse(Samples.Bytes(batch), RequestId);

        Assert.Equal([typeof(FetchRequested), typeof(StageFailed)], messages.Select(m => m.GetType()));
        Assert.Equal(["m-fetch", "m-failed"], messages.Select(m => m.MessageId));
    }

    [Fact]
    public void Parse_Base64MessageBody_DecodesEnvelope()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(EnvelopeSerializer.Serialize(Failed)));

        var messages = InvocationEventParser.Parse(Samples.Bytes(new JsonArray(Samples.MnsCloudEvent(base64))), RequestId);

        Assert.IsType<StageFailed>(Assert.Single(messages));
    }

    [Fact]
    public void Parse_BareEnvelope_ReturnsMessage()
    {
        var messages = InvocationEventParser.Parse(Samples.Bytes(EnvelopeSerializer.Serialize(Fetch)), RequestId);

        Assert.IsType<FetchRequested>(Assert.Single(messages));
    }

    [Fact]
    public void Parse_NativeOssTriggerSample_ReturnsObjectCreated()
    {
        var messages = InvocationEventParser.Parse(Samples.Bytes(Samples.Load("oss.json")), RequestId);

        var created = Assert.IsType<ObjectCreated>(Assert.Single(messages));
        Assert.Equal("testbucket", created.Bucket);
        Assert.Equal("image/a.jpg", created.Key);
        Assert.Equal("688A7BF4F233DC9C88A80BF985AB7329", created.ETag);
        Assert.Equal(122539, created.Size);
        Assert.Equal("ObjectCreated:PutObject", created.EventName);
        Assert.Equal(new DateTimeOffset(2017, 4, 21, 12, 46, 37, TimeSpan.Zero), created.EventTime);
        Assert.Equal(OssEventReader.MessageIdFor("testbucket", "image/a.jpg", "688A7BF4F233DC9C88A80BF985AB7329"), created.MessageId);
    }

    [Fact]
    public void Parse_OssEventWithEncodedKey_DecodesKeyKeepingPlus()
    {
        var sample = Samples.Load("oss.json");
        sample["events"]![0]!["oss"]!["object"]!["key"] = "src/my%20site/a%2Bb+c%E4%B8%AD.zip";

        var created = Assert.IsType<ObjectCreated>(Assert.Single(InvocationEventParser.Parse(Samples.Bytes(sample), RequestId)));

        Assert.Equal("src/my site/a+b+c中.zip", created.Key);
    }

    [Fact]
    public void Parse_EventBridgeOssSample_SingleAndBatch_SameObjectCreated()
    {
        var single = InvocationEventParser.Parse(Samples.Bytes(Samples.Load("eventbridge-oss.json")), RequestId);
        var batch = InvocationEventParser.Parse(Samples.Bytes(new JsonArray(Samples.Load("eventbridge-oss.json"))), RequestId);

        var created = Assert.IsType<ObjectCreated>(Assert.Single(single));
        Assert.Equal("my-sites", created.Bucket);
        Assert.Equal("src/marketing/release-42.zip", created.Key);
        Assert.Equal("63A1F4E0C2B9D8E7F6A5B4C3D2E1F0A9", created.ETag);
        Assert.Equal(59537, created.Size);
        Assert.Equal(created, Assert.Single(batch));
    }

    [Fact]
    public void Parse_SameUploadInBothOssForms_SameMessageId()
    {
        var native = Samples.Load("oss.json");
        var record = native["events"]![0]!;
        record["oss"]!["bucket"]!["name"] = "my-sites";
        record["oss"]!["object"]!["key"] = "src/marketing/release-42.zip";
        record["oss"]!["object"]!["eTag"] = "63A1F4E0C2B9D8E7F6A5B4C3D2E1F0A9";

        var fromNative = InvocationEventParser.Parse(Samples.Bytes(native), RequestId).Single();
        var fromEventBridge = InvocationEventParser.Parse(Samples.Bytes(Samples.Load("eventbridge-oss.json")), RequestId).Single();

        Assert.Equal(fromNative.MessageId, fromEventBridge.MessageId);
    }

    [Fact]
    public void Parse_RetryCommandWithStage_ReturnsRetryJob()
    {
        var message = InvocationEventParser.Parse(Samples.Bytes("{\"command\":\"retry\",\"jobId\":\"job-9\",\"stage\":\"build\"}"), RequestId).Single();

        Assert.Equal(new RetryJob("cmd-retry-req-1", "job-9", StageName.Build), message);
    }

    [Fact]
    public void Parse_OtherCommands_ReturnTheirMessages()
    {
        Assert.Equal(new RetryJob("cmd-retry-req-1", "j", null), Parse("{\"command\":\"retry\",\"jobId\":\"j\"}"));
        Assert.Equal(new CancelJob("cmd-cancel-req-1", "j"), Parse("{\"command\":\"cancel\",\"jobId\":\"j\"}"));
        Assert.Equal(new JobStatusRequested("cmd-status-req-1", "j"), Parse("{\"command\":\"status\",\"jobId\":\"j\"}"));
        Assert.Equal(new RollbackRequested("cmd-rollback-req-1", "site", "job-0"), Parse("{\"command\":\"rollback\",\"site\":\"site\",\"to\":\"job-0\"}"));
        Assert.Equal(new RollbackRequested("cmd-rollback-req-1", "site", null), Parse("{\"command\":\"rollback\",\"site\":\"site\"}"));
    }

    [Fact]
    public void Parse_TimerEvent_ReturnsSweepDueWithStableId()
    {
        const string timer = "{\"triggerTime\":\"2026-11-21T02:00:00Z\",\"triggerName\":\"sweep\",\"payload\":\"\"}";

        var first = Assert.IsType<SweepDue>(Parse(timer));
        var again = InvocationEventParser.Parse(Samples.Bytes(timer), "another-request").Single();

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), first.At);
        Assert.Equal(first.MessageId, again.MessageId);
    }

    [Theory]
    [InlineData("", "MalformedEvent")]
    [InlineData("{not json", "MalformedEvent")]
    [InlineData("42", "UnknownEvent")]
    [InlineData("{\"hello\":\"world\"}", "UnknownEvent")]
    [InlineData("[]", "EmptyBatch")]
    [InlineData("[{\"hello\":1}]", "UnknownEvent")]
    [InlineData("{\"events\":[]}", "EmptyBatch")]
    [InlineData("{\"events\":{}}", "MalformedOssEvent")]
    [InlineData("{\"events\":[{\"eventName\":\"ObjectCreated:PutObject\"}]}", "MalformedOssEvent")]
    [InlineData("{\"events\":[{\"eventName\":\"ObjectRemoved:DeleteObject\"}]}", "UnsupportedOssEvent")]
    [InlineData("{\"command\":\"explode\",\"jobId\":\"j\"}", "InvalidCommand")]
    [InlineData("{\"command\":\"retry\"}", "InvalidCommand")]
    [InlineData("{\"command\":\"retry\",\"jobId\":\"j\",\"stage\":\"deploy\"}", "InvalidCommand")]
    [InlineData("{\"command\":\"retry\",\"jobId\":\"j\",\"stage\":\"1\"}", "InvalidCommand")]
    [InlineData("{\"command\":\"rollback\"}", "InvalidCommand")]
    [InlineData("{\"triggerTime\":\"yesterday\",\"triggerName\":\"sweep\"}", "MalformedTimerEvent")]
    [InlineData("{\"specversion\":\"1.0\",\"type\":\"mns:Queue:SendMessage\"}", "MalformedCloudEvent")]
    [InlineData("{\"specversion\":\"1.0\",\"type\":\"mns:Queue:SendMessage\",\"data\":{\"messageBody\":\"TEST\"}}", "MalformedEnvelope")]
    [InlineData("{\"specversion\":\"1.0\",\"type\":\"mns:Queue:SendMessage\",\"data\":{\"messageBody\":\"%%%\"}}", "MalformedEnvelope")]
    [InlineData("{\"specversion\":\"1.0\",\"type\":\"ecs:Instance:Started\",\"data\":{}}", "UnsupportedEventType")]
    public void Parse_MalformedOrUnknown_ThrowsInvalidEventWithCode(string json, string code)
    {
        var error = Assert.Throws<InvalidEventException>(() => InvocationEventParser.Parse(Samples.Bytes(json), RequestId));

        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_ReferenceMnsSampleAsIs_RefusedAsNotAnEnvelope()
    {
        // The reference sample's body is the plain text "TEST" ("VEVTVA==" is not in it): not one of ours.
        var error = Assert.Throws<InvalidEventException>(() => InvocationEventParser.Parse(Samples.Bytes(Samples.Load("eventbridge-mns-queue.json")), RequestId));

        Assert.Equal("MalformedEnvelope", error.Code);
    }

    [Fact]
    public void Parse_BatchWithOneBadEvent_RefusesWholeBatch()
    {
        var batch = new JsonArray(Samples.MnsCloudEvent(EnvelopeSerializer.Serialize(Fetch)), Samples.MnsCloudEvent("{\"messageType\":\"Nope\",\"messageId\":\"x\",\"message\":{}}"));

        var error = Assert.Throws<InvalidEventException>(() => InvocationEventParser.Parse(Samples.Bytes(batch), RequestId));

        Assert.Equal("UnknownMessageType", error.Code);
    }

    private static IMessage Parse(string json) => InvocationEventParser.Parse(Samples.Bytes(json), RequestId).Single();
}
