using System.CommandLine;
using System.CommandLine.Parsing;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// A command line that does not parse: one line saying what is wrong and a hint where to look, not the whole help,
/// which would bury the line that matters (and used to print option defaults read from the environment).
/// </summary>
internal static class UsageError
{
    public static int Report(ParseResult parse)
    {
        // Several errors (an unknown token and a missing option) still make one line.
        Console.Error.WriteLine("error: " + string.Join(' ', parse.Errors.Select(e => e.Message)));
        Console.Error.WriteLine($"hint: '{CommandPath(parse.CommandResult)} --help' lists its arguments and options");
        return ApiCommandOptions.UsageExit;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult level; result = level.Parent)
        {
            names.Insert(0, level.Command.Name);
        }

        return string.Join(' ', names);
    }
}
