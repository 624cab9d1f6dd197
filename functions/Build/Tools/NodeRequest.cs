using Semver;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Which Node.js the project asks for, and where it says so: <c>.node-version</c>, then <c>.nvmrc</c> (both as nvm
/// and the version managers read them: "20", "v20.11.1", "lts/*", "lts/iron", "node"), then package.json's
/// <c>engines.node</c> (an npm semver range). Null when it asks for none.
/// </summary>
public sealed class NodeRequest
{
    // nvm's LTS codenames, by major.
    private static readonly Dictionary<string, int> LtsNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["argon"] = 4, ["boron"] = 6, ["carbon"] = 8, ["dubnium"] = 10, ["erbium"] = 12, ["fermium"] = 14,
        ["gallium"] = 16, ["hydrogen"] = 18, ["iron"] = 20, ["jod"] = 22, ["krypton"] = 24,
    };

    private readonly Func<SemVersion, bool> _accepts;

    private NodeRequest(string text, string source, Func<SemVersion, bool> accepts)
    {
        Text = text;
        Source = source;
        _accepts = accepts;
    }

    /// <summary>What the project wrote.</summary>
    public string Text { get; }

    /// <summary>Where it wrote it (".nvmrc", "engines.node in package.json").</summary>
    public string Source { get; }

    public bool Accepts(SemVersion version) => _accepts(version);

    /// <summary>The project's request, or null; a request no version can be read from is refused with <c>NodeVersionInvalid</c>.</summary>
    /// <exception cref="Contracts.Errors.StageFailedException">Non-retryable <c>NodeVersionInvalid</c>.</exception>
    public static NodeRequest? Read(string project, string? enginesNode)
    {
        foreach (var file in new[] { ".node-version", ".nvmrc" })
        {
            var path = Path.Combine(project, file);
            if (File.Exists(path) && FirstLine(path) is { Length: > 0 } line)
            {
                return FromVersionFile(line, file);
            }
        }

        return string.IsNullOrWhiteSpace(enginesNode) ? null : FromRange(enginesNode.Trim(), "engines.node in package.json");
    }

    private static NodeRequest FromVersionFile(string text, string source)
    {
        var lower = text.ToLowerInvariant();
        if (lower is "node" or "latest" or "current" or "stable")
        {
            return new NodeRequest(text, source, _ => true);
        }

        if (lower == "lts/*")
        {
            return new NodeRequest(text, source, v => v.Major % 2 == 0);
        }

        if (lower.StartsWith("lts/", StringComparison.Ordinal))
        {
            return LtsNames.TryGetValue(lower[4..], out var major)
                ? new NodeRequest(text, source, v => v.Major == major)
                : throw Invalid(text, source, "it names no LTS line known (" + string.Join(", ", LtsNames.Keys) + ")");
        }

        // nvm reads "20" as the newest 20.x and "20.11.1" as that version exactly: npm's range syntax says the same.
        return FromRange(text.TrimStart('v', 'V'), source);
    }

    private static NodeRequest FromRange(string text, string source)
    {
        try
        {
            var range = SemVersionRange.ParseNpm(text, maxLength: 512);
            return new NodeRequest(text, source, v => range.Contains(v));
        }
        catch (FormatException ex)
        {
            throw Invalid(text, source, ex.Message);
        }
    }

    private static Contracts.Errors.StageFailedException Invalid(string text, string source, string reason) =>
        new(BuildErrorCodes.NodeVersionInvalid, $"The Node.js version '{text}' in {source} cannot be read: {reason}", retryable: false);

    private static string? FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[256];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Split('\n')[0].Split('#')[0].Trim();
    }
}
