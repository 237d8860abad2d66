using System.Globalization;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqliteVotingControls(SqliteDatabase database) : IVotingControls
{
    public async Task<VotingSettings> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT closed_now, closes_at, hide_tallies FROM voting_controls WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return VotingSettings.Default;
        }

        return new VotingSettings(
            reader.GetInt64(0) != 0,
            reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetInt64(2) != 0);
    }

    public async Task SaveAsync(VotingSettings settings, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO voting_controls (id, closed_now, closes_at, hide_tallies) VALUES (1, $closed, $closesAt, $hide)
            ON CONFLICT (id) DO UPDATE SET closed_now = excluded.closed_now, closes_at = excluded.closes_at, hide_tallies = excluded.hide_tallies
            """;
        command.Parameters.AddWithValue("$closed", settings.ClosedNow ? 1 : 0);
        command.Parameters.AddWithValue("$closesAt", settings.ClosesAt is { } at ? SqliteDatabase.Instant(at) : DBNull.Value);
        command.Parameters.AddWithValue("$hide", settings.HideTalliesUntilClosed ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
