using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>
/// Checks a request as MNS does: <c>x-mns-version</c>, a <c>Date</c> within the allowed skew, <c>Content-MD5</c>
/// matching the body when sent, the STS token when the credentials have one, and the signature recomputed over
/// the request exactly as received (<see cref="MnsSigner"/>).
/// </summary>
internal sealed class MnsRequestAuthenticator(CloudCredentials credentials, TimeProvider time, TimeSpan maxSkew)
{
    public void Check(HttpRequest request, byte[] body)
    {
        var headers = request.Headers;
        if (headers["x-mns-version"].ToString() != "2015-06-06")
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, "The x-mns-version header must be 2015-06-06.");
        }

        var date = headers.Date.ToString();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, "The Date header is missing or not in GMT (RFC 1123) form.");
        }

        if ((time.GetUtcNow() - sent).Duration() > maxSkew)
        {
            throw new MnsQueueError("TimeExpired", HttpStatusCode.BadRequest, "The Date header is too far from the server's clock.");
        }

        var contentMd5 = headers["Content-MD5"].ToString();
        if (contentMd5.Length > 0 && !Md5Matches(contentMd5, body))
        {
            throw new MnsQueueError("InvalidDigest", HttpStatusCode.BadRequest, "Content-MD5 does not match the body.");
        }

        var authorization = headers.Authorization.ToString();
        if (!authorization.StartsWith("MNS ", StringComparison.Ordinal) || authorization.IndexOf(':', StringComparison.Ordinal) < 5)
        {
            throw new MnsQueueError("AccessDenied", HttpStatusCode.Forbidden, "The Authorization header must be \"MNS <AccessKeyId>:<Signature>\".");
        }

        var separator = authorization.IndexOf(':', StringComparison.Ordinal);
        var accessKeyId = authorization[4..separator];
        var signature = authorization[(separator + 1)..];
        if (!FixedEquals(accessKeyId, credentials.AccessKeyId))
        {
            throw new MnsQueueError("InvalidAccessKeyId", HttpStatusCode.Forbidden, "The AccessKey id is not known.");
        }

        if (credentials.SecurityToken is { } token && !FixedEquals(headers["security-token"].ToString(), token))
        {
            throw new MnsQueueError("InvalidSecurityToken", HttpStatusCode.Forbidden, "The security-token header is missing or wrong.");
        }

        var mnsHeaders = headers
            .Where(h => h.Key.StartsWith(MnsSigner.HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));
        var resource = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString);
        var expected = MnsSigner.Sign(
            credentials.AccessKeySecret,
            MnsSigner.StringToSign(request.Method, contentMd5, headers.ContentType.ToString(), date, mnsHeaders, resource));
        if (!FixedEquals(signature, expected))
        {
            throw new MnsQueueError("SignatureDoesNotMatch", HttpStatusCode.Forbidden, "The request signature we calculated does not match the signature you provided.");
        }
    }

    private static bool Md5Matches(string header, byte[] body)
    {
        // The MNS SDKs send base64 of the hex digest; RFC 1864 clients send base64 of the raw digest. Both are accepted.
        var digest = MD5.HashData(body);
        var hexForm = Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest)));
        var hexUpperForm = Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToHexString(digest)));
        return header == hexForm || header == hexUpperForm || header == Convert.ToBase64String(digest);
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
