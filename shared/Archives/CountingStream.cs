namespace Orchestrator.Archives;

/// <summary>Counts the compressed bytes a decompressor has pulled, for the whole-archive ratio check.</summary>
internal sealed class CountingStream(Stream inner) : ReadOnlyStreamBase
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        BytesRead += n;
        return n;
    }
}
