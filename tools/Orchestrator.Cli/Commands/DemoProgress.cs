using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The demo's progress: coloured stage lines on a terminal (Spectre.Console), plain lines otherwise; with --json
/// the progress goes to stderr so stdout ends with the job document alone.
/// </summary>
internal sealed class DemoProgress(bool json)
{
    private readonly bool terminal = !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;

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

    public void Changed(JsonObject job)
    {
        var stages = (job["stages"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => (Name: s["name"]?.ToString() ?? "?", State: s["state"]?.ToString() ?? "?", Attempt: s["attempt"]?.ToString() ?? "0"))
            .ToList();
        if (terminal)
        {
            var parts = stages.Select(s => $"[{Colour(s.State)}]{Markup.Escape(s.Name)} {Markup.Escape(s.State)}{(s.Attempt is "0" or "1" ? string.Empty : " #" + s.Attempt)}[/]");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(job["state"]?.ToString() ?? "?")}[/]  {string.Join("  ", parts)}");
        }
        else
        {
            Line($"{job["state"]}: " + string.Join(", ", stages.Select(s => $"{s.Name} {s.State} (attempt {s.Attempt})")));
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

    private static string Colour(string state) => state switch
    {
        "Succeeded" => "green",
        "Running" => "yellow",
        "Failed" => "red",
        "Cancelled" => "grey",
        _ => "blue",
    };
}
