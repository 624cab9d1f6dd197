using System.Globalization;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Cli.Commands;

/// <summary>How the status verbs print times, durations, stages and numbers: invariant culture, UTC.</summary>
internal static class Text
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>"0.3 s", "14.7 s", "2 min 05 s": a sub-second stage still shows how long it took.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 60
            ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min " + span.Seconds.ToString("00", CultureInfo.InvariantCulture) + " s";

    public static string Stage(StageName stage) => ObjectKeys.Lower(stage);

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>One line per stage: name, state, attempt, timing, next retry, error.</summary>
    public static string StageLine(StageStatus stage, DateTimeOffset now)
    {
        var line = $"{Stage(stage.Name),-8} {stage.State,-10} attempt {Number(stage.Attempt)}/{Number(stage.MaxAttempts)}";
        if (stage.StartedAt is { } started)
        {
            line += stage.FinishedAt is { } finished ? $"  took {Duration(finished - started)}" : $"  running {Duration(now - started)}";
        }

        if (stage.NextRetryAt is { } next)
        {
            line += $"  next retry {Time(next)}";
        }

        if (stage.Error is { } error)
        {
            line += $"  {error.Code}: {error.Message}{(error.Retryable ? "" : " (not retryable)")}";
        }

        return line;
    }
}
