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
/// run the build script isolated (a uid of its own, see <see cref="BuildSandbox"/>), time-boxed and within its disk
/// budget while its log streams to OSS, and store the output folder. Every process the build started is dead
/// before the output is read, the cache saved or the stage reported.
/// </summary>
public sealed class BuildStage(IObjectStore store, IOptions<BuildOptions> options, BuildIdentities identities, TimeProvider timeProvider, ILogger<BuildStage> logger) : IStage<BuildRequested>
{
    private readonly BuildOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(BuildRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var log = new BoundedLog(_options.LogHeadBytes, _options.LogTailBytes);
        var logKey = ObjectKeys.StageLog(request.JobId, StageName.Build, request.Attempt);
        await using var streamer = new LogStreamer(store, _options.Bucket, logKey, request.JobId, log, logger);
        try
        {
            Dictionary<string, string> outputs;
            await using (var sandbox = await BuildSandbox.OpenAsync(identities, _options, request.JobId, logger))
            {
                outputs = await BuildInAsync(request, sandbox, log, streamer, cancellationToken);
            }

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
    }

    private async Task<Dictionary<string, string>> BuildInAsync(BuildRequested request, BuildSandbox sandbox, BoundedLog log, LogStreamer streamer, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var identity = sandbox.Identity;
        log.Append($"[orchestrator] build of job {request.JobId}, site {request.Site}, attempt {request.Attempt}");
        log.Append("[orchestrator] " + identity.Describe());
        if (!identity.Isolated)
        {
            Logs.NotIsolated(logger, request.JobId, identity.Describe());
        }

        streamer.Start(TimeSpan.FromSeconds(_options.LogUploadIntervalSeconds), timeProvider);

        var manifest = await ReadManifestAsync(request, cancellationToken);
        var project = sandbox.Project;
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
        await sandbox.HandOverAsync();
        await using var disk = new DiskWatcher(sandbox, _options.DiskLimitBytes);
        disk.Start(TimeSpan.FromMilliseconds(_options.DiskCheckIntervalMilliseconds), timeProvider);
        // The project's variables (Fetch refused reserved names; BuildEnvironment drops any that still arrive) win over the function's.
        var variables = new Dictionary<string, string>(_options.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in manifest.BuildEnvironment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var run = new ChildRun(request.JobId, sandbox, disk, log, started, nodeBin, variables);

        if (manifest.InstallRequired && !cacheHit)
        {
            var (installTool, installArguments) = manifest.CustomInstallCommand is { } customInstall ? ShellCommand(customInstall) : (tool, InstallArguments(manifest.PackageManager));
            Step(request, log, $"installing dependencies: {manifest.CustomInstallCommand ?? manifest.PackageManager + " " + string.Join(' ', installArguments)}");
            var install = await RunChildAsync(run, installTool, installArguments, null, cancellationToken);
            if (install != 0)
            {
                throw new StageFailedException(BuildErrorCodes.InstallFailed, $"{manifest.PackageManager} install exited with code {install}; see the build log.", _options.RetryInstallFailures);
            }

            // Every process of the install (postinstall scripts and what they left running) is dead by now, and no
            // other build can enter the work folder: node_modules cannot change while it is stored for other jobs.
            if (manifest.CacheKey is { } saveKey && Directory.Exists(nodeModules))
            {
                await cache.SaveAsync(request.JobId, saveKey, nodeModules, log, cancellationToken);
            }
        }

        var (buildTool, buildArguments) = manifest.CustomBuildCommand is { } customBuild ? ShellCommand(customBuild) : (tool, ["run", manifest.BuildScript]);
        Step(request, log, manifest.CustomBuildCommand is null ? $"running script \"{manifest.BuildScript}\": {manifest.BuildCommand}" : $"running the settings' build command: {manifest.CustomBuildCommand}");
        var build = await RunChildAsync(run, buildTool, buildArguments, _options.NodeEnv, cancellationToken);
        if (build != 0)
        {
            throw new StageFailedException(BuildErrorCodes.BuildScriptFailed, $"The build script \"{manifest.BuildScript}\" exited with code {build}; see the build log.", _options.RetryScriptFailures);
        }

        // The build's processes are all dead (RunChildAsync waits for that), so the output stays as it was left.
        var outputDirectory = OutputLocator.Find(Path.GetFullPath(project), manifest.OutputDirectory ?? _options.OutputDirectory);
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

    /// <summary>Runs one build command; when it returns, every process of the build is dead and the disk budget was checked.</summary>
    private async Task<int> RunChildAsync(ChildRun run, string tool, IReadOnlyList<string> arguments, string? nodeEnv, CancellationToken cancellationToken)
    {
        var sandbox = run.Sandbox;
        var remaining = TimeSpan.FromSeconds(_options.TimeoutSeconds) - timeProvider.GetElapsedTime(run.Started);
        if (remaining <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        var environment = BuildEnvironment.Create(run.NodeBin, sandbox.Home, sandbox.Temp, nodeEnv, run.Variables, sandbox.Identity.BuildId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, run.Disk.Exceeded);
        stop.CancelAfter(remaining);
        int exitCode;
        try
        {
            exitCode = await ChildProcessRunner.RunAsync(new ChildCommand(tool, arguments, sandbox.Project, environment), sandbox.Processes, run.Log, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (run.Disk.Exceeded.IsCancellationRequested)
            {
                throw DiskLimitExceeded(run);
            }

            run.Log.Append($"[orchestrator] time limit of {_options.TimeoutSeconds} s reached: every process of the build was killed");
            throw TimedOut();
        }

        // A build can write fast and exit between two measurements: the budget is checked once more at its end.
        return run.Disk.CheckNow() ? throw DiskLimitExceeded(run) : exitCode;
    }

    private StageFailedException TimedOut() =>
        new(BuildErrorCodes.BuildTimedOut, $"Install and build took longer than the {_options.TimeoutSeconds} s allowed (Build:TimeoutSeconds).", retryable: true);

    private StageFailedException DiskLimitExceeded(ChildRun run)
    {
        var used = run.Disk.ExceededBytes >> 20;
        var limit = _options.DiskLimitBytes >> 20;
        Logs.DiskLimitExceeded(logger, run.JobId, used, limit);
        run.Log.Append($"[orchestrator] the build held {used} MB on disk, over its budget of {limit} MB: every process of the build was killed");
        return new StageFailedException(
            BuildErrorCodes.DiskLimitExceeded,
            $"The build wrote more to disk than the {limit} MB allowed (Build:DiskLimitMegabytes): it held {used} MB when it was stopped.",
            retryable: false);
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

    /// <summary>A command from the project's settings: a shell line, with the project's own tools on PATH as <c>npm run</c> gives them.</summary>
    private static (string Tool, string[] Arguments) ShellCommand(string command) =>
        ("/bin/sh", ["-c", "PATH=\"$PWD/node_modules/.bin:$PATH\"; export PATH\n" + command]);

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

    /// <summary>
    /// Every failure as a <see cref="StageFailedException"/> with its class (storage trouble keeps the store's
    /// retryability), its message free of the function's own paths: it goes into the job document.
    /// </summary>
    private StageFailedException? Classify(Exception ex)
    {
        var failure = ClassifyRaw(ex);
        if (failure is null)
        {
            return null;
        }

        var message = BuildSandbox.Redact(failure.Message, _options.WorkRoot);
        return message == failure.Message ? failure : new StageFailedException(failure.Code, message, failure.Retryable, failure.InnerException ?? failure);
    }

    private static StageFailedException? ClassifyRaw(Exception ex) => ex switch
    {
        StageFailedException stage => stage,
        ObjectNotFoundException missing => new StageFailedException(BuildErrorCodes.InputMissing, "A Fetch output is missing: " + missing.Message, retryable: false, missing),
        ArchiveRejectedException rejected => new StageFailedException(BuildErrorCodes.WorkspaceInvalid, "The stored workspace cannot be unpacked: " + rejected.Message, retryable: false, rejected),
        OrchestratorException other => new StageFailedException(other.Code, other.Message, other.Retryable, other),
        IOException or UnauthorizedAccessException => new StageFailedException(BuildErrorCodes.LocalIoError, "Local disk trouble while building: " + ex.Message, retryable: true, ex),
        System.ComponentModel.Win32Exception start => new StageFailedException(BuildErrorCodes.ToolFailed, "A build tool could not be started: " + start.Message, retryable: false, start),
        _ => null,
    };
}
