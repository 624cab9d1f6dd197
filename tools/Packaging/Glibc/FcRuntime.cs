namespace Orchestrator.Tools.Packaging.Glibc;

/// <summary>An FC custom runtime and the glibc its image ships (from FC's runtime documentation).</summary>
public sealed record FcRuntime(string Name, string Debian, Version Glibc)
{
    public const string Default = "custom.debian10";

    public static IReadOnlyList<FcRuntime> All { get; } =
    [
        new("custom", "Debian 9", new Version(2, 24)),
        new("custom.debian10", "Debian 10", new Version(2, 28)),
        new("custom.debian11", "Debian 11", new Version(2, 31)),
        new("custom.debian12", "Debian 12", new Version(2, 36)),
    ];

    public static FcRuntime Find(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"unknown FC runtime '{name}'; known: {string.Join(", ", All.Select(r => r.Name))}", nameof(name));
}
