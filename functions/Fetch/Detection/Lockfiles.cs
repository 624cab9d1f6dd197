namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>Which lockfile belongs to which package manager, in the order they are preferred when several exist.</summary>
internal static class Lockfiles
{
    public static readonly (string File, string Manager)[] Known =
    [
        ("pnpm-lock.yaml", "pnpm"),
        ("yarn.lock", "yarn"),
        ("package-lock.json", "npm"),
        ("npm-shrinkwrap.json", "npm"),
    ];

    public static readonly string[] Managers = ["npm", "pnpm", "yarn"];
}
