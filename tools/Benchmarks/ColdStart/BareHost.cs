using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Benchmarks.ColdStart;

/// <summary>
/// The yardstick for P1: the smallest ASP.NET Core minimal host that answers FC's /initialize, generated into a
/// temp folder (outside the repository, so none of its build settings apply) and published exactly like the
/// functions.
/// </summary>
internal static class BareHost
{
    public const string Executable = "barehost";

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <AssemblyName>barehost</AssemblyName>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <InvariantGlobalization>true</InvariantGlobalization>
          </PropertyGroup>
        </Project>
        """;

    private const string Program = """
        var port = Environment.GetEnvironmentVariable("FC_CUSTOM_LISTEN_PORT") ?? "9000";
        var address = Environment.GetEnvironmentVariable("ORCHESTRATOR_LISTEN_ADDRESS") ?? "0.0.0.0";
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls($"http://{address}:{port}");
        var app = builder.Build();
        app.MapPost("/initialize", () => Results.Ok());
        app.MapPost("/invoke", () => Results.Ok());
        app.Run();
        """;

    public static async Task<string> PublishAsync(string folder, PublishSettings settings, CancellationToken cancellationToken)
    {
        var source = Path.Combine(folder, "src");
        var output = Path.Combine(folder, "publish");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "barehost.csproj"), Project, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(source, "Program.cs"), Program, cancellationToken);

        // The bare host has nothing to root, so trimming it needs no extra targets.
        string[] arguments =
        [
            "publish", Path.Combine(source, "barehost.csproj"), "-c", "Release", "-r", PublishLayout.RuntimeIdentifier,
            "--self-contained", "true", "-o", output, "-p:DebugType=none",
            .. settings.MsBuildArguments(Path.Combine(AppContext.BaseDirectory, "Trimming.targets")),
        ];
        await DotnetCli.RunAsync(arguments, source, cancellationToken);
        RuntimePruning.Prune(output);
        return output;
    }
}
