using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The queue of confirmation emails (double opt-in) and the confirmations themselves. A row is
/// written with its pledge, in the pledge's transaction; the sender claims it, then marks it sent
/// or failed; the link's token id finds it again. Rows carry no name or email, only the pledge's
/// record id.
/// </summary>
/// <param name="crmOutbox">Woken when a confirmation was written to the CRM outbox.</param>
public sealed class SqliteConfirmationEmailStore(SqliteDatabase database, PersonalDataProtector protector, CrmOutboxSignal? crmOutbox = null)
    : IConfirmationEmailQueue
{
    /// <summary>Queues an email for the pledge, inside the caller's transaction, unless one was queued lately or too many were.</summary>
    internal static async Task<bool> QueueAsync(SqliteConnection connection, string pledgeRecordId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var earlier = connection.CreateCommand())
        {
            earlier.CommandText = "SELECT count(*), max(queued_at) FROM confirmation_emails WHERE pledge_record_id = $record";
            earlier.Parameters.AddWithValue("$record", pledgeRecordId);
            await using var reader = await earlier.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!ConfirmationEmailRules.MayQueueAnother(reader.GetInt32(0), reader.IsDBNull(1) ? null : Parse(reader.GetString(1)), now))
            {
                return false;
            }
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO confirmation_emails (token_id, pledge_record_id, queued_at, next_attempt_at, attempts)
            VALUES ($token, $record, $now, $now, 0)
            """;
        insert.Parameters.AddWithValue("$token", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        insert.Parameters.AddWithValue("$record", pledgeRecordId);
        insert.Parameters.AddWithValue("$now", SqliteDatabase.Instant(now));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <remarks>
    /// Through the writer: the claim is a write, and it is what keeps two instances on one file
    /// from sending the same email.
    /// </remarks>
    public Task<IReadOnlyList<DueConfirmationEmail>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => ClaimDueAsync(connection, now, limit, token), cancellationToken);

    private async Task<IReadOnlyList<DueConfirmationEmail>> ClaimDueAsync(SqliteConnection connection, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = new List<DueConfirmationEmail>();
        var unreadable = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT e.token_id, p.campaign_id, p.pledge_id, p.first_name, p.email, p.protection, e.attempts, c.statement_language
                FROM confirmation_emails e JOIN pledges p ON p.record_id = e.pledge_record_id
                LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
                WHERE e.sent_at IS NULL AND e.given_up_at IS NULL AND e.next_attempt_at <= $now AND p.confirmed_at IS NULL
                ORDER BY e.next_attempt_at
                LIMIT $limit
                """;
            select.Parameters.AddWithValue("$now", SqliteDatabase.Instant(now));
            select.Parameters.AddWithValue("$limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                DueConfirmationEmail.Read(reader, protector, due, unreadable);
            }
        }

        foreach (var tokenId in unreadable)
        {
            await UpdateAsync(connection, "UPDATE confirmation_emails SET given_up_at = $now, last_error = 'unreadable' WHERE token_id = $token", tokenId, now, cancellationToken);
        }

        foreach (var email in due)
        {
            await using var claim = connection.CreateCommand();
            claim.CommandText = "UPDATE confirmation_emails SET next_attempt_at = $until WHERE token_id = $token";
            claim.Parameters.AddWithValue("$until", SqliteDatabase.Instant(now + ConfirmationEmailRules.ClaimLease));
            claim.Parameters.AddWithValue("$token", email.TokenId);
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(next_attempt_at) FROM confirmation_emails WHERE sent_at IS NULL AND given_up_at IS NULL";
        return await command.ExecuteScalarAsync(cancellationToken) is string next ? Parse(next) : null;
    }

    /// <remarks>
    /// Through the database's one writer, as the pledges are: a write on a connection of its own
    /// would take SQLite's write lock from under the writer, which then waits out SQLite's busy
    /// back-off (up to a tenth of a second or more) with every turn's write queued behind it.
    /// </remarks>
    public Task MarkSentAsync(string tokenId, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE confirmation_emails SET sent_at = $sent, expires_at = $expires, attempts = attempts + 1, last_error = NULL
                WHERE token_id = $token
                """;
            command.Parameters.AddWithValue("$sent", SqliteDatabase.Instant(sentAt));
            command.Parameters.AddWithValue("$expires", SqliteDatabase.Instant(expiresAt));
            command.Parameters.AddWithValue("$token", tokenId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <remarks>Through the writer, as <see cref="MarkSentAsync"/> is.</remarks>
    public Task MarkFailedAsync(string tokenId, string error, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE confirmation_emails
                SET attempts = attempts + 1, last_error = $error, next_attempt_at = coalesce($next, next_attempt_at),
                    given_up_at = CASE WHEN $next IS NULL THEN $now END
                WHERE token_id = $token
                """;
            command.Parameters.AddWithValue("$error", error);
            command.Parameters.AddWithValue("$next", nextAttemptAt is { } next ? SqliteDatabase.Instant(next) : DBNull.Value);
            command.Parameters.AddWithValue("$now", SqliteDatabase.Instant(now));
            command.Parameters.AddWithValue("$token", tokenId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <remarks>Through the writer, as <see cref="MarkSentAsync"/> is.</remarks>
    public async Task<ConfirmationOutcome> ConfirmAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var outcome = await database.WriteAsync((connection, token) => ConfirmAsync(connection, tokenId, now, token), cancellationToken);
        if (outcome == ConfirmationOutcome.Confirmed)
        {
            crmOutbox?.Pulse();
        }

        return outcome;
    }

    private static async Task<ConfirmationOutcome> ConfirmAsync(SqliteConnection connection, string tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (recordId, confirmed) = await FindPledgeAsync(connection, tokenId, cancellationToken);
        if (recordId is null)
        {
            return ConfirmationOutcome.NothingStored;
        }

        // The link can be opened before the sender has recorded its email as sent (the mail server
        // delivers, and the sender is still waiting for its answer). A link that was opened was sent:
        // marking it so keeps it from being dropped below as unsent, so it still works next time.
        await UpdateAsync(
            connection,
            "UPDATE confirmation_emails SET used_at = coalesce(used_at, $now), sent_at = coalesce(sent_at, $now) WHERE token_id = $token",
            tokenId,
            now,
            cancellationToken);
        if (!confirmed)
        {
            await using var confirm = connection.CreateCommand();
            confirm.CommandText = """
                UPDATE pledges SET confirmed_at = $now WHERE record_id = $record;
                DELETE FROM confirmation_emails WHERE pledge_record_id = $record AND sent_at IS NULL;
                """;
            confirm.Parameters.AddWithValue("$now", SqliteDatabase.Instant(now));
            confirm.Parameters.AddWithValue("$record", recordId);
            await confirm.ExecuteNonQueryAsync(cancellationToken);
            await SqliteCrmOutbox.AddAsync(connection, CrmEvents.PledgeConfirmed, CrmOutboxPledges.WithRecordId, recordId, now, cancellationToken);
        }

        return confirmed ? ConfirmationOutcome.AlreadyConfirmed : ConfirmationOutcome.Confirmed;
    }

    public async Task<ConfirmationOutcome?> FindAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (recordId, confirmed) = await FindPledgeAsync(connection, tokenId, cancellationToken);
        return recordId is null ? ConfirmationOutcome.NothingStored : confirmed ? ConfirmationOutcome.AlreadyConfirmed : null;
    }

    private static async Task<(string? RecordId, bool Confirmed)> FindPledgeAsync(SqliteConnection connection, string tokenId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.record_id, p.confirmed_at IS NOT NULL
            FROM confirmation_emails e JOIN pledges p ON p.record_id = e.pledge_record_id
            WHERE e.token_id = $token
            """;
        command.Parameters.AddWithValue("$token", tokenId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetBoolean(1)) : (null, false);
    }

    private static async Task UpdateAsync(SqliteConnection connection, string sql, string tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$token", tokenId);
        command.Parameters.AddWithValue("$now", SqliteDatabase.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
