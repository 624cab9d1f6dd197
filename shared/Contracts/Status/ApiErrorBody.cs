namespace Orchestrator.Contracts.Status;

/// <summary>Every error answer of the status API: <c>{"error":{"code":...,"message":...}}</c>.</summary>
public sealed record ApiErrorBody(ApiError Error);
