using Orchestrator.Contracts.Status;

namespace Orchestrator.Messaging.DeadLetters;

/// <summary>A dead letter as read: what it holds, and how the API shows it (with why it cannot be replayed, if so).</summary>
internal sealed record DeadLetter(DeadLetterContent Content, DeadLetterSummary Summary)
{
    public string? Problem => Summary.ReplayProblem;
}
