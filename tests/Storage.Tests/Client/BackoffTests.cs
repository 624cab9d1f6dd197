using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Storage.Oss;

namespace Orchestrator.Storage.Tests.Client;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    [Fact]
    public void Ceiling_DoublesPerRetryUpToCap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), Backoff.Ceiling(1, Base, Cap));
        Assert.Equal(TimeSpan.FromMilliseconds(400), Backoff.Ceiling(2, Base, Cap));
        Assert.Equal(TimeSpan.FromMilliseconds(800), Backoff.Ceiling(3, Base, Cap));
        Assert.Equal(Cap, Backoff.Ceiling(10, Base, Cap));
        Assert.Equal(Cap, Backoff.Ceiling(1000, Base, Cap));
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
                var ceiling = Backoff.Ceiling(c.retry, c.Base, c.Cap);
                var next = Backoff.Ceiling(c.retry + 1, c.Base, c.Cap);
                var draw = Backoff.Next(c.retry, c.Base, c.Cap, new Random(c.retry));
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
            var draws = Enumerable.Range(0, 200).Select(_ => Backoff.Next(retry, Base, Cap, random)).ToList();
            Assert.All(draws, d => Assert.InRange(d, TimeSpan.Zero, Backoff.Ceiling(retry, Base, Cap)));
            Assert.True(draws.Distinct().Count() > 150, "full jitter spreads the delays");
        }
    }
}
