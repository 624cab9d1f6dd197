namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Everything a chaos run will do, drawn from one seed before it starts: the same seed and job count give the same
/// uploads, the same OSS fault settings, the same kills and the same duplicated queues. (What the system does in
/// between still depends on timing; the plan does not.)
/// </summary>
public sealed record ChaosPlan(
    int Seed,
    IReadOnlyList<PlannedUpload> Uploads,
    double ServiceUnavailableRate,
    TimeSpan Latency,
    IReadOnlyList<PlannedKill> Kills,
    IReadOnlySet<string> DuplicateDeliveryQueues)
{
    // Small enough that a default run ends well within a minute or two, large enough to overlap uploads of one site.
    private static readonly TimeSpan UploadSpacing = TimeSpan.FromMilliseconds(250);

    public IEnumerable<string> Sites => Uploads.Select(u => u.Site).Distinct(StringComparer.Ordinal);

    /// <summary>Draws the plan for <paramref name="jobs"/> uploads over the project's functions and queues.</summary>
    public static ChaosPlan Create(int jobs, int seed, IReadOnlyList<string> functions, IReadOnlyList<string> queues)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobs);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(queues);
        var random = new Random(seed);
        var uploads = DrawUploads(jobs, seed, random);
        var rate = 0.02 + (random.NextDouble() * 0.06);
        var latency = TimeSpan.FromMilliseconds(random.Next(0, 16));

        // About one kill per four jobs, spread over every function, each somewhere within the run's invocations.
        var kills = Enumerable.Range(0, Math.Max(1, jobs / 4))
            .Select(_ => new PlannedKill(functions[random.Next(functions.Count)], random.Next(1, jobs + 1), TimeSpan.FromMilliseconds(random.Next(0, 200)), random.NextDouble()))
            .DistinctBy(k => (k.Function, k.Invocation))
            .ToList();
        var duplicated = queues.Where(_ => random.Next(2) == 0).ToHashSet(StringComparer.Ordinal);
        if (duplicated.Count == 0 && queues.Count > 0)
        {
            duplicated.Add(queues[random.Next(queues.Count)]);
        }

        return new ChaosPlan(seed, uploads, rate, latency, kills, duplicated);
    }

    /// <summary>
    /// A load plan (P4, <c>bench --only LOAD</c>): <paramref name="jobs"/> distinct uploads spread round-robin over
    /// <paramref name="sites"/> sites, all put at once, and no faults, kills or duplicated deliveries.
    /// </summary>
    public static ChaosPlan Load(int jobs, int sites)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sites);
        var uploads = Enumerable.Range(1, jobs)
            .Select(number => (Number: number, Site: $"load-{(number - 1) % sites:D3}"))
            .Select(u => new PlannedUpload(u.Number, u.Site, $"src/{u.Site}/upload-{u.Number:D5}.zip", $"load-{u.Number:D5}", TimeSpan.Zero, null))
            .ToList();
        return new ChaosPlan(0, uploads, 0, TimeSpan.Zero, [], new HashSet<string>(StringComparer.Ordinal));
    }

    private static List<PlannedUpload> DrawUploads(int jobs, int seed, Random random)
    {
        // Roughly three uploads per site, so every site sees uploads overtake each other.
        var sites = Math.Clamp((jobs + 2) / 3, 1, 4);
        var spread = UploadSpacing * jobs;
        var uploads = new List<PlannedUpload>(jobs);
        for (var number = 1; number <= jobs; number++)
        {
            var site = $"chaos-{(char)('a' + random.Next(sites))}";
            var at = spread * random.NextDouble();
            TimeSpan? repeat = random.NextDouble() < 0.3 ? at + TimeSpan.FromMilliseconds(random.Next(100, 2000)) : null;
            uploads.Add(new PlannedUpload(number, site, $"src/{site}/upload-{number:D3}.zip", $"chaos-{seed}-{number:D3}", at, repeat));
        }

        if (uploads.TrueForAll(u => u.RepeatAt is null))
        {
            uploads[0] = uploads[0] with { RepeatAt = uploads[0].At + TimeSpan.FromMilliseconds(500) };
        }

        return uploads;
    }
}
