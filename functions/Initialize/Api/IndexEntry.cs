using System.Globalization;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// One name of the job index, <c>&lt;invertedTicks:D19&gt;-&lt;jobId&gt;</c>: the job and its creation time,
/// read from the name alone.
/// </summary>
internal sealed record IndexEntry(string JobId, DateTimeOffset CreatedAt)
{
    private const int TicksDigits = 19;

    public static IndexEntry? TryParse(string name)
    {
        if (name.Length <= TicksDigits + 1 || name[TicksDigits] != '-'
            || !long.TryParse(name.AsSpan(0, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted))
        {
            return null;
        }

        var ticks = DateTimeOffset.MaxValue.UtcTicks - inverted;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        var jobId = name[(TicksDigits + 1)..];
        return jobId.Contains('/', StringComparison.Ordinal) ? null : new IndexEntry(jobId, new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
