using System.Globalization;
using System.Text;

namespace Orchestrator.Functions.Build;

/// <summary>
/// A build log capped in size: the first <c>headBytes</c> and the last <c>tailBytes</c> are kept (where errors
/// usually are), the middle is replaced by a note of how much was cut. Safe to append from two pipe readers.
/// </summary>
public sealed class BoundedLog(int headBytes, int tailBytes)
{
    private const int MaxLineChars = 8192;
    private readonly Lock _gate = new();
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private long _headSize;
    private long _tailSize;
    private long _cutLines;
    private long _cutBytes;

    /// <summary>Grows with every append, so an uploader can tell whether anything changed.</summary>
    public long Version { get; private set; }

    public void Append(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLineChars)
        {
            line = string.Concat(line.AsSpan(0, MaxLineChars), " … [line cut]");
        }

        var size = Encoding.UTF8.GetByteCount(line) + 1;
        lock (_gate)
        {
            Version++;
            if (_cutLines == 0 && _tail.Count == 0 && _headSize + size <= headBytes)
            {
                _head.Add(line);
                _headSize += size;
                return;
            }

            _tail.Enqueue(line);
            _tailSize += size;
            while (_tailSize > tailBytes && _tail.Count > 1)
            {
                var dropped = _tail.Dequeue();
                var droppedSize = Encoding.UTF8.GetByteCount(dropped) + 1;
                _tailSize -= droppedSize;
                _cutLines++;
                _cutBytes += droppedSize;
            }
        }
    }

    /// <summary>The log as text: head, a cut note when something was dropped, tail.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var line in _head)
            {
                text.Append(line).Append('\n');
            }

            if (_cutLines > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"… [{_cutLines} lines, {_cutBytes} bytes cut from the middle of this log] …\n");
            }

            foreach (var line in _tail)
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }
}
