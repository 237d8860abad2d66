using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>The admin audit log on PostgreSQL, with the rules of <c>SqliteAdminAuditLog</c> (<see cref="AdminAuditLines"/>).</summary>
public sealed class PostgresAdminAuditLog(PostgresDatabase database, TimeProvider clock) : IAdminAuditLog
{
    public Task RecordAsync(string who, string action, CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        return database.WriteAsync(async (connection, token) =>
        {
            await using var insert = new NpgsqlCommand("INSERT INTO admin_audit (at, who, action) VALUES ($1, $2, $3)", connection);
            insert.Parameters.AddWithValue(at);
            insert.Parameters.AddWithValue(AdminAuditLines.Cut(who));
            insert.Parameters.AddWithValue(AdminAuditLines.Cut(action));
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AdminAuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT at, who, action FROM admin_audit ORDER BY id DESC LIMIT $1", connection);
        command.Parameters.AddWithValue(limit);
        var entries = new List<AdminAuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AdminAuditEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2)));
        }

        return entries;
    }
}
