using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;
using Orchestrator.Functions.Initialize.Api;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class StatusApiSetupTests
{
    [Fact]
    public async Task MapStatusApi_NoBucketConfigured_FailsNamingTheSetting()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ORCHESTRATOR_BUCKET"] = " " });
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidSettingException>(() => app.MapStatusApi());

        Assert.Equal("ORCHESTRATOR_BUCKET", error.Setting);
    }
}
