using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.EventBridge;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// FC's asynchronous invocation for one function: an accepted event is queued and invoked in the background;
/// a failed invocation (function error, crash, timeout) is retried asyncInvokeConfig.maxAsyncRetryAttempts times
/// with backoff, and what still fails goes to the onFailure destination as FC's destination record.
/// </summary>
public sealed class AsyncInvoker(FunctionInstance instance, MnsClient queues, PumpOptions options, TimeProvider time, ILogger logger)
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
        try
        {
            await foreach (var body in pending.Reader.ReadAllAsync(cancellationToken))
            {
                await InvokeWithRetriesAsync(body, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: events still queued are lost, as they would be with the local FC gone.
        }
    }

    private async Task InvokeWithRetriesAsync(byte[] body, CancellationToken cancellationToken)
    {
        var spec = instance.Function.AsyncInvoke;
        var attempts = spec.MaxRetryAttempts + 1;
        InvokeOutcome? outcome = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            outcome = await instance.InvokeAsync(body, cancellationToken);
            if (outcome.Succeeded)
            {
                return;
            }

            Logs.AsyncAttemptFailed(logger, instance.Function.FunctionName, outcome.RequestId, attempt, outcome.Failure!);
            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(RetryBackoff.DelaySeconds("EXPONENTIAL_DECAY_RETRY", attempt, options)), time, cancellationToken);
            }
        }

        Logs.AsyncGaveUp(logger, instance.Function.FunctionName, attempts, spec.OnFailureQueue ?? "(no destination: dropped)");
        if (spec.OnFailureQueue is { } destination)
        {
            var record = new JsonObject
            {
                ["timestamp"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
                ["requestContext"] = new JsonObject
                {
                    ["requestId"] = outcome!.RequestId,
                    ["functionArn"] = $"acs:fc:{instance.Function.Region}::functions/{instance.Function.FunctionName}",
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
