using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqliteConsentStatements(SqliteDatabase database, TimeProvider clock) : IConsentStatements
{
    public async Task<ConsentStatement> RegisterAsync(string campaignId, string language, string text, CancellationToken cancellationToken = default)
    {
        var hash = ConsentStatement.HashOf(text);
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: two instances registering a new text at once get one version between them.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO consent_statements (campaign_id, language, version, text_hash, text, first_shown_at)
                SELECT $campaign, $language, coalesce(max(version), 0) + 1, $hash, $text, $now FROM consent_statements
                WHERE campaign_id = $campaign AND language = $language
                ON CONFLICT (campaign_id, language, text_hash) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$campaign", campaignId);
            insert.Parameters.AddWithValue("$language", language);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.Parameters.AddWithValue("$text", text);
            insert.Parameters.AddWithValue("$now", SqliteDatabase.Instant(clock.GetUtcNow()));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT version FROM consent_statements WHERE campaign_id = $campaign AND language = $language AND text_hash = $hash";
        select.Parameters.AddWithValue("$campaign", campaignId);
        select.Parameters.AddWithValue("$language", language);
        select.Parameters.AddWithValue("$hash", hash);
        var version = Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return new ConsentStatement(language, version, hash);
    }
}
