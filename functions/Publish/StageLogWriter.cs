using System.Globalization;
using System.Text;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish;

/// <summary>Writes the publish attempt's log (<c>jobs/&lt;jobId&gt;/logs/publish-&lt;attempt&gt;.log</c>) to the jobs bucket.</summary>
public sealed class StageLogWriter(IObjectStore store, PublishOptions options, ILogger<StageLogWriter> logger)
{
    // The log lists changed paths for operators; past this many it only counts them.
    private const int MaxListedPaths = 200;

    public async Task WriteAsync(string key, string text, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.PutAsync(options.JobsBucket, key, body, new PutOptions { ContentType = "text/plain; charset=utf-8" }, cancellationToken);
    }

    /// <summary>Writes the failure's log; a log that cannot be stored is reported, and the stage's own failure wins.</summary>
    public async Task TryWriteFailureAsync(string key, PublishRequested request, StageFailedException failure, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"publish {request.Site} job {request.JobId} attempt {request.Attempt} seq {request.SiteSequence}\nfailed: {failure.Code} (retryable: {failure.Retryable})\n{failure.Message}\n");
        try
        {
            await WriteAsync(key, text, cancellationToken);
        }
        catch (ObjectStoreException ex)
        {
            logger.LogNotStored(request.JobId, ex);
        }
    }

    public static string Describe(PublishRequested request, SwitchResult result)
    {
        var log = new StringBuilder();
        log.Append(CultureInfo.InvariantCulture, $"publish {request.Site} job {request.JobId} attempt {request.Attempt} seq {request.SiteSequence}\n");
        log.Append(CultureInfo.InvariantCulture, $"files {result.Files}, uploaded {result.Updated}, skipped {result.Skipped}, new blobs {result.BlobsUploaded}\n");
        log.Append(CultureInfo.InvariantCulture, $"deleted {result.Deleted} unreferenced files, pruned {result.PrunedReleases} releases, cdn refreshed {result.CdnRefreshed}\n");
        foreach (var path in result.UpdatedPaths.Take(MaxListedPaths))
        {
            log.Append("updated ").Append(path).Append('\n');
        }

        if (result.UpdatedPaths.Count > MaxListedPaths)
        {
            log.Append(CultureInfo.InvariantCulture, $"… and {result.UpdatedPaths.Count - MaxListedPaths} more\n");
        }

        return log.ToString();
    }
}
