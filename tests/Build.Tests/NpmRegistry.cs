namespace Orchestrator.Build.Tests;

/// <summary>Whether the npm registry answers, asked once per test run (5 s at most); real-project tests need it.</summary>
public static class NpmRegistry
{
    public const string Url = "https://registry.npmjs.org/";

    private static readonly Lazy<string?> Problem = new(Check);

    /// <summary>Why the registry cannot be used, or null when it answers.</summary>
    public static string? Unreachable => Problem.Value;

    private static string? Check()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = client.GetAsync(Url + "-/ping").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? null : $"{Url} answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"{Url} is unreachable ({ex.Message})";
        }
    }
}
