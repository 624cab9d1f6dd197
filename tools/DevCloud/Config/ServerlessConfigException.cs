namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>s.yaml cannot be read or lacks something the dev cloud needs; <see cref="Code"/> names the problem.</summary>
public sealed class ServerlessConfigException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
