using System.CommandLine;
using Orchestrator.Cli.Api;
using Orchestrator.Cli.Settings;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What every status-API verb shares: <c>--api URL</c> (env <c>ORCHESTRATOR_API</c>), <c>--token</c> (env
/// <c>ORCHESTRATOR_TOKEN</c>), both else from the profile, and one way to fail: a single line on stderr and a non-zero exit, no stack trace.
/// </summary>
internal sealed class ApiCommandOptions
{
    public const int ErrorExit = 1;
    public const int UsageExit = 2;

    public const string ApiVariable = "ORCHESTRATOR_API";
    public const string TokenVariable = "ORCHESTRATOR_TOKEN";

    public Option<string?> Api { get; } = new("--api") { Description = $"status API base URL (else env {ApiVariable})" };

    public Option<string?> Token { get; } = new("--token") { Description = $"ops (or read) token (else env {TokenVariable})" };

    public Option<bool> Json { get; } = new("--json") { Description = "print the API's JSON answer as one line" };

    /// <summary>A command with the common options, whose action gets a ready client.</summary>
    public Command Command(string name, string description, Func<ParseResult, StatusApiClient, CancellationToken, Task<int>> action, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.Options.Add(Api);
        command.Options.Add(Token);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, StatusApiClient, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        if (ConnectionSettings.Open(parse) is not { } settings || BaseAddress(ApiAddress(settings)) is not { } baseAddress)
        {
            return UsageExit;
        }

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        var client = new StatusApiClient(http, TokenValue(settings));
        try
        {
            return await action(parse, client, cancellationToken);
        }
        catch (StatusApiException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
            return ErrorExit;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted");
            return 130;
        }
    }

    /// <summary>The API address this run uses: --api, else the environment, else the profile.</summary>
    public string? ApiAddress(ConnectionSettings settings) => settings.Get(Api, ApiVariable, "apiBase");

    /// <summary>The token this run uses: --token, else the environment, else the profile; read at run time, so help never shows it.</summary>
    public string? TokenValue(ConnectionSettings settings) => settings.Get(Token, TokenVariable, "token");

    /// <summary>The API's root from <c>--api</c>, or null after saying on stderr why it is missing or unusable.</summary>
    public static Uri? BaseAddress(string? api)
    {
        if (string.IsNullOrWhiteSpace(api))
        {
            Console.Error.WriteLine($"error: no status API address: pass --api URL, set {ApiVariable}, or start `orchestrator devcloud up` (it writes the profile these verbs read)");
            return null;
        }

        if (!Uri.TryCreate(api.EndsWith('/') ? api : api + "/", UriKind.Absolute, out var baseAddress)
            || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            Console.Error.WriteLine($"error: '{api}' is not an http(s) URL for --api");
            return null;
        }

        return baseAddress;
    }
}
