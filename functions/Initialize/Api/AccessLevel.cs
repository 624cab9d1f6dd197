namespace Orchestrator.Functions.Initialize.Api;

/// <summary>What a route needs: reading (open unless a read token is configured) or ops (always a token).</summary>
internal enum AccessLevel
{
    Read,
    Ops,
}
