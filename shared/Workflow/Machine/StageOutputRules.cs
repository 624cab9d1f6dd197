using System.Text.RegularExpressions;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// What a stage attempt's result may carry as outputs (ARCHITECTURE.md §7). Outputs become the next stages' inputs —
/// the keys Build and Publish read — so a result naming any other object could point a job at another job's files.
/// An output naming an object must be exactly the key that job's stage attempt writes (<see cref="ObjectKeys"/>);
/// Publish's site URL must be an absolute URL; every other output (flags, counts, a package manager, a cache key) must
/// be a plain token — letters, digits, '-', '_' — which holds no '/', so it can name no object and no URL.
/// </summary>
public static partial class StageOutputRules
{
    /// <summary>More outputs than any stage writes, with room to grow; a bigger result is not a stage's.</summary>
    public const int MaxOutputs = 32;

    private const int MaxValueLength = 2048;

    /// <summary>Why <paramref name="outputs"/> cannot be the result of <paramref name="stage"/> attempt <paramref name="attempt"/> of <paramref name="jobId"/>; null when they can.</summary>
    public static string? Problem(string jobId, StageName stage, int attempt, IReadOnlyDictionary<string, string>? outputs)
    {
        if (outputs is null)
        {
            return "the result carries no outputs";
        }

        if (outputs.Count > MaxOutputs)
        {
            return $"{outputs.Count} outputs, more than the {MaxOutputs} a stage result may carry";
        }

        foreach (var (name, value) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!OutputName().IsMatch(name))
            {
                return $"output name '{Printable(name)}' is not a name a stage writes";
            }

            if (value is null || value.Length > MaxValueLength || value.Any(char.IsControl))
            {
                return $"output '{name}' is empty, longer than {MaxValueLength} characters or holds control characters";
            }

            if (ValueProblem(jobId, stage, attempt, name, value) is { } problem)
            {
                return $"output '{name}' {problem}";
            }
        }

        return null;
    }

    private static string? ValueProblem(string jobId, StageName stage, int attempt, string name, string value) => (stage, name) switch
    {
        (_, StageOutputKeys.Log) => Exactly(value, ObjectKeys.StageLog(jobId, stage, attempt)),
        (StageName.Fetch, StageOutputKeys.Workspace) => Exactly(value, ObjectKeys.Workspace(jobId)),
        (StageName.Fetch, StageOutputKeys.Manifest) => Exactly(value, ObjectKeys.WorkspaceManifest(jobId)),
        (StageName.Build, StageOutputKeys.Output) => Exactly(value, ObjectKeys.BuildOutput(jobId)),
        (StageName.Publish, StageOutputKeys.Url) => SiteUrlProblem(value),
        _ => Token().IsMatch(value) ? null : $"is '{Printable(value)}', but an output that is not this attempt's own key may only be a plain token (a flag, a count, a name: letters, digits, '-', '_')",
    };

    private static string? Exactly(string value, string expected) =>
        string.Equals(value, expected, StringComparison.Ordinal) ? null : $"names '{Printable(value)}', not '{expected}', the key this attempt writes";

    private static string? SiteUrlProblem(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "oss" && !value.Any(char.IsWhiteSpace)
            ? null
            : $"'{Printable(value)}' is not an absolute http, https or oss URL";

    // What a refusal quotes of a value it did not expect: bounded, one line.
    private static string Printable(string text) =>
        new([.. text.Take(120).Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex OutputName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
