using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// A small client for the MNS queue-message REST API (version 2015-06-06): SendMessage, ReceiveMessage,
/// DeleteMessage, ChangeMessageVisibility, and the batch reads (BatchReceiveMessage, BatchPeekMessage) in
/// <c>MnsClient.Batch.cs</c>. Every request is signed (<see cref="MnsSigner"/>); an STS token goes in the
/// <c>security-token</c> header. Server errors, throttling, timeouts and lost connections are retried with
/// full-jitter backoff; MNS's XML errors become <see cref="MnsException"/>s.
/// </summary>
public sealed partial class MnsClient
{
    private const string Version = "2015-06-06";

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly ICredentialsProvider credentials;
    private readonly TimeProvider time;
    private readonly RetryPolicy retry;
    private readonly ILogger logger;

    public MnsClient(HttpClient http, Uri endpoint, ICredentialsProvider credentials, TimeProvider time, ILogger<MnsClient> logger, RetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The MNS endpoint must be an absolute http(s) URL, not \"{endpoint}\".", nameof(endpoint));
        }

        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.time = time;
        this.logger = logger;
        this.retry = retry ?? RetryPolicy.Default;
    }

    /// <summary>Puts <paramref name="body"/> on <paramref name="queue"/>, invisible for <paramref name="delay"/>.</summary>
    public Task<MnsSendResult> SendMessageAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken) =>
        SendMessageAsync(queue, body, delay, 8, cancellationToken);

    /// <summary>As above, with an MNS priority from 1 (first) to 16.</summary>
    public async Task<MnsSendResult> SendMessageAsync(string queue, string body, TimeSpan delay, int priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var delaySeconds = (int)Math.Ceiling(delay.TotalSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(delaySeconds, nameof(delay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delaySeconds, MnsLimits.MaxDelaySeconds, nameof(delay));
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 16);
        var xml = MnsXml.SendMessageRequest(body, delaySeconds, priority);
        var response = await SendAsync(HttpMethod.Post, QueuePath(queue) + "/messages", xml, "SendMessage", cancellationToken);
        return Read(response, MnsXml.ReadSendResult);
    }

    /// <summary>Takes the next visible message, waiting up to <paramref name="waitSeconds"/> for one; null when none came.</summary>
    public async Task<MnsReceivedMessage?> ReceiveMessageAsync(string queue, int waitSeconds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(waitSeconds, MnsLimits.MaxWaitSeconds);
        var resource = QueuePath(queue) + "/messages?waitseconds=" + waitSeconds.ToString(CultureInfo.InvariantCulture);
        try
        {
            var response = await SendAsync(HttpMethod.Get, resource, null, "ReceiveMessage", cancellationToken);
            return Read(response, MnsXml.ReadReceivedMessage);
        }
        catch (MnsException exception) when (exception.Code == "MessageNotExist")
        {
            return null;
        }
    }

    /// <summary>Deletes a received message by its receipt handle.</summary>
    public async Task DeleteMessageAsync(string queue, string receiptHandle, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptHandle);
        var resource = QueuePath(queue) + "/messages?ReceiptHandle=" + Uri.EscapeDataString(receiptHandle);
        await SendAsync(HttpMethod.Delete, resource, null, "DeleteMessage", cancellationToken);
    }

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeoutSeconds"/>; answers its new handle.</summary>
    public async Task<MnsVisibility> ChangeMessageVisibilityAsync(string queue, string receiptHandle, int visibilityTimeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptHandle);
        ArgumentOutOfRangeException.ThrowIfNegative(visibilityTimeoutSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeoutSeconds, MnsLimits.MaxVisibilityTimeoutSeconds);
        var resource = QueuePath(queue) + "/messages?receiptHandle=" + Uri.EscapeDataString(receiptHandle)
            + "&visibilityTimeout=" + visibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        var response = await SendAsync(HttpMethod.Put, resource, null, "ChangeMessageVisibility", cancellationToken);
        return Read(response, xml =>
        {
            var fields = MnsXml.ReadFlat(xml, "ChangeVisibility");
            var handle = fields.GetValueOrDefault("ReceiptHandle") is { Length: > 0 } h ? h : throw new FormatException("<ReceiptHandle> is missing.");
            var next = long.TryParse(fields.GetValueOrDefault("NextVisibleTime"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
            return new MnsVisibility(handle, DateTimeOffset.FromUnixTimeMilliseconds(next));
        });
    }

    private static string QueuePath(string queue) =>
        MnsLimits.IsValidQueueName(queue)
            ? "/queues/" + queue
            : throw new ArgumentException($"\"{queue}\" is not a valid MNS queue name (letters, digits, hyphens; a letter first; at most 120).", nameof(queue));

    private static T Read<T>(MnsResponse response, Func<string, T> parse)
    {
        try
        {
            return parse(response.Body);
        }
        catch (FormatException exception)
        {
            throw new MnsException("MalformedResponse", "MNS answered a body that could not be read: " + exception.Message, response.Status, response.RequestId, exception);
        }
    }

    private async Task<MnsResponse> SendAsync(HttpMethod method, string resource, string? body, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = await SignAsync(method, resource, body, cancellationToken);
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var requestId = response.Headers.TryGetValues("x-mns-request-id", out var ids) ? ids.FirstOrDefault() : null;
                if (response.IsSuccessStatusCode)
                {
                    return new MnsResponse(response.StatusCode, text, requestId);
                }

                throw ToException(response.StatusCode, text, requestId);
            }
            catch (Exception exception) when (attempt < retry.MaxAttempts && IsTransient(exception, cancellationToken))
            {
                var wait = retry.BackoffAfter(attempt);
                Logs.MnsRetrying(logger, operation, attempt, retry.MaxAttempts, (long)wait.TotalMilliseconds, Describe(exception));
                await retry.Delay(wait, cancellationToken);
            }
        }
    }

    private async Task<HttpRequestMessage> SignAsync(HttpMethod method, string resource, string? body, CancellationToken cancellationToken)
    {
        var current = await credentials.GetCredentialsAsync(cancellationToken);
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(method, new Uri(endpoint, resource));
        string? contentMd5 = null;
        string? contentType = null;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            contentMd5 = MnsSigner.ContentMd5(bytes);
            contentType = MnsXml.ContentType;
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }

        var mnsHeaders = new List<KeyValuePair<string, string>> { new("x-mns-version", Version) };
        var stringToSign = MnsSigner.StringToSign(method.Method, contentMd5, contentType, date, mnsHeaders, resource);
        var signature = MnsSigner.Sign(current.AccessKeySecret, stringToSign);
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("x-mns-version", Version);
        request.Headers.TryAddWithoutValidation("Authorization", MnsSigner.Authorization(current.AccessKeyId, signature));
        if (current.SecurityToken is { Length: > 0 } token)
        {
            request.Headers.TryAddWithoutValidation("security-token", token);
        }

        return request;
    }

    private static MnsException ToException(HttpStatusCode status, string body, string? requestId)
    {
        try
        {
            var fields = MnsXml.ReadFlat(body, "Error");
            var code = fields.GetValueOrDefault("Code") is { Length: > 0 } c ? c : "Http" + (int)status;
            var message = fields.GetValueOrDefault("Message") is { Length: > 0 } m ? m : "MNS answered HTTP " + (int)status + ".";
            return new MnsException(code, message, status, fields.GetValueOrDefault("RequestId") ?? requestId);
        }
        catch (FormatException)
        {
            return new MnsException("Http" + (int)status, $"MNS answered HTTP {(int)status} without an XML error.", status, requestId);
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        MnsException mns => mns.Retryable,
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        MnsException mns => mns.Code + " (HTTP " + (int)mns.StatusCode + ")",
        HttpRequestException http => "connection: " + http.HttpRequestError,
        _ => "timeout",
    };

    private sealed record MnsResponse(HttpStatusCode Status, string Body, string? RequestId);
}
