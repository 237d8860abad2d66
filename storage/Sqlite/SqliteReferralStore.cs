using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Referrals in three tables: <c>referral_codes</c> (issued codes), <c>referral_counts</c> (one row
/// per campaign, code and cause, incremented in place) and <c>referral_conversions</c> (who has been
/// counted for which code). The only time kept is a day.
/// </summary>
public sealed class SqliteReferralStore(SqliteDatabase database, TimeProvider clock) : IReferralStore
{
    public Task RecordIssuedCodeAsync(string campaignId, string code, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO referral_codes (campaign_id, referral_code, issued_on)
                VALUES ($campaign, $code, $today)
                ON CONFLICT (campaign_id, referral_code) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$campaign", campaignId);
            insert.Parameters.AddWithValue("$code", code);
            insert.Parameters.AddWithValue("$today", Today());
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task<bool> RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => IncrementIfIssuedAsync(connection, campaignId, code, causeId, "visits", token), cancellationToken);

    public async Task<bool> RecordConversionAsync(
        string campaignId, string code, string causeId, ReferralConversion kind, string personKey, CancellationToken cancellationToken = default)
    {
        var (kindName, column) = ReferralConversionColumns.Of(kind);

        // In the writer's transaction: the person's row and the counter move together or not at all,
        // and two chats of one person are written one after the other, so only one of them counts.
        return await database.WriteAsync((connection, token) => ConvertAsync(connection, campaignId, code, causeId, kindName, column, personKey, token), cancellationToken);
    }

    private async Task<bool> ConvertAsync(
        SqliteConnection connection, string campaignId, string code, string causeId, string kindName, string column, string personKey, CancellationToken cancellationToken)
    {
        await using (var remember = connection.CreateCommand())
        {
            remember.CommandText = """
                INSERT INTO referral_conversions (campaign_id, referral_code, person_key, kind)
                SELECT $campaign, $code, $person, $kind
                WHERE EXISTS (SELECT 1 FROM referral_codes WHERE campaign_id = $campaign AND referral_code = $code)
                ON CONFLICT (campaign_id, referral_code, person_key, kind) DO NOTHING
                """;
            remember.Parameters.AddWithValue("$campaign", campaignId);
            remember.Parameters.AddWithValue("$code", code);
            remember.Parameters.AddWithValue("$person", personKey);
            remember.Parameters.AddWithValue("$kind", kindName);
            if (await remember.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await IncrementIfIssuedAsync(connection, campaignId, code, causeId, column, cancellationToken);
        return true;
    }

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

    public Task ForgetPersonAsync(string personKey, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM referral_conversions WHERE person_key = $person";
            delete.Parameters.AddWithValue("$person", personKey);
            await delete.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    // The column name is one of three constants (ReferralConversionColumns, "visits"), never input. The WHERE clause also keeps
    // SQLite from reading the upsert's ON as a join condition of the SELECT.
    private async Task<bool> IncrementIfIssuedAsync(
        SqliteConnection connection, string campaignId, string code, string causeId, string column, CancellationToken cancellationToken)
    {
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = $"""
            INSERT INTO referral_counts (campaign_id, referral_code, cause_id, {column}, updated_on)
            SELECT $campaign, $code, $cause, 1, $today
            WHERE EXISTS (SELECT 1 FROM referral_codes WHERE campaign_id = $campaign AND referral_code = $code)
            ON CONFLICT (campaign_id, referral_code, cause_id)
            DO UPDATE SET {column} = {column} + 1, updated_on = excluded.updated_on
            """;
        upsert.Parameters.AddWithValue("$campaign", campaignId);
        upsert.Parameters.AddWithValue("$code", code);
        upsert.Parameters.AddWithValue("$cause", causeId);
        upsert.Parameters.AddWithValue("$today", Today());
        return await upsert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    // The day only: a time to the second next to a count of one would date a single visit.
    private string Today() => clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
