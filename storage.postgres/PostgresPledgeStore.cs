using System.Security.Cryptography;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The pledges on PostgreSQL, with the rules of <c>SqlitePledgeStore</c>: one signature per email
/// per pledge, its consent record, its confirmation email and its CRM outbox record written in one
/// transaction, first name and email encrypted. Every row is written encrypted: a PostgreSQL
/// database never held plain ones, so nothing here needs <see cref="IPlainPledgeRows"/>.
/// </summary>
/// <param name="clock">When confirmation emails are queued; the system clock when not given.</param>
/// <param name="confirmationEmails">Woken when a confirmation email is queued, so the sender need not wait for its next look.</param>
/// <param name="crmOutbox">Woken when a new pledge was written to the CRM outbox.</param>
public sealed class PostgresPledgeStore(
    PostgresDatabase database,
    PersonalDataProtector protector,
    TimeProvider? clock = null,
    ConfirmationEmailSignal? confirmationEmails = null,
    CrmOutboxSignal? crmOutbox = null) : IPledgeStore
{
    /// <summary>The <c>protection</c> of every row written here: read them with <see cref="PersonalDataProtector.Unprotect(string, int)"/>.</summary>
    public const int Protected = PersonalDataProtector.Protected;

    // The first key of the two-number advisory lock on one pledge's count ("Sign").
    private const int PledgeCountLockSpace = 0x5369676E;

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

    private async Task<(PledgeReceipt Receipt, bool Queued)> StoreAsync(NpgsqlConnection connection, PledgeSignature signature, CancellationToken cancellationToken)
    {
        await PledgeChangeLock.TakeSharedAsync(connection, cancellationToken);
        await LockCountAsync(connection, signature, cancellationToken);
        var recordId = NewId();
        var consentId = NewId();
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        int inserted;
        // The first signature for an email stays; a repeat is ignored without telling anyone. The
        // same email signing on two instances at once: the second insert waits for the first to
        // commit, then does nothing.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO pledges (campaign_id, pledge_id, email_key, person_key, first_name, email, consented_at,
                                 record_id, protection, consent_record_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (campaign_id, pledge_id, email_key) DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue(signature.CampaignId);
            insert.Parameters.AddWithValue(signature.PledgeId);
            insert.Parameters.AddWithValue(signature.EmailKey);
            insert.Parameters.AddWithValue(signature.PersonKey);
            insert.Parameters.AddWithValue(protector.Protect(signature.FirstName));
            insert.Parameters.AddWithValue(protector.Protect(signature.Email));
            insert.Parameters.AddWithValue(signature.Consent.At.ToUniversalTime());
            insert.Parameters.AddWithValue(recordId);
            insert.Parameters.AddWithValue(Protected);
            insert.Parameters.AddWithValue(consentId);
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (inserted == 1)
        {
            await using var consent = new NpgsqlCommand("""
                INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash,
                                             locale, channel, answer, recorded_at, statement_language)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'yes', $9, $10)
                """, connection);
            consent.Parameters.AddWithValue(consentId);
            consent.Parameters.AddWithValue(recordId);
            consent.Parameters.AddWithValue(signature.CampaignId);
            consent.Parameters.AddWithValue(signature.PersonKey);
            consent.Parameters.AddWithValue(signature.Consent.Statement.Version);
            consent.Parameters.AddWithValue(signature.Consent.Statement.TextHash);
            consent.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)signature.Consent.Locale ?? DBNull.Value);
            consent.Parameters.AddWithValue(signature.Consent.Channel);
            consent.Parameters.AddWithValue(signature.Consent.At.ToUniversalTime());
            consent.Parameters.AddWithValue(signature.Consent.Statement.Language);
            await consent.ExecuteNonQueryAsync(cancellationToken);
            await PostgresCrmOutbox.AddAsync(connection, CrmEvents.PledgeCreated, CrmOutboxPledges.WithRecordId, recordId, now, cancellationToken);
        }

        var (storedRecordId, confirmed, contactWithdrawn) = await FindSignatureAsync(connection, signature, cancellationToken);
        // Same transaction as the pledge: a pledge acknowledged in the chat always has its email
        // queued, whatever crashes afterwards. Someone who said stop is not written to again.
        var queued = signature.ConfirmEmail && !confirmed && !contactWithdrawn
            && await PostgresConfirmationEmailStore.QueueAsync(connection, storedRecordId, now, cancellationToken);
        var count = await CountAsync(connection, signature.CampaignId, signature.PledgeId, cancellationToken);
        return (new PledgeReceipt(count, storedRecordId, confirmed), queued);
    }

    /// <summary>
    /// Signatures of one pledge on several instances are stored one after the other, as SQLite's
    /// one writer stores them: each signer's receipt counts every signature before theirs, so no
    /// two are told the same number. Waited for, not given way to: a pledge's transaction is short,
    /// and a popular pledge must not send every instance's batch into rounds of retries.
    /// </summary>
    private static async Task LockCountAsync(NpgsqlConnection connection, PledgeSignature signature, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))", connection);
        command.Parameters.AddWithValue(PledgeCountLockSpace);
        command.Parameters.AddWithValue(signature.CampaignId);
        command.Parameters.AddWithValue(signature.PledgeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        return await CountAsync(connection, campaignId, pledgeId, cancellationToken);
    }

    public async Task<PledgeCounts> GetCountsAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::integer, count(confirmed_at)::integer FROM pledges WHERE campaign_id = $1 AND pledge_id = $2", connection);
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.AddWithValue(pledgeId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PledgeCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <remarks>
    /// Locks the pledge's row until the commit: a repeat signature on two instances at once decides
    /// about a fresh confirmation email one after the other, so the resend limits hold, and a
    /// confirmation or a stop arriving meanwhile is seen.
    /// </remarks>
    private static async Task<(string RecordId, bool Confirmed, bool ContactWithdrawn)> FindSignatureAsync(
        NpgsqlConnection connection, PledgeSignature signature, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT record_id, confirmed_at IS NOT NULL, contact_withdrawn_at IS NOT NULL FROM pledges
            WHERE campaign_id = $1 AND pledge_id = $2 AND email_key = $3
            FOR UPDATE
            """, connection);
        command.Parameters.AddWithValue(signature.CampaignId);
        command.Parameters.AddWithValue(signature.PledgeId);
        command.Parameters.AddWithValue(signature.EmailKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string campaignId, string pledgeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*)::integer FROM pledges WHERE campaign_id = $1 AND pledge_id = $2", connection);
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.AddWithValue(pledgeId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Random and meaningless: safe to put in a link or send to a CRM.</summary>
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
