using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Storage.Oss;

/// <summary>
/// Where a function's OSS client points, bound from section <c>Oss</c> (<c>Oss__Endpoint</c>, <c>Oss__Region</c>) with
/// FC's own variables as defaults: <c>OSS_ENDPOINT</c>, else the internal endpoint of <c>FC_REGION</c>
/// (<c>https://oss-&lt;region&gt;-internal.aliyuncs.com</c>, what a function inside the region should use), and
/// <c>FC_REGION</c> for the signatures' region.
/// </summary>
public sealed class OssSettings : ISettings
{
    public const string SectionName = "Oss";

    public string Endpoint { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>The internal OSS endpoint of <paramref name="region"/>.</summary>
    public static string InternalEndpoint(string region) => $"https://oss-{region}-internal.aliyuncs.com";

    /// <summary>Fills what section <c>Oss</c> left unset from <c>OSS_ENDPOINT</c> and <c>FC_REGION</c>.</summary>
    public void ApplyDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Region = FirstSet(Region, configuration[SettingNames.Region]);
        Endpoint = FirstSet(Endpoint, configuration[SettingNames.OssEndpoint], Region.Length > 0 ? InternalEndpoint(Region) : null);
    }

    public void Validate()
    {
        if (Endpoint.Length == 0)
        {
            throw new InvalidSettingException(
                SettingNames.OssEndpoint,
                $"{SettingNames.OssEndpoint} is not set and neither is {SettingNames.Region}: set {SettingNames.Region} (FC sets it; the endpoint is then that region's internal one) or {SettingNames.OssEndpoint}, e.g. https://oss-cn-hangzhou-internal.aliyuncs.com.");
        }

        // Checked before the endpoint: an endpoint made from a bad region is the region's fault.
        if (Region.Length == 0 || !Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new InvalidSettingException(
                SettingNames.Region,
                $"{SettingNames.Region} ('{Region}') must name the OSS region requests are signed for, e.g. cn-hangzhou (FC sets it).");
        }

        try
        {
            _ = new OssEndpoint(Endpoint);
        }
        catch (ArgumentException)
        {
            throw new InvalidSettingException(
                SettingNames.OssEndpoint,
                $"{SettingNames.OssEndpoint} ('{Endpoint}') is not an OSS endpoint: set it to e.g. https://oss-cn-hangzhou-internal.aliyuncs.com or http://127.0.0.1:9000.");
        }
    }

    private static string FirstSet(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim() ?? string.Empty;
}
