using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The CRM outbox (<c>crm_outbox</c>) on PostgreSQL, as <c>SqliteCrmOutbox</c> keeps it: one record
/// for each pledge stored, confirmed, withdrawn from contact or erased, written by the same
/// transaction that changes the pledge; ids only, except an erasure's still encrypted email, which
/// a CRM finds the person by.
/// </summary>
internal static class PostgresCrmOutbox
{
    /// <summary>
    /// Adds one record of <paramref name="crmEvent"/> for each pledge that <paramref name="which"/>
    /// and <paramref name="key"/> select, inside the caller's transaction; returns how many.
    /// </summary>
    public static async Task<int> AddAsync(
        NpgsqlConnection connection, string crmEvent, CrmOutboxPledges which, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Record ids as SQLite makes them: 32 lowercase hex digits, random.
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO crm_outbox (record_id, event, pledge_record_id, campaign_id, pledge_id, created_at, subject_email, subject_protection)
            SELECT replace(gen_random_uuid()::text, '-', ''), $1, record_id, campaign_id, pledge_id, $2,
                   CASE WHEN $1 = $3 THEN email END, CASE WHEN $1 = $3 THEN protection END
            FROM pledges WHERE {which.Column()} = $4
            """, connection);
        insert.Parameters.AddWithValue(crmEvent);
        insert.Parameters.AddWithValue(at);
        insert.Parameters.AddWithValue(CrmEvents.SupporterErased);
        insert.Parameters.AddWithValue(key);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
