namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>
/// Files a self-contained publish carries that a function on FC never loads: the debugger's data-access
/// libraries, the crash-dump writer, the LTTng trace provider (FC collects stdout, not LTTng), and the standalone
/// garbage collectors (loaded only when <c>DOTNET_GCName</c> names one). Removing them takes about 2.5 MB off
/// each code.zip.
/// </summary>
public static class RuntimePruning
{
    public static readonly IReadOnlyList<string> Files =
    [
        "libmscordaccore.so",
        "libmscordbi.so",
        "createdump",
        "libcoreclrtraceptprovider.so",
        "libclrgc.so",
        "libclrgcexp.so",
    ];

    public static void Prune(string publishFolder)
    {
        foreach (var name in Files)
        {
            File.Delete(Path.Combine(publishFolder, name));
        }
    }
}
