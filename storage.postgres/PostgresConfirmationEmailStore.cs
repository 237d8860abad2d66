using System.Security.Cryptography;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The queue of confirmation emails and the confirmations on PostgreSQL, with the rules of
/// <c>SqliteConfirmationEmailStore</c>. Each instance's sender claims what it sends: the claim
/// locks the due rows it takes and skips those another instance is claiming at that moment, and
/// moves each taken email's next attempt past <see cref="ConfirmationEmailRules.ClaimLease"/>, so
/// no other instance finds it due while it is being sent.
/// </summary>
/// <param name="crmOutbox">Woken when a confirmation was written to the CRM outbox.</param>
public sealed class PostgresConfirmationEmailStore(PostgresDatabase database, PersonalDataProtector protector, CrmOutboxSignal? crmOutbox = null)
    : IConfirmationEmailQueue
{
    /// <summary>
    /// Queues an email for the pledge, inside the caller's transaction, unless one was queued lately
    /// or too many were. The caller holds the pledge's row lock, so two instances decide one after the other.
    /// </summary>
    internal static async Task<bool> QueueAsync(NpgsqlConnection connection, string pledgeRecordId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var earlier = new NpgsqlCommand(
            "SELECT count(*)::integer, max(queued_at) FROM confirmation_emails WHERE pledge_record_id = $1", connection))
        {
            earlier.Parameters.AddWithValue(pledgeRecordId);
            await using var reader = await earlier.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!ConfirmationEmailRules.MayQueueAnother(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), now))
            {
                return false;
            }
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO confirmation_emails (token_id, pledge_record_id, queued_at, next_attempt_at, attempts)
            VALUES ($1, $2, $3, $3, 0)
            """, connection);
        insert.Parameters.AddWithValue(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        insert.Parameters.AddWithValue(pledgeRecordId);
        insert.Parameters.AddWithValue(now.ToUniversalTime());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<DueConfirmationEmail>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => ClaimDueAsync(connection, now, limit, token), cancellationToken);

    private async Task<IReadOnlyList<DueConfirmationEmail>> ClaimDueAsync(NpgsqlConnection connection, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = new List<DueConfirmationEmail>();
        var unreadable = new List<string>();
        // SKIP LOCKED: rows another instance's claim holds right now are left to it, not waited
        // for; once it commits, their next attempt is past the lease and they are no longer due.
        await using (var select = new NpgsqlCommand("""
            SELECT e.token_id, p.campaign_id, p.pledge_id, p.first_name, p.email, p.protection, e.attempts, c.statement_language
            FROM confirmation_emails e JOIN pledges p ON p.record_id = e.pledge_record_id
            LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
            WHERE e.sent_at IS NULL AND e.given_up_at IS NULL AND e.next_attempt_at <= $1 AND p.confirmed_at IS NULL
            ORDER BY e.next_attempt_at
            LIMIT $2
            FOR UPDATE OF e SKIP LOCKED
            """, connection))
        {
            select.Parameters.AddWithValue(now.ToUniversalTime());
            select.Parameters.AddWithValue(limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                DueConfirmationEmail.Read(reader, protector, due, unreadable);
            }
        }

        await using (var giveUp = new NpgsqlCommand(
            "UPDATE confirmation_emails SET given_up_at = $1, last_error = 'unreadable' WHERE token_id = ANY($2)", connection))
        {
            giveUp.Parameters.AddWithValue(now.ToUniversalTime());
            giveUp.Parameters.AddWithValue(unreadable.ToArray());
            await giveUp.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var claim = new NpgsqlCommand("UPDATE confirmation_emails SET next_attempt_at = $1 WHERE token_id = ANY($2)", connection))
        {
            claim.Parameters.AddWithValue((now + ConfirmationEmailRules.ClaimLease).ToUniversalTime());
            claim.Parameters.AddWithValue(due.Select(email => email.TokenId).ToArray());
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT min(next_attempt_at) FROM confirmation_emails WHERE sent_at IS NULL AND given_up_at IS NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
    }

    public Task MarkSentAsync(string tokenId, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE confirmation_emails SET sent_at = $1, expires_at = $2, attempts = attempts + 1, last_error = NULL
                WHERE token_id = $3
                """, connection);
            command.Parameters.AddWithValue(sentAt.ToUniversalTime());
            command.Parameters.AddWithValue(expiresAt.ToUniversalTime());
            command.Parameters.AddWithValue(tokenId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task MarkFailedAsync(string tokenId, string error, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE confirmation_emails
                SET attempts = attempts + 1, last_error = $1, next_attempt_at = coalesce($2, next_attempt_at),
                    given_up_at = CASE WHEN $2 IS NULL THEN $3 END
                WHERE token_id = $4
                """, connection);
            command.Parameters.AddWithValue(error);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, nextAttemptAt is { } next ? next.ToUniversalTime() : DBNull.Value);
            command.Parameters.AddWithValue(now.ToUniversalTime());
            command.Parameters.AddWithValue(tokenId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<ConfirmationOutcome> ConfirmAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var outcome = await database.WriteAsync((connection, token) => ConfirmAsync(connection, tokenId, now.ToUniversalTime(), token), cancellationToken);
        if (outcome == ConfirmationOutcome.Confirmed)
        {
            crmOutbox?.Pulse();
        }

        return outcome;
    }

    private static async Task<ConfirmationOutcome> ConfirmAsync(NpgsqlConnection connection, string tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Locks the pledge: the link opened on two instances at once confirms once, and an erasure
        // committed meanwhile is seen (the row is gone: nothing stored).
        var (recordId, confirmed) = await FindPledgeAsync(connection, tokenId, "FOR UPDATE OF p", cancellationToken);
        if (recordId is null)
        {
            return ConfirmationOutcome.NothingStored;
        }

        // The link can be opened before the sender has recorded its email as sent (the mail server
        // delivers, and the sender is still waiting for its answer). A link that was opened was sent:
        // marking it so keeps it from being dropped below as unsent, so it still works next time.
        await using (var used = new NpgsqlCommand(
            "UPDATE confirmation_emails SET used_at = coalesce(used_at, $1), sent_at = coalesce(sent_at, $1) WHERE token_id = $2", connection))
        {
            used.Parameters.AddWithValue(now);
            used.Parameters.AddWithValue(tokenId);
            await used.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!confirmed)
        {
            await using (var confirm = new NpgsqlCommand("UPDATE pledges SET confirmed_at = $1 WHERE record_id = $2", connection))
            {
                confirm.Parameters.AddWithValue(now);
                confirm.Parameters.AddWithValue(recordId);
                await confirm.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var unsent = new NpgsqlCommand("DELETE FROM confirmation_emails WHERE pledge_record_id = $1 AND sent_at IS NULL", connection))
            {
                unsent.Parameters.AddWithValue(recordId);
                await unsent.ExecuteNonQueryAsync(cancellationToken);
            }

            await PostgresCrmOutbox.AddAsync(connection, CrmEvents.PledgeConfirmed, CrmOutboxPledges.WithRecordId, recordId, now, cancellationToken);
        }

        return confirmed ? ConfirmationOutcome.AlreadyConfirmed : ConfirmationOutcome.Confirmed;
    }

    public async Task<ConfirmationOutcome?> FindAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        var (recordId, confirmed) = await FindPledgeAsync(connection, tokenId, lockClause: "", cancellationToken);
        return recordId is null ? ConfirmationOutcome.NothingStored : confirmed ? ConfirmationOutcome.AlreadyConfirmed : null;
    }

    /// <param name="lockClause">A fixed row-locking clause or nothing: never text from outside.</param>
    private static async Task<(string? RecordId, bool Confirmed)> FindPledgeAsync(
        NpgsqlConnection connection, string tokenId, string lockClause, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT p.record_id, p.confirmed_at IS NOT NULL
            FROM confirmation_emails e JOIN pledges p ON p.record_id = e.pledge_record_id
            WHERE e.token_id = $1
            {lockClause}
            """, connection);
        command.Parameters.AddWithValue(tokenId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetBoolean(1)) : (null, false);
    }
}
