using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// A bearer token the API accepts. Compared in constant time over SHA-256 digests, so neither the content nor the
/// length of the configured token leaks through timing; <see cref="ToString"/> redacts.
/// </summary>
internal sealed class AccessToken
{
    private readonly byte[] _digest;

    private AccessToken(string value) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>The token, or null when <paramref name="value"/> is missing or blank (nothing configured).</summary>
    public static AccessToken? FromSetting(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new AccessToken(value.Trim());

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public override string ToString() => "***";
}
