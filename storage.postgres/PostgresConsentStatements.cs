using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>The consent statements on PostgreSQL, with the rules of <c>SqliteConsentStatements</c>.</summary>
public sealed class PostgresConsentStatements(PostgresDatabase database, TimeProvider clock) : IConsentStatements
{
    // The first key of the two-number advisory lock on one campaign's statements ("Cons").
    private const int CampaignStatementsLockSpace = 0x436F6E73;

    /// <remarks>
    /// The next version is read and written under a lock on the campaign (all its languages), so two
    /// instances registering two new texts at once number them one after the other; the same new
    /// text on both gets one version between them.
    /// </remarks>
    public Task<ConsentStatement> RegisterAsync(string campaignId, string language, string text, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => RegisterAsync(connection, campaignId, language, text, token), cancellationToken);

    private async Task<ConsentStatement> RegisterAsync(NpgsqlConnection connection, string campaignId, string language, string text, CancellationToken cancellationToken)
    {
        await using (var lockCampaign = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, hashtext($2))", connection))
        {
            lockCampaign.Parameters.AddWithValue(CampaignStatementsLockSpace);
            lockCampaign.Parameters.AddWithValue(campaignId);
            if (!(bool)(await lockCampaign.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new WrittenElsewhereException("Another instance is registering a consent statement of the same campaign.");
            }
        }

        var hash = ConsentStatement.HashOf(text);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO consent_statements (campaign_id, language, version, text_hash, text, first_shown_at)
            SELECT $1, $5, coalesce(max(version), 0) + 1, $2, $3, $4 FROM consent_statements WHERE campaign_id = $1 AND language = $5
            ON CONFLICT (campaign_id, language, text_hash) DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue(campaignId);
            insert.Parameters.AddWithValue(hash);
            insert.Parameters.AddWithValue(text);
            insert.Parameters.AddWithValue(clock.GetUtcNow());
            insert.Parameters.AddWithValue(language);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand("SELECT version FROM consent_statements WHERE campaign_id = $1 AND language = $2 AND text_hash = $3", connection);
        select.Parameters.AddWithValue(campaignId);
        select.Parameters.AddWithValue(language);
        select.Parameters.AddWithValue(hash);
        return new ConsentStatement(language, (int)(await select.ExecuteScalarAsync(cancellationToken))!, hash);
    }
}
