using System.Globalization;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Checks what a caller puts in a path or query before it becomes part of an object key or a queue request: job
/// ids, site names and dead-letter ids are short runs of letters, digits, '.', '_' and '-', never '.' or '..' alone.
/// </summary>
internal static class RouteValues
{
    private const int MaxNameLength = 128;

    public static string JobId(string value) => Name(value, "InvalidJobId", "job id");

    public static string Site(string value) => Name(value, "InvalidSite", "site name");

    public static string DeadLetterId(string value) => Name(value, "InvalidDeadLetterId", "dead-letter id");

    public static StageName Stage(string value) => value.ToLowerInvariant() switch
    {
        "fetch" => StageName.Fetch,
        "build" => StageName.Build,
        "publish" => StageName.Publish,
        _ => throw ApiProblem.BadRequest("InvalidStage", $"unknown stage '{Shorten(value)}': expected fetch, build or publish"),
    };

    public static JobState? State(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Enum.TryParse<JobState>(value, ignoreCase: true, out var state) && Enum.IsDefined(state) && !char.IsDigit(value[0])
            ? state
            : throw ApiProblem.BadRequest(
                "InvalidState",
                $"unknown state '{Shorten(value)}': expected one of {string.Join(", ", Enum.GetNames<JobState>())}");
    }

    public static int Positive(string? value, string name, int fallback, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw ApiProblem.BadRequest(
                "Invalid" + char.ToUpperInvariant(name[0]) + name[1..],
                $"{name} must be a whole number from 1 to {max}, not '{Shorten(value)}'");
    }

    private static string Name(string value, string code, string what)
    {
        var valid = value.Length is > 0 and <= MaxNameLength
            && value is not "." and not ".."
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return valid
            ? value
            : throw ApiProblem.BadRequest(code, $"'{Shorten(value)}' is not a valid {what}: use letters, digits, '.', '_' and '-' (at most {MaxNameLength})");
    }

    // Echo at most a little of what the caller sent, so an error line stays one line.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
