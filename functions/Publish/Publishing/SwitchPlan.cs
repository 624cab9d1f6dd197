using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Scanning;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>
/// What a switch to <see cref="Target"/> must do. <see cref="LocalFiles"/> (publish only) supplies the bytes of
/// hashes no stored blob holds yet; a rollback has none, since a kept release's blobs are all stored.
/// <see cref="PendingId"/> names the pending record; <see cref="PointerSequence"/> is what the pointer's
/// high-water mark must not exceed when the pointer switches (null: no check, as for a rollback).
/// </summary>
public sealed record SwitchPlan(
    ReleaseManifest Target,
    bool WriteManifest,
    IReadOnlyDictionary<string, LocalFile> LocalFiles,
    string PendingId,
    long PendingSequence,
    long? PointerSequence,
    string Reason);
