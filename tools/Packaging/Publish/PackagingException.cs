namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>Packaging cannot go on; the message is one clear line for the user.</summary>
public sealed class PackagingException(string message) : Exception(message);
