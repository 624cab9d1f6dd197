using System.Globalization;
using System.Text;
using Orchestrator.Archives;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Fetch.Detection;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Fetch;

/// <summary>
/// The fetch attempt's log (<c>jobs/&lt;jobId&gt;/logs/fetch-&lt;attempt&gt;.log</c>), what <c>orchestrator logs JOB
/// --stage fetch</c> shows: what was downloaded and unpacked, what was detected in it and what the build will do,
/// or why the attempt failed. Lines are added as the attempt learns them, so a failure's log shows how far it got.
/// </summary>
internal sealed class FetchLog(FetchRequested request)
{
    private readonly StringBuilder _text = new(string.Create(CultureInfo.InvariantCulture, $"fetch {request.Site} job {request.JobId} attempt {request.Attempt}\n"));

    public void Downloaded(DownloadedSource source) =>
        Line($"source oss://{request.Source.Bucket}/{request.Source.Key}: {source.Size} bytes, sha256 {source.Sha256}");

    public void Unpacked(string format, ExtractionResult extraction) =>
        Line($"unpacked {format}: {extraction.Files} files, {extraction.Directories} folders, {extraction.SymbolicLinks} links, {extraction.TotalBytes} bytes"
            + (extraction.StrippedFolder is { } folder ? $"; the single top folder '{folder}/' removed" : ""));

    public void Detected(ProjectInfo project)
    {
        var settings = project.Settings;
        Line($"settings files: {(settings.Files.Count == 0 ? "none (orchestrator.json, vercel.json, netlify.toml: all absent)" : string.Join(" > ", settings.Files))}");
        Line($"project folder: {(project.ProjectPath.Length == 0 ? "(the archive's root)" : project.ProjectPath)} ({project.ProjectPathReason})");
        Line($"package manager: {project.PackageManager}{(project.PackageManagerVersion is { } version ? " " + version : "")}"
            + $"; lockfile: {project.Lockfile ?? "none"}; install: {(project.InstallRequired ? "yes" : "no (no dependencies)")}");
        Line($"node: {project.NodeVersion ?? "not requested"}, major {project.NodeMajor}; platform {project.Platform}");
        Line(settings.BuildCommand is { } command ? $"build: command `{command}` from the settings" : $"build: script '{project.BuildScript}', command `{project.BuildCommand}`");
        if (settings.InstallCommand is { } install)
        {
            Line($"install: command `{install}` from the settings");
        }

        Line($"output folder: {settings.OutputDirectory ?? "the first of dist, build, out (none set)"}");
        if (settings.Environment.Count > 0)
        {
            // Names only: values may be tokens a user thought harmless, and the log is readable by every operator.
            Line($"build variables: {string.Join(", ", settings.Environment.Keys.Order(StringComparer.Ordinal))}");
        }

        if (settings.ToRouting() is { } routing)
        {
            Line($"routing: {routing.Redirects.Count} redirect/rewrite rules, {routing.Headers.Count} header rules, SPA fallback {routing.SpaFallback ?? "none"}, "
                + $"clean URLs {(routing.CleanUrls ? "on" : "off")}, trailing slash {routing.TrailingSlash switch { true => "added", false => "removed", null => "as asked" }}");
        }

        Line($"dependency cache key: {project.CacheKey ?? "none (nothing to cache)"}");
    }

    public void Stored(StoredArchive workspace) =>
        Line($"workspace stored: {workspace.Key}, {workspace.Files} files, {workspace.ArchiveBytes} bytes, sha256 {workspace.Sha256}");

    public void Failed(OrchestratorException failure) =>
        Line($"failed: {failure.Code} (retryable: {(failure.Retryable ? "yes" : "no")})\n{failure.Message}");

    public async Task StoreAsync(IObjectStore store, string bucket, string key, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(_text.ToString()), writable: false);
        await store.PutAsync(bucket, key, body, new PutOptions { ContentType = "text/plain; charset=utf-8" }, cancellationToken);
    }

    private void Line(string line) => _text.Append(line).Append('\n');
}
