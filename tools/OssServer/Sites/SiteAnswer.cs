namespace Orchestrator.Tools.OssServer.Sites;

/// <summary>How a site answers one request: serve <see cref="File"/> (a release path) with <see cref="Status"/>, redirect to <see cref="Location"/>, or a bare 404 when both are null.</summary>
internal sealed record SiteAnswer(int Status, string? File, string? Location);
