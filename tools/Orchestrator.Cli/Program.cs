using System.CommandLine;
using System.CommandLine.Invocation;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Settings;

// Each command group lives in its own file under Commands/ and is added here with one line.
var root = new RootCommand("orchestrator: run, inspect and operate Orchestrator jobs on FC or the local dev cloud");
root.Options.Add(ProfileOption.Instance);
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
return parse.Action is ParseErrorAction ? UsageError.Report(parse) : await parse.InvokeAsync();
