using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <param name="clock">When confirmation emails are queued; the system clock when not given.</param>
/// <param name="confirmationEmails">Woken when a confirmation email is queued, so the sender need not wait for its next look.</param>
/// <param name="crmOutbox">Woken when a new pledge was written to the CRM outbox.</param>
public sealed class SqlitePledgeStore(
    SqliteDatabase database,
    PersonalDataProtector protector,
    TimeProvider? clock = null,
    ConfirmationEmailSignal? confirmationEmails = null,
    CrmOutboxSignal? crmOutbox = null) : IPledgeStore, IPlainPledgeRows
{
    /// <summary>Rows whose first name and email are encrypted with <see cref="PersonalDataProtector"/>.</summary>
    public const int Protected = PersonalDataProtector.Protected;

    public async Task<PledgeReceipt> TakePledgeAsync(PledgeSignature signature, CancellationToken cancellationToken = default)
    {
        var (receipt, queued) = await database.WriteAsync((connection, token) => StoreAsync(connection, signature, token), cancellationToken);
        // Only once committed: the sender must find the queued email when it looks.
        if (queued)
        {
            confirmationEmails?.Pulse();
        }

        crmOutbox?.Pulse();

        return receipt;
    }

    private async Task<(PledgeReceipt Receipt, bool Queued)> StoreAsync(SqliteConnection connection, PledgeSignature signature, CancellationToken cancellationToken)
    {
        var recordId = NewId();
        var consentId = NewId();
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var consentedAt = SqliteDatabase.Instant(signature.Consent.At);
        int inserted;
        await using (var insert = connection.CreateCommand())
        {
            // The first signature for an email stays; a repeat is ignored without telling anyone.
            insert.CommandText = """
                INSERT INTO pledges (campaign_id, pledge_id, email_key, person_key, first_name, email, consented_at,
                                     record_id, protection, consent_record_id)
                VALUES ($campaign, $pledge, $emailKey, $person, $firstName, $email, $consentedAt, $record, $protection, $consent)
                ON CONFLICT (campaign_id, pledge_id, email_key) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$campaign", signature.CampaignId);
            insert.Parameters.AddWithValue("$pledge", signature.PledgeId);
            insert.Parameters.AddWithValue("$emailKey", signature.EmailKey);
            insert.Parameters.AddWithValue("$person", signature.PersonKey);
            insert.Parameters.AddWithValue("$firstName", protector.Protect(signature.FirstName));
            insert.Parameters.AddWithValue("$email", protector.Protect(signature.Email));
            insert.Parameters.AddWithValue("$consentedAt", consentedAt);
            insert.Parameters.AddWithValue("$record", recordId);
            insert.Parameters.AddWithValue("$protection", Protected);
            insert.Parameters.AddWithValue("$consent", consentId);
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (inserted == 1)
        {
            await using var consent = connection.CreateCommand();
            consent.CommandText = """
                INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash,
                                             statement_language, locale, channel, answer, recorded_at)
                VALUES ($id, $pledgeRecord, $campaign, $person, $version, $hash, $language, $locale, $channel, 'yes', $at)
                """;
            consent.Parameters.AddWithValue("$id", consentId);
            consent.Parameters.AddWithValue("$pledgeRecord", recordId);
            consent.Parameters.AddWithValue("$campaign", signature.CampaignId);
            consent.Parameters.AddWithValue("$person", signature.PersonKey);
            consent.Parameters.AddWithValue("$version", signature.Consent.Statement.Version);
            consent.Parameters.AddWithValue("$hash", signature.Consent.Statement.TextHash);
            consent.Parameters.AddWithValue("$language", signature.Consent.Statement.Language);
            consent.Parameters.AddWithValue("$locale", (object?)signature.Consent.Locale ?? DBNull.Value);
            consent.Parameters.AddWithValue("$channel", signature.Consent.Channel);
            consent.Parameters.AddWithValue("$at", consentedAt);
            await consent.ExecuteNonQueryAsync(cancellationToken);
            await SqliteCrmOutbox.AddAsync(connection, CrmEvents.PledgeCreated, CrmOutboxPledges.WithRecordId, recordId, now, cancellationToken);
        }

        var (storedRecordId, confirmed, contactWithdrawn) = await FindSignatureAsync(connection, signature, cancellationToken);
        // Same transaction as the pledge: a pledge acknowledged in the chat always has its email
        // queued, whatever crashes afterwards. Someone who said stop is not written to again.
        var queued = signature.ConfirmEmail && !confirmed && !contactWithdrawn
            && await SqliteConfirmationEmailStore.QueueAsync(connection, storedRecordId, now, cancellationToken);
        var count = await CountAsync(connection, signature.CampaignId, signature.PledgeId, cancellationToken);
        return (new PledgeReceipt(count, storedRecordId, confirmed), queued);
    }

    public async Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        return await CountAsync(connection, campaignId, pledgeId, cancellationToken);
    }

    public async Task<PledgeCounts> GetCountsAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(confirmed_at) FROM pledges WHERE campaign_id = $campaign AND pledge_id = $pledge";
        command.Parameters.AddWithValue("$campaign", campaignId);
        command.Parameters.AddWithValue("$pledge", pledgeId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PledgeCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Encrypts the first names and emails that a version before 3 stored in plain text. Runs at
    /// start; each row is rewritten in its own small transaction, so a crash midway loses nothing.
    /// </summary>
    public async Task<int> ProtectPlainRowsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var plain = new List<(string RecordId, string FirstName, string Email)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT record_id, first_name, email FROM pledges WHERE protection = 0";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plain.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (recordId, firstName, email) in plain)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE pledges SET first_name = $firstName, email = $email, protection = $protection
                WHERE record_id = $record AND protection = 0
                """;
            update.Parameters.AddWithValue("$firstName", protector.Protect(firstName));
            update.Parameters.AddWithValue("$email", protector.Protect(email));
            update.Parameters.AddWithValue("$protection", Protected);
            update.Parameters.AddWithValue("$record", recordId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return plain.Count;
    }

    private static async Task<(string RecordId, bool Confirmed, bool ContactWithdrawn)> FindSignatureAsync(
        SqliteConnection connection, PledgeSignature signature, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT record_id, confirmed_at IS NOT NULL, contact_withdrawn_at IS NOT NULL FROM pledges
            WHERE campaign_id = $campaign AND pledge_id = $pledge AND email_key = $emailKey
            """;
        command.Parameters.AddWithValue("$campaign", signature.CampaignId);
        command.Parameters.AddWithValue("$pledge", signature.PledgeId);
        command.Parameters.AddWithValue("$emailKey", signature.EmailKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string campaignId, string pledgeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pledges WHERE campaign_id = $campaign AND pledge_id = $pledge";
        command.Parameters.AddWithValue("$campaign", campaignId);
        command.Parameters.AddWithValue("$pledge", pledgeId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Random and meaningless: safe to put in a link or send to a CRM.</summary>
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
