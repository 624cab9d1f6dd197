using Microsoft.AspNetCore.Builder;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Hosting;

/// <summary>
/// Entry point of every function's <c>Program.cs</c>:
/// <code>
/// return await FunctionHost.RunAsync(args, builder =>
///     builder.Services.AddSingleton&lt;IInvocationHandler, MyHandler&gt;());
/// </code>
/// </summary>
public static class FunctionHost
{
    /// <summary>Exit code of a start refused because of a bad setting.</summary>
    public const int InvalidSettingExitCode = 2;

    /// <summary>
    /// Creates the host (<see cref="FunctionHostBuilder.Create"/>), lets <paramref name="configure"/> register the
    /// function, builds it, lets <paramref name="map"/> add HTTP routes, and serves until stopped. A bad setting, read
    /// at any of those steps, ends the start with one line on stderr naming it and what to set, and exit code
    /// <see cref="InvalidSettingExitCode"/>: what an operator reads in FC's log instead of a stack trace.
    /// </summary>
    /// <returns>The process's exit code.</returns>
    public static async Task<int> RunAsync(string[] args, Action<FunctionHostBuilder> configure, Action<WebApplication>? map = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        try
        {
            var builder = FunctionHostBuilder.Create(args);
            configure(builder);
            await using var app = builder.Build();
            map?.Invoke(app);
            await app.RunAsync();
            return 0;
        }
        catch (InvalidSettingException exception)
        {
            await Console.Error.WriteLineAsync(Describe(exception));
            await Console.Error.FlushAsync();
            return InvalidSettingExitCode;
        }
    }

    /// <summary>
    /// The one line a refused start prints: <c>error: InvalidSetting: &lt;setting&gt; …</c>, with the environment
    /// variable that sets a configuration key (<c>Build:TimeoutSeconds</c> is <c>Build__TimeoutSeconds</c>).
    /// </summary>
    public static string Describe(InvalidSettingException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.Message.StartsWith(exception.Setting, StringComparison.Ordinal) ? exception.Message : $"{exception.Setting}: {exception.Message}";
        if (exception.Setting.Contains(':', StringComparison.Ordinal))
        {
            text += $" (environment variable {exception.Setting.Replace(":", "__", StringComparison.Ordinal)})";
        }

        return $"error: {exception.Code}: {text.ReplaceLineEndings(" ")}";
    }
}
