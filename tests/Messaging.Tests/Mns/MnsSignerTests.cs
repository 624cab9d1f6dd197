using System.Text;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Messaging.Tests.Mns;

public class MnsSignerTests
{
    [Fact]
    public void Sign_DocumentedExample_MatchesPublishedSignature()
    {
        // Alibaba Cloud MNS docs, "How do I obtain the signature string of an API request?"
        // (https://www.alibabacloud.com/help/doc-detail/175633.htm): GET /MyQueue, Date "Thu, 09 Jul 2015 03:01:34 GMT",
        // x-mns-version:2015-06-06, AccessKey secret "TestAccessSecret" → signature "uwx3yeWoILzgmvesW0BQSgfM****"
        // (the page masks the last four characters).
        var stringToSign = MnsSigner.StringToSign(
            "GET", null, null, "Thu, 09 Jul 2015 03:01:34 GMT", [new("x-mns-version", "2015-06-06")], "/MyQueue");

        Assert.Equal("GET\n\n\nThu, 09 Jul 2015 03:01:34 GMT\nx-mns-version:2015-06-06\n/MyQueue", stringToSign);
        var signature = MnsSigner.Sign("TestAccessSecret", stringToSign);
        Assert.StartsWith("uwx3yeWoILzgmvesW0BQSgfM", signature, StringComparison.Ordinal);
        Assert.Equal(28, signature.Length);
    }

    [Fact]
    public void StringToSign_MixedHeaders_KeepsOnlyMnsHeadersLowerCasedAndSorted()
    {
        var text = MnsSigner.StringToSign(
            "post",
            "md5",
            "text/xml;charset=utf-8",
            "Sat, 21 Nov 2026 01:00:00 GMT",
            [new("X-MNS-Version", "2015-06-06"), new("Host", "example"), new("x-mns-date", " d ")],
            "/queues/q/messages");

        Assert.Equal(
            "POST\nmd5\ntext/xml;charset=utf-8\nSat, 21 Nov 2026 01:00:00 GMT\nx-mns-date:d\nx-mns-version:2015-06-06\n/queues/q/messages",
            text);
    }

    [Fact]
    public void ContentMd5_Body_IsBase64OfLowerHexDigest()
    {
        // MD5("hello") = 5d41402abc4b2a76b9719d911017c592.
        var value = MnsSigner.ContentMd5("hello"u8);

        Assert.Equal("5d41402abc4b2a76b9719d911017c592", Encoding.ASCII.GetString(Convert.FromBase64String(value)));
    }

    [Fact]
    public void Authorization_IdAndSignature_HasMnsScheme()
    {
        Assert.Equal("MNS id:sig", MnsSigner.Authorization("id", "sig"));
    }
}
