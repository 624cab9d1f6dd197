using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.EventBridge;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// FC's asynchronous invocation for one function: an accepted event is queued and invoked in the background, as
/// many at once as the function's instances take (the pool queues the rest); a failed invocation (function error,
/// crash, timeout) is retried asyncInvokeConfig.maxAsyncRetryAttempts times with backoff, and what still fails goes
/// to the onFailure destination as FC's destination record.
/// </summary>
public sealed class AsyncInvoker(FunctionPool pool, MnsClient queues, PumpOptions options, DeliveryCounters counters, TimeProvider time, ILogger logger)
{
    private readonly Channel<byte[]> pending = Channel.CreateUnbounded<byte[]>();

    /// <summary>Accepts the event (what FC's 202 means); never fails for the function's own failures.</summary>
    public Task<InvokeOutcome> SubmitAsync(byte[] body, CancellationToken cancellationToken)
    {
        pending.Writer.TryWrite(body);
        return Task.FromResult(new InvokeOutcome("async-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), 202, null, []));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var body in pending.Reader.ReadAllAsync(cancellationToken))
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(() => InvokeObservedAsync(body, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: events still queued are lost, as they would be with the local FC gone.
        }

        await Task.WhenAll(running);
    }

    private async Task InvokeObservedAsync(byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeWithRetriesAsync(body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception) when (exception is MnsException or HttpRequestException or ObjectDisposedException)
        {
            // The destination could not be reached, or the pool is stopping: nothing is left to try for this event.
            Logs.AsyncInvokerError(logger, pool.Function.FunctionName, exception.Message);
        }
    }

    private async Task InvokeWithRetriesAsync(byte[] body, CancellationToken cancellationToken)
    {
        var spec = pool.Function.AsyncInvoke;
        var attempts = spec.MaxRetryAttempts + 1;
        InvokeOutcome? outcome = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                counters.Redelivered();
            }

            outcome = await pool.InvokeAsync(body, cancellationToken);
            if (outcome.Succeeded)
            {
                return;
            }

            Logs.AsyncAttemptFailed(logger, pool.Function.FunctionName, outcome.RequestId, attempt, outcome.Failure!);
            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(RetryBackoff.DelaySeconds("EXPONENTIAL_DECAY_RETRY", attempt, options)), time, cancellationToken);
            }
        }

        Logs.AsyncGaveUp(logger, pool.Function.FunctionName, attempts, spec.OnFailureQueue ?? "(no destination: dropped)");
        counters.GaveUp();
        if (spec.OnFailureQueue is { } destination)
        {
            var record = new JsonObject
            {
                ["timestamp"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
                ["requestContext"] = new JsonObject
                {
                    ["requestId"] = outcome!.RequestId,
                    ["functionArn"] = $"acs:fc:{pool.Function.Region}::functions/{pool.Function.FunctionName}",
                    ["condition"] = "RetryAttemptsExceeded",
                    ["approximateInvokeCount"] = attempts,
                },
                ["requestPayload"] = Encoding.UTF8.GetString(body),
                ["responseContext"] = new JsonObject { ["statusCode"] = outcome.StatusCode, ["functionError"] = outcome.Failure },
                ["responsePayload"] = Encoding.UTF8.GetString(outcome.Body),
            };
            await queues.SendMessageAsync(destination, record.ToJsonString(), TimeSpan.Zero, cancellationToken);
        }
    }
}
