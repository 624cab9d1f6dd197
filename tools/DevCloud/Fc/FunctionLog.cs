namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// One function's log file (<c>&lt;logs&gt;/&lt;function&gt;.log</c>), written by every instance of the function: one
/// writer, so the lines of concurrent instances never overwrite each other.
/// </summary>
public sealed class FunctionLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private bool _closed;

    public FunctionLog(string logDirectory, string functionName)
    {
        Directory.CreateDirectory(logDirectory);
        Path = System.IO.Path.Combine(logDirectory, functionName + ".log");
        _writer = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Appends one line; lines arriving after <see cref="Dispose"/> (a dying process's last output) are dropped.</summary>
    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
