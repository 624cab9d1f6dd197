using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Tools.OssServer.Auth;
using Orchestrator.Tools.OssServer.Disk;
using Orchestrator.Tools.OssServer.Faults;
using Orchestrator.Tools.OssServer.Notifications;

namespace Orchestrator.Tools.OssServer.Api;

/// <summary>
/// The OSS REST surface: every request goes through <see cref="HandleAsync"/>, which stamps a request id, applies
/// injected faults, authenticates, dispatches on method + sub-resource, and turns failures into OSS's XML errors.
/// </summary>
internal sealed partial class OssApi(
    DiskStore store,
    RequestAuthenticator authenticator,
    FaultInjection faults,
    NotificationHub notifications,
    OssEventJson.Source eventSource,
    long maxObjectSize,
    string? siteBucket,
    TimeProvider timeProvider,
    ILogger logger)
{
    public const string WebsitePrefix = "/-/website/";

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..24];
        http.Response.Headers["x-oss-request-id"] = requestId;
        http.Response.Headers["Server"] = "AliyunOSS";
        var cancellationToken = http.RequestAborted;
        try
        {
            if (siteBucket is not null && SiteHost(http.Request.Host.Host) is { } site)
            {
                await ServeSiteAsync(http, siteBucket, site, cancellationToken);
                return;
            }

            if (http.Request.Path.StartsWithSegments(WebsitePrefix.TrimEnd('/'), StringComparison.Ordinal))
            {
                await ServeWebsiteAsync(http, cancellationToken);
                return;
            }

            var latency = faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, timeProvider, cancellationToken);
            }

            if (faults.ShouldFail())
            {
                throw new OssErrorException(503, "ServiceUnavailable", "Please reduce your request rate (injected fault).");
            }

            var call = OssCall.Parse(http, requestId);
            authenticator.Authenticate(call.ToSigningRequest(), call.Header("Authorization"));
            await DispatchAsync(call, cancellationToken);
        }
        catch (OssErrorException e)
        {
            await WriteErrorAsync(http, requestId, e, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or System.Xml.XmlException)
        {
            Logs.RequestFailed(logger, http.Request.Method, http.Request.Path, requestId, e);
            await WriteErrorAsync(http, requestId, new OssErrorException(500, "InternalError", "We encountered an internal error. Please try again."), cancellationToken);
        }
    }

    private Task DispatchAsync(OssCall call, CancellationToken cancellationToken)
    {
        if (call.Bucket.Length == 0)
        {
            return call.Method == "GET" ? ListBucketsAsync(call, cancellationToken) : throw OssErrorException.InvalidArgument("Unsupported service-level request.");
        }

        if (call.Key is null)
        {
            return call.Method switch
            {
                "PUT" => CreateBucketAsync(call),
                "GET" => ListObjectsAsync(call, cancellationToken),
                "HEAD" => HeadBucketAsync(call),
                _ => throw new OssErrorException(405, "MethodNotAllowed", $"{call.Method} is not supported on a bucket here."),
            };
        }

        if (call.Key.Length > 1023)
        {
            throw OssErrorException.InvalidArgument("The object key must be 1 to 1023 bytes long.");
        }

        return call.Method switch
        {
            "PUT" when call.Has("uploadId") => UploadPartAsync(call, cancellationToken),
            "PUT" when call.Header("x-oss-copy-source") is not null => CopyObjectAsync(call, cancellationToken),
            "PUT" => PutObjectAsync(call, cancellationToken),
            "GET" => GetObjectAsync(call, headOnly: false, cancellationToken),
            "HEAD" => GetObjectAsync(call, headOnly: true, cancellationToken),
            "DELETE" when call.Has("uploadId") => AbortMultipartAsync(call),
            "DELETE" => DeleteObjectAsync(call),
            "POST" when call.Has("uploads") => InitiateMultipartAsync(call, cancellationToken),
            "POST" when call.Has("uploadId") => CompleteMultipartAsync(call, cancellationToken),
            _ => throw new OssErrorException(405, "MethodNotAllowed", $"{call.Method} is not supported on an object here."),
        };
    }

    private static async Task WriteErrorAsync(HttpContext http, string requestId, OssErrorException error, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }

        http.Response.StatusCode = error.Status;
        http.Response.Headers["x-oss-err-code"] = error.Code;
        if (error.Status == 304 || HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n");
        xml.Append("  <Code>").Append(SecurityElement.Escape(error.Code)).Append("</Code>\n");
        xml.Append("  <Message>").Append(SecurityElement.Escape(error.Message)).Append("</Message>\n");
        xml.Append("  <RequestId>").Append(requestId).Append("</RequestId>\n");
        xml.Append("  <HostId>").Append(SecurityElement.Escape(http.Request.Host.Value ?? "127.0.0.1")).Append("</HostId>\n");
        foreach (var (name, value) in error.Details)
        {
            xml.Append("  <").Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append(">\n");
        }

        xml.Append("</Error>\n");
        http.Response.ContentType = "application/xml";
        await http.Response.WriteAsync(xml.ToString(), cancellationToken);
    }

    private static Task WriteXmlAsync(HttpContext http, System.Xml.Linq.XElement root, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "application/xml";
        return http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), cancellationToken);
    }

    private void Notify(OssCall call, string eventName, ObjectRecord record, long previousSize)
    {
        var notification = new OssNotification(call.Bucket, record.Key, eventName, record.ETag, record.Size, call.RequestId, record.LastModified, string.Empty);
        var source = eventSource with { SourceIp = call.Http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1" };
        notifications.Publish(notification with { EventJson = OssEventJson.Write(notification, record.Size - previousSize, source) });
    }
}
