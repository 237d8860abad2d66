using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The one writer of the database file (group commit, see <see cref="GroupCommitWriter{TConnection}"/>).
/// SQLite lets one connection write at a time and syncs the write-ahead log on each commit, so one
/// connection writing everything queued in one transaction replaces many turns each taking the
/// write lock, waiting for it and syncing on its own. Readers, the journal being WAL, never wait for it.
/// </summary>
/// <remarks>Microsoft.Data.Sqlite has no group commit, and its transactions are per connection.</remarks>
public sealed class SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open)
    // IMMEDIATE takes the write lock at once, so a batch never fails half-way on a lock it could not upgrade.
    : GroupCommitWriter<SqliteConnection>(open, "BEGIN IMMEDIATE", "sqlite")
{
    protected override bool InTransaction(SqliteConnection connection) =>
        connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;
}
