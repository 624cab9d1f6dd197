namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// The figures of a load run (P4, <c>bench --only LOAD</c>) from its report: how many jobs ended, were lost or
/// completed a stage twice, how long from the first upload to the last terminal entry, upload→terminal percentiles,
/// journal entries written per second over that time, and the instances each function started and ran at once.
/// </summary>
public static class LoadFigures
{
    /// <summary>Uploads per site: every site sees this many uploads overtake each other.</summary>
    public const int UploadsPerSite = 20;

    /// <summary>The sites a run of <paramref name="jobs"/> uploads spreads them over.</summary>
    public static int SitesFor(int jobs) => Math.Max(1, (jobs + UploadsPerSite - 1) / UploadsPerSite);

    public static IReadOnlyDictionary<string, double> From(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var figures = report.Figures;
        var span = report.FirstUploadToLastTerminal;
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["submitted"] = figures.Submitted,
            ["terminal"] = figures.Terminal,
            ["lost"] = figures.Lost,
            ["duplicate_completions"] = figures.DuplicateCompletions,
            ["mismatched_sites"] = figures.MismatchedSites,
            ["status_disagreements"] = figures.StatusDisagreements,
            ["succeeded"] = report.FinalStates.GetValueOrDefault("Succeeded"),
            ["redeliveries"] = report.Redeliveries,
            ["dead_lettered"] = report.DeadLettered,
            ["uploading_s"] = report.Uploading.TotalSeconds,
            ["journal_entries"] = report.JournalEntries,
        };

        // Times exist only when some job ended; a figure that cannot be measured is left out, not made up.
        if (span is { TotalSeconds: > 0 } time)
        {
            result["first_upload_to_last_terminal_s"] = time.TotalSeconds;
            result["transitions_per_s"] = report.JournalEntries / time.TotalSeconds;
            result["upload_to_terminal_p50_s"] = ChaosReport.Percentile(report.UploadToTerminal, 0.50)!.Value.TotalSeconds;
            result["upload_to_terminal_p99_s"] = ChaosReport.Percentile(report.UploadToTerminal, 0.99)!.Value.TotalSeconds;
        }

        foreach (var (function, started) in report.InstancesByFunction)
        {
            result[$"{function}.instances_started"] = started;
            result[$"{function}.peak_instances"] = report.PeakInstances.GetValueOrDefault(function);
        }

        return result;
    }
}
