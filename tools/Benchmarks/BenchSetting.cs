using System.Globalization;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>A benchmark's size from the environment (e.g. <c>SWEEP_JOBS</c>), so a quick run can be smaller than the measured one.</summary>
internal static class BenchSetting
{
    /// <summary>The variable's positive whole number, else <paramref name="fallback"/>.</summary>
    public static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
