using System.Text.Json;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Workflow.Journal;

/// <summary>
/// A command a transition emits, kept inside its journal entry and sent only after that entry commits.
/// <see cref="NotBefore"/> is absolute, so a re-send by the sweep keeps the original due time.
/// </summary>
public sealed record OutboxCommand(Destination Destination, string MessageType, JsonElement Message, DateTimeOffset? NotBefore);
