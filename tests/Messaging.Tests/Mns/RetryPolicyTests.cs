using Orchestrator.Contracts.Retry;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Messaging.Tests.Mns;

public class RetryPolicyTests
{
    [Fact]
    public void BackoffAfter_AnyAttempt_StaysWithinFullJitterCeiling()
    {
        var policy = new RetryPolicy(3, new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20)), random: new Random(7));

        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var ceiling = Math.Min(20_000, 200 * Math.Pow(2, Math.Min(attempt - 1, 30)));
            for (var i = 0; i < 50; i++)
            {
                Assert.InRange(policy.BackoffAfter(attempt).TotalMilliseconds, 0, ceiling);
            }
        }
    }

    [Fact]
    public void Default_Settings_AreThreeAttempts200MsBase20SCap()
    {
        Assert.Equal(3, RetryPolicy.Default.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), RetryPolicy.Default.Backoff.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), RetryPolicy.Default.Backoff.MaxDelay);
        Assert.Equal(2.0, RetryPolicy.Default.Backoff.Multiplier);
    }
}
