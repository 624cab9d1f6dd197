using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Logging;

/// <summary>One category's logger of a <see cref="LineFileLoggerProvider"/>.</summary>
internal sealed class LineFileLogger(string category, LineFileLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            provider.Write(category, logLevel, eventId, formatter(state, exception), exception);
        }
    }
}
