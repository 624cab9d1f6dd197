using Orchestrator.EndToEnd.Tests.Jobs;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

/// <summary>The load run (P4, <c>bench --only LOAD</c>) over the real system with a small job count: the machinery, not the figures.</summary>
public class LoadRunTests
{
    [Fact]
    public async Task Run_TenUploadsAtOnceOverTwoInstancesEach_EveryJobEndsAndFiguresCountThem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (functions, _) = ChaosCloud.Peek(Path.Combine(RepositoryRoot.Path, "s.yaml"));
        var plan = ChaosPlan.Load(10, 3);
        await using var system = await SystemCloud.StartAsync(o => ChaosCloud.Configure(o, plan, functions, ChaosTimings.For(10), maxInstances: 2), timeout.Token);

        var report = await ChaosRun.RunAsync(system.Cloud, plan, Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), TimeSpan.FromSeconds(120), _ => { }, timeout.Token);
        var figures = LoadFigures.From(report);

        Assert.True(report.Figures == new ChaosFigures(10, 10, 0, 0, 0, 0), string.Join("\n", report.JobProblems.Concat(report.SiteProblems).Prepend(report.Figures.ToJson())));
        Assert.Equal(3, plan.Sites.Count());
        Assert.Equal(report.FinalStates.GetValueOrDefault("Succeeded"), figures["succeeded"]);
        Assert.True(figures["journal_entries"] >= 10 * 2, $"{figures["journal_entries"]} journal entries for 10 jobs");
        Assert.True(figures["transitions_per_s"] > 0);
        Assert.True(figures["upload_to_terminal_p50_s"] <= figures["upload_to_terminal_p99_s"]);
        Assert.All(functions, f => Assert.InRange(figures[$"{f}.peak_instances"], 1, 2));
    }

    [Fact]
    public void Load_ThousandJobs_FiftySitesOfTwentyDistinctUploadsWithoutFaults()
    {
        var plan = ChaosPlan.Load(1_000, LoadFigures.SitesFor(1_000));

        Assert.Equal(50, plan.Sites.Count());
        Assert.All(plan.Uploads.GroupBy(u => u.Site), site => Assert.Equal(20, site.Count()));
        Assert.Equal(1_000, plan.Uploads.Select(u => u.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1_000, plan.Uploads.Select(u => u.Marker).Distinct(StringComparer.Ordinal).Count());
        Assert.True(plan.Uploads.All(u => u.At == TimeSpan.Zero && u.RepeatAt is null));
        Assert.Equal((0.0, 0, 0), (plan.ServiceUnavailableRate, plan.Kills.Count, plan.DuplicateDeliveryQueues.Count));
    }
}
