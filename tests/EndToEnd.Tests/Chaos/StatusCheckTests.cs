using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class StatusCheckTests
{
    private static readonly Dictionary<string, string> Metadata = new() { ["state"] = "Succeeded", ["stage"] = "publish", ["attempt"] = "2", ["seq"] = "4" };

    private static JsonObject Job(string state = "Succeeded", int publishAttempt = 2) => (JsonObject)JsonNode.Parse($$$"""
        {"jobId":"j","state":"{{{state}}}","stages":[
          {"name":"fetch","state":"Succeeded","attempt":1},{"name":"build","state":"Succeeded","attempt":1},
          {"name":"publish","state":"{{{(state == "Succeeded" ? "Succeeded" : "Running")}}}","attempt":{{{publishAttempt}}}}]}
        """)!;

    private static JsonObject Last(long seq = 4, string to = "Succeeded") => Journals.Entry(seq, "StageSucceeded", "Publishing", to, 1, 1, 2);

    [Fact]
    public void Disagrees_StatusHeadAndJournalAgree_IsFalse()
    {
        Assert.False(StatusCheck.Disagrees(Job(), Job(), Metadata, Last()));
    }

    [Fact]
    public void Disagrees_StatusShowsAnotherState_IsTrue()
    {
        Assert.True(StatusCheck.Disagrees(Job("Publishing"), Job(), Metadata, Last()));
    }

    [Fact]
    public void Disagrees_StatusShowsAnotherAttempt_IsTrue()
    {
        Assert.True(StatusCheck.Disagrees(Job(publishAttempt: 1), Job(), Metadata, Last()));
    }

    [Fact]
    public void Disagrees_HeadMetadataBehindItsDocument_IsTrue()
    {
        Assert.True(StatusCheck.Disagrees(Job(), Job(), new Dictionary<string, string>(Metadata) { ["attempt"] = "1" }, Last()));
    }

    [Fact]
    public void Disagrees_HeadLagsTheJournal_IsTrue()
    {
        Assert.True(StatusCheck.Disagrees(Job(), Job(), Metadata, Last(seq: 5)));
        Assert.True(StatusCheck.Disagrees(Job(), Job(), Metadata, Last(to: "Cancelled")));
    }

    [Fact]
    public void Disagrees_NoAnswerOrNoHead_IsTrue()
    {
        Assert.True(StatusCheck.Disagrees(null, Job(), Metadata, Last()));
        Assert.True(StatusCheck.Disagrees(Job(), null, null, Last()));
    }
}
