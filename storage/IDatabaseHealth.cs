namespace PledgeBot.Storage;

/// <summary>What the readiness check asks of the database in use, SQLite or PostgreSQL.</summary>
public interface IDatabaseHealth
{
    /// <summary>
    /// True when a write commits: the probe row is updated through the writer, as votes are written.
    /// Reading proves little; a database that can no longer be written still answers queries.
    /// </summary>
    Task<bool> CanWriteAsync(TimeProvider clock, CancellationToken cancellationToken = default);
}
