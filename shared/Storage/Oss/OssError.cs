using System.Net;
using System.Xml.Linq;

namespace Orchestrator.Storage.Oss;

/// <summary>An OSS error answer: the status, and Code / Message / RequestId from its XML body (or headers for HEAD).</summary>
internal sealed record OssError(int Status, string Code, string Message, string? RequestId, DateTimeOffset? ServerDate)
{
    private const int MaxErrorBody = 64 * 1024;

    /// <summary>Worth another attempt: 5xx, 408, 429 and a clock skew the next attempt corrects.</summary>
    public bool Retryable => Status >= 500 || Status is 408 or 429 || Code == "RequestTimeTooSkewed";

    public static async Task<OssError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var requestId = response.Headers.TryGetValues("x-oss-request-id", out var ids) ? ids.FirstOrDefault() : null;
        string? code = null;
        string? message = null;
        var body = await ReadLimitedAsync(response.Content, cancellationToken);
        if (body.Length > 0)
        {
            try
            {
                var root = XDocument.Parse(body).Root;
                code = root?.Element("Code")?.Value;
                message = root?.Element("Message")?.Value;
                requestId = root?.Element("RequestId")?.Value ?? requestId;
            }
            catch (System.Xml.XmlException)
            {
                message = body.Length > 200 ? body[..200] : body;
            }
        }

        code ??= response.Headers.TryGetValues("x-oss-err-code", out var codes) ? codes.FirstOrDefault() : null;
        code ??= DefaultCode(response.StatusCode);
        message ??= response.ReasonPhrase ?? "no message";
        return new OssError(status, code, message, requestId, response.Headers.Date);
    }

    /// <summary>The typed exception for this error; <paramref name="what"/> names the call, e.g. <c>GET bucket/key</c>.</summary>
    public ObjectStoreException ToException(string what)
    {
        var text = $"OSS {Code} ({Status}) on {what}: {Message}" + (RequestId is null ? string.Empty : $" (request id {RequestId})");
        return Status switch
        {
            404 => new ObjectNotFoundException(Code, text, RequestId),
            409 when Code == "FileAlreadyExists" => new ObjectAlreadyExistsException(text, RequestId),
            412 => new PreconditionFailedException(text, RequestId),
            304 => new NotModifiedException(RequestId),
            403 when Code == "RequestTimeTooSkewed" => new TransientStoreException(Code, text, Status, RequestId),
            403 => new AccessDeniedException(Code, text, RequestId),
            429 => new ThrottledException(Code, text, Status, RequestId),
            503 when Code == "SlowDown" => new ThrottledException(Code, text, Status, RequestId),
            >= 500 or 408 => new TransientStoreException(Code, text, Status, RequestId),
            _ => new ObjectStoreException(Code, text, Status, RequestId, retryable: false),
        };
    }

    private static string DefaultCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "NoSuchKey",
        HttpStatusCode.Forbidden => "AccessDenied",
        HttpStatusCode.Conflict => "FileAlreadyExists",
        HttpStatusCode.PreconditionFailed => "PreconditionFailed",
        HttpStatusCode.NotModified => "NotModified",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.RequestTimeout => "RequestTimeout",
        _ => "Http" + (int)status,
    };

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBody];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total).Trim();
    }
}
