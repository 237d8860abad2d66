using System.Runtime.CompilerServices;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The exports on PostgreSQL, with the rules of <c>SqliteExportStore</c>. Npgsql hands rows over
/// as they arrive from the server, so what the bot holds is one row (and Npgsql's buffer), whatever
/// the size of the campaign. Each export is one statement, so one snapshot: votes and pledges
/// written meanwhile, on any instance, are not in it.
/// </summary>
public sealed class PostgresExportStore(PostgresDatabase database, PersonalDataProtector protector) : IExportStore
{
    public async IAsyncEnumerable<PledgeExportRow> ReadPledgesAsync(
        string campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // A PostgreSQL table has no storage order to read in (SQLite's rowid), so the pledges come in
        // the order of their consent, the moment each was given; the server sorts, the bot still
        // receives one row at a time.
        await using var command = new NpgsqlCommand(PledgeExportQuery.OrderedBy("p.consented_at, p.record_id"), connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var protection = reader.GetInt32(3);
            yield return new PledgeExportRow(
                PledgeId: reader.GetString(0),
                FirstName: protector.Unprotect(reader.GetString(1), protection),
                Email: protector.Unprotect(reader.GetString(2), protection),
                VotedFor: reader.IsDBNull(10) ? null : reader.GetString(10),
                ConsentedAt: reader.GetFieldValue<DateTimeOffset>(4),
                ConsentStatementVersion: reader.IsDBNull(5) ? null : reader.GetInt32(5),
                ConfirmedAt: reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                Channel: reader.IsDBNull(7) ? null : reader.GetString(7),
                ReferralCode: reader.IsDBNull(11) ? null : reader.GetString(11),
                Locale: reader.IsDBNull(8) ? null : reader.GetString(8),
                ContactWithdrawnAt: reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                ConsentLanguage: reader.IsDBNull(12) ? null : reader.GetString(12));
        }
    }

    public async IAsyncEnumerable<VoteCount> ReadVoteCountsAsync(
        string campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // In SQLite's order: by byte, whatever the database's collation.
        await using var command = new NpgsqlCommand("""
            SELECT (voted_at AT TIME ZONE 'UTC')::date AS day, cause_id, channel, count(*)
            FROM votes WHERE campaign_id = @campaign
            GROUP BY day, cause_id, channel
            ORDER BY day, cause_id COLLATE "C", channel COLLATE "C"
            """, connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new VoteCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), checked((int)reader.GetInt64(3)));
        }
    }
}
