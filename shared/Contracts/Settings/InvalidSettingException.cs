using Orchestrator.Contracts.Errors;

namespace Orchestrator.Contracts.Settings;

/// <summary>A setting the host reads at start is malformed or out of range; the message names the setting.</summary>
public sealed class InvalidSettingException : OrchestratorException
{
    public InvalidSettingException(string setting, string message)
        : base("InvalidSetting", message, retryable: false)
    {
        Setting = setting;
    }

    /// <summary>The name of the offending setting (an environment variable name).</summary>
    public string Setting { get; }
}
