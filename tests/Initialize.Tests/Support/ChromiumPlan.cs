namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>What the browser fixture does about chromium: use it, install it, or refuse with one line (<see cref="Refusal"/>).</summary>
internal sealed record ChromiumPlan(bool Install, string? Refusal)
{
    public static ChromiumPlan UseInstalled { get; } = new(false, null);

    public static ChromiumPlan InstallWithApt { get; } = new(true, null);

    public static ChromiumPlan Refuse(string reason) => new(false, reason);
}
