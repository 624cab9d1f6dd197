using System.Text.RegularExpressions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Workflow.Policy;

/// <summary>
/// Checks <see cref="CoordinatorOptions"/> at start: every bad setting is listed in one
/// <see cref="InvalidSettingException"/>, which names the first.
/// </summary>
public static partial class CoordinatorOptionsValidator
{
    /// <summary>MNS delays messages by at most 7 days; a longer timer could never be sent.</summary>
    public static readonly TimeSpan MaxTimer = TimeSpan.FromDays(7);

    public static void Validate(CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Each problem is the setting and what is wrong with it; the message lists them all.
        var problems = new List<(string Setting, string Problem)>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            problems.Add((SettingNames.Bucket, $"is not set: set it (or {CoordinatorOptions.SectionName}:Bucket) to the bucket holding the jobs"));
        }

        foreach (var bucket in options.SourceBuckets.Where(b => !BucketName().IsMatch(b ?? "")))
        {
            problems.Add((SettingNames.SourceBuckets, $"({CoordinatorOptions.SectionName}:SourceBuckets) holds '{bucket}', which is not an OSS bucket name (3-63 of a-z, 0-9, inner '-')"));
        }

        if (options.MaxConflictRetries is < 1 or > 100)
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:MaxConflictRetries", $"must be 1..100 (is {options.MaxConflictRetries})"));
        }

        if (options.SweepGrace < TimeSpan.Zero)
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:SweepGrace", "must not be negative"));
        }

        if (options.ResultCheckAfter < TimeSpan.Zero || options.ResultCheckAfter > TimeSpan.FromHours(1))
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:ResultCheckAfter", $"must be within [0, 1 hour] (is {options.ResultCheckAfter})"));
        }

        if (options.SweepBudget <= TimeSpan.Zero)
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:SweepBudget", $"must be positive (is {options.SweepBudget})"));
        }

        if (options.SweepParallelism is < 1 or > 64)
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:SweepParallelism", $"must be 1..64 (is {options.SweepParallelism})"));
        }

        if (options.SafetyNetSlice is < 1 or > 1000)
        {
            problems.Add(($"{CoordinatorOptions.SectionName}:SafetyNetSlice", $"must be 1..1000 (one listing page; is {options.SafetyNetSlice})"));
        }

        foreach (var stage in Enum.GetValues<StageName>())
        {
            problems.AddRange(StageProblems($"{CoordinatorOptions.SectionName}:{stage}", options.For(stage)));
        }

        if (problems.Count > 0)
        {
            throw new InvalidSettingException(problems[0].Setting, string.Join("; ", problems.Select(p => $"{p.Setting} {p.Problem}")));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    private static IEnumerable<(string Setting, string Problem)> StageProblems(string prefix, StageOptions stage)
    {
        if (stage.Timeout <= TimeSpan.Zero || stage.Timeout > MaxTimer)
        {
            yield return ($"{prefix}:Timeout", $"must be within (0, 7 days] (is {stage.Timeout})");
        }

        var retry = stage.Retry;
        if (retry.MaxAttempts is < 1 or > 100)
        {
            yield return ($"{prefix}:Retry:MaxAttempts", $"must be 1..100 (is {retry.MaxAttempts})");
        }

        if (retry.InitialDelay < TimeSpan.Zero)
        {
            yield return ($"{prefix}:Retry:InitialDelay", "must not be negative");
        }

        if (retry.Multiplier is < 1 or > 100 || double.IsNaN(retry.Multiplier))
        {
            yield return ($"{prefix}:Retry:Multiplier", $"must be 1..100 (is {retry.Multiplier})");
        }

        if (retry.MaxDelay < retry.InitialDelay || retry.MaxDelay > MaxTimer)
        {
            yield return ($"{prefix}:Retry:MaxDelay", $"must be between InitialDelay and 7 days (is {retry.MaxDelay})");
        }
    }
}
