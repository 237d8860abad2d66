namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Thrown inside a write that needs what another instance is writing at this moment (the same
/// person's vote). The writer rolls its batch back and runs it again a moment later, rather than
/// holding its locks while it waits, which could deadlock with the other instance.
/// </summary>
public sealed class WrittenElsewhereException(string message) : Exception(message);
