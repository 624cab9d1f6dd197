using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orchestrator.Archives;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Stage 2: restore the workspace Fetch stored, restore or install dependencies (frozen lockfile, cached by key),
/// run the build script isolated and time-boxed while its log streams to OSS, and store the output folder.
/// </summary>
public sealed class BuildStage(IObjectStore store, IOptions<BuildOptions> options, TimeProvider timeProvider, ILogger<BuildStage> logger) : IStage<BuildRequested>
{
    private readonly BuildOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(BuildRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = Path.Combine(_options.WorkRoot, "orchestrator-build-" + Guid.NewGuid().ToString("N"));
        var log = new BoundedLog(_options.LogHeadBytes, _options.LogTailBytes);
        var logKey = ObjectKeys.StageLog(request.JobId, StageName.Build, request.Attempt);
        await using var streamer = new LogStreamer(store, _options.Bucket, logKey, request.JobId, log, logger);
        try
        {
            var outputs = await BuildInAsync(request, work, log, streamer, cancellationToken);
            outputs[StageOutputKeys.Log] = logKey;
            await streamer.CompleteAsync(cancellationToken);
            return outputs;
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            Logs.Failed(logger, request.JobId, request.Attempt, failure.Code, failure.Retryable, failure.Message);
            log.Append($"[orchestrator] build failed: {failure.Code}: {failure.Message}");
            await UploadFinalLogAsync(streamer, request.JobId, logKey, cancellationToken);
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

    private async Task<Dictionary<string, string>> BuildInAsync(BuildRequested request, string work, BoundedLog log, LogStreamer streamer, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var identity = ChildIdentity.ForCurrentProcess(_options.ChildUid, _options.ChildGid);
        log.Append($"[orchestrator] build of job {request.JobId}, site {request.Site}, attempt {request.Attempt}");
        log.Append("[orchestrator] " + identity.Describe());
        if (!identity.Isolated)
        {
            Logs.NotIsolated(logger, request.JobId, identity.Describe());
        }

        streamer.Start(TimeSpan.FromSeconds(_options.LogUploadIntervalSeconds), timeProvider);

        var manifest = await ReadManifestAsync(request, cancellationToken);
        var project = Path.Combine(work, "project");
        var home = Path.Combine(work, "home");
        var tmp = Path.Combine(work, "tmp");
        var workspaceKey = request.Inputs.GetValueOrDefault(StageOutputKeys.Workspace) ?? ObjectKeys.Workspace(request.JobId);
        Step(request, log, $"restoring workspace {workspaceKey}");
        await StoredArchives.DownloadAndExtractAsync(store, _options.Bucket, workspaceKey, project, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, cancellationToken);

        var path = Environment.GetEnvironmentVariable("PATH");
        var nodeBin = NodeLocator.FindNodeBin(_options.NodeSearchPaths, path);
        var tool = NodeLocator.FindTool(manifest.PackageManager, nodeBin, path);
        Step(request, log, $"node from {nodeBin}, {manifest.PackageManager} at {tool}");

        var nodeModules = Path.Combine(project, "node_modules");
        if (Directory.Exists(nodeModules))
        {
            // Uploaded node_modules are someone else's machine's: the frozen install or the cache replaces them.
            Directory.Delete(nodeModules, recursive: true);
        }

        var cache = new DependencyCache(store, _options.Bucket, logger);
        var cacheHit = manifest.InstallRequired && manifest.CacheKey is { } key && await cache.RestoreAsync(request.JobId, key, nodeModules, log, cancellationToken);
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(tmp);
        await GiveToAsync(identity, work, cancellationToken);

        if (manifest.InstallRequired && !cacheHit)
        {
            Step(request, log, $"installing dependencies: {manifest.PackageManager} {string.Join(' ', InstallArguments(manifest.PackageManager))}");
            var install = await RunChildAsync(tool, InstallArguments(manifest.PackageManager), project, home, tmp, nodeBin, null, identity, log, started, cancellationToken);
            if (install.ExitCode != 0)
            {
                throw new StageFailedException(BuildErrorCodes.InstallFailed, $"{manifest.PackageManager} install exited with code {install.ExitCode}; see the build log.", _options.RetryInstallFailures);
            }

            if (manifest.CacheKey is { } saveKey && Directory.Exists(nodeModules))
            {
                await cache.SaveAsync(request.JobId, saveKey, nodeModules, log, cancellationToken);
            }
        }

        Step(request, log, $"running script \"{manifest.BuildScript}\": {manifest.BuildCommand}");
        var build = await RunChildAsync(tool, ["run", manifest.BuildScript], project, home, tmp, nodeBin, _options.NodeEnv, identity, log, started, cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new StageFailedException(BuildErrorCodes.BuildScriptFailed, $"The build script \"{manifest.BuildScript}\" exited with code {build.ExitCode}; see the build log.", _options.RetryScriptFailures);
        }

        var outputDirectory = OutputLocator.Find(Path.GetFullPath(project), _options.OutputDirectory);
        var outputKey = ObjectKeys.BuildOutput(request.JobId);
        var stored = await StoredArchives.UploadDirectoryAsync(store, outputDirectory, new ArchiveUpload(_options.Bucket, outputKey, request.JobId, ObjectKeys.Lower(StageName.Build)), cancellationToken);
        Step(request, log, $"output {Path.GetRelativePath(project, outputDirectory)}/ stored as {outputKey}: {stored.Files} files, {stored.Bytes} bytes, sha256 {stored.Sha256}");
        Logs.Succeeded(logger, request.JobId, request.Attempt, outputKey, stored.Files, cacheHit);
        return new Dictionary<string, string>
        {
            [StageOutputKeys.Output] = outputKey,
            [StageOutputKeys.CacheHit] = cacheHit ? "true" : "false",
            ["isolated"] = identity.Isolated ? "true" : "false",
        };
    }

    private async Task<ChildOutcome> RunChildAsync(
        string tool,
        IReadOnlyList<string> arguments,
        string project,
        string home,
        string tmp,
        string nodeBin,
        string? nodeEnv,
        ChildIdentity identity,
        BoundedLog log,
        long started,
        CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        var remaining = limit - timeProvider.GetElapsedTime(started);
        var environment = BuildEnvironment.Create(nodeBin, home, tmp, nodeEnv, _options.Environment);
        var outcome = remaining <= TimeSpan.Zero
            ? new ChildOutcome(-1, TimedOut: true)
            : await ChildProcessRunner.RunAsync(new ChildCommand(tool, arguments, project, environment), identity, log, remaining, cancellationToken);
        if (outcome.TimedOut)
        {
            throw new StageFailedException(BuildErrorCodes.BuildTimedOut, $"Install and build took longer than the {_options.TimeoutSeconds} s allowed (Build:TimeoutSeconds).", retryable: true);
        }

        return outcome;
    }

    private async Task<WorkspaceManifest> ReadManifestAsync(BuildRequested request, CancellationToken cancellationToken)
    {
        var key = request.Inputs.GetValueOrDefault(StageOutputKeys.Manifest) ?? ObjectKeys.WorkspaceManifest(request.JobId);
        await using var content = await store.GetAsync(_options.Bucket, key, null, cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync(content.Content, WorkspaceManifestJsonContext.Default.WorkspaceManifest, cancellationToken)
                ?? throw new StageFailedException(BuildErrorCodes.WorkspaceInvalid, $"The manifest {key} is empty.", retryable: false);
        }
        catch (JsonException ex)
        {
            throw new StageFailedException(BuildErrorCodes.WorkspaceInvalid, $"The manifest {key} is not valid: {ex.Message}", retryable: false, ex);
        }
    }

    /// <summary>Hands the work folder (workspace, HOME, TMPDIR) to the unprivileged build user.</summary>
    private static async Task GiveToAsync(ChildIdentity identity, string work, CancellationToken cancellationToken)
    {
        if (!identity.Isolated)
        {
            return;
        }

        var owner = string.Create(CultureInfo.InvariantCulture, $"{identity.Uid}:{identity.Gid}");
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", "-h", owner, work]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new StageFailedException(BuildErrorCodes.LocalIoError, "Could not start chown.", retryable: true);
        var error = await chown.StandardError.ReadToEndAsync(cancellationToken);
        await chown.WaitForExitAsync(cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new StageFailedException(BuildErrorCodes.LocalIoError, $"chown of the work folder failed: {error.Trim()}", retryable: true);
        }
    }

    private static string[] InstallArguments(string manager) => manager switch
    {
        "pnpm" => ["install", "--frozen-lockfile"],
        "yarn" => ["install", "--frozen-lockfile"],
        _ => ["ci"],
    };

    private void Step(BuildRequested request, BoundedLog log, string step)
    {
        Logs.Step(logger, request.JobId, request.Attempt, step);
        log.Append("[orchestrator] " + step);
    }

    private async Task UploadFinalLogAsync(LogStreamer streamer, string jobId, string logKey, CancellationToken cancellationToken)
    {
        try
        {
            await streamer.CompleteAsync(cancellationToken);
        }
        catch (ObjectStoreException ex)
        {
            // The build's own failure is the one to report; the log's is only noted.
            Logs.LogUploadFailed(logger, jobId, logKey, ex.Code, ex.Message);
        }
    }

    /// <summary>Every failure as a <see cref="StageFailedException"/> with its class: storage trouble keeps the store's retryability.</summary>
    private static StageFailedException? Classify(Exception ex) => ex switch
    {
        StageFailedException stage => stage,
        ObjectNotFoundException missing => new StageFailedException(BuildErrorCodes.InputMissing, "A Fetch output is missing: " + missing.Message, retryable: false, missing),
        ArchiveRejectedException rejected => new StageFailedException(BuildErrorCodes.WorkspaceInvalid, "The stored workspace cannot be unpacked: " + rejected.Message, retryable: false, rejected),
        OrchestratorException other => new StageFailedException(other.Code, other.Message, other.Retryable, other),
        IOException io => new StageFailedException(BuildErrorCodes.LocalIoError, "Local disk trouble while building: " + io.Message, retryable: true, io),
        _ => null,
    };
}
