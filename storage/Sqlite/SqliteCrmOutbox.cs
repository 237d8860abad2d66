using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The CRM outbox (<c>crm_outbox</c>): a record for each pledge stored, confirmed, withdrawn from
/// contact or erased, written by the same transaction that changes the pledge. So a pledge that
/// was not stored is never sent, and one that was is never left unsent, whatever crashes between
/// the commit and the delivery. A record holds ids only: the delivery reads the pledge as it is
/// then. An erasure, written just before the pledge's row is deleted, keeps the one thing a CRM
/// finds the person by, the email, still encrypted as it was, until every CRM has been told
/// (<see cref="SqliteCrmDeliveries"/> clears it).
/// </summary>
public static class SqliteCrmOutbox
{
    /// <summary>
    /// Adds one record of <paramref name="crmEvent"/> for each pledge that <paramref name="which"/>
    /// and <paramref name="key"/> select, inside the caller's transaction; returns how many.
    /// </summary>
    public static async Task<int> AddAsync(
        SqliteConnection connection, string crmEvent, CrmOutboxPledges which, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO crm_outbox (record_id, event, pledge_record_id, campaign_id, pledge_id, created_at, subject_email, subject_protection)
            SELECT lower(hex(randomblob(16))), $event, record_id, campaign_id, pledge_id, $at,
                   CASE WHEN $event = $erased THEN email END, CASE WHEN $event = $erased THEN protection END
            FROM pledges WHERE {which.Column()} = $key
            """;
        insert.Parameters.AddWithValue("$erased", CrmEvents.SupporterErased);
        insert.Parameters.AddWithValue("$event", crmEvent);
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$at", SqliteDatabase.Instant(at));
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
