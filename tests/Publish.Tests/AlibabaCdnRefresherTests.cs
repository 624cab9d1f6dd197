using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Security;
using Orchestrator.Functions.Publish.Cdn;

namespace Orchestrator.Functions.Publish.Tests;

/// <summary>The refresher against a loopback stand-in for the CDN API that checks every request's signature.</summary>
public sealed class AlibabaCdnRefresherTests : IAsyncLifetime
{
    private const string Secret = "cdn-test-secret";
    private readonly ConcurrentQueue<Dictionary<string, string>> _calls = new();
    private WebApplication? _api;
    private int _status = 200;
    private string _answer = "{\"RefreshTaskId\":\"1\",\"RequestId\":\"r\"}";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _api = builder.Build();
        _api.MapPost("/", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            _calls.Enqueue(parameters);
            var unsigned = parameters.Where(p => p.Key != "Signature").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (RpcSigner.Sign("POST", unsigned, Secret) != parameters.GetValueOrDefault("Signature"))
            {
                return Results.Content("{\"Code\":\"SignatureDoesNotMatch\"}", "application/json", statusCode: 400);
            }

            return Results.Content(_answer, "application/json", statusCode: _status);
        });
        await _api.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private string Endpoint => _api!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private AlibabaCdnRefresher Refresher(HttpClient http, int maxUrls = 1000)
    {
        var endpoint = Endpoint;
        return new AlibabaCdnRefresher(
            http,
            new AlibabaCdnOptions { SiteUrlTemplate = "https://{site}.example.com/", Endpoint = endpoint, MaxUrlsPerRequest = maxUrls },
            new StaticCredentialsProvider(new CloudCredentials("test-key", Secret, "sts-token")),
            TimeProvider.System);
    }

    [Fact]
    public async Task Refresh_ChangedPaths_SendsSignedFileRefreshInBatches()
    {
        using var http = new HttpClient();

        await Refresher(http, maxUrls: 2).RefreshAsync(new CdnRefreshRequest("shop", ["index.html", "assets/a b.js", "x.css"], WholeSite: false), Support.TestTimeout.Token());

        var calls = _calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.All(calls, c => Assert.Equal(("RefreshObjectCaches", "File", "sts-token", "test-key"), (c["Action"], c["ObjectType"], c["SecurityToken"], c["AccessKeyId"])));
        Assert.Equal("https://shop.example.com/index.html\nhttps://shop.example.com/assets/a%20b.js", calls[0]["ObjectPath"]);
        Assert.Equal("https://shop.example.com/x.css", calls[1]["ObjectPath"]);
    }

    [Fact]
    public async Task Refresh_WholeSite_SendsOneDirectoryRefresh()
    {
        using var http = new HttpClient();

        await Refresher(http).RefreshAsync(new CdnRefreshRequest("shop", [], WholeSite: true), Support.TestTimeout.Token());

        var call = Assert.Single(_calls);
        Assert.Equal(("Directory", "https://shop.example.com/"), (call["ObjectType"], call["ObjectPath"]));
    }

    [Fact]
    public async Task PublishDirectory_CdnConfigured_RefreshesChangedFilesAfterSwitchAndWholeSiteOnRetry()
    {
        var ct = Support.TestTimeout.Token();
        var settings = new Dictionary<string, string?> { ["Publish:Cdn:SiteUrlTemplate"] = "https://{site}.example.com/", ["Publish:Cdn:Endpoint"] = Endpoint };
        await using var harness = await Support.PublishHarness.StartAsync(
            settings,
            services => services.AddSingleton<ICredentialsProvider>(new StaticCredentialsProvider(new CloudCredentials("test-key", Secret))),
            ct);
        var files = new Dictionary<string, string> { ["index.html"] = "<html>1</html>", ["app.css"] = "a{}" };
        await harness.PublishAsync("shop", "job-1", 1, files, ct);
        _calls.Clear();

        files["index.html"] = "<html>2</html>";
        var result = await harness.PublishAsync("shop", "job-2", 2, files, ct);
        var retry = await harness.PublishAsync("shop", "job-2", 2, files, ct);

        Assert.True(result.CdnRefreshed && retry.CdnRefreshed);
        var calls = _calls.ToArray();
        Assert.Equal(("File", "https://shop.example.com/index.html"), (calls[0]["ObjectType"], calls[0]["ObjectPath"]));
        Assert.Equal(("Directory", "https://shop.example.com/"), (calls[1]["ObjectType"], calls[1]["ObjectPath"]));
        Assert.False(calls[0].ContainsKey("SecurityToken"));
    }

    [Theory]
    [InlineData(400, "{\"Code\":\"InvalidObjectPath.Malformed\"}", false)]
    [InlineData(400, "{\"Code\":\"Throttling.User\"}", true)]
    [InlineData(503, "{\"Code\":\"ServiceUnavailable\"}", true)]
    public async Task Refresh_ApiError_FailsWithRetryabilityOfTheCode(int status, string answer, bool retryable)
    {
        using var http = new HttpClient();
        (_status, _answer) = (status, answer);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => Refresher(http).RefreshAsync(new CdnRefreshRequest("shop", ["index.html"], WholeSite: false), Support.TestTimeout.Token()));

        Assert.Equal((PublishErrorCodes.CdnRefreshFailed, retryable), (ex.Code, ex.Retryable));
    }
}
