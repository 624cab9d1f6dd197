using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Tools.Benchmarks;

namespace Orchestrator.Cli.Commands;

/// <summary>`bench [--only P1,P5]`: runs the benchmarks, prints a table and, last, all figures as one JSON object.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var only = new Option<string?>("--only")
        {
            Description = $"comma-separated benchmark ids, of: {string.Join(", ", BenchmarkCatalog.All().Select(b => b.Id))} (default: all)",
        };
        var command = new Command("bench", "run the performance benchmarks and print their figures") { only };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var selected = BenchmarkCatalog.All()
                .Where(b => wanted is null || wanted.Contains(b.Id, StringComparer.OrdinalIgnoreCase))
                .ToList();
            if (selected.Count == 0)
            {
                await Console.Error.WriteLineAsync($"no benchmark matches '{string.Join(",", wanted ?? [])}'; known: {string.Join(", ", BenchmarkCatalog.All().Select(b => b.Id))}");
                return 2;
            }

            var all = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var benchmark in selected)
            {
                Console.WriteLine($"== {benchmark.Id}: {benchmark.Title}");
                var figures = await benchmark.RunAsync(Console.Out, cancellationToken);
                foreach (var (name, value) in figures)
                {
                    Console.WriteLine($"   {name,-48} {value.ToString("0.###", CultureInfo.InvariantCulture),14}");
                    all[$"{benchmark.Id}.{name}"] = value;
                }
            }

            Console.WriteLine(JsonSerializer.Serialize(all));
            return 0;
        });
        return command;
    }
}
