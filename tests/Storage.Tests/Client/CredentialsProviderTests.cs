using Orchestrator.Contracts.Security;

namespace Orchestrator.Storage.Tests.Client;

public class CredentialsProviderTests
{
    [Fact]
    public void ToString_NeverShowsTheSecretOrToken()
    {
        var text = new CloudCredentials("LTAIabcdef", "very-secret", "sts-token").ToString();
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sts-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentRead_KeyIdWithoutSecret_NoCredentials()
    {
        var variables = new Dictionary<string, string?> { [EnvironmentCredentials.AccessKeyIdVariable] = "LTAIonly" };

        Assert.Null(EnvironmentCredentials.Read(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void EnvironmentRead_PairWithEmptyToken_CredentialsWithoutToken()
    {
        var variables = new Dictionary<string, string?>
        {
            [EnvironmentCredentials.AccessKeyIdVariable] = "LTAIpair",
            [EnvironmentCredentials.AccessKeySecretVariable] = "pair-secret",
            [EnvironmentCredentials.SecurityTokenVariable] = "",
        };

        Assert.Equal(new CloudCredentials("LTAIpair", "pair-secret", null), EnvironmentCredentials.Read(name => variables.GetValueOrDefault(name)));
    }
}
