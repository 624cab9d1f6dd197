using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Contracts.Retry;

namespace Orchestrator.Storage.Tests.Client;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);
    private static readonly ExponentialBackoff Clients = new(Base, Cap);

    [Fact]
    public void CloudClients_OssAndMnsDefault_Is200MillisecondsDoublingTo20Seconds()
    {
        Assert.Equal(Clients, ExponentialBackoff.CloudClients);
    }

    [Fact]
    public void Ceiling_DoublesPerRetryUpToCap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), Backoff.Ceiling(Clients, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), Backoff.Ceiling(Clients, 2));
        Assert.Equal(TimeSpan.FromMilliseconds(800), Backoff.Ceiling(Clients, 3));
        Assert.Equal(Cap, Backoff.Ceiling(Clients, 10));
        Assert.Equal(Cap, Backoff.Ceiling(Clients, 1000));
    }

    [Fact]
    public void Ceiling_ForAnyRetryAndSettings_IsMonotonicAndCapped()
    {
        var cases = from retry in Gen.Choose(1, 200)
                    from baseMs in Gen.Choose(1, 5000)
                    from capMs in Gen.Choose(1, 60_000)
                    select (retry, Base: TimeSpan.FromMilliseconds(baseMs), Cap: TimeSpan.FromMilliseconds(capMs));
        Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var ceiling = Backoff.Ceiling(new ExponentialBackoff(c.Base, c.Cap), c.retry);
                var next = Backoff.Ceiling(new ExponentialBackoff(c.Base, c.Cap), c.retry + 1);
                var draw = Backoff.Next(new ExponentialBackoff(c.Base, c.Cap), c.retry, new Random(c.retry));
                return ceiling <= c.Cap && ceiling <= next && draw >= TimeSpan.Zero && draw <= ceiling
                    && (c.retry > 1 || ceiling == (c.Base < c.Cap ? c.Base : c.Cap));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Next_ManyDraws_StayWithinZeroAndCeilingAndSpread()
    {
        var random = new Random(42);
        for (var retry = 1; retry <= 12; retry++)
        {
            var draws = Enumerable.Range(0, 200).Select(_ => Backoff.Next(Clients, retry, random)).ToList();
            Assert.All(draws, d => Assert.InRange(d, TimeSpan.Zero, Backoff.Ceiling(Clients, retry)));
            Assert.True(draws.Distinct().Count() > 150, "full jitter spreads the delays");
        }
    }
}
