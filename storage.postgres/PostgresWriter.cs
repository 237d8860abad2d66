using System.Data;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The one writer of this instance (group commit, see <see cref="GroupCommitWriter{TConnection}"/>):
/// one commit, and one flush of the server's log, for everything this instance has queued. Other
/// instances have writers of their own; PostgreSQL's row locks keep them apart.
/// </summary>
public sealed class PostgresWriter(Func<CancellationToken, Task<NpgsqlConnection>> open)
    : GroupCommitWriter<NpgsqlConnection>(open, "BEGIN", "postgresql")
{
    /// <summary>
    /// After a statement fails, PostgreSQL keeps the transaction open (refusing all but a rollback),
    /// so the savepoint can be rolled back; only a lost connection ends it.
    /// </summary>
    protected override bool InTransaction(NpgsqlConnection connection) => connection.State == ConnectionState.Open;

    /// <summary>
    /// A write found a lock another instance holds (<see cref="WrittenElsewhereException"/>), or two
    /// instances' batches locked the same rows in opposite orders and PostgreSQL aborted one.
    /// Rolling the batch back whole lets the other instance commit; run again, it gets through.
    /// </summary>
    protected override bool MustRunBatchAgain(Exception problem) =>
        problem is WrittenElsewhereException
            or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable };
}
