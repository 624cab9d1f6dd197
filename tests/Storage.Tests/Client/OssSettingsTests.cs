using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;
using Orchestrator.Storage.Oss;

namespace Orchestrator.Storage.Tests.Client;

public class OssSettingsTests
{
    [Theory]
    [InlineData(null, null, "cn-shanghai", "https://oss-cn-shanghai-internal.aliyuncs.com")]
    [InlineData(null, "", "cn-shanghai", "https://oss-cn-shanghai-internal.aliyuncs.com")]
    [InlineData(null, "http://127.0.0.1:9000", "cn-shanghai", "http://127.0.0.1:9000")]
    [InlineData("https://oss-ap-southeast-1.aliyuncs.com", "http://127.0.0.1:9000", "ap-southeast-1", "https://oss-ap-southeast-1.aliyuncs.com")]
    public void ApplyDefaults_EndpointUnset_IsTheRegionsInternalOne(string? section, string? ossEndpoint, string region, string expected)
    {
        var settings = new OssSettings { Endpoint = section ?? string.Empty };

        settings.ApplyDefaults(Configuration(("OSS_ENDPOINT", ossEndpoint), ("FC_REGION", region)));
        settings.Validate();

        Assert.Equal((expected, region), (settings.Endpoint, settings.Region));
    }

    [Theory]
    [InlineData(null, null, "OSS_ENDPOINT")]
    [InlineData("http://127.0.0.1:9000", null, "FC_REGION")]
    [InlineData(null, "Cn Hangzhou", "FC_REGION")]
    [InlineData("ftp://oss.example.com", "cn-hangzhou", "OSS_ENDPOINT")]
    public void Validate_MissingOrBad_NamesTheSetting(string? ossEndpoint, string? region, string named)
    {
        var settings = new OssSettings();
        settings.ApplyDefaults(Configuration(("OSS_ENDPOINT", ossEndpoint), ("FC_REGION", region)));

        var error = Assert.Throws<InvalidSettingException>(settings.Validate);

        Assert.Equal(named, error.Setting);
        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
}
