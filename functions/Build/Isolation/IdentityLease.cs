namespace Orchestrator.Functions.Build;

/// <summary>One build's hold on its <see cref="ChildIdentity"/>, from <see cref="BuildIdentities.AcquireAsync"/> until disposed.</summary>
public sealed class IdentityLease : IDisposable
{
    private readonly BuildIdentities _owner;
    private readonly SlotLock _claim;

    internal IdentityLease(BuildIdentities owner, ChildIdentity identity, SlotLock claim)
    {
        _owner = owner;
        _claim = claim;
        Identity = identity;
    }

    public ChildIdentity Identity { get; }

    /// <summary>Never hands this uid out again in this instance: something of it could not be killed.</summary>
    public void Retire(string jobId, int survivors) => _owner.Retire(Identity, jobId, survivors);

    public void Dispose() => _claim.Dispose();
}
