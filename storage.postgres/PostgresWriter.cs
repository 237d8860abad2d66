using System.Data;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The one writer of this instance (group commit, see <see cref="GroupCommitWriter{TConnection}"/>):
/// one commit, and one flush of the server's log, for everything this instance has queued. Other
/// instances have writers of their own; PostgreSQL's row locks keep them apart.
/// </summary>
/// <remarks>
/// A lost connection (a restart, a failover, a reset) is waited out for <paramref name="reconnectWithin"/>:
/// lost before the commit was sent, the server rolled the batch back and it runs again on a new
/// connection; lost while the commit was under way, the writer asks the server which it was (see
/// <see cref="WasCommittedAsync"/>). Either way every caller is answered once, truthfully.
/// Without <paramref name="markCommits"/> (a database opened with the schema's steps before
/// <c>writer_batches</c>, as the migration tests do), a commit that lost its connection fails its
/// callers with <see cref="CommitOutcomeUnknownException"/>.
/// </remarks>
public sealed class PostgresWriter(Func<CancellationToken, Task<NpgsqlConnection>> open, TimeSpan reconnectWithin, bool markCommits = true)
    : GroupCommitWriter<NpgsqlConnection>(open, "BEGIN", "postgresql")
{
    // The markers of this writer's transactions whose outcome is known (committed, or fenced off by
    // WasCommittedAsync): nobody needs them any more, so the next commit deletes them.
    private readonly List<Guid> settled = [];

    // Markers left by writers that stopped between a commit and the next (a killed process) are
    // deleted by whichever writer next finds the hour passed; a day old, nobody can be asking.
    private static readonly TimeSpan ForgetAbandonedMarkersEvery = TimeSpan.FromHours(1);
    private long lastForgotAbandoned = long.MinValue / 2;

    protected override TimeSpan ReconnectWithin => reconnectWithin;

    protected override bool MarksCommits => markCommits;

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

    protected override bool IsConnectionLost(Exception problem) => PostgresConnectionLoss.Is(problem);

    /// <summary>
    /// Adds the batch's marker to the transaction and commits, in one round trip. The marker, a row
    /// in <c>writer_batches</c> with the batch's random id, commits with the batch or not at all, so
    /// a new connection can tell afterwards whether the commit happened (see <see cref="WasCommittedAsync"/>).
    /// </summary>
    protected override async Task CommitAsync(NpgsqlConnection connection, Guid batchId)
    {
        if (!markCommits)
        {
            await base.CommitAsync(connection, batchId);
            return;
        }

        var forgetAbandoned = Environment.TickCount64 - lastForgotAbandoned >= (long)ForgetAbandonedMarkersEvery.TotalMilliseconds;
        await using var commit = new NpgsqlBatch(connection);
        var mark = new NpgsqlBatchCommand("""
            WITH settled AS (DELETE FROM writer_batches WHERE batch_id = ANY($2)),
                 abandoned AS (DELETE FROM writer_batches WHERE $3 AND written_at < now() - interval '1 day')
            INSERT INTO writer_batches (batch_id) VALUES ($1)
            """);
        mark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        mark.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. settled] });
        mark.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = forgetAbandoned });
        commit.BatchCommands.Add(mark);
        commit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await commit.ExecuteNonQueryAsync();

        settled.Clear();
        settled.Add(batchId);
        if (forgetAbandoned)
        {
            lastForgotAbandoned = Environment.TickCount64;
        }
    }

    /// <summary>
    /// Inserts the lost batch's id, in a transaction of its own, as a fence. The batch's own marker
    /// there means the batch committed. Otherwise this insert stores the fence, which settles it
    /// for good: should the server still be running the lost transaction (the client's connection
    /// broke, the server's did not), the insert first waits for it to end (both insert one key),
    /// and once the fence is committed that transaction can no longer commit its marker, so it can
    /// never commit. Asked again (this answer was lost too), the fence is found and says the same.
    /// </summary>
    protected override async Task<bool> WasCommittedAsync(NpgsqlConnection connection, Guid batchId)
    {
        await using var fence = new NpgsqlCommand("""
            INSERT INTO writer_batches (batch_id, fenced) VALUES ($1, true)
            ON CONFLICT (batch_id) DO UPDATE SET fenced = writer_batches.fenced
            RETURNING fenced
            """, connection);
        fence.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        var fenced = (bool)(await fence.ExecuteScalarAsync())!;
        settled.Add(batchId);
        return !fenced;
    }
}
