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
/// run the build script isolated (a uid of its own, see <see cref="BuildSandbox"/>), time-boxed and within its disk
/// budget while its log streams to OSS, and store the output folder. Every process the build started is dead
/// before the output is read, the cache saved or the stage reported.
/// </summary>
public sealed class BuildStage(IObjectStore store, IOptions<BuildOptions> options, BuildIdentities identities, TimeProvider timeProvider, ILogger<BuildStage> logger) : IStage<BuildRequested>
{
    /// <summary>Beside the work folders, the function's own: what an install made, copied out of the build's reach while it is stored.</summary>
    public const string CacheCopiesName = "orchestrator-cache-copies";

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
        Step(request, log, started, $"restoring workspace {workspaceKey}");
        await StoredArchives.DownloadAndExtractAsync(store, _options.Bucket, workspaceKey, project, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, cancellationToken);

        var toolchain = await Toolchain.ChooseAsync(_options, manifest, project);
        var node = toolchain.Node;
        var manager = toolchain.Manager;
        Step(request, log, started, $"node {node.Node.Version} from {node.Node.Bin}: {node.Reason}");
        Step(request, log, started, $"{manager.Name} {manager.Version}: {manager.Reason}");

        // Uploaded node_modules are someone else's machine's: the frozen install or the cache replaces them.
        DeleteNodeModules(project);
        var cache = new DependencyCache(store, _options.Bucket, logger);
        var cacheKey = manifest.InstallRequired && manifest.CacheKey is { } fetchKey ? DependencyCache.KeyFor(fetchKey, toolchain.CacheIdentity) : null;
        var cacheHit = cacheKey is not null && await cache.RestoreAsync(request.JobId, cacheKey, project, Path.Combine(sandbox.Folder, "cache"), log, cancellationToken);
        Directory.CreateDirectory(sandbox.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var corepack = await RestoreCorepackAsync(request.JobId, cache, sandbox, manager, log, cancellationToken);
        var shims = toolchain.WriteShim(Path.Combine(sandbox.Home, ".orchestrator-bin"));
        await sandbox.HandOverAsync();
        await using var disk = new DiskWatcher(sandbox, _options.DiskLimitBytes);
        disk.Start(TimeSpan.FromMilliseconds(_options.DiskCheckIntervalMilliseconds), timeProvider);
        // The function's configured variables, then the project's (Fetch refused reserved names; BuildEnvironment drops any that still arrive).
        var variables = Toolchain.Variables(_options, corepack.Home);
        foreach (var (name, value) in _options.Environment.Concat(manifest.BuildEnvironment ?? new Dictionary<string, string>()))
        {
            variables[name] = value;
        }

        var run = new ChildRun(request.JobId, sandbox, disk, log, started, shims is null ? node.Node.Bin : shims + ":" + node.Node.Bin, variables);
        if (manager.ViaCorepack)
        {
            Step(request, log, started, $"corepack provides {manager.Spec}");
            await FetchManagerAsync(run, manager, corepack, cache, cancellationToken);
        }

        var pendingSave = Task.CompletedTask;
        if (manifest.InstallRequired && !cacheHit)
        {
            var before = ProjectSnapshot.Take(project);
            var (installTool, installArguments) = manifest.CustomInstallCommand is { } customInstall ? ShellCommand(customInstall) : (manager.Program, manager.InstallArguments);
            Step(request, log, started, $"installing dependencies: {manifest.CustomInstallCommand ?? manager.Name + " " + string.Join(' ', manager.InstallArguments.Skip(manager.Prefix.Count))}");
            var install = await RunChildAsync(run, installTool, installArguments, sandbox.Project, null, cancellationToken);
            if (install != 0)
            {
                throw new StageFailedException(BuildErrorCodes.InstallFailed, $"{manager.Name} install exited with code {install}; see the build log.", _options.RetryInstallFailures);
            }

            // Every process of the install (postinstall scripts and what they left running) is dead by now, and no
            // other build can enter the work folder: what it made is copied out of the build's reach as it is, and
            // stored for other jobs while the build script runs.
            if (cacheKey is not null)
            {
                var copies = TrustedFolder.Ensure(Path.Combine(_options.WorkRoot, CacheCopiesName), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                pendingSave = await cache.StartSaveAsync(request.JobId, cacheKey, before, Path.Combine(copies, identity.BuildId), log, cancellationToken);
            }
        }

        try
        {
            return await BuildAndStoreAsync(request, run, manifest, manager, cacheHit, cancellationToken);
        }
        finally
        {
            // Never fails (a cache that could not be stored is only logged); awaited so the instance is not frozen mid-upload.
            await pendingSave;
        }
    }

    /// <summary>Runs the build script and stores its output folder.</summary>
    private async Task<Dictionary<string, string>> BuildAndStoreAsync(BuildRequested request, ChildRun run, WorkspaceManifest manifest, PackageManagerPlan manager, bool cacheHit, CancellationToken cancellationToken)
    {
        var (log, started, project) = (run.Log, run.Started, run.Sandbox.Project);
        var (buildTool, buildArguments) = manifest.CustomBuildCommand is { } customBuild ? ShellCommand(customBuild) : (manager.Program, manager.RunArguments(manifest.BuildScript));
        Step(request, log, started, manifest.CustomBuildCommand is null ? $"running script \"{manifest.BuildScript}\": {manifest.BuildCommand}" : $"running the settings' build command: {manifest.CustomBuildCommand}");
        var build = await RunChildAsync(run, buildTool, buildArguments, project, _options.NodeEnv, cancellationToken);
        if (build != 0)
        {
            throw new StageFailedException(BuildErrorCodes.BuildScriptFailed, $"The build script \"{manifest.BuildScript}\" exited with code {build}; see the build log.", _options.RetryScriptFailures);
        }

        // The build's processes are all dead (RunChildAsync waits for that), so the output stays as it was left.
        var outputDirectory = OutputLocator.Find(Path.GetFullPath(project), manifest.OutputDirectory ?? _options.OutputDirectory);
        var outputKey = ObjectKeys.BuildOutput(request.JobId);
        var stored = await StoredArchives.UploadDirectoryAsync(store, outputDirectory, new ArchiveUpload(_options.Bucket, outputKey, request.JobId, ObjectKeys.Lower(StageName.Build)), cancellationToken);
        Step(request, log, started, $"output {Path.GetRelativePath(project, outputDirectory)}/ stored as {outputKey}: {stored.Files} files, {stored.Bytes} bytes, sha256 {stored.Sha256}");
        Logs.Succeeded(logger, request.JobId, request.Attempt, outputKey, stored.Files, cacheHit);
        return new Dictionary<string, string>
        {
            [StageOutputKeys.Output] = outputKey,
            [StageOutputKeys.CacheHit] = cacheHit ? "true" : "false",
            ["isolated"] = run.Sandbox.Identity.Isolated ? "true" : "false",
        };
    }

    /// <summary>Runs one build command; when it returns, every process of the build is dead and the disk budget was checked.</summary>
    private async Task<int> RunChildAsync(ChildRun run, string tool, IReadOnlyList<string> arguments, string workingDirectory, string? nodeEnv, CancellationToken cancellationToken)
    {
        var sandbox = run.Sandbox;
        var remaining = TimeSpan.FromSeconds(_options.TimeoutSeconds) - timeProvider.GetElapsedTime(run.Started);
        if (remaining <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        var environment = BuildEnvironment.Create(run.BinPath, sandbox.Home, sandbox.Temp, nodeEnv, run.Variables, sandbox.Identity.BuildId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, run.Disk.Exceeded);
        stop.CancelAfter(remaining);
        int exitCode;
        try
        {
            exitCode = await ChildProcessRunner.RunAsync(new ChildCommand(tool, arguments, workingDirectory, environment), sandbox.Processes, run.Log, stop.Token);
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
    private static (string Tool, IReadOnlyList<string> Arguments) ShellCommand(string command) =>
        ("/bin/sh", ["-c", "PATH=\"$PWD/node_modules/.bin:$PATH\"; export PATH\n" + command]);

    /// <summary>Deletes every node_modules folder of the project (at its root and in workspace packages; not those inside another).</summary>
    private static void DeleteNodeModules(string folder)
    {
        foreach (var child in new DirectoryInfo(folder).EnumerateDirectories())
        {
            if (child.LinkTarget is not null)
            {
                continue;
            }

            if (child.Name == "node_modules")
            {
                child.Delete(recursive: true);
            }
            else
            {
                DeleteNodeModules(child.FullName);
            }
        }
    }

    /// <summary>
    /// Makes corepack's folder in the build's HOME and fills it from the cache of this manager version, if there is
    /// one; otherwise notes its empty state, so what corepack downloads can be saved.
    /// </summary>
    private static async Task<CorepackFolder> RestoreCorepackAsync(string jobId, DependencyCache cache, BuildSandbox sandbox, PackageManagerPlan manager, BoundedLog log, CancellationToken cancellationToken)
    {
        var home = Path.Combine(sandbox.Home, ".corepack");
        Directory.CreateDirectory(home);
        if (!manager.ViaCorepack)
        {
            return new CorepackFolder(home, null, null);
        }

        var key = DependencyCache.KeyFor("corepack", manager.Spec);
        var hit = await cache.RestoreAsync(jobId, key, home, Path.Combine(sandbox.Folder, "corepack-cache"), log, cancellationToken);
        return new CorepackFolder(home, key, hit ? null : ProjectSnapshot.Take(home));
    }

    /// <summary>
    /// Has corepack fetch the manager (from HOME, so none of the project's settings or plugins load) and, on a
    /// cache miss, saves what it fetched before any of the project's code has run and could have changed it.
    /// </summary>
    private async Task FetchManagerAsync(ChildRun run, PackageManagerPlan manager, CorepackFolder corepack, DependencyCache cache, CancellationToken cancellationToken)
    {
        var exitCode = await RunChildAsync(run, manager.Program, manager.VersionArguments, run.Sandbox.Home, null, cancellationToken);
        if (exitCode != 0)
        {
            throw new StageFailedException(BuildErrorCodes.PackageManagerFetchFailed, $"corepack could not provide {manager.Spec} (exit code {exitCode}): is the registry ({(_options.Registry is { Length: > 0 } r ? r : Toolchain.DefaultRegistry)}) reachable? See the build log.", retryable: true);
        }

        if (corepack is { Key: { } key, Before: { } before })
        {
            await cache.SaveAsync(run.JobId, key, before, run.Log, cancellationToken);
        }
    }

    /// <summary>Logs a step, in the build log with the seconds since the build started (where a slow build spends its time).</summary>
    private void Step(BuildRequested request, BoundedLog log, long started, string step)
    {
        Logs.Step(logger, request.JobId, request.Attempt, step);
        log.Append(string.Create(CultureInfo.InvariantCulture, $"[orchestrator] {timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s: {step}"));
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
