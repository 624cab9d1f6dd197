using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Contracts.Retry;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Tests;

public class BackoffTests
{
    [Fact]
    public void Delay_AnyPolicyAttemptAndJitter_WithinZeroAndCappedCeiling()
    {
        var cases = Gen.Choose(0, 600).SelectMany(initial => Gen.Choose(10, 50).SelectMany(multiplier => Gen.Choose(0, 3600).SelectMany(extra =>
            Gen.Choose(1, 200).SelectMany(attempt => Gen.Choose(0, 9999).Select(jitter => (initial, multiplier, extra, attempt, jitter))))));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var policy = new RetryPolicyOptions
            {
                InitialDelay = TimeSpan.FromSeconds(c.initial),
                Multiplier = c.multiplier / 10.0,
                MaxDelay = TimeSpan.FromSeconds(c.initial + c.extra),
            };
            var ceiling = Backoff.Ceiling(policy, c.attempt);
            var delay = Backoff.Delay(policy, c.attempt, c.jitter / 10000.0);
            Assert.InRange(ceiling, policy.InitialDelay, policy.MaxDelay);
            Assert.InRange(delay, TimeSpan.Zero, ceiling);
            Assert.True(Backoff.Ceiling(policy, c.attempt + 1) >= ceiling, "ceiling must not shrink with attempts");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Ceiling_DoublingPolicy_GrowsThenCaps()
    {
        var policy = new RetryPolicyOptions { InitialDelay = TimeSpan.FromSeconds(10), Multiplier = 2, MaxDelay = TimeSpan.FromSeconds(60) };
        Assert.Equal([10d, 20, 40, 60, 60], Enumerable.Range(1, 5).Select(n => Backoff.Ceiling(policy, n).TotalSeconds));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Delay_JitterOutsideUnitInterval_Throws(double unit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(new RetryPolicyOptions(), 1, unit));
}
