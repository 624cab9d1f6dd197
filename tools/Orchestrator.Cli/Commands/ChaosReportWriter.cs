using System.Globalization;
using Orchestrator.Tools.DevCloud.Chaos;

namespace Orchestrator.Cli.Commands;

/// <summary>Prints a chaos report: faults, final states, timings, what broke, and last the verdict as one JSON line.</summary>
internal static class ChaosReportWriter
{
    public static void Write(TextWriter output, ChaosReport report, string logs)
    {
        var plan = report.Plan;
        var figures = report.Figures;
        var rows = new List<(string, string)>
        {
            ("seed", Number(plan.Seed)),
            ("uploads (distinct archives)", $"{plan.Uploads.Count} over {plan.Sites.Count()} sites"),
            ("uploads repeated (same bytes, same ETag)", Number(plan.Uploads.Count(u => u.RepeatAt is not null))),
            ("OSS 503 rate / latency", $"{plan.ServiceUnavailableRate:P1} / {plan.Latency.TotalMilliseconds:0} ms"),
            ("OSS 503s injected", Number(report.ServiceUnavailableInjected)),
            ("instance kills planned / done", $"{plan.Kills.Count} / {report.KillsPerformed} ({string.Join(", ", plan.Kills.Select(k => $"{k.Function}#{k.Invocation}"))})"),
            ("instances started (peak per function)", $"{Number(report.InstancesStarted)} ({string.Join(", ", report.PeakInstances.Select(p => $"{p.Key} {p.Value}"))})"),
            ("instance restarts", Number(report.Restarts)),
            ("redeliveries / dead-lettered", $"{Number(report.Redeliveries)} / {Number(report.DeadLettered)}"),
            ("reports recovered from result objects", Number(report.RecoveredReports)),
            ("queues delivering every message twice", plan.DuplicateDeliveryQueues.Count == 0 ? "none" : string.Join(", ", plan.DuplicateDeliveryQueues.Order(StringComparer.Ordinal))),
            ("final job states", string.Join(", ", report.FinalStates.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))),
            ("unexpected jobs in the index", Number(report.UnexpectedJobs)),
            ("uploading took", Seconds(report.Uploading)),
            ("all jobs ended after", Seconds(report.UntilTerminal)),
            ("job duration median / max", report.JobDurations.Count == 0 ? "-" : $"{Seconds(report.JobDurations[report.JobDurations.Count / 2])} / {Seconds(report.JobDurations[^1])}"),
            ("upload to terminal p50 / p99 / max", report.UploadToTerminal.Count == 0 ? "-" : $"{Seconds(ChaosReport.Percentile(report.UploadToTerminal, 0.5)!.Value)} / {Seconds(ChaosReport.Percentile(report.UploadToTerminal, 0.99)!.Value)} / {Seconds(report.UploadToTerminal[^1])}"),
            ("whole run", Seconds(report.Total)),
            ("submitted / terminal / lost", $"{figures.Submitted} / {figures.Terminal} / {figures.Lost}"),
            ("duplicate completions", Number(figures.DuplicateCompletions)),
            ("mismatched sites", Number(figures.MismatchedSites)),
            ("status disagreements", Number(figures.StatusDisagreements)),
        };
        var width = rows.Max(r => r.Item1.Length);
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"  {name.PadRight(width)}  {value}");
        }

        foreach (var problem in report.JobProblems.Concat(report.SiteProblems))
        {
            output.WriteLine($"  ! {problem}");
        }

        output.WriteLine(figures.Passed ? "chaos: PASSED" : $"chaos: FAILED (function logs: {logs})");
        output.WriteLine(report.ToJson());
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
