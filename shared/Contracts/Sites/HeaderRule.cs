namespace Orchestrator.Contracts.Sites;

/// <summary>Response headers for every path matching <see cref="For"/> (a <see cref="PathPattern"/>).</summary>
public sealed record HeaderRule(string For, IReadOnlyDictionary<string, string> Values);
