using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The demo's progress lines around the job's live table (<see cref="JobWatcher"/>): coloured on a terminal, plain otherwise; with --json
/// the progress goes to stderr so stdout ends with the job document alone.
/// </summary>
internal sealed class DemoProgress(bool json)
{
    private readonly bool terminal = !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;

    /// <summary>Where progress lines go: stderr with --json, so stdout ends with the job document alone.</summary>
    public TextWriter Output => json ? Console.Error : Console.Out;

    public void Line(string text)
    {
        if (terminal)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
        else
        {
            (json ? Console.Error : Console.Out).WriteLine(text);
        }
    }

    public void Finish(JsonObject job, Uri? site, string logs)
    {
        if (site is not null)
        {
            Line($"job {job["jobId"]} Succeeded");
            if (terminal)
            {
                AnsiConsole.MarkupLine($"[green bold]site:[/] {Markup.Escape(site.ToString())}");
            }
            else
            {
                (json ? Console.Error : Console.Out).WriteLine($"site: {site}");
            }
        }
        else
        {
            var failed = (job["stages"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(s => s["error"] is JsonObject);
            var error = failed?["error"];
            Line($"job {job["jobId"]} {job["state"]}" + (failed is null ? string.Empty : $": {failed["name"]} failed: {error?["code"]}: {error?["message"]}") + $" (function logs: {logs})");
        }

        if (json)
        {
            Console.Out.WriteLine(job.ToJsonString());
        }
    }
}
