using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using Orchestrator.Contracts.Status;
using Orchestrator.TestSupport;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>
/// A dead letter is never silent: a fetch request EventBridge gives up on is listed by the status API and by the
/// real CLI, and `dead-letters --replay` sends it again to the fetch queue and takes it off the dead-letter queue.
/// </summary>
public class DeadLetterTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(150)).Token;

    [Fact]
    public async Task FetchRequest_DeadLettered_ListedByApiAndCliThenReplayedOffTheDeadLetterQueue()
    {
        var cancellationToken = Timeout();
        // EventBridge gives up on the fetch request after MaximumRetryAttempts (3 in s.yaml).
        await using var system = await SystemCloud.StartAsync(o => o with { FunctionEnvironment = SystemCloud.FetchCannotReport }, cancellationToken);
        var job = await system.RunJobAsync("dead", cancellationToken);
        var jobId = job["jobId"]!.GetValue<string>();
        using var api = new HttpClient { BaseAddress = system.Cloud.ApiBase, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.Cloud.OpsToken);

        var letter = await WaitForDeadLetterAsync(api, jobId, except: null, cancellationToken);

        Assert.Equal(("orchestrator-fetch", "FetchRequested"), (letter.Queue, letter.Type));
        Assert.True(letter.Replayable, letter.ReplayProblem);
        Assert.StartsWith("unknown: EventBridge", letter.Reason, StringComparison.Ordinal);
        var listed = await CliAsync(system, cancellationToken, "dead-letters");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains(listed.Stdout.Split('\n'), line => line.StartsWith(letter.Id, StringComparison.Ordinal) && line.Contains("FetchRequested", StringComparison.Ordinal) && line.Contains(jobId, StringComparison.Ordinal));
        var deliveries = Deliveries(system);

        var replayed = await CliAsync(system, cancellationToken, "dead-letters", "--replay", letter.Id);

        Assert.True(replayed.ExitCode == 0, replayed.Stderr);
        Assert.Contains($"replayed {letter.Id}: FetchRequested of job {jobId} sent again to orchestrator-fetch", replayed.Stdout, StringComparison.Ordinal);
        var after = await api.GetFromJsonAsync("dead-letters", StatusJsonContext.Default.DeadLetterList, cancellationToken);
        Assert.DoesNotContain(letter.Id, after!.Messages.Select(m => m.Id));
        // The same request reaches Fetch again, fails again the same way and ends in the dead-letter queue anew.
        var again = await WaitForDeadLetterAsync(api, jobId, except: letter.Id, cancellationToken);
        Assert.Equal((letter.Type, letter.MessageId, letter.Queue), (again.Type, again.MessageId, again.Queue));
        Assert.True(Deliveries(system) > deliveries, "the replayed request never reached Fetch");
    }

    private static async Task<DeadLetterSummary> WaitForDeadLetterAsync(HttpClient api, string jobId, string? except, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (true)
        {
            var list = await api.GetFromJsonAsync("dead-letters", StatusJsonContext.Default.DeadLetterList, cancellationToken);
            if (list!.Messages.FirstOrDefault(m => m.JobId == jobId && m.Id != except) is { } letter)
            {
                return letter;
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static int Deliveries(SystemCloud system) =>
        system.FunctionLog("orchestrator-fetch").Split('\n').Count(line => line.Contains("FC Invoke Start", StringComparison.Ordinal));

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(SystemCloud system, CancellationToken cancellationToken, params string[] arguments)
    {
        var cli = typeof(DeadLetterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OrchestratorCli").Value!;
        var environment = new Dictionary<string, string>
        {
            ["ORCHESTRATOR_API"] = system.Cloud.ApiBase!.ToString(),
            ["ORCHESTRATOR_TOKEN"] = system.Cloud.OpsToken,
        };
        return ChildProcess.RunAsync("dotnet", [cli, .. arguments], environment, cancellationToken);
    }
}
