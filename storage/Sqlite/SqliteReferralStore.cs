using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Referral counters in the <c>referral_counts</c> table: one row per campaign, code and cause,
/// incremented in place. The only time kept is the day the row last changed.
/// </summary>
public sealed class SqliteReferralStore(SqliteDatabase database, TimeProvider clock) : IReferralStore
{
    public Task RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default) =>
        IncrementAsync(campaignId, code, causeId, "visits", cancellationToken);

    public Task RecordConversionAsync(string campaignId, string code, string causeId, ReferralConversion kind, CancellationToken cancellationToken = default) =>
        IncrementAsync(
            campaignId,
            code,
            causeId,
            kind switch
            {
                ReferralConversion.Vote => "votes",
                ReferralConversion.Pledge => "pledges",
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown referral conversion."),
            },
            cancellationToken);

    public async Task<IReadOnlyList<ReferralCounts>> GetCountsAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT referral_code, cause_id, visits, votes, pledges
            FROM referral_counts
            WHERE campaign_id = $campaign
            ORDER BY referral_code, cause_id
            """;
        command.Parameters.AddWithValue("$campaign", campaignId);
        var counts = new List<ReferralCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new ReferralCounts(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return counts;
    }

    // The column name is one of three constants above, never input.
    private async Task IncrementAsync(string campaignId, string code, string causeId, string column, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE, as everywhere: concurrent increments of one row queue for the write lock.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = $"""
                INSERT INTO referral_counts (campaign_id, referral_code, cause_id, {column}, updated_on)
                VALUES ($campaign, $code, $cause, 1, $today)
                ON CONFLICT (campaign_id, referral_code, cause_id)
                DO UPDATE SET {column} = {column} + 1, updated_on = excluded.updated_on
                """;
            upsert.Parameters.AddWithValue("$campaign", campaignId);
            upsert.Parameters.AddWithValue("$code", code);
            upsert.Parameters.AddWithValue("$cause", causeId);
            // The day only: a time to the second next to a count of one would date a single visit.
            upsert.Parameters.AddWithValue("$today", clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
