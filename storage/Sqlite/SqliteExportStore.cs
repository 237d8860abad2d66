using System.Globalization;
using System.Runtime.CompilerServices;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Reads exports with one data reader each and yields row by row, so what is held in memory is one
/// row, whatever the size of the campaign. A long export reads one snapshot of the database (WAL):
/// votes and pledges keep being written meanwhile, and the export does not see them.
/// </summary>
public sealed class SqliteExportStore(SqliteDatabase database, PersonalDataProtector protector) : IExportStore
{
    public async IAsyncEnumerable<PledgeExportRow> ReadPledgesAsync(
        string campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Storage order (rowid), so that SQLite does not sort the whole table before the first row can go out.
        command.CommandText = PledgeExportQuery.OrderedBy("p.rowid");
        command.Parameters.AddWithValue("@campaign", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var isProtected = reader.GetInt32(3) == SqlitePledgeStore.Protected;
            yield return new PledgeExportRow(
                PledgeId: reader.GetString(0),
                FirstName: isProtected ? protector.Unprotect(reader.GetString(1)) : reader.GetString(1),
                Email: isProtected ? protector.Unprotect(reader.GetString(2)) : reader.GetString(2),
                VotedFor: reader.IsDBNull(10) ? null : reader.GetString(10),
                ConsentedAt: Instant(reader.GetString(4)),
                ConsentStatementVersion: reader.IsDBNull(5) ? null : reader.GetInt32(5),
                ConfirmedAt: reader.IsDBNull(6) ? null : Instant(reader.GetString(6)),
                Channel: reader.IsDBNull(7) ? null : reader.GetString(7),
                ReferralCode: reader.IsDBNull(11) ? null : reader.GetString(11),
                Locale: reader.IsDBNull(8) ? null : reader.GetString(8),
                ContactWithdrawnAt: reader.IsDBNull(9) ? null : Instant(reader.GetString(9)),
                ConsentLanguage: reader.IsDBNull(12) ? null : reader.GetString(12));
        }
    }

    public async IAsyncEnumerable<VoteCount> ReadVoteCountsAsync(
        string campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Instants are stored as ISO 8601 in UTC, so the first ten characters are the UTC day.
        command.CommandText = """
            SELECT substr(voted_at, 1, 10) AS day, cause_id, channel, count(*)
            FROM votes WHERE campaign_id = $campaign
            GROUP BY day, cause_id, channel
            ORDER BY day, cause_id, channel
            """;
        command.Parameters.AddWithValue("$campaign", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new VoteCount(
                DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3));
        }
    }

    private static DateTimeOffset Instant(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
