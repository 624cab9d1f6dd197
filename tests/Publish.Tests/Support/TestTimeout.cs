namespace Orchestrator.Functions.Publish.Tests.Support;

/// <summary>Every test's bound: a token that cancels after a generous limit, so nothing can hang the suite.</summary>
public static class TestTimeout
{
    public static CancellationToken Token(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
