using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Each CRM outbox record's delivery to each configured CRM (<c>crm_deliveries</c>): pending until
/// delivered, skipped or given up (dead), with its attempts, the next one's time and the last
/// error's status and reason. A CRM configured later gets every record still in the outbox, in
/// order: the pledges stored before it reach it too. Writes go through the database's one writer.
/// </summary>
public sealed class SqliteCrmDeliveries(SqliteDatabase database, PersonalDataProtector protector) : ICrmDeliveries
{
    /// <summary>
    /// Gives every outbox record after <paramref name="afterRow"/> a pending delivery to each of
    /// <paramref name="destinations"/>, and clears the email of every erasure that no configured
    /// CRM still needs (all told, or none configured), in one transaction: a record written in
    /// between is either given its deliveries before the clearing looks, or not yet seen by either.
    /// </summary>
    /// <returns>The last outbox row seen, for the next call.</returns>
    public Task<long> PrepareAsync(IReadOnlyList<string> destinations, long afterRow, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO crm_deliveries (record_id, destination, state, attempts, next_attempt_at)
                SELECT o.record_id, d.value, 'pending', 0, o.created_at
                FROM crm_outbox o, json_each($destinations) d
                WHERE o.rowid > $after
                ON CONFLICT (record_id, destination) DO NOTHING;
                UPDATE crm_outbox SET subject_email = NULL, subject_protection = NULL
                WHERE subject_email IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM crm_deliveries d
                    WHERE d.record_id = crm_outbox.record_id AND d.state IN ('pending', 'dead')
                      AND d.destination IN (SELECT value FROM json_each($destinations)));
                SELECT coalesce(max(rowid), 0) FROM crm_outbox;
                """;
            command.Parameters.AddWithValue("$destinations", JsonSerializer.Serialize(destinations));
            command.Parameters.AddWithValue("$after", afterRow);
            return Convert.ToInt64(await command.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>
    /// Deliveries to <paramref name="destination"/> due now, oldest first; of one pledge's records
    /// only the earliest pending one, so that a CRM hears of a pledge, its confirmation, a
    /// withdrawal and an erasure in the order they happened, whatever failed in between.
    /// </summary>
    public async Task<IReadOnlyList<DueCrmDelivery>> ReadDueAsync(string destination, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = CrmDeliveryStatements.ReadDue("rowid");
        select.Parameters.AddWithValue("@destination", destination);
        select.Parameters.AddWithValue("@now", SqliteDatabase.Instant(now));
        select.Parameters.AddWithValue("@limit", limit);
        var due = new List<DueCrmDelivery>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(DueCrmDeliveryRow.Read(reader, destination, protector, (row, ordinal) => Parse(row.GetString(ordinal))));
        }

        return due;
    }

    /// <summary>When the next pending delivery to any of <paramref name="destinations"/> that <see cref="ReadDueAsync"/> would return is due, or null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyList<string> destinations, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A record waiting behind an earlier one of its pledge is not due, however old: the
        // earlier one's next attempt is what counts.
        command.CommandText = $"""
            SELECT min(d.next_attempt_at) FROM crm_deliveries d JOIN crm_outbox o ON o.record_id = d.record_id
            WHERE d.state = 'pending' AND d.destination IN (SELECT value FROM json_each($destinations))
              AND {CrmDeliveryStatements.NoEarlierPendingRecord("rowid")}
            """;
        command.Parameters.AddWithValue("$destinations", JsonSerializer.Serialize(destinations));
        return await command.ExecuteScalarAsync(cancellationToken) is string next ? Parse(next) : null;
    }

    /// <param name="status">The CRM's answer (a 2xx).</param>
    public Task MarkDeliveredAsync(DueCrmDelivery delivery, int status, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        FinishAsync(delivery, CrmDeliveryStates.Delivered, attempted: true, status, reason: null, now, cancellationToken);

    /// <param name="reason">Why nothing was sent, in a few words of ours (never the CRM's text, never personal data).</param>
    public Task MarkSkippedAsync(DueCrmDelivery delivery, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        FinishAsync(delivery, CrmDeliveryStates.Skipped, attempted: false, status: null, reason, now, cancellationToken);

    /// <summary>Records a failed attempt: pending again at <paramref name="nextAttemptAt"/>, or dead-lettered when it is null.</summary>
    /// <param name="status">The CRM's answer, or null when none came.</param>
    /// <param name="reason">What went wrong, in words of ours or a status's standard name: never a CRM's text, which may quote an address.</param>
    public Task MarkFailedAsync(
        DueCrmDelivery delivery, int? status, string reason, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
        nextAttemptAt is { } next
            ? database.WriteAsync(async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = CrmDeliveryStatements.MarkFailed;
                command.Parameters.AddWithValue("@next", SqliteDatabase.Instant(next));
                AddOutcome(command, delivery, status, reason, now);
                await command.ExecuteNonQueryAsync(token);
            }, cancellationToken)
            : FinishAsync(delivery, CrmDeliveryStates.Dead, attempted: true, status, reason, now, cancellationToken);

    private Task FinishAsync(
        DueCrmDelivery delivery, string state, bool attempted, int? status, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CrmDeliveryStatements.Finish;
            command.Parameters.AddWithValue("@state", state);
            command.Parameters.AddWithValue("@attempted", attempted ? 1 : 0);
            AddOutcome(command, delivery, status, reason, now);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private static void AddOutcome(SqliteCommand command, DueCrmDelivery delivery, int? status, string? reason, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("@status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("@reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("@now", SqliteDatabase.Instant(now));
        command.Parameters.AddWithValue("@record", delivery.RecordId);
        command.Parameters.AddWithValue("@destination", delivery.Destination);
    }

    /// <summary>Makes every dead-lettered delivery to <paramref name="destination"/> pending again, with a fresh count of attempts; returns how many.</summary>
    public Task<int> RetryDeadAsync(string destination, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CrmDeliveryStatements.RetryDead;
            command.Parameters.AddWithValue("@destination", destination);
            command.Parameters.AddWithValue("@now", SqliteDatabase.Instant(now));
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<CrmDeliveryCounts> CountAsync(string destination, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        long delivered = 0, skipped = 0, pending = 0, failing = 0, dead = 0;
        await using (var counts = connection.CreateCommand())
        {
            counts.CommandText = CrmDeliveryStatements.CountByState;
            counts.Parameters.AddWithValue("@destination", destination);
            await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(1);
                switch (reader.GetString(0))
                {
                    case CrmDeliveryStates.Delivered: delivered = count; break;
                    case CrmDeliveryStates.Skipped: skipped = count; break;
                    case CrmDeliveryStates.Dead: dead = count; break;
                    case CrmDeliveryStates.Pending: pending = count; failing = reader.GetInt64(2); break;
                }
            }
        }

        CrmDeliveryError? lastError = null;
        await using (var last = connection.CreateCommand())
        {
            last.CommandText = CrmDeliveryStatements.LastError;
            last.Parameters.AddWithValue("@destination", destination);
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                lastError = new CrmDeliveryError(reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetString(1), Parse(reader.GetString(2)));
            }
        }

        return new CrmDeliveryCounts(delivered, skipped, pending, failing, dead, lastError);
    }

    private static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
