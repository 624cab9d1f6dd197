using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>Stands in for Workflow's coordinator (another project): records what reaches it; job id "missing" is unknown.</summary>
public sealed class RecordingCoordinator
{
    private readonly List<IMessage> handled = [];

    public IReadOnlyList<IMessage> Handled
    {
        get
        {
            lock (handled)
            {
                return handled.ToList();
            }
        }
    }

    public Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken)
    {
        lock (handled)
        {
            handled.Add(message);
        }

        if (message is IJobMessage { JobId: "missing" } missing)
        {
            throw new OrchestratorException("JobNotFound", $"Job {missing.JobId} does not exist.", retryable: false);
        }

        return Task.FromResult(message is JobStatusRequested status ? Document(status.JobId) : null);
    }

    private static JobDocument Document(string jobId) => new()
    {
        JobId = jobId,
        Site = "marketing",
        State = JobState.Building,
        Source = new SourceObject("my-sites", "src/marketing/a.zip", "E", 1),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Stages = [new StageStatus { Name = StageName.Fetch, State = StageState.Succeeded, Attempt = 1, MaxAttempts = 3 }],
    };
}
