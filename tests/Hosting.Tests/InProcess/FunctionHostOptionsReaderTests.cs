using System.Net;
using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting.Tests.InProcess;

public sealed class FunctionHostOptionsReaderTests
{
    [Fact]
    public void Read_NothingSet_FcDefaults()
    {
        var options = FunctionHostOptionsReader.Read(Configuration());

        Assert.Equal(new FunctionHostOptions(IPAddress.Any, 9000, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25)), options);
        Assert.Equal(TimeSpan.FromSeconds(595), options.InvocationBudget);
    }

    [Fact]
    public void Read_OnlyFcServerPort_UsesIt() =>
        Assert.Equal(9100, FunctionHostOptionsReader.Read(Configuration(("FC_SERVER_PORT", "9100"))).Port);

    [Theory]
    [InlineData("FC_CUSTOM_LISTEN_PORT", "70000")]
    [InlineData("FC_SERVER_PORT", "-1")]
    [InlineData("ORCHESTRATOR_LISTEN_ADDRESS", "localhost:80")]
    [InlineData("ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS", "90000")]
    [InlineData("ORCHESTRATOR_TIMEOUT_BUFFER_SECONDS", "600")]
    [InlineData("ORCHESTRATOR_DRAIN_TIMEOUT_SECONDS", "ten")]
    public void Read_BadValue_ThrowsNamingTheSetting(string setting, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => FunctionHostOptionsReader.Read(Configuration((setting, value))));

        Assert.Equal(setting, error.Setting);
        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidSetting", error.Code);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
