namespace Orchestrator.Workflow.Engine;

/// <summary>
/// Serialises the events of one job within this process (striped, so memory stays bounded). Across processes the
/// journal's create-only writes decide; this only saves pointless lost races between local callers.
/// </summary>
internal sealed class JobLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(string jobId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(jobId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Held(stripe);
    }

    private sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
