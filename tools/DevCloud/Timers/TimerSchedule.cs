using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Timers;

/// <summary>
/// A timer trigger's cronExpression: <c>@every 1m</c> / <c>@every 1h30m</c>, or FC's six-field UTC cron
/// (<c>second minute hour day-of-month month day-of-week</c>; <c>*</c>, <c>?</c>, numbers, lists, ranges, <c>*/n</c>).
/// </summary>
public sealed partial class TimerSchedule
{
    private readonly TimeSpan? every;
    private readonly HashSet<int>[] fields = [];

    private TimerSchedule(TimeSpan? every, HashSet<int>[] fields)
    {
        this.every = every;
        this.fields = fields;
    }

    public static TimerSchedule Parse(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith("@every ", StringComparison.Ordinal))
        {
            var parts = Duration().Matches(text[7..].Trim());
            if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text[7..].Trim())
            {
                throw new ServerlessConfigException("InvalidCron", $"'{expression}' is not @every <n>h<n>m<n>s");
            }

            var total = parts.Aggregate(TimeSpan.Zero, (sum, part) => sum + Unit(int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture), part.Groups[2].Value));
            return total > TimeSpan.Zero ? new TimerSchedule(total, []) : throw new ServerlessConfigException("InvalidCron", $"'{expression}' has a zero interval");
        }

        var fieldTexts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int[][] ranges = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
        if (fieldTexts.Length != 6)
        {
            throw new ServerlessConfigException("InvalidCron", $"'{expression}' needs six fields (second minute hour day month weekday) or @every");
        }

        return new TimerSchedule(null, fieldTexts.Select((field, i) => Field(field, ranges[i][0], ranges[i][1], expression)).ToArray());
    }

    /// <summary>The first firing strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (every is { } interval)
        {
            return after + interval;
        }

        var candidate = new DateTimeOffset(after.UtcDateTime.Year, after.UtcDateTime.Month, after.UtcDateTime.Day, after.UtcDateTime.Hour, after.UtcDateTime.Minute, 0, TimeSpan.Zero);
        for (var minutes = 0; minutes < 366 * 24 * 60; minutes++, candidate = candidate.AddMinutes(1))
        {
            var utc = candidate.UtcDateTime;
            if (!fields[1].Contains(utc.Minute) || !fields[2].Contains(utc.Hour) || !fields[3].Contains(utc.Day) || !fields[4].Contains(utc.Month) || !fields[5].Contains((int)utc.DayOfWeek))
            {
                continue;
            }

            foreach (var second in fields[0].Order())
            {
                var at = candidate.AddSeconds(second);
                if (at > after)
                {
                    return at;
                }
            }
        }

        throw new ServerlessConfigException("InvalidCron", "the cron expression never fires within a year");
    }

    private static HashSet<int> Field(string field, int min, int max, string expression)
    {
        var values = new HashSet<int>();
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            if (part.Split('/') is [var r, var s])
            {
                range = r;
                step = Number(s, 1, max, expression);
            }

            var (from, to) = range is "*" or "?" ? (min, max)
                : range.Split('-') is [var a, var b] ? (Number(a, min, max, expression), Number(b, min, max, expression))
                : (Number(range, min, max, expression), part.Contains('/', StringComparison.Ordinal) ? max : Number(range, min, max, expression));
            for (var value = from; value <= to; value += step)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static int Number(string text, int min, int max, string expression) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ServerlessConfigException("InvalidCron", $"'{text}' in '{expression}' is not a number in {min}..{max}");

    private static TimeSpan Unit(int value, string unit) => unit switch
    {
        "h" => TimeSpan.FromHours(value),
        "m" => TimeSpan.FromMinutes(value),
        _ => TimeSpan.FromSeconds(value),
    };

    [GeneratedRegex(@"(\d+)([hms])")]
    private static partial Regex Duration();
}
