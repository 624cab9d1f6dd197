namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>How a function is published: self-contained linux-x64 always; trimming and ReadyToRun as measured.</summary>
/// <param name="Trim">Trim the framework (the project's assemblies and MassTransit are kept whole).</param>
/// <param name="ReadyToRun">Precompile to native code, so the start does not wait for the JIT.</param>
/// <param name="Composite">
/// ReadyToRun as one composite image of the app and the framework: generic code that crosses assemblies
/// (System.Text.Json's and logging's instantiations over the app's types, MassTransit's pipelines) is then
/// precompiled instead of jitted at start, which takes about a third off a function's cold start for about 3 MB
/// more code.zip.
/// </param>
public sealed record PublishSettings(bool Trim, bool ReadyToRun, bool Composite)
{
    /// <summary>What `orchestrator package` uses (see README "Packaging" for the measurements behind it).</summary>
    public static PublishSettings Default { get; } = new(Trim: true, ReadyToRun: true, Composite: true);

    public IEnumerable<string> MsBuildArguments(string trimmingTargets)
    {
        yield return "-p:PublishReadyToRun=" + (ReadyToRun ? "true" : "false");
        yield return "-p:PublishReadyToRunComposite=" + (ReadyToRun && Composite ? "true" : "false");

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
