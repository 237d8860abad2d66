using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The funnel on PostgreSQL, with the rules of <c>SqliteFunnelStore</c>: the primary key (campaign,
/// step, person) makes a repeat a no-op, also when it reaches two instances at once.
/// </summary>
public sealed class PostgresFunnelStore(PostgresDatabase database) : IFunnelStore
{
    public Task RecordAsync(string campaignId, FunnelStep step, string personKey, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO funnel_steps (campaign_id, step, person_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", connection);
            insert.Parameters.AddWithValue(campaignId);
            insert.Parameters.AddWithValue(FunnelStepNames.Of(step));
            insert.Parameters.AddWithValue(personKey);
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<FunnelCounts> CountAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT step, count(*) FROM funnel_steps WHERE campaign_id = $1 GROUP BY step", connection);
        select.Parameters.AddWithValue(campaignId);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return FunnelStepNames.Counts(counts);
    }
}
