using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Every process one build started, wherever it went: what <see cref="ChildProcessRunner"/> started (their
/// sessions are tracked) and all they spawned, daemonised and re-parented ones included. <see cref="EndAllAsync"/>
/// kills them and proves none is left before the stage goes on.
/// </summary>
public sealed class BuildProcesses(ChildIdentity identity)
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _sessions = [];

    public ChildIdentity Identity => identity;

    /// <summary>True once processes of the build could not be killed: its uid must never be handed out again.</summary>
    public bool Survived { get; private set; }

    /// <summary>Notes a process the build started in a session of its own (its pid is the session and group id).</summary>
    public void Track(int sessionId)
    {
        lock (_gate)
        {
            _sessions.Add(sessionId);
        }
    }

    /// <summary>Kills every process of the build; the pids still alive afterwards (empty when all are gone).</summary>
    public async Task<IReadOnlyList<int>> ReapAsync()
    {
        int[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        var survivors = await ProcessReaper.ReapAsync(identity, sessions);
        Survived |= survivors.Count > 0;
        return survivors;
    }

    /// <summary>Kills every process of the build.</summary>
    /// <exception cref="StageFailedException">Retryable <c>BuildProcessesSurvived</c> when one is still alive.</exception>
    public async Task EndAllAsync()
    {
        var survivors = await ReapAsync();
        if (survivors.Count > 0)
        {
            throw SurvivedFailure(survivors.Count);
        }
    }

    /// <summary>Marks the build's identity as unusable and says so as the stage's failure.</summary>
    public StageFailedException SurvivedFailure(int count)
    {
        Survived = true;
        return new StageFailedException(
            BuildErrorCodes.ProcessesSurvived,
            $"{count} process(es) of the build could not be killed, so its output cannot be trusted; this instance retires the build's identity.",
            retryable: true);
    }
}
