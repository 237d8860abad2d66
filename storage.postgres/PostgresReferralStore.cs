using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Referrals on PostgreSQL, with the rules of <c>SqliteReferralStore</c>. Every counter moves in one
/// statement (<c>ON CONFLICT … DO UPDATE SET n = n + 1</c>), so counts from several instances at
/// once all land; a person's conversion is one row whose primary key lets only one of their
/// chats on any instance count it.
/// </summary>
public sealed class PostgresReferralStore(PostgresDatabase database, TimeProvider clock) : IReferralStore
{
    public Task RecordIssuedCodeAsync(string campaignId, string code, CancellationToken cancellationToken = default)
    {
        var today = Today();
        return database.WriteAsync(async (connection, token) =>
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO referral_codes (campaign_id, referral_code, issued_on) VALUES ($1, $2, $3)
                ON CONFLICT (campaign_id, referral_code) DO NOTHING
                """, connection);
            insert.Parameters.AddWithValue(campaignId);
            insert.Parameters.AddWithValue(code);
            insert.Parameters.AddWithValue(today);
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    public Task<bool> RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default)
    {
        var today = Today();
        return database.WriteAsync((connection, token) => IncrementIfIssuedAsync(connection, campaignId, code, causeId, "visits", today, token), cancellationToken);
    }

    /// <summary>
    /// In the writer's transaction: the person's row and the counter move together or not at all. A
    /// second chat of the person inserting the same row waits for the first one's commit and then
    /// inserts nothing, so only one of them counts.
    /// </summary>
    public Task<bool> RecordConversionAsync(
        string campaignId, string code, string causeId, ReferralConversion kind, string personKey, CancellationToken cancellationToken = default)
    {
        var (kindName, column) = ReferralConversionColumns.Of(kind);
        var today = Today();
        return database.WriteAsync(async (connection, token) =>
        {
            await using (var remember = new NpgsqlCommand("""
                INSERT INTO referral_conversions (campaign_id, referral_code, person_key, kind)
                SELECT $1, $2, $3, $4
                WHERE EXISTS (SELECT 1 FROM referral_codes WHERE campaign_id = $1 AND referral_code = $2)
                ON CONFLICT (campaign_id, referral_code, person_key, kind) DO NOTHING
                """, connection))
            {
                remember.Parameters.AddWithValue(campaignId);
                remember.Parameters.AddWithValue(code);
                remember.Parameters.AddWithValue(personKey);
                remember.Parameters.AddWithValue(kindName);
                if (await remember.ExecuteNonQueryAsync(token) == 0)
                {
                    return false;
                }
            }

            await IncrementIfIssuedAsync(connection, campaignId, code, causeId, column, today, token);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ReferralCounts>> GetCountsAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT referral_code, cause_id, visits, votes, pledges FROM referral_counts
            WHERE campaign_id = $1
            ORDER BY referral_code COLLATE "C", cause_id COLLATE "C"
            """, connection);
        command.Parameters.AddWithValue(campaignId);
        var counts = new List<ReferralCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new ReferralCounts(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return counts;
    }

    public Task ForgetPersonAsync(string personKey, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var delete = new NpgsqlCommand("DELETE FROM referral_conversions WHERE person_key = $1", connection);
            delete.Parameters.AddWithValue(personKey);
            await delete.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    // The column name is one of three constants (ReferralConversionColumns, "visits"), never input.
    private static async Task<bool> IncrementIfIssuedAsync(
        NpgsqlConnection connection, string campaignId, string code, string causeId, string column, DateOnly today, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO referral_counts AS counts (campaign_id, referral_code, cause_id, {column}, updated_on)
            SELECT $1, $2, $3, 1, $4
            WHERE EXISTS (SELECT 1 FROM referral_codes WHERE campaign_id = $1 AND referral_code = $2)
            ON CONFLICT (campaign_id, referral_code, cause_id)
            DO UPDATE SET {column} = counts.{column} + 1, updated_on = excluded.updated_on
            """, connection);
        upsert.Parameters.AddWithValue(campaignId);
        upsert.Parameters.AddWithValue(code);
        upsert.Parameters.AddWithValue(causeId);
        upsert.Parameters.AddWithValue(today);
        return await upsert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    // The day only (UTC): a time to the second next to a count of one would date a single visit.
    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
