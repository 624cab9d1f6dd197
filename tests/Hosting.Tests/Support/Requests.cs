using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>Requests shaped as FC sends them: octet-stream bodies and x-fc-* headers.</summary>
internal static class Requests
{
    public const string OssEvent = """{"events":[{"eventName":"ObjectCreated:PutObject","eventSource":"acs:oss","region":"cn-hangzhou","oss":{"bucket":{"name":"b"},"object":{"key":"src/site/app.zip","size":1,"eTag":"E"}}}]}""";

    /// <summary>A body no handler can take for an event: every function must fail it, whatever it handles.</summary>
    public const string Garbage = "\u0001not json at all{{";

    public static HttpRequestMessage Invoke(string requestId, string body, Dictionary<string, string>? headers = null) =>
        Lifecycle(HttpMethod.Post, "/invoke", requestId, new ByteArrayContent(Encoding.UTF8.GetBytes(body)), headers);

    /// <summary>FC's call <paramref name="path"/> (<c>/invoke</c>, <c>/initialize</c>, ...), on that path with that control path.</summary>
    public static HttpRequestMessage Lifecycle(HttpMethod method, string path, string requestId, HttpContent? content = null, Dictionary<string, string>? headers = null) =>
        Fc(method, path, path, requestId, content, headers);

    /// <summary>A request through an HTTP trigger: the caller's own method and path, FC's control path <c>/http-invoke</c>.</summary>
    public static HttpRequestMessage Http(HttpMethod method, string path, string requestId = "http", HttpContent? content = null) =>
        Fc(method, path, FcControlPath.HttpInvoke, requestId, content, null);

    /// <summary>A request as FC sends it: on <paramref name="path"/>, with <paramref name="controlPath"/> and FC's other headers.</summary>
    public static HttpRequestMessage Fc(HttpMethod method, string path, string controlPath, string requestId, HttpContent? content = null, Dictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        content?.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(FcControlPath.Header, controlPath);
        request.Headers.Add("x-fc-request-id", requestId);
        request.Headers.Add("x-fc-function-name", "orchestrator-test");
        request.Headers.Add("x-fc-region", "cn-hangzhou");
        request.Headers.Add("x-fc-account-id", "1234567890");
        request.Headers.Add("x-fc-function-memory", "512");
        request.Headers.Add("x-fc-qualifier", "LATEST");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    public static Dictionary<string, string> CredentialHeaders(string id, string secret, string token) => new()
    {
        ["x-fc-access-key-id"] = id,
        ["x-fc-access-key-secret"] = secret,
        ["x-fc-security-token"] = token,
    };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
