using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud;

/// <summary>What `orchestrator devcloud up` (and the demo, and the end-to-end tests) start the local cloud with.</summary>
public sealed record DevCloudOptions
{
    /// <summary>The folder holding s.yaml; code paths in it are relative to this folder.</summary>
    public required string ProjectDirectory { get; init; }

    public string ServerlessFile { get; init; } = "s.yaml";

    /// <summary>Everything the run stores (OSS objects, unpacked code, function logs); default <c>.devcloud/</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>0 picks free ports; N puts OSS on N, the HTTP trigger on N+1 and MNS on N+2.</summary>
    public int Port { get; init; }

    public string Bucket { get; init; } = "orchestrator-sites";

    /// <summary>Values for s.yaml's <c>${env(...)}</c> that win over the process environment (tests, tools).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public InstanceOptions Instances { get; init; } = new();

    public PumpOptions Pumps { get; init; } = new();

    /// <summary>Replaces every timer trigger's schedule (tests make the sweep frequent); null keeps s.yaml's.</summary>
    public TimeSpan? TimerInterval { get; init; }

    /// <summary>
    /// When set, a function whose package is missing runs from its project's own build output
    /// (<c>functions/&lt;Name&gt;/bin/&lt;this&gt;/net10.0</c>) if present, instead of being built again.
    /// </summary>
    public string? PrebuiltConfiguration { get; init; }

    /// <summary>Fault injection: environment variables that override s.yaml's for one function (by resource or function name).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FunctionEnvironment { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The <see cref="PrebuiltConfiguration"/> for a tool running from this checkout: the CLI project builds the
    /// functions along with itself (bin/&lt;Configuration&gt;/net10.0 of each), so a CLI (or a benchmark in it) built in
    /// <paramref name="projectDirectory"/> runs them from there instead of a separate `dotnet build` per function; any
    /// other tool gets null and lets the dev cloud build them.
    /// </summary>
    public static string? ConfigurationBuiltWith(string projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(projectDirectory);
        var output = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        return output.StartsWith(projectDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetFileName(Path.GetDirectoryName(output))
            : null;
    }
}
