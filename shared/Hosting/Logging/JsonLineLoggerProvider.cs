using Microsoft.Extensions.Logging;

namespace Orchestrator.Hosting.Logging;

/// <summary>
/// Writes each log entry as one JSON line on stdout (FC's log service indexes JSON fields), with the values of
/// the active scopes (the host opens one holding the request id for each invocation).
/// </summary>
internal sealed class JsonLineLoggerProvider(LogSink sink, TimeProvider timeProvider) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(categoryName, sink, timeProvider, () => _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => sink.Flush();
}
