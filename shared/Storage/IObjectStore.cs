namespace Orchestrator.Storage;

/// <summary>
/// The object store: OSS in the cloud, the local OSS-compatible server in development and tests.
/// It is the system's only database, so its operations keep OSS's semantics exactly, notably
/// <see cref="PutOptions.ForbidOverwrite"/> as the create-only primitive the job journal relies on.
/// Failures are <see cref="ObjectStoreException"/> subtypes carrying OSS's error code and request id.
/// </summary>
public interface IObjectStore
{
    /// <summary>Uploads <paramref name="content"/> (streamed; large or unknown-length bodies go multipart).</summary>
    /// <exception cref="ObjectAlreadyExistsException">ForbidOverwrite was set and the key exists.</exception>
    Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken);

    /// <summary>Opens the object for streaming. Dispose the result to release the connection.</summary>
    /// <exception cref="ObjectNotFoundException">No such key.</exception>
    /// <exception cref="PreconditionFailedException">If-Match failed.</exception>
    /// <exception cref="NotModifiedException">If-None-Match matched.</exception>
    Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken);

    /// <summary>The object's metadata, or null when the key does not exist.</summary>
    Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Server-side copy; metadata copied from the source or replaced, per <paramref name="options"/>.</summary>
    Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken);

    /// <summary>Deletes the key; deleting a missing key succeeds (as in OSS).</summary>
    Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>One page of ListObjectsV2.</summary>
    Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken);
}
