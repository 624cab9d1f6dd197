using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Security;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

public sealed class InvocationContextTests
{
    [Fact]
    public async Task Invoke_FcHeaders_BuildTheContext()
    {
        InvocationContext? seen = null;
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
                services.AddSingleton<IInvocationHandler>(new DelegateHandler((_, context, _) =>
                {
                    seen = context;
                    return Task.FromResult(InvocationResult.Empty);
                }));
            },
            "ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS=300",
            "ORCHESTRATOR_TIMEOUT_BUFFER_SECONDS=20");

        using var response = await host.Client.SendAsync(Requests.Invoke("req-1", "{}", Requests.CredentialHeaders("STS.id", "s3cret", "t0ken")));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            new InvocationContext("req-1", "orchestrator-test", "cn-hangzhou", "1234567890", "LATEST", 512, new CloudCredentials("STS.id", "s3cret", "t0ken"), now.AddSeconds(280)),
            seen);
    }

    [Fact]
    public async Task Invoke_OnlyTheControlPathHeader_FallsBackToEnvironment()
    {
        InvocationContext? seen = null;
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(new DelegateHandler((_, context, _) =>
        {
            seen = context;
            return Task.FromResult(InvocationResult.Empty);
        })));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/invoke") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.Add(FcControlPath.Header, FcControlPath.Invoke);
        using var response = await host.Client.SendAsync(request);

        Assert.NotNull(seen);
        Assert.StartsWith("local-", seen.RequestId, StringComparison.Ordinal);
        Assert.Equal(("env-function", "cn-shanghai", 1024), (seen.FunctionName, seen.Region, seen.MemoryMb));
        Assert.Equal(new CloudCredentials("LTAIinProcEnv", "in-process-env-secret", null), seen.Credentials);
    }

    [Fact]
    public async Task Invoke_KeyIdHeaderWithoutSecret_UsesEnvironmentCredentials()
    {
        InvocationContext? seen = null;
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(new DelegateHandler((_, context, _) =>
        {
            seen = context;
            return Task.FromResult(InvocationResult.Empty);
        })));

        using var response = await host.Client.SendAsync(Requests.Invoke("half", "{}", new() { ["x-fc-access-key-id"] = "STS.only" }));

        Assert.Equal("LTAIinProcEnv", seen?.Credentials?.AccessKeyId);
    }

    [Fact]
    public async Task CredentialsSource_InsideAndOutsideInvocation_InvocationsThenEnvironments()
    {
        CloudCredentials? inside = null;
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(provider => new DelegateHandler(async (_, _, cancellationToken) =>
        {
            await Task.Yield();
            inside = provider.GetRequiredService<ICloudCredentialsSource>().Current;
            return InvocationResult.Empty;
        })));

        using var response = await host.Client.SendAsync(Requests.Invoke("creds", "{}", Requests.CredentialHeaders("STS.call", "call-secret", "call-token")));

        Assert.Equal(new CloudCredentials("STS.call", "call-secret", "call-token"), inside);
        Assert.Equal(new CloudCredentials("LTAIinProcEnv", "in-process-env-secret", null), host.Services.GetRequiredService<ICloudCredentialsSource>().Current);
        Assert.DoesNotContain("call-secret", host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("call-token", host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("in-process-env-secret", host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsProvider_InsideInvocation_IsTheHostSourceSigningWithHeaderCredentials()
    {
        CloudCredentials? inside = null;
        await using var host = await InProcessHost.StartAsync(services => services.AddSingleton<IInvocationHandler>(provider => new DelegateHandler(async (_, _, cancellationToken) =>
        {
            await Task.Yield();
            inside = await provider.GetRequiredService<ICredentialsProvider>().GetCredentialsAsync(cancellationToken);
            return InvocationResult.Empty;
        })));

        using var response = await host.Client.SendAsync(Requests.Invoke("provider", "{}", Requests.CredentialHeaders("STS.call", "call-secret", "call-token")));

        Assert.Same(host.Services.GetRequiredService<ICloudCredentialsSource>(), host.Services.GetRequiredService<ICredentialsProvider>());
        Assert.Equal(new CloudCredentials("STS.call", "call-secret", "call-token"), inside);
        Assert.Equal(
            new CloudCredentials("LTAIinProcEnv", "in-process-env-secret", null),
            await host.Services.GetRequiredService<ICredentialsProvider>().GetCredentialsAsync(CancellationToken.None));
    }
}
