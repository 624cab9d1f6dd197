using System.Text.Json.Nodes;
using Orchestrator.TestSupport;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class ChaosMeasuresTests
{
    [Fact]
    public void JobBound_DefaultTimings_EveryAttemptToItsDeadlineAndEveryRetryAtItsLongestBackoff()
    {
        var timings = new ChaosTimings();

        // Per stage: 3 × (deadline + 3 s grace + 5 s sweep) + 2 × (4 s backoff + 8 s); plus the 30 s margin.
        var expected = (3 * (20 + 8)) + (2 * 12) + (3 * (40 + 8)) + (2 * 12) + (3 * (20 + 8)) + (2 * 12) + 30;
        Assert.Equal(TimeSpan.FromSeconds(expected), timings.JobBound);
    }

    [Fact]
    public void For_ManyJobs_DeadlinesGrowWithTheQueueAndNeverFallBelowTheDefaults()
    {
        Assert.Equal(new ChaosTimings().Stages, ChaosTimings.For(5).Stages);
        Assert.Equal(
            [("Fetch", TimeSpan.FromSeconds(60)), ("Build", TimeSpan.FromSeconds(120)), ("Publish", TimeSpan.FromSeconds(120))],
            ChaosTimings.For(40).Stages);
        Assert.True(ChaosTimings.For(200).JobBound > ChaosTimings.For(40).JobBound);
    }

    [Fact]
    public void CoordinatorEnvironment_Timings_SetEveryStagesDeadlineAttemptsAndBackoff()
    {
        var environment = ChaosTimings.For(40).CoordinatorEnvironment();

        Assert.Equal("00:02:00", environment["Coordinator__Build__Timeout"]);
        Assert.Equal("3", environment["Coordinator__Publish__Retry__MaxAttempts"]);
        Assert.Equal("00:00:04", environment["Coordinator__Fetch__Retry__MaxDelay"]);
        Assert.Equal("00:00:03", environment["Coordinator__SweepGrace"]);
    }

    [Fact]
    public void Count_FunctionLogs_CountsTheCoordinatorsRecoveredResultEventsOnly()
    {
        using var folder = new TempDirectory("chaos-logs");
        File.WriteAllLines(folder.Combine("orchestrator-initialize.log"), [
            """{"level":"Warning","eventId":4014,"event":"ResultRecovered","message":"applying its stored result"}""",
            """{"level":"Information","eventId":4010,"event":"SweepDone","message":"Sweep"}""",
            """{"level":"Warning","eventId":4014,"event":"ResultRecovered","message":"applying its stored result"}""",
        ]);
        File.WriteAllLines(folder.Combine("devcloud.log"), ["2026-12-07T00:00:00.000Z Information ResultRecovered mentioned in plain text"]);

        Assert.Equal(2, RecoveredReports.Count(folder.Path));
        Assert.Equal(0, RecoveredReports.Count(folder.Combine("missing")));
    }

    [Fact]
    public void ToJson_Report_TheContractsSixKeysFirstThenTheMeasures()
    {
        var plan = ChaosPlan.Create(2, 1, ["fetch"], ["fetch"]);
        var report = ChaosRun.Judge(plan, [], 0, []) with
        {
            DeadLettered = 1,
            Redeliveries = 4,
            RecoveredReports = 2,
            InstancesStarted = 6,
            UploadToTerminal = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)],
        };

        var json = JsonNode.Parse(report.ToJson())!.AsObject();

        Assert.Equal(
            ["submitted", "terminal", "lost", "duplicateCompletions", "mismatchedSites", "statusDisagreements", "deadLettered", "redeliveries", "recoveredReports", "uploadToTerminalP50", "uploadToTerminalP99", "uploadToTerminalMax", "instancesStarted"],
            json.Select(p => p.Key));
        Assert.Equal((20.0, 40.0, 40.0), (json["uploadToTerminalP50"]!.GetValue<double>(), json["uploadToTerminalP99"]!.GetValue<double>(), json["uploadToTerminalMax"]!.GetValue<double>()));
        Assert.Equal((1, 4, 2, 6), (json["deadLettered"]!.GetValue<int>(), json["redeliveries"]!.GetValue<int>(), json["recoveredReports"]!.GetValue<int>(), json["instancesStarted"]!.GetValue<int>()));
    }
}
