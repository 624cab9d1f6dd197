using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class SequenceGuardTests
{
    private static SitePointer Pointer(string jobId, long sequence, long highest) =>
        new(jobId, sequence, highest, DateTimeOffset.UnixEpoch, "publish");

    [Fact]
    public void EnsureNotSuperseded_NoPointerOrNewer_Passes()
    {
        SequenceGuard.EnsureNotSuperseded(null, "job-1", 1);
        SequenceGuard.EnsureNotSuperseded(Pointer("job-1", 1, 1), "job-2", 2);
        SequenceGuard.EnsureNotSuperseded(Pointer("job-2", 2, 2), "job-2", 2);
    }

    [Theory]
    [InlineData("job-3", 3, 3, "job-2", 2)]
    [InlineData("job-1", 1, 3, "job-2", 2)]
    [InlineData("job-1", 1, 2, "job-2", 2)]
    public void EnsureNotSuperseded_OlderOrSameSequenceOfOtherJob_ThrowsSuperseded(string liveJob, long liveSequence, long highest, string jobId, long sequence)
    {
        var ex = Assert.Throws<StageFailedException>(() => SequenceGuard.EnsureNotSuperseded(Pointer(liveJob, liveSequence, highest), jobId, sequence));

        Assert.Equal(PublishErrorCodes.SupersededRelease, ex.Code);
        Assert.False(ex.Retryable);
    }
}
