using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// Job ids are derived from the upload (bucket, key, ETag), never random: every copy of one upload's event names
/// the same job, so a duplicated OSS event can never start a second job. An id is 32 lower-case hex digits, which
/// is also the job's 128-bit correlation id.
/// </summary>
public static class JobIds
{
    /// <summary>The job id of an upload. ETag quotes and case are ignored (events and HEAD spell them differently).</summary>
    public static string FromSource(string bucket, string key, string etag)
    {
        var normalized = $"{bucket}\n{key}\n{etag.Trim('"').ToUpperInvariant()}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>True when <paramref name="jobId"/> has the shape of a job id; gives its correlation id.</summary>
    public static bool TryGetCorrelationId(string? jobId, out Guid correlationId)
    {
        correlationId = Guid.Empty;
        return jobId is { Length: 32 }
            && jobId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            && Guid.TryParseExact(jobId, "N", out correlationId);
    }

    /// <summary>The correlation id of a well-formed job id.</summary>
    public static Guid ToCorrelationId(string jobId) =>
        TryGetCorrelationId(jobId, out var id) ? id : throw new ArgumentException($"'{jobId}' is not a job id", nameof(jobId));
}
