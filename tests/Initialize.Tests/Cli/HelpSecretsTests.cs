using Orchestrator.Contracts.Security;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Cli;

/// <summary>
/// No help, usage or parse-error screen of any verb prints a secret from the environment. The verbs are found the
/// way a user finds them, from the root's help down, so a verb added later is checked without touching this test.
/// </summary>
public sealed class HelpSecretsTests
{
    private static readonly string Token = "s3cret-token-" + Guid.NewGuid().ToString("N");
    private static readonly string KeySecret = "s3cret-key-" + Guid.NewGuid().ToString("N");

    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["ORCHESTRATOR_TOKEN"] = Token,
        [EnvironmentCredentials.AccessKeySecretVariable] = KeySecret,
        [EnvironmentCredentials.AccessKeyIdVariable] = "key-id",
    };

    [Fact]
    public async Task Help_EveryVerbWithSecretsSet_NeverPrintsThem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var verbs = await VerbsAsync([], timeout.Token);

        Assert.Contains(["submit"], verbs);
        Assert.Contains(["devcloud", "up"], verbs);
        foreach (var verb in verbs)
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(Secrets, timeout.Token, [.. verb, "--help"]);
            Assert.True(exit == 0, $"{string.Join(' ', verb)} --help: exit {exit}\n{stderr}");
            AssertNoSecret(verb, stdout + stderr);
        }
    }

    [Fact]
    public async Task ParseError_EveryVerbWithSecretsSet_OneLineAndHintWithoutThem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var verbs = await VerbsAsync([], timeout.Token);

        foreach (var verb in verbs)
        {
            // More tokens than any verb has arguments, so the unknown option cannot pass as an argument's value.
            var (exit, stdout, stderr) = await CliProcess.RunAsync(Secrets, timeout.Token, [.. verb, "--no-such-option", "x", "y", "z"]);
            var name = string.Join(' ', verb);
            Assert.True(exit == 2, $"{name} --no-such-option: exit {exit}\n{stdout}{stderr}");
            AssertNoSecret(verb, stdout + stderr);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 2, $"{name}: expected an error line and a hint, got:\n{stderr}");
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            Assert.Equal($"hint: 'orchestrator {name} --help' lists its arguments and options", lines[1].TrimEnd());
            Assert.Equal("", stdout);
        }
    }

    private static void AssertNoSecret(string[] verb, string output)
    {
        Assert.False(output.Contains(Token, StringComparison.Ordinal), $"{string.Join(' ', verb)} printed ORCHESTRATOR_TOKEN:\n{output}");
        Assert.False(output.Contains(KeySecret, StringComparison.Ordinal), $"{string.Join(' ', verb)} printed the access key secret:\n{output}");
    }

    /// <summary>Every command path under <paramref name="parent"/>, read from the "Commands:" section of its help.</summary>
    private static async Task<List<string[]>> VerbsAsync(string[] parent, CancellationToken cancellationToken)
    {
        var (_, stdout, _) = await CliProcess.RunAsync(new Dictionary<string, string?>(), cancellationToken, [.. parent, "--help"]);
        var found = new List<string[]>();
        foreach (var name in Subcommands(stdout))
        {
            string[] path = [.. parent, name];
            found.Add(path);
            found.AddRange(await VerbsAsync(path, cancellationToken));
        }

        return found;
    }

    private static IEnumerable<string> Subcommands(string help) =>
        help.Split('\n')
            .SkipWhile(line => !line.StartsWith("Commands:", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Where(line => line.Length > 2 && line[2] != ' ') // a wrapped description continues further in
            .Select(line => line.Trim().Split(' ')[0]);
}
