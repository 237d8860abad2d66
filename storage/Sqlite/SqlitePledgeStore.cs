using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqlitePledgeStore(SqliteDatabase database) : IPledgeStore
{
    public async Task<int> TakePledgeAsync(PledgeSignature signature, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            // The first signature for an email stays; a repeat is ignored without telling anyone.
            insert.CommandText = """
                INSERT INTO pledges (campaign_id, pledge_id, email_key, person_key, first_name, email, consented_at)
                VALUES ($campaign, $pledge, $emailKey, $person, $firstName, $email, $consentedAt)
                ON CONFLICT (campaign_id, pledge_id, email_key) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$campaign", signature.CampaignId);
            insert.Parameters.AddWithValue("$pledge", signature.PledgeId);
            insert.Parameters.AddWithValue("$emailKey", signature.EmailKey);
            insert.Parameters.AddWithValue("$person", signature.PersonKey);
            insert.Parameters.AddWithValue("$firstName", signature.FirstName);
            insert.Parameters.AddWithValue("$email", signature.Email);
            insert.Parameters.AddWithValue("$consentedAt", signature.ConsentedAt.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var count = await CountAsync(connection, signature.CampaignId, signature.PledgeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public async Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CountAsync(connection, campaignId, pledgeId, cancellationToken);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string campaignId, string pledgeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pledges WHERE campaign_id = $campaign AND pledge_id = $pledge";
        command.Parameters.AddWithValue("$campaign", campaignId);
        command.Parameters.AddWithValue("$pledge", pledgeId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
