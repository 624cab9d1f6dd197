using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class ChaosPlanTests
{
    private static readonly string[] Functions = ["initialize", "fetch", "build", "publish"];
    private static readonly string[] Queues = ["coordinator", "fetch", "build", "publish"];

    private static string Describe(ChaosPlan plan) =>
        $"{plan.ServiceUnavailableRate}|{plan.Latency}|{string.Join(",", plan.Uploads)}|{string.Join(",", plan.Kills)}|{string.Join(",", plan.DuplicateDeliveryQueues.Order())}";

    [Fact]
    public void Create_SameSeed_SamePlan()
    {
        Assert.Equal(Describe(ChaosPlan.Create(12, 7, Functions, Queues)), Describe(ChaosPlan.Create(12, 7, Functions, Queues)));
        Assert.NotEqual(Describe(ChaosPlan.Create(12, 7, Functions, Queues)), Describe(ChaosPlan.Create(12, 8, Functions, Queues)));
    }

    [Fact]
    public void Create_TwelveJobs_SitesGetSeveralUploadsAndSomeUploadsRepeat()
    {
        var plan = ChaosPlan.Create(12, 7, Functions, Queues);

        Assert.Equal(12, plan.Uploads.Select(u => u.Key).Distinct().Count());
        Assert.Contains(plan.Uploads.GroupBy(u => u.Site), site => site.Count() >= 2);
        Assert.Contains(plan.Uploads, u => u.RepeatAt > u.At);
        Assert.NotEmpty(plan.Kills);
        Assert.NotEmpty(plan.DuplicateDeliveryQueues);
        Assert.InRange(plan.ServiceUnavailableRate, 0.01, 0.1);
    }

    [Fact]
    public void Create_NoJobs_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChaosPlan.Create(0, 1, Functions, Queues));
    }
}
