namespace Orchestrator.Contracts.Messages;

/// <summary>
/// A stage's work, free of HTTP and messaging: given a request, produce the outputs or throw a
/// <see cref="Errors.StageFailedException"/>. The function host turns the result into StageSucceeded/StageFailed.
/// </summary>
public interface IStage<in TRequest>
    where TRequest : IStageMessage
{
    Task<IReadOnlyDictionary<string, string>> RunAsync(TRequest request, CancellationToken cancellationToken);
}
