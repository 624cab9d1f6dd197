using System.Globalization;
using System.Text.Json;
using Orchestrator.Archives;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Sites;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish;

/// <summary>
/// The Publish stage: streams the build output (tar.gz) from the jobs bucket to a temporary file, unpacks it with
/// the hostile-archive defences (build scripts are untrusted), publishes the folder and writes the stage log.
/// </summary>
public sealed class PublishStage(
    IObjectStore store,
    SitePublisher publisher,
    StageLogWriter logWriter,
    PublishOptions options,
    ILogger<PublishStage> logger) : IStage<PublishRequested>
{
    public async Task<IReadOnlyDictionary<string, string>> RunAsync(PublishRequested request, CancellationToken cancellationToken)
    {
        var logKey = ObjectKeys.StageLog(request.JobId, StageName.Publish, request.Attempt);
        var work = Path.Combine(string.IsNullOrEmpty(options.WorkDirectory) ? Path.GetTempPath() : options.WorkDirectory, "publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outputKey = request.Inputs.TryGetValue(StageOutputKeys.Output, out var key) && !string.IsNullOrEmpty(key)
                ? key
                : throw new StageFailedException(PublishErrorCodes.MissingInput, $"The request lacks input '{StageOutputKeys.Output}', the build output's key.", retryable: false);

            var site = Path.Combine(work, "site");
            await UnpackAsync(outputKey, Path.Combine(work, "output.tar.gz"), site, cancellationToken);
            var routing = await ReadRoutingAsync(request, cancellationToken);
            var result = await publisher.PublishDirectoryAsync(request.Site, request.JobId, request.SiteSequence, site, routing, cancellationToken);
            await logWriter.WriteAsync(logKey, StageLogWriter.Describe(request, result), cancellationToken);
            return new Dictionary<string, string>
            {
                [StageOutputKeys.Url] = options.SiteUrlTemplate.Replace("{site}", request.Site, StringComparison.Ordinal).Replace("{bucket}", options.SiteBucket, StringComparison.Ordinal),
                [StageOutputKeys.Files] = result.Files.ToString(CultureInfo.InvariantCulture),
                [StageOutputKeys.Uploaded] = result.Updated.ToString(CultureInfo.InvariantCulture),
                [StageOutputKeys.Skipped] = result.Skipped.ToString(CultureInfo.InvariantCulture),
                [StageOutputKeys.Log] = logKey,
            };
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StageDeferredException))
        {
            var failure = AsStageFailure(ex);
            logger.PublishFailed(request.JobId, failure.Code, failure.Retryable);
            await logWriter.TryWriteFailureAsync(logKey, request, failure, cancellationToken);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The project's routing and headers, from the manifest Fetch wrote; a job whose manifest is gone publishes with the defaults.</summary>
    private async Task<SiteRouting?> ReadRoutingAsync(PublishRequested request, CancellationToken cancellationToken)
    {
        var key = request.Inputs.GetValueOrDefault(StageOutputKeys.Manifest) ?? ObjectKeys.WorkspaceManifest(request.JobId);
        try
        {
            await using var content = await store.GetAsync(options.JobsBucket, key, null, cancellationToken);
            var manifest = await JsonSerializer.DeserializeAsync(content.Content, WorkspaceManifestJsonContext.Default.WorkspaceManifest, cancellationToken);
            return manifest?.Routing;
        }
        catch (ObjectNotFoundException)
        {
            logger.ManifestMissing(request.JobId, key);
            return null;
        }
        catch (JsonException ex)
        {
            throw new StageFailedException(PublishErrorCodes.MissingInput, $"The workspace manifest '{key}' is not valid: {ex.Message}", retryable: false, ex);
        }
    }

    private async Task UnpackAsync(string outputKey, string archivePath, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        await using (var file = new FileStream(archivePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            ObjectContent content;
            try
            {
                content = await store.GetAsync(options.JobsBucket, outputKey, null, cancellationToken);
            }
            catch (ObjectNotFoundException ex)
            {
                throw new StageFailedException(PublishErrorCodes.BuildOutputMissing, $"The build output '{outputKey}' does not exist in bucket {options.JobsBucket}.", retryable: false, ex);
            }

            await using (content)
            {
                if (content.Metadata.ContentLength > options.MaxOutputBytes)
                {
                    throw new StageFailedException(PublishErrorCodes.BuildOutputTooLarge, $"The build output is {content.Metadata.ContentLength} bytes, more than the {options.MaxOutputBytes} allowed.", retryable: false);
                }

                await content.Content.CopyToAsync(file, cancellationToken);
            }

            file.Position = 0;
            await ArchiveExtractor.ExtractAsync(file, destination, ExtractionLimitsFor(options), cancellationToken);
        }
    }

    /// <summary>The output is the build's own folder: never strip its top level, and never recreate links.</summary>
    private static ExtractionLimits ExtractionLimitsFor(PublishOptions options) => new()
    {
        MaxEntries = options.MaxEntries,
        MaxTotalBytes = options.MaxTotalBytes,
        MaxEntryBytes = options.MaxEntryBytes,
        MaxCompressionRatio = options.MaxCompressionRatio,
        StripSingleTopLevelFolder = false,
        AllowSymbolicLinks = false,
    };

    private static StageFailedException AsStageFailure(Exception ex) => ex switch
    {
        StageFailedException stage => stage,
        OrchestratorException known => new StageFailedException(known.Code, known.Message, known.Retryable, known),
        IOException io => new StageFailedException("PublishIoFailed", "Local disk trouble while publishing: " + io.Message, retryable: true, io),
        UnauthorizedAccessException denied => new StageFailedException("PublishIoFailed", "Local disk trouble while publishing: " + denied.Message, retryable: true, denied),
        _ => new StageFailedException("PublishFailed", ex.Message, retryable: true, ex),
    };
}
