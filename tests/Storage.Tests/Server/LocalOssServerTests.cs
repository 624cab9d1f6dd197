using System.Globalization;
using System.Net;
using System.Text;
using Orchestrator.Storage.Signing;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Server;

public class LocalOssServerTests
{
    [Fact]
    public async Task WebsiteUrl_Folder_ServesIndexHtmlAnonymously()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        await oss.Store.PutAsync(oss.Bucket, "sites/demo/index.html", new MemoryStream("<h1>hi</h1>"u8.ToArray()), null, cts.Token);
        await oss.Store.PutAsync(oss.Bucket, "sites/demo/about/index.html", new MemoryStream("<h1>about</h1>"u8.ToArray()), null, cts.Token);
        await oss.Store.PutAsync(oss.Bucket, "sites/demo/app.js", new MemoryStream("x()"u8.ToArray()), null, cts.Token);
        using var http = new HttpClient();
        var site = oss.Server.WebsiteUrl(oss.Bucket, "sites/demo");

        using var index = await http.GetAsync(site, cts.Token);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>hi</h1>", await index.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("<h1>about</h1>", await http.GetStringAsync(new Uri(site, "about"), cts.Token));
        using var script = await http.GetAsync(new Uri(site, "app.js"), cts.Token);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var missing = await http.GetAsync(new Uri(site, "nope.css"), cts.Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Server_AnonymousObjectRequest_AnswersAccessDeniedXml()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(oss.Server.Endpoint, $"/{oss.Bucket}/x"), cts.Token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
        Assert.Contains("<RequestId>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_StsCredentials_RequireTheToken()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(configure: LocalOss.WithSecurityToken, cancellationToken: cts.Token);
        Assert.NotNull(oss.Credentials.SecurityToken);
        await oss.Store.PutAsync(oss.Bucket, "sts/ok", new MemoryStream([1]), null, cts.Token);

        var withoutToken = oss.CreateClient(o => new Oss.OssClientOptions
        {
            Endpoint = o.Endpoint,
            Region = o.Region,
            Credentials = new Orchestrator.Contracts.Security.StaticCredentialsProvider(oss.Credentials with { SecurityToken = null }),
        });
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => withoutToken.HeadAsync(oss.Bucket, "sts/ok", cts.Token));
        Assert.Equal(403, e.StatusCode);
    }

    [Fact]
    public async Task Server_WrongRegion_AnswersInvalidArgument()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        var client = oss.CreateClient(o => new Oss.OssClientOptions { Endpoint = o.Endpoint, Region = "cn-shanghai", Credentials = o.Credentials });
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => client.GetAsync(oss.Bucket, "k", null, cts.Token));
        Assert.Equal("InvalidArgument", e.OssCode);
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public async Task Client_AdditionalSignedHeaders_AreVerifiedByServer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        var client = oss.CreateClient(o => new Oss.OssClientOptions { Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, AdditionalSignedHeaders = ["Cache-Control", "range"] });

        await client.PutAsync(oss.Bucket, "signed/extra", new MemoryStream("0123456789"u8.ToArray()), new PutOptions { CacheControl = "max-age=5" }, cts.Token);
        await using var part = await client.GetAsync(oss.Bucket, "signed/extra", new GetOptions { RangeStart = 2, RangeEnd = 4 }, cts.Token);
        using var reader = new StreamReader(part.Content);

        Assert.Equal("234", await reader.ReadToEndAsync(cts.Token));
        Assert.Equal("max-age=5", part.Metadata.CacheControl);
    }

    [Fact]
    public async Task Server_V1SignedRequests_AreAccepted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        using var http = new HttpClient();

        using var put = await http.SendAsync(V1(oss, HttpMethod.Put, "v1/a b.txt", "hello v1"), cts.Token);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var get = await http.SendAsync(V1(oss, HttpMethod.Get, "v1/a b.txt", null), cts.Token);
        Assert.Equal("hello v1", await get.Content.ReadAsStringAsync(cts.Token));

        var forged = V1(oss, HttpMethod.Get, "v1/a b.txt", null);
        forged.Headers.Remove("Authorization");
        forged.Headers.TryAddWithoutValidation("Authorization", $"OSS {oss.Credentials.AccessKeyId}:AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        using var denied = await http.SendAsync(forged, cts.Token);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await denied.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_RestartOnSameFolder_KeepsObjects()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var folder = new TempDirectory("restart");
        var options = new Tools.OssServer.Hosting.LocalOssServerOptions
        {
            DataDirectory = folder.Combine("data"),
            Buckets = ["keep"],
            Credentials = [new Orchestrator.Contracts.Security.CloudCredentials("LTAIkeep", "secret")],
        };
        await using (var first = await Tools.OssServer.Hosting.LocalOssServer.StartAsync(options, cts.Token))
        {
            using var client = Client(first);
            await client.PutAsync("keep", "k", new MemoryStream([9]), null, cts.Token);
        }

        await using var second = await Tools.OssServer.Hosting.LocalOssServer.StartAsync(options, cts.Token);
        using var again = Client(second);
        Assert.Equal(1, (await again.HeadAsync("keep", "k", cts.Token))!.ContentLength);
    }

    private static Oss.OssClient Client(Tools.OssServer.Hosting.LocalOssServer server) => new(new Oss.OssClientOptions
    {
        Endpoint = server.Endpoint.ToString(),
        Region = server.Region,
        Credentials = new Orchestrator.Contracts.Security.StaticCredentialsProvider(server.Credentials),
    });

    /// <summary>A V1-signed request built by hand (HMAC-SHA1 over VERB, MD5, type, date, x-oss-* and resource).</summary>
    private static HttpRequestMessage V1(LocalOss oss, HttpMethod method, string key, string? body)
    {
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string> { ["Date"] = date };
        if (body is not null)
        {
            headers["Content-Type"] = "text/plain";
        }

        var signature = OssV1Signer.Signature(oss.Credentials.AccessKeySecret, new SigningRequest(method.Method, oss.Bucket, key, [], headers, []));
        var request = new HttpRequestMessage(method, new Uri(oss.Server.Endpoint, "/" + oss.Bucket + "/" + OssEncoding.Encode(key, keepSlash: true)));
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Authorization", $"OSS {oss.Credentials.AccessKeyId}:{signature}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        }

        return request;
    }
}
