namespace Orchestrator.Hosting.Tests.Support;

/// <summary>The four real functions, started once (in parallel) for the tests that only talk to them.</summary>
public sealed class RunningFunctions : IAsyncLifetime
{
    private readonly Dictionary<string, FunctionProcess> _processes = [];

    public FunctionProcess this[string function] => _processes[function];

    public async Task InitializeAsync()
    {
        var starts = FunctionBinaries.Names.Select(name => FunctionProcess.StartAsync(name)).ToList();
        try
        {
            foreach (var process in await Task.WhenAll(starts))
            {
                _processes[process.Function] = process;
            }
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            await process.DisposeAsync();
        }
    }
}
