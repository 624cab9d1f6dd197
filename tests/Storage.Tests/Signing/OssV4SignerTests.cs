using Orchestrator.Storage.Signing;

namespace Orchestrator.Storage.Tests.Signing;

/// <summary>
/// The signer against the official OSS SDK's published V4 vectors: aliyun/alibabacloud-oss-python-sdk-v2,
/// tests/unit/signer/test_v4.py (test_auth_header, test_auth_header_with_token,
/// test_auth_header_with_additional_headers). Same request: PUT bucket "bucket", key "1234+-/123/1.txt",
/// credentials ak/sk, region cn-hangzhou, the headers and query parameters below.
/// </summary>
public class OssV4SignerTests
{
    private static readonly KeyValuePair<string, string?>[] Query =
    [
        new("param1", "value1"),
        new("+param1", "value3"),
        new("|param1", "value4"),
        new("+param2", string.Empty),
        new("|param2", string.Empty),
        new("param2", string.Empty),
    ];

    [Fact]
    public void Authorization_OfficialVectorPlain_Matches()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1702743657);
        var authorization = Sign(time, securityToken: null, additional: []);
        Assert.Equal("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe", authorization);
    }

    [Fact]
    public void Authorization_OfficialVectorWithStsToken_Matches()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1702784856);
        var authorization = Sign(time, securityToken: "token", additional: []);
        Assert.Equal("OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea", authorization);
    }

    [Fact]
    public void Authorization_OfficialVectorWithAdditionalHeaders_Matches()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1702747512);
        const string Expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";
        Assert.Equal(Expected, Sign(time, securityToken: null, additional: ["ZAbc", "abc"]));

        // Same vector: default-signed (x-oss-head1) and absent (x-oss-no-exist) names drop out of AdditionalHeaders.
        Assert.Equal(Expected, Sign(time, securityToken: null, additional: ["x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"]));
    }

    [Fact]
    public void Authorization_WrongSecret_DiffersFromVector()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1702743657);
        var request = Request(time, null, []);
        Assert.NotEqual(
            OssV4Signer.Authorization(request, "ak", "sk", "cn-hangzhou", time),
            OssV4Signer.Authorization(request, "ak", "sk2", "cn-hangzhou", time));
    }

    private static string Sign(DateTimeOffset time, string? securityToken, string[] additional) =>
        OssV4Signer.Authorization(Request(time, securityToken, additional), "ak", "sk", "cn-hangzhou", time);

    private static SigningRequest Request(DateTimeOffset time, string? securityToken, string[] additional)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-oss-head1"] = "value",
            ["abc"] = "value",
            ["ZAbc"] = "value",
            ["XYZ"] = "value",
            ["content-type"] = "text/plain",
            ["x-oss-content-sha256"] = "UNSIGNED-PAYLOAD",
        };
        OssV4Signer.AddSigningHeaders(headers, time, securityToken);
        return new SigningRequest("PUT", "bucket", "1234+-/123/1.txt", Query, headers, additional);
    }
}
