namespace Orchestrator.Workflow.Tests.Support;

/// <summary>Every test's bound: nothing here should take more than a few seconds.</summary>
public static class TestTimeout
{
    public static CancellationToken Token(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
