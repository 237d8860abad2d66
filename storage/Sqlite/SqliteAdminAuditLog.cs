using System.Globalization;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqliteAdminAuditLog(SqliteDatabase database, TimeProvider clock) : IAdminAuditLog
{
    public async Task RecordAsync(string who, string action, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO admin_audit (at, who, action) VALUES ($at, $who, $action)";
        command.Parameters.AddWithValue("$at", SqliteDatabase.Instant(clock.GetUtcNow()));
        command.Parameters.AddWithValue("$who", AdminAuditLines.Cut(who));
        command.Parameters.AddWithValue("$action", AdminAuditLines.Cut(action));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdminAuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, who, action FROM admin_audit ORDER BY rowid DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<AdminAuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AdminAuditEntry(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(1),
                reader.GetString(2)));
        }

        return entries;
    }
}
