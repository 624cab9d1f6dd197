using System.Diagnostics;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Runs a <see cref="ChaosPlan"/> against a running local cloud: turns the OSS faults and the kills on, uploads
/// the archives at their planned moments, waits (bounded) until every job has ended, turns the faults off, and
/// judges what OSS and the status API then hold.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<ChaosReport> RunAsync(LocalCloud cloud, ChaosPlan plan, string templateFolder, TimeSpan deadline, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var archives = plan.Uploads.ToDictionary(u => u, u => ChaosArchive.Create(templateFolder, u.Marker));
        using var oss = new OssClient(new OssClientOptions
        {
            Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'),
            Region = cloud.Region,
            Credentials = new StaticCredentialsProvider(cloud.OperatorCredentials),

            // The run's own uploads and polls go through the same 503s; a patient user retries until they get through,
            // and the observer must not be the one that gives up.
            MaxAttempts = 10,
        });
        using var api = new HttpClient { BaseAddress = cloud.ApiBase ?? throw new InvalidOperationException("s.yaml gives no function an HTTP trigger: there is no status API to check"), Timeout = TimeSpan.FromSeconds(10) };
        var evidence = new EvidenceReader(oss, cloud.Bucket, api);
        var startsBefore = cloud.Pools.Sum(p => p.ProcessStarts) - cloud.Pools.Sum(p => p.InstancesStarted);
        var (redeliveredBefore, deadBefore) = (cloud.Deliveries.Redeliveries, cloud.Deliveries.DeadLettered);
        var faults = cloud.Oss.Faults;
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<PlannedUpload, (string JobId, DateTimeOffset At)> uploaded;
        TimeSpan uploading;
        long injected;
        int kills;
        await using (var killer = new InstanceKiller(cloud.Pools, plan.Kills))
        {
            faults.Seed(plan.Seed);
            faults.ServiceUnavailableRate = plan.ServiceUnavailableRate;
            faults.Latency = plan.Latency;
            try
            {
                progress($"uploading {plan.Uploads.Count} archives to {plan.Sites.Count()} sites ({plan.Uploads.Count(u => u.RepeatAt is not null)} uploaded twice)…");
                uploaded = await UploadAsync(oss, cloud.Bucket, archives, clock, cancellationToken);
                uploading = clock.Elapsed;
                progress($"waiting up to {deadline.TotalSeconds:0} s for {uploaded.Count} jobs to end…");
                await WaitForTerminalAsync(evidence, uploaded.Values.Select(u => u.JobId), deadline, cancellationToken);
            }
            finally
            {
                injected = faults.InjectedCount;
                faults.Reset();
            }

            kills = killer.Performed;
        }

        var untilTerminal = clock.Elapsed;
        progress("checking journals, heads, sites and the status API…");
        var found = new List<JobEvidence>();
        foreach (var (upload, (jobId, at)) in uploaded)
        {
            found.Add(await evidence.JobAsync(upload, jobId, cancellationToken) with { UploadedAt = at });
        }

        var unexpected = (await evidence.IndexedJobsAsync(cancellationToken)).Except(uploaded.Values.Select(u => u.JobId)).Count();
        var siteProblems = new List<string>();
        foreach (var site in plan.Sites)
        {
            var expected = SiteCheck.ExpectedMarker(found.Where(j => j.Upload.Site == site).Select(j => new SiteJob(j.Upload.Marker, j.State, JournalCheck.SiteSequence(j.Journal))));
            var live = await evidence.SiteAsync(site, cancellationToken);
            if (SiteCheck.IsMismatched(live, expected))
            {
                siteProblems.Add($"{site}: serves {(live.Html is null ? "nothing" : ChaosArchive.MarkerOf(live.Html) ?? "unmarked html")}, expected {expected ?? "nothing"}{(live.MissingAssets.Count > 0 ? "; missing " + string.Join(", ", live.MissingAssets) : string.Empty)}");
            }
        }

        return Judge(plan, found, unexpected, siteProblems) with
        {
            ServiceUnavailableInjected = injected,
            KillsPerformed = kills,
            Restarts = cloud.Pools.Sum(p => p.ProcessStarts) - cloud.Pools.Sum(p => p.InstancesStarted) - startsBefore,
            InstancesStarted = cloud.Pools.Sum(p => p.InstancesStarted),
            InstancesByFunction = cloud.Pools.ToDictionary(p => p.Function.ResourceName, p => p.InstancesStarted, StringComparer.Ordinal),
            PeakInstances = cloud.Pools.ToDictionary(p => p.Function.ResourceName, p => p.PeakInstances, StringComparer.Ordinal),
            Redeliveries = cloud.Deliveries.Redeliveries - redeliveredBefore,
            DeadLettered = cloud.Deliveries.DeadLettered - deadBefore,
            RecoveredReports = RecoveredReports.Count(Path.Combine(cloud.Options.DataDirectory, "logs")),
            Uploading = uploading,
            UntilTerminal = untilTerminal,
            Total = clock.Elapsed,
        };
    }

    /// <summary>The figures from the evidence (timings and fault counts are the run's to add).</summary>
    public static ChaosReport Judge(ChaosPlan plan, IReadOnlyList<JobEvidence> jobs, int unexpectedJobs, IReadOnlyList<string> siteProblems)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(siteProblems);
        var problems = new List<string>();
        int duplicates = unexpectedJobs, disagreements = 0;
        foreach (var job in jobs)
        {
            var twice = JournalCheck.DuplicateCompletions(job.Journal);
            duplicates += twice;
            var disagrees = job.IsTerminal && StatusCheck.Disagrees(job.Status, job.Head, job.HeadMetadata, job.Journal.Count > 0 ? job.Journal[^1] : null);
            disagreements += disagrees ? 1 : 0;
            if (!job.IsTerminal || twice > 0 || disagrees)
            {
                problems.Add($"{job.JobId} ({job.Upload.Key}): {job.State ?? "no job"}{(twice > 0 ? $", {twice} duplicate completion(s)" : string.Empty)}{(disagrees ? ", status disagrees with OSS" : string.Empty)}");
            }
        }

        var terminal = jobs.Count(j => j.IsTerminal);
        var firstUpload = jobs.Select(j => j.UploadedAt).Min();
        var lastTerminal = jobs.Select(TerminalAt).Max();
        return new ChaosReport
        {
            Figures = new ChaosFigures(jobs.Count, terminal, jobs.Count - terminal, duplicates, siteProblems.Count, disagreements),
            Plan = plan,
            FinalStates = jobs.GroupBy(j => j.State ?? "none", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            UnexpectedJobs = unexpectedJobs,
            JobDurations = jobs.Where(j => j.IsTerminal).Select(Duration).OfType<TimeSpan>().Order().ToList(),
            UploadToTerminal = jobs.Where(j => j.IsTerminal).Select(UploadToTerminal).OfType<TimeSpan>().Order().ToList(),
            JournalEntries = jobs.Sum(j => j.Journal.Count),
            FirstUploadToLastTerminal = lastTerminal - firstUpload,
            SiteProblems = siteProblems,
            JobProblems = problems,
        };
    }

    private static async Task<IReadOnlyDictionary<PlannedUpload, (string JobId, DateTimeOffset At)>> UploadAsync(OssClient oss, string bucket, IReadOnlyDictionary<PlannedUpload, byte[]> archives, Stopwatch clock, CancellationToken cancellationToken)
    {
        var uploads = archives.Select(async pair =>
        {
            var (upload, bytes) = pair;
            var etag = await PutAtAsync(upload.At);
            var at = TimeProvider.System.GetUtcNow();
            if (upload.RepeatAt is { } again)
            {
                await PutAtAsync(again);
            }

            return (Upload: upload, JobId: JobIds.FromSource(bucket, upload.Key, etag), At: at);

            async Task<string> PutAtAsync(TimeSpan at)
            {
                // The planned moment is the fault (uploads landing while others run), not a synchronisation.
                if (at > clock.Elapsed)
                {
                    await Task.Delay(at - clock.Elapsed, cancellationToken);
                }

                using var body = new MemoryStream(bytes, writable: false);
                return (await oss.PutAsync(bucket, upload.Key, body, new PutOptions { ContentType = "application/zip" }, cancellationToken)).ETag;
            }
        });
        return (await Task.WhenAll(uploads)).ToDictionary(u => u.Upload, u => (u.JobId, u.At));
    }

    private static async Task WaitForTerminalAsync(EvidenceReader evidence, IEnumerable<string> jobIds, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var open = jobIds.ToHashSet(StringComparer.Ordinal);
        var until = Stopwatch.StartNew();
        while (open.Count > 0 && until.Elapsed < deadline)
        {
            foreach (var jobId in open.ToList())
            {
                if (JobEvidence.IsTerminalState(await evidence.StateAsync(jobId, cancellationToken)))
                {
                    open.Remove(jobId);
                }
            }

            if (open.Count > 0)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }

    // The first terminal entry's time (written by the coordinator on this machine's clock) less the upload's.
    private static TimeSpan? UploadToTerminal(JobEvidence job) => job.UploadedAt is { } uploaded && TerminalAt(job) is { } ended ? ended - uploaded : null;

    private static DateTimeOffset? TerminalAt(JobEvidence job) =>
        job.Journal.FirstOrDefault(e => JobEvidence.IsTerminalState(JournalCheck.Text(e, "to")))?["at"]?.GetValue<DateTimeOffset>();

    private static TimeSpan? Duration(JobEvidence job) =>
        job.Head?["createdAt"]?.GetValue<DateTimeOffset>() is { } created && job.Head["updatedAt"]?.GetValue<DateTimeOffset>() is { } updated ? updated - created : null;
}
