using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Workflow.Journal;

/// <summary>Turns the messages a transition emits into outbox commands and back, through the contracts' JSON context.</summary>
public static class MessageCodec
{
    public static OutboxCommand ToOutbox(Destination destination, IMessage message, DateTimeOffset? notBefore)
    {
        var json = ContractsJsonContext.Default;
        var element = message switch
        {
            FetchRequested m => JsonSerializer.SerializeToElement(m, json.FetchRequested),
            BuildRequested m => JsonSerializer.SerializeToElement(m, json.BuildRequested),
            PublishRequested m => JsonSerializer.SerializeToElement(m, json.PublishRequested),
            StageDeadlineDue m => JsonSerializer.SerializeToElement(m, json.StageDeadlineDue),
            RetryDue m => JsonSerializer.SerializeToElement(m, json.RetryDue),
            _ => throw new ArgumentException($"{message.GetType().Name} is not an outbox message", nameof(message)),
        };
        return new OutboxCommand(destination, message.GetType().Name, element, notBefore);
    }

    public static IMessage FromOutbox(OutboxCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var json = ContractsJsonContext.Default;
        IMessage? message = command.MessageType switch
        {
            nameof(FetchRequested) => command.Message.Deserialize(json.FetchRequested),
            nameof(BuildRequested) => command.Message.Deserialize(json.BuildRequested),
            nameof(PublishRequested) => command.Message.Deserialize(json.PublishRequested),
            nameof(StageDeadlineDue) => command.Message.Deserialize(json.StageDeadlineDue),
            nameof(RetryDue) => command.Message.Deserialize(json.RetryDue),
            _ => null,
        };
        return message ?? throw new InvalidEventException("InvalidOutbox", $"journal outbox holds an unknown message type '{command.MessageType}'");
    }
}
