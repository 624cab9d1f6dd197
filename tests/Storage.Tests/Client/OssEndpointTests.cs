using Orchestrator.Storage.Oss;

namespace Orchestrator.Storage.Tests.Client;

public class OssEndpointTests
{
    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com", "https://bkt.oss-cn-hangzhou.aliyuncs.com/a/b%2Bc%20d.txt")]
    [InlineData("oss-cn-hangzhou-internal.aliyuncs.com", "https://bkt.oss-cn-hangzhou-internal.aliyuncs.com/a/b%2Bc%20d.txt")]
    [InlineData("http://oss-cn-shanghai.aliyuncs.com", "http://bkt.oss-cn-shanghai.aliyuncs.com/a/b%2Bc%20d.txt")]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/bkt/a/b%2Bc%20d.txt")]
    [InlineData("localhost:9000", "http://localhost:9000/bkt/a/b%2Bc%20d.txt")]
    public void For_Endpoint_ChoosesAddressingStyleAndScheme(string endpoint, string expected)
    {
        Assert.Equal(expected, new OssEndpoint(endpoint).For("bkt", "a/b+c d.txt", string.Empty).OriginalString);
    }

    [Fact]
    public void For_DotSegmentsInKey_AreKeptVerbatim()
    {
        Assert.Equal("/bkt/a/../b", new OssEndpoint("http://127.0.0.1:1").For("bkt", "a/../b", string.Empty).AbsolutePath);
    }

    [Fact]
    public void Constructor_NotAnEndpoint_ThrowsClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new OssEndpoint("ftp://x"));
        Assert.Contains("not a valid OSS endpoint", e.Message, StringComparison.Ordinal);
    }
}
