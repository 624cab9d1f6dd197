using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Logging;

/// <summary>
/// Writes log entries as plain lines (time, level, category, event, message) to one file: where a chaos run keeps
/// the dev cloud's own log (queue deliveries, redeliveries, dead letters, instances) beside the functions' logs.
/// </summary>
internal sealed class LineFileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public LineFileLoggerProvider(string path, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new LineFileLogger(categoryName, this);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    internal void Write(string category, LogLevel level, EventId eventId, string message, Exception? exception)
    {
        var line = $"{_time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {level} {category}[{eventId.Id}] {message}";
        lock (_gate)
        {
            _writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
