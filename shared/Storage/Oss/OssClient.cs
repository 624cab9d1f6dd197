using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Retry;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Storage.Oss;

/// <summary>
/// <see cref="IObjectStore"/> over OSS's REST API: Signature V4, streamed bodies, pooled connections, and the
/// one place where transient failures are retried (full-jitter exponential backoff). Thread-safe; keep one per process.
/// </summary>
public sealed partial class OssClient : IObjectStore, IDisposable
{
    private readonly OssClientOptions _options;
    private readonly OssEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private long _clockSkewTicks;

    public OssClient(OssClientOptions options, ILogger<OssClient>? logger = null)
    {
        options.Validate();
        _options = options;
        _endpoint = new OssEndpoint(options.Endpoint, options.ForcePathStyle);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _delay = options.Delay ?? ((delay, cancellationToken) => Task.Delay(delay, options.TimeProvider, cancellationToken));
        var handler = options.Handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        _http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint's addressing (useful to callers printing URLs).</summary>
    public OssEndpoint Endpoint => _endpoint;

    public void Dispose() => _http.Dispose();

    /// <summary>Sends <paramref name="request"/>, retrying transient failures; returns only a 2xx response.</summary>
    private async Task<HttpResponseMessage> SendAsync(OssRequest request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            Exception? failure = null;
            OssError? error = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var message = await BuildMessageAsync(request, cancellationToken);
                    var response = await _http.SendAsync(message, completion, timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    using (response)
                    {
                        error = await OssError.ReadAsync(response, timeout.Token);
                    }

                    reason = $"{error.Status} {error.Code}";
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                    reason = "connection error: " + e.Message;
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    reason = $"no answer within {_options.RequestTimeout}";
                }
                catch (IOException e)
                {
                    failure = e;
                    reason = "I/O error: " + e.Message;
                }
            }

            var retryable = error?.Retryable ?? true;
            if (!retryable || attempt >= _options.MaxAttempts)
            {
                if (error is not null)
                {
                    throw error.ToException(request.Describe());
                }

                var code = failure is OperationCanceledException ? "RequestTimeout" : "ConnectionError";
                throw new TransientStoreException(code, $"OSS {request.Describe()} failed after {attempt} attempt(s): {reason}", 0, null, failure);
            }

            if (error is { Code: "RequestTimeTooSkewed", ServerDate: { } serverDate })
            {
                Interlocked.Exchange(ref _clockSkewTicks, (serverDate - _options.TimeProvider.GetUtcNow()).Ticks);
                Logs.ClockSkew(_logger, TimeSpan.FromTicks(Interlocked.Read(ref _clockSkewTicks)).TotalSeconds);
            }

            var delay = Backoff.Next(_options.Backoff, attempt, _options.Random);
            Logs.Retrying(_logger, request.Describe(), attempt, reason, (long)delay.TotalMilliseconds);
            await _delay(delay, cancellationToken);
        }
    }

    private async Task<HttpRequestMessage> BuildMessageAsync(OssRequest request, CancellationToken cancellationToken)
    {
        var credentials = await _options.Credentials.GetCredentialsAsync(cancellationToken);
        var now = _options.TimeProvider.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _clockSkewTicks));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        OssV4Signer.AddSigningHeaders(headers, now, credentials.SecurityToken);

        var signing = new SigningRequest(request.Method.Method, request.Bucket, request.Key, request.Query, headers, _options.AdditionalSignedHeaders);
        var authorization = OssV4Signer.Authorization(signing, credentials.AccessKeyId, credentials.AccessKeySecret, _options.Region, now);

        var query = string.Join('&', request.Query.Select(p => string.IsNullOrEmpty(p.Value)
            ? OssEncoding.Encode(p.Key)
            : OssEncoding.Encode(p.Key) + "=" + OssEncoding.Encode(p.Value)));
        var message = new HttpRequestMessage(request.Method, _endpoint.For(request.Bucket, request.Key, query));
        var content = request.Body?.Invoke();
        if (content is null && (request.Method == HttpMethod.Put || request.Method == HttpMethod.Post))
        {
            content = new ByteArrayContent([]);
        }

        message.Content = content;
        foreach (var (name, value) in headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                content?.Headers.Remove(name);
                content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        return message;
    }
}
