namespace Orchestrator.Contracts.Messages;

/// <summary>Every message carries an id, so a redelivered copy can be recognised and ignored.</summary>
public interface IMessage
{
    string MessageId { get; }
}

/// <summary>A message about one job.</summary>
public interface IJobMessage : IMessage
{
    string JobId { get; }
}

/// <summary>A message about one attempt of one stage of a job.</summary>
public interface IStageMessage : IJobMessage
{
    Jobs.StageName Stage { get; }

    int Attempt { get; }
}
