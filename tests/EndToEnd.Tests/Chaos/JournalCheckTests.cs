using System.Text.Json.Nodes;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class JournalCheckTests
{
    [Fact]
    public void DuplicateCompletions_EachStageOnce_IsZero()
    {
        Assert.Equal(0, JournalCheck.DuplicateCompletions(Journals.HappyPath()));
        Assert.Equal([("fetch", 1), ("build", 1), ("publish", 1)], JournalCheck.Completions(Journals.HappyPath()));
    }

    [Fact]
    public void DuplicateCompletions_TwoCommittedSuccessesOfOneAttempt_CountsOne()
    {
        var journal = Journals.HappyPath();
        journal.Insert(2, Journals.Entry(3, "StageSucceeded", "Fetching", "Building", 1, 1));

        Assert.Equal(1, JournalCheck.DuplicateCompletions(journal));
    }

    [Fact]
    public void DuplicateCompletions_StaleResultRecordedAsIgnored_IsZero()
    {
        var journal = Journals.HappyPath();
        journal.Insert(3, Journals.Entry(3, "StageSucceeded", "Publishing", "Publishing", 1, 1, 1, "ignored: fetch attempt 1 is not current"));

        Assert.Equal(0, JournalCheck.DuplicateCompletions(journal));
    }

    [Fact]
    public void DuplicateCompletions_BuiltAgainInALaterAttemptAfterSucceeding_CountsOne()
    {
        var journal = Journals.HappyPath();
        journal.Insert(3, Journals.Entry(4, "StageSucceeded", "Building", "Publishing", 1, 2, 1));

        Assert.Equal(1, JournalCheck.DuplicateCompletions(journal));
    }

    [Fact]
    public void DuplicateCompletions_SuccessRecordedWithoutMovingOnAndNotIgnored_IsCounted()
    {
        // A success that changed nothing yet does not say it was ignored is not taken on trust as a no-op.
        var journal = Journals.HappyPath();
        journal.Insert(2, Journals.Entry(2, "StageSucceeded", "Fetching", "Fetching", 1, 0, 0, "fetch attempt 1 succeeded"));

        Assert.Equal(1, JournalCheck.DuplicateCompletions(journal));
    }

    [Fact]
    public void DuplicateCompletions_FailedAttemptThenSuccess_IsZero()
    {
        List<JsonObject> journal =
        [
            Journals.Entry(1, "JobStarted", "Pending", "Fetching", 1),
            Journals.Entry(2, "StageFailed", "Fetching", "Fetching", 1, detail: "fetch attempt 1 failed"),
            Journals.Entry(3, "RetryDue", "Fetching", "Fetching", 2),
            Journals.Entry(4, "StageSucceeded", "Fetching", "Building", 2, 1),
        ];

        Assert.Equal(0, JournalCheck.DuplicateCompletions(journal));
        Assert.Equal([("fetch", 2)], JournalCheck.Completions(journal));
    }

    [Fact]
    public void SiteSequence_ReadsTheLastEntrysState()
    {
        Assert.Equal(7, JournalCheck.SiteSequence(Journals.HappyPath(siteSequence: 7)));
        Assert.Equal(0, JournalCheck.SiteSequence([]));
    }
}
