using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Archives;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Build;
using Orchestrator.Storage;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>
/// Puts a project into the local OSS server the way Fetch leaves it (workspace tar.gz + manifest), and makes
/// <see cref="BuildStage"/> instances over that server.
/// </summary>
public sealed class BuildHarness(LocalOss oss, string workRoot)
{
    public LocalOss Oss { get; } = oss;

    public IObjectStore Store => Oss.Store;

    public string Bucket => Oss.Bucket;

    /// <summary>Where the builds' work folders are made (under <see cref="BuildSandbox.RootName"/>).</summary>
    public string BuildRoot => Path.Combine(workRoot, BuildSandbox.RootName);

    /// <summary>A folder (outside every work folder) the builds' uids may write to: how a test script reports back.</summary>
    public string SharedFolder()
    {
        var folder = Path.Combine(workRoot, "shared-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        return folder;
    }

    public static string NewJobId() => "job-" + Guid.NewGuid().ToString("N")[..12];

    public BuildStage Stage(Action<BuildOptions>? configure = null)
    {
        var options = Options.Create(new BuildOptions { Bucket = Bucket, WorkRoot = workRoot, TimeoutSeconds = 60, LogUploadIntervalSeconds = 1, DiskCheckIntervalMilliseconds = 100 });
        configure?.Invoke(options.Value);
        return new BuildStage(Store, options, new BuildIdentities(options, NullLogger<BuildIdentities>.Instance), TimeProvider.System, NullLogger<BuildStage>.Instance);
    }

    /// <summary>Stores <paramref name="projectDirectory"/> as job <paramref name="jobId"/>'s workspace and returns the Build request.</summary>
    public async Task<BuildRequested> SeedAsync(string jobId, string projectDirectory, string? cacheKey, CancellationToken cancellationToken)
    {
        var workspace = await StoredArchives.UploadDirectoryAsync(Store, projectDirectory, new ArchiveUpload(Bucket, ObjectKeys.Workspace(jobId), jobId, "fetch"), cancellationToken);
        var hasLock = File.Exists(Path.Combine(projectDirectory, "package-lock.json"));
        var manifest = new WorkspaceManifest
        {
            JobId = jobId,
            Site = "hello",
            Source = new SourceObject(Bucket, "src/hello/app.zip", "\"etag\"", 1),
            SourceSha256 = new string('0', 64),
            ArchiveFormat = "zip",
            ProjectPath = string.Empty,
            PackageManager = "npm",
            Lockfile = hasLock ? "package-lock.json" : null,
            InstallRequired = hasLock,
            NodeMajor = 20,
            BuildScript = "build",
            BuildCommand = "node build.mjs",
            CacheKey = hasLock ? cacheKey : null,
            Platform = "linux-x64",
            Files = workspace.Files,
            Bytes = workspace.Bytes,
            WorkspaceSha256 = workspace.Sha256,
        };
        using (var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, WorkspaceManifestJsonContext.Default.WorkspaceManifest)))
        {
            await Store.PutAsync(Bucket, ObjectKeys.WorkspaceManifest(jobId), body, null, cancellationToken);
        }

        var inputs = new Dictionary<string, string>
        {
            [StageOutputKeys.Workspace] = ObjectKeys.Workspace(jobId),
            [StageOutputKeys.Manifest] = ObjectKeys.WorkspaceManifest(jobId),
        };
        return new BuildRequested("m-" + jobId, jobId, "hello", 1, inputs);
    }

    public async Task<string> ReadTextAsync(string key, CancellationToken cancellationToken)
    {
        await using var content = await Store.GetAsync(Bucket, key, null, cancellationToken);
        using var reader = new StreamReader(content.Content);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Unpacks a stored tar.gz into a new folder under <paramref name="parent"/>.</summary>
    public async Task<string> RestoreAsync(string key, string parent, CancellationToken cancellationToken)
    {
        var target = Path.Combine(parent, "restored-" + Guid.NewGuid().ToString("N")[..8]);
        await StoredArchives.DownloadAndExtractAsync(Store, Bucket, key, target, ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, cancellationToken);
        return target;
    }
}
