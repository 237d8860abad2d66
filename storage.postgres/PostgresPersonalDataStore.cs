using System.Security.Cryptography;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// People's rights on PostgreSQL (my data, stop, forget me), with the rules of
/// <c>SqlitePersonalDataStore</c>. A stop or an erasure holds <see cref="PledgeChangeLock"/>
/// exclusively, so a pledge of the same person on another instance lands wholly before or wholly
/// after it.
/// </summary>
/// <param name="emailCopies">Copies of sent emails kept outside the database (none when a mail server is used).</param>
/// <param name="crmOutbox">Woken when a withdrawal or an erasure was written to the CRM outbox.</param>
public sealed class PostgresPersonalDataStore(
    PostgresDatabase database,
    PersonalDataProtector protector,
    TimeProvider clock,
    IEnumerable<ISentEmailCopies> emailCopies,
    CrmOutboxSignal? crmOutbox = null) : IPersonalDataStore
{
    public async Task<PersonalDataReport> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // One transaction, so the vote and the pledges are one moment's.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        StoredVote? vote = null;
        await using (var votes = new NpgsqlCommand("SELECT cause_id, voted_at FROM votes WHERE campaign_id = $1 AND person_key = $2", connection, snapshot))
        {
            votes.Parameters.AddWithValue(campaignId);
            votes.Parameters.AddWithValue(personKey);
            await using var reader = await votes.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                vote = new StoredVote(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));
            }
        }

        var pledges = new List<StoredPledge>();
        await using (var select = new NpgsqlCommand("""
            SELECT p.pledge_id, p.first_name, p.email, p.protection, p.consented_at, c.statement_version, p.confirmed_at, p.contact_withdrawn_at,
                   c.statement_language
            FROM pledges p LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
            WHERE p.campaign_id = $1 AND p.person_key = $2
            ORDER BY p.consented_at
            """, connection, snapshot))
        {
            select.Parameters.AddWithValue(campaignId);
            select.Parameters.AddWithValue(personKey);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pledges.Add(new StoredPledge(
                    reader.GetString(0),
                    protector.Unprotect(reader.GetString(1), reader.GetInt32(3)),
                    protector.Unprotect(reader.GetString(2), reader.GetInt32(3)),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        FollowUpChoice? followUp = null;
        await using (var followUps = new NpgsqlCommand(FollowUpStatements.Find, connection, snapshot))
        {
            followUps.Parameters.AddWithValue("campaign", campaignId);
            followUps.Parameters.AddWithValue("person", personKey);
            await using var reader = await followUps.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                followUp = FollowUpStatements.ReadChoice(reader);
            }
        }

        await using var language = new NpgsqlCommand("SELECT language FROM language_choices WHERE person_key = $1", connection, snapshot);
        language.Parameters.AddWithValue(personKey);
        return new PersonalDataReport(vote, pledges, await language.ExecuteScalarAsync(cancellationToken) as string, followUp);
    }

    public async Task<int> WithdrawContactAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var withdrawn = await database.WriteAsync((connection, token) => WithdrawAsync(connection, campaignId, personKey, channel, at.ToUniversalTime(), token), cancellationToken);
        crmOutbox?.Pulse();
        return withdrawn;
    }

    private static async Task<int> WithdrawAsync(
        NpgsqlConnection connection, string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await PledgeChangeLock.TakeExclusiveAsync(connection, cancellationToken);
        var withdrawn = new List<(string RecordId, int Version, string Hash, string Language)>();
        // The withdrawal names the statement the person had agreed to, so the trail reads as one story.
        await using (var select = new NpgsqlCommand("""
            SELECT p.record_id, coalesce(c.statement_version, 0), coalesce(c.statement_hash, ''), coalesce(c.statement_language, 'en')
            FROM pledges p LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
            WHERE p.campaign_id = $1 AND p.person_key = $2 AND p.contact_withdrawn_at IS NULL
            """, connection))
        {
            select.Parameters.AddWithValue(campaignId);
            select.Parameters.AddWithValue(personKey);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                withdrawn.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        foreach (var (recordId, version, hash, language) in withdrawn)
        {
            await ExecuteAsync(connection, "UPDATE pledges SET contact_withdrawn_at = $2 WHERE record_id = $1", recordId, at, cancellationToken);
            // Unsent confirmation emails are dropped too: after "stop" the campaign writes no more,
            // not even to ask for a confirmation. Links already sent still work.
            await ExecuteAsync(connection, "DELETE FROM confirmation_emails WHERE pledge_record_id = $1 AND sent_at IS NULL", recordId, cancellationToken: cancellationToken);
            await using (var record = new NpgsqlCommand("""
                INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash,
                                             locale, channel, answer, recorded_at, statement_language)
                VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, 'withdrawn', $8, $9)
                """, connection))
            {
                record.Parameters.AddWithValue(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
                record.Parameters.AddWithValue(recordId);
                record.Parameters.AddWithValue(campaignId);
                record.Parameters.AddWithValue(personKey);
                record.Parameters.AddWithValue(version);
                record.Parameters.AddWithValue(hash);
                record.Parameters.AddWithValue(channel);
                record.Parameters.AddWithValue(at);
                record.Parameters.AddWithValue(language);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await PostgresCrmOutbox.AddAsync(connection, CrmEvents.ContactWithdrawn, CrmOutboxPledges.WithRecordId, recordId, at, cancellationToken);
        }

        var followUps = await FollowUpStatements.WithdrawAsync(connection, campaignId, personKey, channel, at, cancellationToken);

        return withdrawn.Count + followUps;
    }

    public async Task<ErasureResult> ForgetPersonAsync(string personKey, string source, CancellationToken cancellationToken = default)
    {
        var (result, emailKeys) = await database.WriteAsync(async (connection, token) =>
        {
            await PledgeChangeLock.TakeExclusiveAsync(connection, token);
            // The same email pledged from another chat is the same person: those pledges go too.
            var emailKeys = await ReadColumnAsync(connection, "SELECT DISTINCT email_key FROM pledges WHERE person_key = $1", personKey, token);
            return (await EraseAsync(connection, [personKey], emailKeys, source, token), emailKeys);
        }, cancellationToken);
        crmOutbox?.Pulse();
        await ForgetEmailCopiesAsync(emailKeys, cancellationToken);
        return result;
    }

    public async Task<ErasureResult> ForgetEmailAsync(string emailKey, string source, CancellationToken cancellationToken = default)
    {
        var result = await database.WriteAsync(async (connection, token) =>
        {
            await PledgeChangeLock.TakeExclusiveAsync(connection, token);
            var personKeys = await ReadColumnAsync(connection, "SELECT DISTINCT person_key FROM pledges WHERE email_key = $1", emailKey, token);
            return await EraseAsync(connection, personKeys, [emailKey], source, token);
        }, cancellationToken);
        crmOutbox?.Pulse();
        await ForgetEmailCopiesAsync([emailKey], cancellationToken);
        return result;
    }

    private async Task ForgetEmailCopiesAsync(IReadOnlyCollection<string> emailKeys, CancellationToken cancellationToken)
    {
        foreach (var copies in emailCopies)
        {
            await copies.ForgetAsync(emailKeys, cancellationToken);
        }
    }

    private async Task<ErasureResult> EraseAsync(
        NpgsqlConnection connection, IReadOnlyList<string> personKeys, IReadOnlyList<string> emailKeys, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int votes = 0, pledges = 0, consents = 0;
        foreach (var personKey in personKeys)
        {
            votes += await ExecuteAsync(connection, "DELETE FROM votes WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
            consents += await ExecuteAsync(connection, "DELETE FROM consent_records WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
            // Which share link brought them: the counters it moved stay, as totals that name nobody.
            await ExecuteAsync(connection, "DELETE FROM referral_conversions WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
            // Which funnel steps they reached: the counts drop with them.
            await ExecuteAsync(connection, "DELETE FROM funnel_steps WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
            await ExecuteAsync(connection, "DELETE FROM language_choices WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
            await ExecuteNamedAsync(connection, FollowUpStatements.EraseForPerson, cancellationToken, ("key", personKey));
            await ExecuteNamedAsync(connection, FollowUpQueueStatements.EraseDeliveriesForPerson, cancellationToken, ("key", personKey));
            consents += await ExecuteNamedAsync(connection, FollowUpStatements.EraseConsentsForPerson, cancellationToken, ("key", personKey));
        }

        foreach (var emailKey in emailKeys)
        {
            await ExecuteNamedAsync(connection, FollowUpStatements.EraseForEmail, cancellationToken, ("key", emailKey));
            consents += await ExecuteAsync(
                connection,
                "DELETE FROM consent_records WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE email_key = $1)",
                emailKey,
                cancellationToken: cancellationToken);
            await ExecuteAsync(
                connection,
                "DELETE FROM confirmation_emails WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE email_key = $1)",
                emailKey,
                cancellationToken: cancellationToken);
            await PostgresCrmOutbox.AddAsync(connection, CrmEvents.SupporterErased, CrmOutboxPledges.WithEmailKey, emailKey, now, cancellationToken);
            pledges += await ExecuteAsync(connection, "DELETE FROM pledges WHERE email_key = $1", emailKey, cancellationToken: cancellationToken);
        }

        foreach (var personKey in personKeys)
        {
            await ExecuteAsync(
                connection,
                "DELETE FROM confirmation_emails WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE person_key = $1)",
                personKey,
                cancellationToken: cancellationToken);
            await PostgresCrmOutbox.AddAsync(connection, CrmEvents.SupporterErased, CrmOutboxPledges.WithPersonKey, personKey, now, cancellationToken);
            pledges += await ExecuteAsync(connection, "DELETE FROM pledges WHERE person_key = $1", personKey, cancellationToken: cancellationToken);
        }

        // The audit line: when, from where, how much. Nothing that says who.
        await using (var log = new NpgsqlCommand(
            "INSERT INTO erasures (erased_at, source, votes, pledges, consent_records) VALUES ($1, $2, $3, $4, $5)", connection))
        {
            log.Parameters.AddWithValue(now);
            log.Parameters.AddWithValue(source);
            log.Parameters.AddWithValue(votes);
            log.Parameters.AddWithValue(pledges);
            log.Parameters.AddWithValue(consents);
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        return new ErasureResult(votes, pledges, consents);
    }

    /// <param name="at">The second parameter, when the statement has one.</param>
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string key, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(key);
        if (at is { } instant)
        {
            command.Parameters.AddWithValue(instant);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs one of the statements both databases share, whose parameters are named (<c>@key</c>).</summary>
    private static async Task<int> ExecuteNamedAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadColumnAsync(NpgsqlConnection connection, string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(key);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
