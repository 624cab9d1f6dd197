using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>Every top-level command of the CLI, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return BenchCommand.Create();
        yield return PackageCommand.Create();
    }
}
