namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The funnel in <c>funnel_steps</c>: its primary key (campaign, step, person) makes a repeat a
/// no-op, so the table holds at most one row per person and step however often they come back.
/// </summary>
public sealed class SqliteFunnelStore(SqliteDatabase database) : IFunnelStore
{
    public Task RecordAsync(string campaignId, FunnelStep step, string personKey, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO funnel_steps (campaign_id, step, person_key) VALUES ($campaign, $step, $person)";
            insert.Parameters.AddWithValue("$campaign", campaignId);
            insert.Parameters.AddWithValue("$step", FunnelStepNames.Of(step));
            insert.Parameters.AddWithValue("$person", personKey);
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<FunnelCounts> CountAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT step, count(*) FROM funnel_steps WHERE campaign_id = $campaign GROUP BY step";
        select.Parameters.AddWithValue("$campaign", campaignId);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return FunnelStepNames.Counts(counts);
    }
}
