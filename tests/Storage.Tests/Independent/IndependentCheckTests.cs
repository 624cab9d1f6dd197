using System.Reflection;
using System.Text;
using System.Text.Json;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Independent;

/// <summary>
/// Independent checks, as real processes on loopback: (1) a Node.js client that signs by the documented V4 algorithm
/// (oss-v4.mjs, written from Alibaba's description, not from our C#) works against our local server; (2) our client and
/// our `orchestrator oss` verbs work against a Node.js signature-checking OSS-compatible server (oss-server.mjs).
/// </summary>
public class IndependentCheckTests
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "Independent");

    [Fact]
    public async Task IndependentClient_AgainstLocalServer_PutGetListCopySucceed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var oss = await LocalOss.StartAsync(configure: LocalOss.WithSecurityToken, cancellationToken: cts.Token);

        var (code, stdout, stderr) = await ChildProcess.RunAsync("node", [Path.Combine(Scripts, "oss-client.mjs"), oss.Endpoint, oss.Server.Region, oss.Bucket, "node/"], oss.Environment, cts.Token);

        Assert.True(code == 0, $"node client exited {code}: {stdout} {stderr}");
        Assert.Contains("independent client: ok", stdout, StringComparison.Ordinal);
        var copy = await oss.Store.HeadAsync(oss.Bucket, "node/copy.txt", cts.Token);
        Assert.Equal("node", copy!.Metadata["origin"]);
    }

    [Fact]
    public async Task OssClient_AgainstIndependentServer_RoundTripsAndIsRefusedWithWrongSecret()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var credentials = new CloudCredentials("LTAIindependent", "independent-secret", "independent-token");
        await using var server = ChildProcess.Start("node", [Path.Combine(Scripts, "oss-server.mjs"), "cn-hangzhou", "ind"], Environment(credentials));
        var endpoint = await EndpointOfAsync(server, cts.Token);
        using var client = new OssClient(new OssClientOptions { Endpoint = endpoint, Region = "cn-hangzhou", Credentials = new StaticCredentialsProvider(credentials) });

        var put = await client.PutAsync("ind", "a/b c+d.txt", new MemoryStream("hello"u8.ToArray()), new PutOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["k"] = "v" } }, cts.Token);
        await using (var content = await client.GetAsync("ind", "a/b c+d.txt", new GetOptions { RangeStart = 1, RangeEnd = 3 }, cts.Token))
        {
            using var reader = new StreamReader(content.Content, Encoding.UTF8);
            Assert.Equal("ell", await reader.ReadToEndAsync(cts.Token));
        }

        var head = await client.HeadAsync("ind", "a/b c+d.txt", cts.Token);
        Assert.Equal(put.ETag, head!.ETag);
        Assert.Equal("v", head.Metadata["k"]);
        await client.CopyAsync("ind", "a/b c+d.txt", "ind", "a/copy", null, cts.Token);
        await client.PutAsync("ind", "a/sub/x", new MemoryStream([1]), null, cts.Token);
        var page = await client.ListAsync("ind", new ListRequest { Prefix = "a/", Delimiter = "/", MaxKeys = 1 }, cts.Token);
        var next = await client.ListAsync("ind", new ListRequest { Prefix = "a/", Delimiter = "/", ContinuationToken = page.NextContinuationToken }, cts.Token);
        Assert.Equal(["a/b c+d.txt", "a/copy"], page.Objects.Concat(next.Objects).Select(o => o.Key));
        Assert.Equal(["a/sub/"], page.CommonPrefixes.Concat(next.CommonPrefixes));
        await client.DeleteAsync("ind", "a/copy", cts.Token);
        Assert.Null(await client.HeadAsync("ind", "a/copy", cts.Token));

        using var wrong = new OssClient(new OssClientOptions { Endpoint = endpoint, Region = "cn-hangzhou", Credentials = new StaticCredentialsProvider(credentials with { AccessKeySecret = "nope" }) });
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => wrong.GetAsync("ind", "a/b c+d.txt", null, cts.Token));
        Assert.Equal("SignatureDoesNotMatch", e.OssCode);
    }

    [Fact]
    public async Task OssVerbs_AgainstIndependentServer_PutHeadLsGetRmWork()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var folder = new TempDirectory("cli");
        var credentials = new CloudCredentials("LTAIclitest", "cli-secret");
        await using var server = ChildProcess.Start("node", [Path.Combine(Scripts, "oss-server.mjs"), "cn-hangzhou", "cli"], Environment(credentials));
        var env = new Dictionary<string, string>(Environment(credentials)) { ["OSS_ENDPOINT"] = await EndpointOfAsync(server, cts.Token) };
        var source = folder.Combine("in.txt");
        await File.WriteAllTextAsync(source, "cli body", cts.Token);

        var put = await CliAsync(env, cts.Token, "oss", "put", source, "oss://cli/docs/in.txt");
        Assert.True(put.ExitCode == 0, put.Stderr);
        var head = await CliAsync(env, cts.Token, "oss", "head", "oss://cli/docs/in.txt");
        Assert.Contains("size           8", head.Stdout, StringComparison.Ordinal);
        var ls = await CliAsync(env, cts.Token, "oss", "ls", "oss://cli/docs/");
        Assert.Contains("oss://cli/docs/in.txt", ls.Stdout, StringComparison.Ordinal);
        var target = folder.Combine("out.txt");
        var get = await CliAsync(env, cts.Token, "oss", "get", "oss://cli/docs/in.txt", target);
        Assert.True(get.ExitCode == 0, get.Stderr);
        Assert.Equal("cli body", await File.ReadAllTextAsync(target, cts.Token));
        Assert.Equal(0, (await CliAsync(env, cts.Token, "oss", "rm", "oss://cli/docs/in.txt")).ExitCode);

        var missing = await CliAsync(env, cts.Token, "oss", "head", "oss://cli/docs/in.txt");
        Assert.NotEqual(0, missing.ExitCode);
        var denied = await CliAsync(new Dictionary<string, string>(env) { ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "wrong" }, cts.Token, "oss", "ls", "oss://cli/");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Single(denied.Stderr.Trim().Split('\n'));
        Assert.Contains("SignatureDoesNotMatch", denied.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", denied.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(CloudCredentials credentials) => new()
    {
        [EnvironmentCredentials.AccessKeyIdVariable] = credentials.AccessKeyId,
        [EnvironmentCredentials.AccessKeySecretVariable] = credentials.AccessKeySecret,
        [EnvironmentCredentials.SecurityTokenVariable] = credentials.SecurityToken ?? string.Empty,
        ["FC_REGION"] = "cn-hangzhou",
    };

    private static async Task<string> EndpointOfAsync(ChildProcess server, CancellationToken cancellationToken)
    {
        using var ready = JsonDocument.Parse(await server.ReadLineAsync(cancellationToken));
        return ready.RootElement.GetProperty("endpoint").GetString()!;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var cli = typeof(IndependentCheckTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OrchestratorCli").Value!;
        return ChildProcess.RunAsync("dotnet", [cli, .. arguments], environment, cancellationToken);
    }
}
