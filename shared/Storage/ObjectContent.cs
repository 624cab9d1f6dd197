namespace Orchestrator.Storage;

/// <summary>An open object body. Read <see cref="Content"/> as a stream; dispose to release the connection.</summary>
public sealed class ObjectContent : IAsyncDisposable, IDisposable
{
    private readonly IDisposable? _owner;

    public ObjectContent(ObjectMetadata metadata, Stream content, IDisposable? owner = null)
    {
        Metadata = metadata;
        Content = content;
        _owner = owner;
    }

    public ObjectMetadata Metadata { get; }

    public Stream Content { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        _owner?.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _owner?.Dispose();
    }
}
