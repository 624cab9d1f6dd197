using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class JudgeTests
{
    private static readonly ChaosPlan Plan = ChaosPlan.Create(2, 1, ["fetch"], ["fetch"]);

    private static JobEvidence Ended(PlannedUpload upload, IReadOnlyList<JsonObject> journal)
    {
        var head = (JsonObject)JsonNode.Parse("""{"state":"Succeeded","stages":[{"name":"publish","state":"Succeeded","attempt":1}]}""")!;
        var metadata = new Dictionary<string, string> { ["state"] = "Succeeded", ["stage"] = "publish", ["attempt"] = "1", ["seq"] = journal[^1]["seq"]!.ToJsonString() };
        return new JobEvidence(upload, "job-" + upload.Number, head, metadata, journal, (JsonObject)head.DeepClone());
    }

    [Fact]
    public void Judge_AllEndedOnce_Passes()
    {
        var report = ChaosRun.Judge(Plan, [Ended(Plan.Uploads[0], Journals.HappyPath()), Ended(Plan.Uploads[1], Journals.HappyPath())], 0, []);

        Assert.Equal(new ChaosFigures(2, 2, 0, 0, 0, 0), report.Figures);
        Assert.True(report.Figures.Passed);
    }

    [Fact]
    public void Judge_UploadWithoutJobAndASecondJobInTheIndex_CountsLostAndDuplicate()
    {
        var noJob = new JobEvidence(Plan.Uploads[1], "job-2", null, null, [], null);

        var report = ChaosRun.Judge(Plan, [Ended(Plan.Uploads[0], Journals.HappyPath()), noJob], 1, ["chaos-a: serves nothing"]);

        Assert.Equal(new ChaosFigures(2, 1, 1, 1, 1, 0), report.Figures);
        Assert.False(report.Figures.Passed);
        Assert.Contains(report.JobProblems, p => p.Contains("no job", StringComparison.Ordinal));
    }

    [Fact]
    public void ToJson_Figures_HasExactlyTheContractsSixKeys()
    {
        var json = JsonNode.Parse(new ChaosFigures(3, 2, 1, 0, 0, 0).ToJson())!.AsObject();

        Assert.Equal(["submitted", "terminal", "lost", "duplicateCompletions", "mismatchedSites", "statusDisagreements"], json.Select(p => p.Key));
        Assert.Equal(1, json["lost"]!.GetValue<int>());
    }
}
