using Orchestrator.EndToEnd.Tests.Jobs;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

/// <summary>The chaos run over the real system (s.yaml, the four functions) with a small fixed plan.</summary>
public class ChaosRunTests
{
    [Fact]
    public async Task Run_FiveUploadsUnderSeededFaults_EveryJobEndsAndNoInvariantBreaks()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (functions, queues) = ChaosCloud.Peek(Path.Combine(RepositoryRoot.Path, "s.yaml"));
        var plan = ChaosPlan.Create(5, 7, functions, queues);
        await using var system = await SystemCloud.StartAsync(o => ChaosCloud.Configure(o, plan, functions), timeout.Token);

        var report = await ChaosRun.RunAsync(system.Cloud, plan, Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), TimeSpan.FromSeconds(90), _ => { }, timeout.Token);

        Assert.True(report.Figures == new ChaosFigures(5, 5, 0, 0, 0, 0), string.Join("\n", report.JobProblems.Concat(report.SiteProblems).Prepend(report.Figures.ToJson())));
        Assert.True(report.ServiceUnavailableInjected > 0, "no OSS fault was injected");
        Assert.Equal(plan.Kills.Count, report.KillsPerformed);
        Assert.True(report.Restarts >= report.KillsPerformed, $"{report.KillsPerformed} kills but {report.Restarts} restarts");
    }
}
