using System.Text;
using Orchestrator.Archives;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Re-uploads the running build log every interval while it changes, so an operator watching a slow build sees
/// progress; each upload is the bounded log, never more. A failed progress upload is logged and retried at the
/// next tick; only the final upload's failure fails the stage.
/// </summary>
public sealed class LogStreamer(IObjectStore store, string bucket, string key, string jobId, BoundedLog log, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _uploadedVersion = -1;

    public void Start(TimeSpan interval, TimeProvider timeProvider) => _loop = LoopAsync(interval, timeProvider, _stop.Token);

    /// <summary>Stops the periodic uploads and uploads the final log.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        await UploadAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stop.Dispose();
    }

    private async Task StopLoopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The stop itself.
        }

        _loop = null;
    }

    private async Task LoopAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (log.Version == _uploadedVersion)
            {
                continue;
            }

            try
            {
                await UploadAsync(cancellationToken);
            }
            catch (ObjectStoreException ex)
            {
                Logs.LogUploadFailed(logger, jobId, key, ex.Code, ex.Message);
            }
        }
    }

    private async Task UploadAsync(CancellationToken cancellationToken)
    {
        var version = log.Version;
        var bytes = Encoding.UTF8.GetBytes(log.Render());
        using var body = new MemoryStream(bytes, writable: false);
        await store.PutAsync(bucket, key, body, new PutOptions
        {
            ContentType = "text/plain; charset=utf-8",
            Metadata = StoredArchiveMetadata.For(jobId, "build", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))),
        }, cancellationToken);
        _uploadedVersion = version;
    }
}
