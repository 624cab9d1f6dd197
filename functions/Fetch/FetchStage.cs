using System.Text.Json;
using Microsoft.Extensions.Options;
using Orchestrator.Archives;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Fetch.Detection;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Fetch;

/// <summary>
/// Stage 1: download and verify the upload, unpack it safely, inspect the project, and store the workspace and
/// its manifest under <c>jobs/&lt;id&gt;/fetch/</c>. Deterministic: the same upload gives the same keys and bytes.
/// </summary>
public sealed class FetchStage(IObjectStore store, IOptions<FetchOptions> options, ILogger<FetchStage> logger) : IStage<FetchRequested>
{
    private readonly FetchOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(FetchRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = Path.Combine(_options.WorkRoot, "orchestrator-fetch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var log = new FetchLog(request);
        var logKey = ObjectKeys.StageLog(request.JobId, StageName.Fetch, request.Attempt);
        try
        {
            var outputs = await RunInAsync(request, work, log, cancellationToken);
            await log.StoreAsync(store, _options.Bucket, logKey, cancellationToken);
            outputs[StageOutputKeys.Log] = logKey;
            return outputs;
        }
        catch (Exception ex) when (AsStageFailure(ex) is { } failure)
        {
            Logs.Failed(logger, request.JobId, request.Attempt, failure.Code, failure.Retryable, failure.Message);
            log.Failed(failure);
            await TryStoreFailureLogAsync(log, logKey, request, cancellationToken);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Archive refusals and storage trouble keep their code and retryability; local disk trouble is worth a retry.
    private static StageFailedException? AsStageFailure(Exception ex) => ex switch
    {
        StageDeferredException => null,
        StageFailedException failed => failed,
        OrchestratorException coded => new StageFailedException(coded.Code, coded.Message, coded.Retryable, coded),
        IOException io => new StageFailedException(FetchErrorCodes.LocalIoError, "Local disk trouble while fetching: " + io.Message, retryable: true, io),
        _ => null,
    };

    // The stage's own failure is what the job reports; a log that cannot be stored only costs the log.
    private async Task TryStoreFailureLogAsync(FetchLog log, string logKey, FetchRequested request, CancellationToken cancellationToken)
    {
        try
        {
            await log.StoreAsync(store, _options.Bucket, logKey, cancellationToken);
        }
        catch (ObjectStoreException ex)
        {
            Logs.LogNotStored(logger, request.JobId, request.Attempt, ex.Message);
        }
    }

    private async Task<Dictionary<string, string>> RunInAsync(FetchRequested request, string work, FetchLog log, CancellationToken cancellationToken)
    {
        if (!_options.OwnedSourceBuckets.Contains(request.Source.Bucket, StringComparer.Ordinal))
        {
            throw new StageFailedException(
                FetchErrorCodes.BucketNotOwned,
                $"The source bucket '{request.Source.Bucket}' is not one this deployment reads sources from ({string.Join(", ", _options.OwnedSourceBuckets)}).",
                retryable: false);
        }

        var source = await SourceDownloader.DownloadAsync(store, request.Source, Path.Combine(work, "source"), _options.MaxSourceBytes, cancellationToken);
        Logs.Downloaded(logger, request.JobId, request.Attempt, source.Size, request.Source.Bucket, request.Source.Key);
        log.Downloaded(source);

        var unpacked = Path.Combine(work, "unpacked");
        ExtractionResult extraction;
        await using (var archive = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            extraction = await ArchiveExtractor.ExtractAsync(archive, unpacked, _options.ToLimits(), cancellationToken);
        }

        Logs.Extracted(logger, request.JobId, request.Attempt, FormatName(extraction.Format), extraction.Files, extraction.TotalBytes, extraction.StrippedFolder);
        log.Unpacked(FormatName(extraction.Format), extraction);

        var project = ProjectInspector.Inspect(unpacked, new InspectionSettings(_options.BuildScript, _options.DefaultNodeMajor, _options.Platform));
        Logs.Inspected(logger, request.JobId, request.Attempt, project.PackageManager, project.ProjectPath, project.NodeMajor, project.BuildScript, project.CacheKey);
        log.Detected(project);

        var workspaceKey = ObjectKeys.Workspace(request.JobId);
        var stage = ObjectKeys.Lower(StageName.Fetch);
        var workspace = await StoredArchives.UploadDirectoryAsync(
            store, Path.Combine(unpacked, project.ProjectPath), new ArchiveUpload(_options.Bucket, workspaceKey, request.JobId, stage), cancellationToken);
        Logs.Stored(logger, request.JobId, request.Attempt, workspaceKey, workspace.ArchiveBytes, workspace.Sha256);
        log.Stored(workspace);

        var manifest = new WorkspaceManifest
        {
            JobId = request.JobId,
            Site = request.Site,
            Source = request.Source,
            SourceSha256 = source.Sha256,
            ArchiveFormat = FormatName(extraction.Format),
            ProjectPath = project.ProjectPath,
            PackageManager = project.PackageManager,
            PackageManagerVersion = project.PackageManagerVersion,
            Lockfile = project.Lockfile,
            InstallRequired = project.InstallRequired,
            NodeVersion = project.NodeVersion,
            NodeMajor = project.NodeMajor,
            BuildScript = project.BuildScript,
            BuildCommand = project.BuildCommand,
            CacheKey = project.CacheKey,
            Platform = project.Platform,
            CustomInstallCommand = project.Settings.InstallCommand,
            CustomBuildCommand = project.Settings.BuildCommand,
            OutputDirectory = project.Settings.OutputDirectory,
            BuildEnvironment = project.Settings.Environment.Count == 0 ? null : project.Settings.Environment,
            Routing = project.Settings.ToRouting(),
            SettingsFiles = project.Settings.Files.Count == 0 ? null : project.Settings.Files,
            Files = workspace.Files,
            Bytes = workspace.Bytes,
            WorkspaceSha256 = workspace.Sha256,
        };
        var manifestKey = ObjectKeys.WorkspaceManifest(request.JobId);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, WorkspaceManifestJsonContext.Default.WorkspaceManifest);
        using (var body = new MemoryStream(manifestBytes, writable: false))
        {
            await store.PutAsync(_options.Bucket, manifestKey, body, new PutOptions
            {
                ContentType = "application/json",
                Metadata = StoredArchiveMetadata.For(request.JobId, stage, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(manifestBytes))),
            }, cancellationToken);
        }

        var outputs = new Dictionary<string, string>
        {
            [StageOutputKeys.Workspace] = workspaceKey,
            [StageOutputKeys.Manifest] = manifestKey,
            [StageOutputKeys.PackageManager] = project.PackageManager,
        };
        if (project.CacheKey is not null)
        {
            outputs[StageOutputKeys.CacheKey] = project.CacheKey;
        }

        return outputs;
    }

    private static string FormatName(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Zip => "zip",
        ArchiveFormat.TarGzip => "tar.gz",
        _ => "tar",
    };
}
