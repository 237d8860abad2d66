using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <param name="emailCopies">Copies of sent emails kept outside the database (none when a mail server is used).</param>
/// <param name="crmOutbox">Woken when a withdrawal or an erasure was written to the CRM outbox.</param>
public sealed class SqlitePersonalDataStore(
    SqliteDatabase database,
    PersonalDataProtector protector,
    TimeProvider clock,
    IEnumerable<ISentEmailCopies> emailCopies,
    CrmOutboxSignal? crmOutbox = null) : IPersonalDataStore
{
    public async Task<PersonalDataReport> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        StoredVote? vote = null;
        await using (var votes = connection.CreateCommand())
        {
            votes.CommandText = "SELECT cause_id, voted_at FROM votes WHERE campaign_id = $campaign AND person_key = $person";
            votes.Parameters.AddWithValue("$campaign", campaignId);
            votes.Parameters.AddWithValue("$person", personKey);
            await using var reader = await votes.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                vote = new StoredVote(reader.GetString(0), ParseInstant(reader.GetString(1))!.Value);
            }
        }

        var pledges = new List<StoredPledge>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT p.pledge_id, p.first_name, p.email, p.protection, p.consented_at, c.statement_version, p.confirmed_at, p.contact_withdrawn_at,
                       c.statement_language
                FROM pledges p LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
                WHERE p.campaign_id = $campaign AND p.person_key = $person
                ORDER BY p.consented_at
                """;
            select.Parameters.AddWithValue("$campaign", campaignId);
            select.Parameters.AddWithValue("$person", personKey);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pledges.Add(new StoredPledge(
                    reader.GetString(0),
                    protector.Unprotect(reader.GetString(1), reader.GetInt32(3)),
                    protector.Unprotect(reader.GetString(2), reader.GetInt32(3)),
                    ParseInstant(reader.GetString(4))!.Value,
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    ParseInstant(reader.IsDBNull(6) ? null : reader.GetString(6)),
                    ParseInstant(reader.IsDBNull(7) ? null : reader.GetString(7)),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        FollowUpChoice? followUp = null;
        await using (var followUps = connection.CreateCommand())
        {
            followUps.CommandText = FollowUpStatements.Find;
            followUps.Parameters.AddWithValue("@campaign", campaignId);
            followUps.Parameters.AddWithValue("@person", personKey);
            await using var reader = await followUps.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                followUp = FollowUpStatements.ReadChoice(reader);
            }
        }

        await using var language = connection.CreateCommand();
        language.CommandText = "SELECT language FROM language_choices WHERE person_key = $person";
        language.Parameters.AddWithValue("$person", personKey);
        return new PersonalDataReport(vote, pledges, await language.ExecuteScalarAsync(cancellationToken) as string, followUp);
    }

    public async Task<int> WithdrawContactAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var withdrawn = new List<(string RecordId, int Version, string Hash, string Language)>();
        await using (var select = connection.CreateCommand())
        {
            // The withdrawal names the statement the person had agreed to, so the trail reads as one story.
            select.CommandText = """
                SELECT p.record_id, coalesce(c.statement_version, 0), coalesce(c.statement_hash, ''), coalesce(c.statement_language, 'en')
                FROM pledges p LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
                WHERE p.campaign_id = $campaign AND p.person_key = $person AND p.contact_withdrawn_at IS NULL
                """;
            select.Parameters.AddWithValue("$campaign", campaignId);
            select.Parameters.AddWithValue("$person", personKey);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                withdrawn.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var now = SqliteDatabase.Instant(at);
        foreach (var (recordId, version, hash, language) in withdrawn)
        {
            await using var update = connection.CreateCommand();
            // Unsent confirmation emails are dropped too: after "stop" the campaign writes no more,
            // not even to ask for a confirmation. Links already sent still work.
            update.CommandText = """
                UPDATE pledges SET contact_withdrawn_at = $now WHERE record_id = $record;
                DELETE FROM confirmation_emails WHERE pledge_record_id = $record AND sent_at IS NULL;
                INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash,
                                             statement_language, locale, channel, answer, recorded_at)
                VALUES ($id, $record, $campaign, $person, $version, $hash, $language, NULL, $channel, 'withdrawn', $now);
                """;
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$record", recordId);
            update.Parameters.AddWithValue("$id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            update.Parameters.AddWithValue("$campaign", campaignId);
            update.Parameters.AddWithValue("$person", personKey);
            update.Parameters.AddWithValue("$version", version);
            update.Parameters.AddWithValue("$hash", hash);
            update.Parameters.AddWithValue("$language", language);
            update.Parameters.AddWithValue("$channel", channel);
            await update.ExecuteNonQueryAsync(cancellationToken);
            await SqliteCrmOutbox.AddAsync(connection, CrmEvents.ContactWithdrawn, CrmOutboxPledges.WithRecordId, recordId, at, cancellationToken);
        }

        var followUps = await FollowUpStatements.WithdrawAsync(connection, campaignId, personKey, channel, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        crmOutbox?.Pulse();
        return withdrawn.Count + followUps;
    }

    public async Task<ErasureResult> ForgetPersonAsync(string personKey, string source, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // The same email pledged from another chat is the same person: those pledges go too.
        var emailKeys = await ReadColumnAsync(connection, "SELECT DISTINCT email_key FROM pledges WHERE person_key = $key", personKey, cancellationToken);
        var result = await EraseAsync(connection, [personKey], emailKeys, source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        crmOutbox?.Pulse();
        await ForgetEmailCopiesAsync(emailKeys, cancellationToken);
        return result;
    }

    public async Task<ErasureResult> ForgetEmailAsync(string emailKey, string source, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var personKeys = await ReadColumnAsync(connection, "SELECT DISTINCT person_key FROM pledges WHERE email_key = $key", emailKey, cancellationToken);
        var result = await EraseAsync(connection, personKeys, [emailKey], source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
        SqliteConnection connection, IReadOnlyList<string> personKeys, IReadOnlyList<string> emailKeys, string source, CancellationToken cancellationToken)
    {
        int votes = 0, pledges = 0, consents = 0;
        foreach (var personKey in personKeys)
        {
            votes += await ExecuteAsync(connection, "DELETE FROM votes WHERE person_key = $key", personKey, cancellationToken);
            consents += await ExecuteAsync(connection, "DELETE FROM consent_records WHERE person_key = $key", personKey, cancellationToken);
            // Which share link brought them: the counters it moved stay, as totals that name nobody.
            await ExecuteAsync(connection, "DELETE FROM referral_conversions WHERE person_key = $key", personKey, cancellationToken);
            // Which funnel steps they reached: the counts drop with them.
            await ExecuteAsync(connection, "DELETE FROM funnel_steps WHERE person_key = $key", personKey, cancellationToken);
            await ExecuteAsync(connection, "DELETE FROM language_choices WHERE person_key = $key", personKey, cancellationToken);
            await ExecuteAsync(connection, FollowUpStatements.EraseForPerson, personKey, cancellationToken);
            await ExecuteAsync(connection, FollowUpQueueStatements.EraseDeliveriesForPerson, personKey, cancellationToken);
            consents += await ExecuteAsync(connection, FollowUpStatements.EraseConsentsForPerson, personKey, cancellationToken);
        }

        foreach (var emailKey in emailKeys)
        {
            await ExecuteAsync(connection, FollowUpStatements.EraseForEmail, emailKey, cancellationToken);
            consents += await ExecuteAsync(
                connection,
                "DELETE FROM consent_records WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE email_key = $key)",
                emailKey,
                cancellationToken);
            await ExecuteAsync(
                connection,
                "DELETE FROM confirmation_emails WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE email_key = $key)",
                emailKey,
                cancellationToken);
            await SqliteCrmOutbox.AddAsync(connection, CrmEvents.SupporterErased, CrmOutboxPledges.WithEmailKey, emailKey, clock.GetUtcNow(), cancellationToken);
            pledges += await ExecuteAsync(connection, "DELETE FROM pledges WHERE email_key = $key", emailKey, cancellationToken);
        }

        foreach (var personKey in personKeys)
        {
            await ExecuteAsync(
                connection,
                "DELETE FROM confirmation_emails WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE person_key = $key)",
                personKey,
                cancellationToken);
            await SqliteCrmOutbox.AddAsync(connection, CrmEvents.SupporterErased, CrmOutboxPledges.WithPersonKey, personKey, clock.GetUtcNow(), cancellationToken);
            pledges += await ExecuteAsync(connection, "DELETE FROM pledges WHERE person_key = $key", personKey, cancellationToken);
        }

        await using (var log = connection.CreateCommand())
        {
            // The audit line: when, from where, how much. Nothing that says who.
            log.CommandText = """
                INSERT INTO erasures (erased_at, source, votes, pledges, consent_records) VALUES ($at, $source, $votes, $pledges, $consents)
                """;
            log.Parameters.AddWithValue("$at", SqliteDatabase.Instant(clock.GetUtcNow()));
            log.Parameters.AddWithValue("$source", source);
            log.Parameters.AddWithValue("$votes", votes);
            log.Parameters.AddWithValue("$pledges", pledges);
            log.Parameters.AddWithValue("$consents", consents);
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        return new ErasureResult(votes, pledges, consents);
    }

    /// <param name="sql">A statement with the key as <c>$key</c>, or as <c>@key</c> in the statements both databases share.</param>
    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(sql.Contains("@key", StringComparison.Ordinal) ? "@key" : "$key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadColumnAsync(SqliteConnection connection, string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static DateTimeOffset? ParseInstant(string? stored) =>
        stored is null ? null : DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
