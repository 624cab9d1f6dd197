using System.Text;

namespace Orchestrator.Hosting.Logging;

/// <summary>
/// The one writer of stdout: FC's plain <c>FC Invoke Start/End</c> lines and the JSON log lines go through the
/// same lock so they never interleave mid-line. Every line is flushed as written: FC may freeze or kill the
/// instance right after an invocation answers, and a buffered line would be lost.
/// </summary>
public sealed class LogSink
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;

    public LogSink()
        : this(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false })
    {
    }

    public LogSink(TextWriter writer)
    {
        _writer = writer;
    }

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.Write(line);
            _writer.Write('\n');
            _writer.Flush();
        }
    }

    /// <summary>Flushes stdout and stderr (for /pre-stop, /pre-freeze and shutdown).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _writer.Flush();
        }

        Console.Out.Flush();
        Console.Error.Flush();
    }
}
