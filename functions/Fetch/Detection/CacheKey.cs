using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// The dependency-cache key: SHA-256 over the lockfile's bytes, the package manager, the Node.js major and the
/// platform. Any change to one of them means node_modules may differ, so the key changes with it.
/// </summary>
public static class CacheKey
{
    public static string Compute(ReadOnlySpan<byte> lockfile, string packageManager, int nodeMajor, string platform)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(lockfile);

        // A separator that cannot occur in the other fields keeps ("a","bc") and ("ab","c") apart.
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n{packageManager}\n{nodeMajor}\n{platform}")));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>What installs node_modules, for the key: the package manager, or it and the project's own install command.</summary>
    public static string Installer(string packageManager, string? installCommand) =>
        installCommand is null ? packageManager : packageManager + "\n" + installCommand;
}
