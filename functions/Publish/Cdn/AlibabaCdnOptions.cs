using System.ComponentModel.DataAnnotations;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>
/// Alibaba Cloud CDN refresh settings, section <c>Publish:Cdn</c>. Off unless <see cref="SiteUrlTemplate"/> is set.
/// </summary>
public sealed class AlibabaCdnOptions : ISettings
{
    public const string SectionName = "Publish:Cdn";

    /// <summary>The CDN URL a site is served at, <c>{site}</c> replaced (e.g. <c>https://{site}.example.com/</c>); empty: no CDN.</summary>
    public string SiteUrlTemplate { get; set; } = "";

    /// <summary>The CDN API endpoint.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Endpoint { get; set; } = "https://cdn.aliyuncs.com";

    /// <summary>The API version RefreshObjectCaches is called with.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiVersion { get; set; } = "2018-05-10";

    /// <summary>Most URLs per request (the API's limit is 1,000).</summary>
    [Range(1, 1000)]
    public int MaxUrlsPerRequest { get; set; } = 1000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SiteUrlTemplate);

    public void Validate() => AnnotatedSettings.Validate(this, SectionName);
}
