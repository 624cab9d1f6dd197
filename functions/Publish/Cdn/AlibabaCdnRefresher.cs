using System.Globalization;
using System.Net;
using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>
/// Purges Alibaba Cloud CDN with <c>RefreshObjectCaches</c> (RPC style, signed by <see cref="RpcSigner"/>): the
/// changed files as URLs in batches, or the whole site as one directory. Credentials come from the host's provider
/// (FC's STS credentials), with the security token sent when present.
/// </summary>
public sealed class AlibabaCdnRefresher(HttpClient http, AlibabaCdnOptions options, ICredentialsProvider credentials, TimeProvider time) : ICdnRefresher
{
    public bool IsConfigured => options.IsConfigured;

    public async Task RefreshAsync(CdnRefreshRequest request, CancellationToken cancellationToken)
    {
        var baseUrl = options.SiteUrlTemplate.Replace("{site}", request.Site, StringComparison.Ordinal).TrimEnd('/') + "/";
        if (request.WholeSite)
        {
            await CallAsync([baseUrl], "Directory", cancellationToken);
            return;
        }

        var urls = request.Paths.Select(p => baseUrl + string.Join('/', p.Split('/').Select(Uri.EscapeDataString))).ToList();
        foreach (var batch in urls.Chunk(options.MaxUrlsPerRequest))
        {
            await CallAsync(batch, "File", cancellationToken);
        }
    }

    private async Task CallAsync(IReadOnlyList<string> urls, string objectType, CancellationToken cancellationToken)
    {
        var key = await credentials.GetCredentialsAsync(cancellationToken);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = "RefreshObjectCaches",
            ["ObjectPath"] = string.Join('\n', urls),
            ["ObjectType"] = objectType,
            ["Format"] = "JSON",
            ["Version"] = options.ApiVersion,
            ["AccessKeyId"] = key.AccessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(key.SecurityToken))
        {
            parameters["SecurityToken"] = key.SecurityToken;
        }

        parameters["Signature"] = RpcSigner.Sign("POST", parameters, key.AccessKeySecret);
        using var body = new FormUrlEncodedContent(parameters);
        using var response = await http.PostAsync(new Uri(options.Endpoint.TrimEnd('/') + "/"), body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var code = ErrorCode(text) ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
            || code.StartsWith("Throttling", StringComparison.Ordinal);
        throw new StageFailedException(
            PublishErrorCodes.CdnRefreshFailed,
            $"CDN RefreshObjectCaches answered {(int)response.StatusCode} {code}.",
            retryable);
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Code", out var code)
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
