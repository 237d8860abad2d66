using Npgsql;
using NpgsqlTypes;

namespace PledgeBot.Storage.Postgres;

/// <summary>The campaign managers' voting controls on PostgreSQL: one row, as in <c>SqliteVotingControls</c>; the last save wins.</summary>
public sealed class PostgresVotingControls(PostgresDatabase database) : IVotingControls
{
    public async Task<VotingSettings> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT closed_now, closes_at, hide_tallies FROM voting_controls WHERE id = 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return VotingSettings.Default;
        }

        return new VotingSettings(
            reader.GetBoolean(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetBoolean(2));
    }

    public Task SaveAsync(VotingSettings settings, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO voting_controls (id, closed_now, closes_at, hide_tallies) VALUES (1, $1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET closed_now = excluded.closed_now, closes_at = excluded.closes_at, hide_tallies = excluded.hide_tallies
                """, connection);
            upsert.Parameters.AddWithValue(settings.ClosedNow);
            upsert.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, settings.ClosesAt is { } at ? at.ToUniversalTime() : DBNull.Value);
            upsert.Parameters.AddWithValue(settings.HideTalliesUntilClosed);
            await upsert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
}
