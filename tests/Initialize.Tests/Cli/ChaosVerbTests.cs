using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Cli;

/// <summary>`chaos` refuses bad arguments before it starts anything (the run itself is tested in EndToEnd.Tests).</summary>
public sealed class ChaosVerbTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Chaos_JobsNotPositive_OneErrorLineAndExitTwo(string jobs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), timeout.Token, "chaos", "--jobs", jobs, "--seed", "7");

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: InvalidJobs:", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chaos", "--jobs", "5", "--instances", "0")]
    [InlineData("chaos", "--jobs", "5", "--instances", "33")]
    [InlineData("devcloud", "up", "--instances", "0")]
    public async Task Instances_OutOfRange_OneErrorLineAndExitTwo(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), timeout.Token, arguments);

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: InvalidInstances:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chaos_JobsWithoutValue_ErrorLineAndHintOnStderrAndNonZeroExit()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), timeout.Token, "chaos", "--jobs");

        Assert.NotEqual(0, result.Exit);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("--jobs", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("hint: 'orchestrator chaos --help'", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
