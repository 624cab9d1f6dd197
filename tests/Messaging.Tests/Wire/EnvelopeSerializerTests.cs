using System.Text;
using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Tests.Wire;

public class EnvelopeSerializerTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Indexes), MemberType = typeof(SampleMessages))]
    public void Deserialize_SerializedMessage_RoundTripsTypeAndValue(int index)
    {
        var message = SampleMessages.All[index];

        var json = EnvelopeSerializer.Serialize(message);
        var back = EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json));

        Assert.IsType(message.GetType(), back);
        // Records compare dictionaries by reference, so compare their canonical JSON instead.
        Assert.Equal(json, EnvelopeSerializer.Serialize(back));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(message.GetType().Name, document.RootElement.GetProperty("messageType").GetString());
        Assert.Equal(message.MessageId, document.RootElement.GetProperty("messageId").GetString());
    }

    [Fact]
    public void MessageTypes_All_CoverEveryMessageRecordInContracts()
    {
        var contractTypes = typeof(IMessage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
            .ToHashSet();

        Assert.Equal(contractTypes, MessageTypes.All.ToHashSet());
        Assert.Equal(contractTypes, SampleMessages.All.Select(m => m.GetType()).ToHashSet());
    }

    [Fact]
    public void Serialize_StageFailed_UsesCamelCaseAndLowerCaseStage()
    {
        var json = EnvelopeSerializer.Serialize(new StageFailed("id", "job", StageName.Build, 1, new StageError("C", "m", false)));

        Assert.Equal(
            "{\"messageId\":\"id\",\"messageType\":\"StageFailed\",\"message\":{\"messageId\":\"id\",\"jobId\":\"job\",\"stage\":\"build\",\"attempt\":1,\"error\":{\"code\":\"C\",\"message\":\"m\",\"retryable\":false}}}",
            json);
    }

    [Theory]
    [InlineData("not json", "MalformedEnvelope")]
    [InlineData("[]", "MalformedEnvelope")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"FetchRequested\"}", "MalformedEnvelope")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"Nope\",\"message\":{}}", "UnknownMessageType")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"CancelJob\",\"message\":{\"messageId\":\"a\"}}", "MalformedMessage")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"CancelJob\",\"message\":{\"messageId\":\"a\",\"jobId\":null}}", "MalformedMessage")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"CancelJob\",\"message\":{\"messageId\":\"b\",\"jobId\":\"j\"}}", "MalformedEnvelope")]
    [InlineData("{\"messageId\":\"a\",\"messageType\":\"RetryJob\",\"message\":{\"messageId\":\"a\",\"jobId\":\"j\",\"stage\":\"deploy\"}}", "MalformedMessage")]
    public void Deserialize_BadEnvelope_ThrowsInvalidEventWithCode(string json, string code)
    {
        var error = Assert.Throws<InvalidEventException>(() => EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(code, error.Code);
        Assert.False(error.Retryable);
    }
}
