namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>Scaling in: instances beyond the minimum that stayed idle long enough are stopped.</summary>
public sealed partial class FunctionPool
{
    private async Task ReapAsync(CancellationToken cancellationToken)
    {
        var period = _options.IdleTimeout / 4 < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : _options.IdleTimeout / 4;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var member in TakeIdle())
            {
                Logs.ScaledIn(_logger, Function.FunctionName, member.Instance.ProcessId ?? 0, (int)_options.IdleTimeout.TotalSeconds, Instances.Count);

                // DisposeAsync calls /pre-stop, then stops the process, as FC does with an instance it reclaims.
                await member.Instance.DisposeAsync();
            }
        }
    }

    /// <summary>Removes the instances to reap from the pool (so nothing is routed to them), longest idle first.</summary>
    private List<PooledInstance> TakeIdle()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var idle = _members
                .Where(m => m.Active == 0 && now - m.IdleSince >= _options.IdleTimeout)
                .OrderBy(m => m.IdleSince)
                .Take(_members.Count - MinInstances)
                .ToList();
            foreach (var member in idle)
            {
                _members.Remove(member);
                _retired.Add(member.Instance);
            }

            return idle;
        }
    }
}
