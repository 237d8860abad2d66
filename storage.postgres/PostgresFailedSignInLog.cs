using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Failed sign-ins on PostgreSQL, with the rules of <c>SqliteFailedSignInLog</c>: one counting line
/// per way of signing in and clock hour (<see cref="AdminAuditLines"/>), however many attempts
/// arrive at however many instances.
/// </summary>
public sealed class PostgresFailedSignInLog(PostgresDatabase database, TimeProvider clock) : IFailedSignInLog
{
    // The first key of the two-number advisory locks on one way of signing in's counting line.
    private const int FailedSignInLockSpace = 0x4661696C; // "Fail"

    /// <summary>
    /// The line is read and written under a lock on the way of signing in, held until the commit:
    /// failures at two instances at once both count, rather than both reading the same count or
    /// both starting a line. Not waited for: while another instance holds it, the batch runs again.
    /// </summary>
    public Task RecordAsync(string how, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var prefix = AdminAuditLines.FailedSignInPrefix(how);
        return database.WriteAsync(async (connection, token) =>
        {
            await using (var lockLine = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, hashtext($2))", connection))
            {
                lockLine.Parameters.AddWithValue(FailedSignInLockSpace);
                lockLine.Parameters.AddWithValue(prefix);
                if (!(bool)(await lockLine.ExecuteScalarAsync(token))!)
                {
                    throw new WrittenElsewhereException("Another instance is counting a failed sign-in of the same way.");
                }
            }

            long? row = null;
            var count = 0;
            await using (var find = new NpgsqlCommand("""
                SELECT id, action FROM admin_audit
                WHERE who = $1 AND at >= $2 AND starts_with(action, $3)
                ORDER BY id DESC LIMIT 1
                """, connection))
            {
                find.Parameters.AddWithValue(AdminAuditLines.Nobody);
                find.Parameters.AddWithValue(AdminAuditLines.HourOf(now));
                find.Parameters.AddWithValue(prefix);
                await using var reader = await find.ExecuteReaderAsync(token);
                if (await reader.ReadAsync(token))
                {
                    row = reader.GetInt64(0);
                    count = AdminAuditLines.FailedSignInCount(reader.GetString(1), prefix);
                }
            }

            await using var write = new NpgsqlCommand(
                row is null
                    ? "INSERT INTO admin_audit (at, who, action) VALUES ($1, $2, $3)"
                    : "UPDATE admin_audit SET at = $1, action = $3 WHERE id = $4 AND who = $2",
                connection);
            write.Parameters.AddWithValue(now);
            write.Parameters.AddWithValue(AdminAuditLines.Nobody);
            write.Parameters.AddWithValue(AdminAuditLines.FailedSignInLine(prefix, count + 1));
            if (row is { } id)
            {
                write.Parameters.AddWithValue(id);
            }

            await write.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }
}
