using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting;

/// <summary>
/// Entry point of every function's <c>Program.cs</c>:
/// <code>
/// var builder = FunctionHost.CreateBuilder(args);
/// builder.Services.AddSingleton&lt;IInvocationHandler, MyHandler&gt;();
/// await builder.Build().RunAsync();
/// </code>
/// </summary>
public static class FunctionHost
{
    /// <summary>Exit code of a start refused because of a bad setting.</summary>
    public const int InvalidSettingExitCode = 2;

    /// <summary>
    /// Like <see cref="FunctionHostBuilder.Create"/>, but a bad setting ends the process with one clear line on
    /// stderr naming the setting (and exit code 2) instead of an unhandled-exception dump.
    /// </summary>
    public static FunctionHostBuilder CreateBuilder(string[] args)
    {
        try
        {
            return FunctionHostBuilder.Create(args);
        }
        catch (InvalidSettingException exception)
        {
            Console.Error.WriteLine($"error: {exception.Code}: {exception.Message}");
            Console.Error.Flush();
            Environment.Exit(InvalidSettingExitCode);
            throw;
        }
    }
}
