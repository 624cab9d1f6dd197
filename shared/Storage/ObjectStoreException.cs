using Orchestrator.Contracts.Errors;

namespace Orchestrator.Storage;

/// <summary>
/// A failed object-store call. Keeps OSS's error code (e.g. <c>NoSuchKey</c>), the HTTP status and OSS's request id,
/// so an operator can quote them to support.
/// </summary>
public class ObjectStoreException : OrchestratorException
{
    public ObjectStoreException(string ossCode, string message, int statusCode, string? requestId, bool retryable, Exception? innerException = null)
        : base("Storage" + ossCode, message, retryable, innerException)
    {
        OssCode = ossCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public string OssCode { get; }

    public int StatusCode { get; }

    public string? RequestId { get; }
}

/// <summary>404 NoSuchKey / NoSuchBucket.</summary>
public sealed class ObjectNotFoundException(string ossCode, string message, string? requestId)
    : ObjectStoreException(ossCode, message, 404, requestId, retryable: false);

/// <summary>409 FileAlreadyExists: a create-only write lost to an earlier one.</summary>
public sealed class ObjectAlreadyExistsException(string message, string? requestId)
    : ObjectStoreException("FileAlreadyExists", message, 409, requestId, retryable: false);

/// <summary>412 PreconditionFailed.</summary>
public sealed class PreconditionFailedException(string message, string? requestId)
    : ObjectStoreException("PreconditionFailed", message, 412, requestId, retryable: false);

/// <summary>304 Not Modified for If-None-Match.</summary>
public sealed class NotModifiedException(string? requestId)
    : ObjectStoreException("NotModified", "The object was not modified.", 304, requestId, retryable: false);

/// <summary>403: AccessDenied, SignatureDoesNotMatch, InvalidAccessKeyId and the like.</summary>
public sealed class AccessDeniedException(string ossCode, string message, string? requestId)
    : ObjectStoreException(ossCode, message, 403, requestId, retryable: false);

/// <summary>429 / 503 SlowDown, after the client's own retries.</summary>
public sealed class ThrottledException(string ossCode, string message, int statusCode, string? requestId)
    : ObjectStoreException(ossCode, message, statusCode, requestId, retryable: true);

/// <summary>5xx, time-outs, dropped connections, after the client's own retries.</summary>
public sealed class TransientStoreException(string ossCode, string message, int statusCode, string? requestId, Exception? innerException = null)
    : ObjectStoreException(ossCode, message, statusCode, requestId, retryable: true, innerException);
