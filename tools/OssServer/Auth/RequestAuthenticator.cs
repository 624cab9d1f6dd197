using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage.Signing;
using Orchestrator.Tools.OssServer.Api;

namespace Orchestrator.Tools.OssServer.Auth;

/// <summary>
/// Checks a request's Signature V4 (<c>OSS4-HMAC-SHA256</c>) or V1 (<c>OSS ak:sig</c>) Authorization header against
/// the configured credentials, and the STS token when the credential has one. Failures are OSS's 403 answers;
/// <c>SignatureDoesNotMatch</c> carries the string to sign, as OSS does, to make client bugs findable.
/// </summary>
internal sealed class RequestAuthenticator(IReadOnlyList<CloudCredentials> credentials, string region, TimeProvider timeProvider)
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    public void Authenticate(SigningRequest request, string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new OssErrorException(403, "AccessDenied", "You have no right to access this object because of anonymous access (no Authorization header).");
        }

        if (authorization.StartsWith(OssV4Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            VerifyV4(request, authorization);
        }
        else if (authorization.StartsWith("OSS ", StringComparison.Ordinal))
        {
            VerifyV1(request, authorization);
        }
        else
        {
            throw OssErrorException.InvalidArgument("Authorization header is neither OSS4-HMAC-SHA256 nor OSS (V1).");
        }
    }

    private void VerifyV4(SigningRequest request, string authorization)
    {
        var fields = authorization[(OssV4Signer.Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("Signature", out var signature))
        {
            throw OssErrorException.InvalidArgument("Authorization header lacks Credential or Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[3] != OssV4Signer.Product || scope[4] != "aliyun_v4_request")
        {
            throw OssErrorException.InvalidArgument($"Invalid credential scope '{credential}' (expected AccessKeyId/yyyyMMdd/region/oss/aliyun_v4_request).");
        }

        var time = OssV4Signer.ParseDate(Header(request, OssV4Signer.DateHeader))
            ?? throw new OssErrorException(403, "AccessDenied", "V4 requests need an x-oss-date header (yyyyMMddTHHmmssZ).");
        CheckSkew(time);
        if (scope[1] != time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            throw new OssErrorException(403, "SignatureDoesNotMatch", "The credential scope date does not match x-oss-date.");
        }

        if (scope[2] != region)
        {
            throw OssErrorException.InvalidArgument($"Invalid signing region in Authorization header: '{scope[2]}' (this endpoint is {region}).");
        }

        var known = Find(scope[0]);
        CheckToken(known, request);
        var additional = fields.TryGetValue("AdditionalHeaders", out var list) ? list.Split(';', StringSplitOptions.RemoveEmptyEntries) : [];
        var signed = request with { AdditionalHeaders = additional };
        var canonical = OssV4Signer.CanonicalRequest(signed);
        var stringToSign = OssV4Signer.StringToSign(time, region, canonical);
        var expected = OssV4Signer.Signature(known.AccessKeySecret, time, region, stringToSign);
        if (!FixedTimeEquals(expected, signature))
        {
            throw new OssErrorException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                new Dictionary<string, string> { ["StringToSign"] = stringToSign, ["CanonicalRequest"] = canonical });
        }
    }

    private void VerifyV1(SigningRequest request, string authorization)
    {
        var pair = authorization[4..].Trim();
        var colon = pair.LastIndexOf(':');
        if (colon <= 0)
        {
            throw OssErrorException.InvalidArgument("V1 Authorization header must be 'OSS AccessKeyId:Signature'.");
        }

        var date = Header(request, "Date");
        if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new OssErrorException(403, "AccessDenied", "V1 requests need a Date header (RFC 1123).");
        }

        CheckSkew(time);
        var known = Find(pair[..colon]);
        CheckToken(known, request);
        var expected = OssV1Signer.Signature(known.AccessKeySecret, request);
        if (!FixedTimeEquals(expected, pair[(colon + 1)..]))
        {
            throw new OssErrorException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                new Dictionary<string, string> { ["StringToSign"] = OssV1Signer.StringToSign(request) });
        }
    }

    private void CheckSkew(DateTimeOffset time)
    {
        if ((time - timeProvider.GetUtcNow()).Duration() > AllowedSkew)
        {
            throw new OssErrorException(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
        }
    }

    private CloudCredentials Find(string accessKeyId) =>
        credentials.FirstOrDefault(c => c.AccessKeyId == accessKeyId)
        ?? throw new OssErrorException(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");

    private static void CheckToken(CloudCredentials known, SigningRequest request)
    {
        if (!string.IsNullOrEmpty(known.SecurityToken) && !FixedTimeEquals(known.SecurityToken, Header(request, OssV4Signer.SecurityTokenHeader) ?? string.Empty))
        {
            throw new OssErrorException(403, "InvalidAccessKeyId", "The security token you provided is missing or invalid.");
        }
    }

    private static string? Header(SigningRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
