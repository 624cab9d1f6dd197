using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>Every top-level command of the CLI, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return DevCloudCommand.Create();
        yield return SubmitCommand.Create();
        yield return JobsCommand.Create();
        yield return StatusCommand.Create();
        yield return WatchCommand.Create();
        yield return HistoryCommand.Create();
        yield return LogsCommand.Create();
        yield return OpsCommands.Retry();
        yield return OpsCommands.Cancel();
        yield return OpsCommands.Rollback();
        yield return DeadLettersCommand.Create();
        yield return OssCommand.Create();
        yield return GraphCommand.Create();
        yield return BenchCommand.Create();
        yield return ChaosCommand.Create();
        yield return PackageCommand.Create();
    }
}
