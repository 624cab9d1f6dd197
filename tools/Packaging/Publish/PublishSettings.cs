namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>How a function is published: self-contained linux-x64 always; trimming and ReadyToRun as measured.</summary>
public sealed record PublishSettings(bool Trim, bool ReadyToRun)
{
    /// <summary>What `orchestrator package` uses (see README "Packaging" for the measurements behind it).</summary>
    public static PublishSettings Default { get; } = new(Trim: true, ReadyToRun: true);

    public IEnumerable<string> MsBuildArguments(string trimmingTargets)
    {
        yield return "-p:PublishReadyToRun=" + (ReadyToRun ? "true" : "false");

        // One invocation at a time per instance: workstation GC keeps the resident set small (the Web SDK
        // defaults to server GC, one heap per core) and no background GC thread competes with the start.
        yield return "-p:ServerGarbageCollection=false";
        yield return "-p:ConcurrentGarbageCollection=false";
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

        // Trimming also flips feature switches that MassTransit depends on: reflection-based System.Text.Json
        // (its message serializer) and open-generic DI registrations without trimming annotations.
        yield return "-p:JsonSerializerIsReflectionEnabledByDefault=true";
        yield return "-p:VerifyDependencyInjectionOpenGenericServiceTrimmability=false";
    }
}
