using System.Net;

namespace Orchestrator.Storage.Oss;

/// <summary>
/// Streams the caller's body without owning it (StreamContent would dispose the caller's stream with the request)
/// and, for a seekable stream, rewinds to where it started so a retry sends the same bytes.
/// </summary>
internal sealed class StreamBodyContent : HttpContent
{
    private readonly Stream _source;
    private readonly long? _length;
    private readonly long _start;

    // start: where the body begins in a seekable stream, fixed once per call (not per attempt) so a retry rewinds to it.
    public StreamBodyContent(Stream source, long start, long? length)
    {
        _source = source;
        _length = length;
        _start = start;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_source.CanSeek)
        {
            _source.Position = _start;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long remaining = _length ?? long.MaxValue;
            while (remaining > 0)
            {
                var read = await _source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length.HasValue;
    }
}
