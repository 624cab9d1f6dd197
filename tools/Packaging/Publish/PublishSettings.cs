namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>How a function is published: self-contained linux-x64 always; trimming and ReadyToRun as measured.</summary>
public sealed record PublishSettings(bool Trim, bool ReadyToRun)
{
    /// <summary>What `orchestrator package` uses (see README "Packaging" for the measurements behind it).</summary>
    public static PublishSettings Default { get; } = new(Trim: true, ReadyToRun: true);

    public IEnumerable<string> MsBuildArguments(string trimmingTargets)
    {
        yield return "-p:PublishReadyToRun=" + (ReadyToRun ? "true" : "false");
        if (!Trim)
        {
            yield break;
        }

        yield return "-p:PublishTrimmed=true";
        yield return "-p:TrimMode=full";

        // Trim warnings come from rooted code nobody annotated; the smoke check proves the result instead.
        yield return "-p:SuppressTrimAnalysisWarnings=true";
        yield return "-p:TreatWarningsAsErrors=false";
        yield return "-p:CustomAfterMicrosoftCommonTargets=" + trimmingTargets;
    }
}
