using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.EndToEnd.Tests.Chaos;

public class SiteCheckTests
{
    private const string Page = """
        <html><head><meta name="chaos-upload" content="chaos-7-002"><link rel="stylesheet" href="style.abc.css"></head>
        <body><script src="app.def.js" defer></script><a href="https://example.com/">x</a></body></html>
        """;

    [Fact]
    public void ExpectedMarker_NewestSucceededBySiteSequence_IgnoresNewerCancelledAndFailed()
    {
        SiteJob[] jobs =
        [
            new("chaos-7-001", "Succeeded", 1),
            new("chaos-7-002", "Succeeded", 3),
            new("chaos-7-003", "Succeeded", 2),
            new("chaos-7-004", "Cancelled", 4),
            new("chaos-7-005", "Failed", 5),
        ];

        Assert.Equal("chaos-7-002", SiteCheck.ExpectedMarker(jobs));
        Assert.Null(SiteCheck.ExpectedMarker([new("chaos-7-001", "Failed", 1)]));
    }

    [Fact]
    public void IsMismatched_ServesTheNewestUploadWithAllAssets_IsFalse()
    {
        Assert.False(SiteCheck.IsMismatched(new LiveSite("a", Page, []), "chaos-7-002"));
    }

    [Fact]
    public void IsMismatched_ServesAnOlderUpload_IsTrue()
    {
        Assert.True(SiteCheck.IsMismatched(new LiveSite("a", Page, []), "chaos-7-003"));
    }

    [Fact]
    public void IsMismatched_HtmlReferencesAMissingAsset_IsTrue()
    {
        Assert.True(SiteCheck.IsMismatched(new LiveSite("a", Page, ["app.def.js"]), "chaos-7-002"));
    }

    [Fact]
    public void IsMismatched_NothingLiveThoughAJobSucceeded_IsTrue()
    {
        Assert.True(SiteCheck.IsMismatched(new LiveSite("a", null, []), "chaos-7-002"));
    }

    [Fact]
    public void IsMismatched_SomethingLiveThoughNoJobSucceeded_IsTrue()
    {
        Assert.True(SiteCheck.IsMismatched(new LiveSite("a", Page, []), null));
        Assert.False(SiteCheck.IsMismatched(new LiveSite("a", null, []), null));
    }

    [Fact]
    public void AssetsOf_Page_ListsItsOwnScriptsAndStylesheetsOnly()
    {
        Assert.Equal(["style.abc.css", "app.def.js"], SiteCheck.AssetsOf(Page));
    }

    [Fact]
    public void MarkerOf_ArchiveBuiltFromTheTemplate_CarriesItsMarker()
    {
        var archive = ChaosArchive.Create(System.IO.Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), "chaos-1-001");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(archive));
        using var reader = new StreamReader(zip.GetEntry("src/index.html")!.Open());

        Assert.Equal("chaos-1-001", ChaosArchive.MarkerOf(reader.ReadToEnd()));
        Assert.Equal(archive, ChaosArchive.Create(System.IO.Path.Combine(RepositoryRoot.Path, "examples", "hello-site"), "chaos-1-001"));
    }
}
