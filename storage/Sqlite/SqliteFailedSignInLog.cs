using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Counts failed sign-ins in the admin_audit table: one line per way of signing in and clock hour
/// (UTC), "failed sign-in with the admin key (3 in this hour)" (<see cref="AdminAuditLines"/>), its time the latest failure's.
/// </summary>
public sealed class SqliteFailedSignInLog(SqliteDatabase database, TimeProvider clock) : IFailedSignInLog
{
    public async Task RecordAsync(string how, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var hour = AdminAuditLines.HourOf(now);
        var prefix = AdminAuditLines.FailedSignInPrefix(how);
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: two failures at once both count, rather than both reading the same count.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long? row = null;
        var count = 0;
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = """
                SELECT rowid, action FROM admin_audit
                WHERE who = $who AND at >= $hour AND substr(action, 1, length($prefix)) = $prefix
                ORDER BY rowid DESC LIMIT 1
                """;
            find.Parameters.AddWithValue("$who", AdminAuditLines.Nobody);
            find.Parameters.AddWithValue("$hour", SqliteDatabase.Instant(hour));
            find.Parameters.AddWithValue("$prefix", prefix);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                row = reader.GetInt64(0);
                count = AdminAuditLines.FailedSignInCount(reader.GetString(1), prefix);
            }
        }

        await using (var write = connection.CreateCommand())
        {
            write.CommandText = row is null
                ? "INSERT INTO admin_audit (at, who, action) VALUES ($at, $who, $action)"
                : "UPDATE admin_audit SET at = $at, action = $action WHERE rowid = $row";
            write.Parameters.AddWithValue("$at", SqliteDatabase.Instant(now));
            write.Parameters.AddWithValue("$who", AdminAuditLines.Nobody);
            write.Parameters.AddWithValue("$action", AdminAuditLines.FailedSignInLine(prefix, count + 1));
            write.Parameters.AddWithValue("$row", row ?? 0);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
