using Npgsql;
using NpgsqlTypes;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The CRM deliveries on PostgreSQL, with the rules of <c>SqliteCrmDeliveries</c>: one per outbox
/// record and CRM, a pledge's records due one after the other, an erased person's email kept only
/// while a CRM still needs it. Several instances may prepare at once (each delivery is made once);
/// the host lets one instance at a time deliver, so a delivery is not read as due by two.
/// </summary>
public sealed class PostgresCrmDeliveries(PostgresDatabase database, PersonalDataProtector protector) : ICrmDeliveries
{
    /// <summary>
    /// Gives every record not yet prepared (every record, when <paramref name="afterRow"/> is 0: a
    /// CRM configured since the last start gets the pledges stored before it) a pending delivery
    /// to each of <paramref name="destinations"/>, then clears the email of every prepared erasure
    /// that no configured CRM still needs. The records are marked and given their deliveries in
    /// one statement, so one snapshot: a record committed meanwhile waits for the next call.
    /// </summary>
    /// <returns>The highest record number seen; the next call passes it back.</returns>
    public Task<long> PrepareAsync(IReadOnlyList<string> destinations, long afterRow, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                WITH fresh AS (
                    UPDATE crm_outbox SET prepared = true WHERE NOT prepared RETURNING record_id, created_at
                ), records AS (
                    SELECT record_id, created_at FROM fresh
                    UNION
                    SELECT record_id, created_at FROM crm_outbox WHERE @everything
                )
                INSERT INTO crm_deliveries (record_id, destination, state, attempts, next_attempt_at)
                SELECT r.record_id, d.name, 'pending', 0, r.created_at
                FROM records r CROSS JOIN unnest(@destinations) AS d(name)
                ON CONFLICT (record_id, destination) DO NOTHING;

                UPDATE crm_outbox o SET subject_email = NULL, subject_protection = NULL
                WHERE o.subject_email IS NOT NULL AND o.prepared AND NOT EXISTS (
                    SELECT 1 FROM crm_deliveries d
                    WHERE d.record_id = o.record_id AND d.state IN ('pending', 'dead') AND d.destination = ANY (@destinations));

                SELECT coalesce(max(seq), 0) FROM crm_outbox;
                """, connection);
            command.Parameters.AddWithValue("everything", afterRow == 0);
            command.Parameters.AddWithValue("destinations", NpgsqlDbType.Array | NpgsqlDbType.Text, destinations.ToArray());
            return (long)(await command.ExecuteScalarAsync(token))!;
        }, cancellationToken);

    public async Task<IReadOnlyList<DueCrmDelivery>> ReadDueAsync(string destination, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand(CrmDeliveryStatements.ReadDue("seq"), connection);
        select.Parameters.AddWithValue("destination", destination);
        select.Parameters.AddWithValue("now", now.ToUniversalTime());
        select.Parameters.AddWithValue("limit", limit);
        var due = new List<DueCrmDelivery>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(DueCrmDeliveryRow.Read(reader, destination, protector, (row, ordinal) => row.GetFieldValue<DateTimeOffset>(ordinal)));
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyList<string> destinations, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT min(d.next_attempt_at) FROM crm_deliveries d JOIN crm_outbox o ON o.record_id = d.record_id
            WHERE d.state = 'pending' AND d.destination = ANY (@destinations)
              AND {CrmDeliveryStatements.NoEarlierPendingRecord("seq")}
            """, connection);
        command.Parameters.AddWithValue("destinations", NpgsqlDbType.Array | NpgsqlDbType.Text, destinations.ToArray());
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
    }

    public Task MarkDeliveredAsync(DueCrmDelivery delivery, int status, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        FinishAsync(delivery, CrmDeliveryStates.Delivered, attempted: true, status, reason: null, now, cancellationToken);

    public Task MarkSkippedAsync(DueCrmDelivery delivery, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        FinishAsync(delivery, CrmDeliveryStates.Skipped, attempted: false, status: null, reason, now, cancellationToken);

    public Task MarkFailedAsync(
        DueCrmDelivery delivery, int? status, string reason, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
        nextAttemptAt is { } next
            ? database.WriteAsync(async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(CrmDeliveryStatements.MarkFailed, connection);
                command.Parameters.AddWithValue("next", next.ToUniversalTime());
                AddOutcome(command, delivery, status, reason, now);
                await command.ExecuteNonQueryAsync(token);
            }, cancellationToken)
            : FinishAsync(delivery, CrmDeliveryStates.Dead, attempted: true, status, reason, now, cancellationToken);

    private Task FinishAsync(
        DueCrmDelivery delivery, string state, bool attempted, int? status, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(CrmDeliveryStatements.Finish, connection);
            command.Parameters.AddWithValue("state", state);
            command.Parameters.AddWithValue("attempted", attempted ? 1 : 0);
            AddOutcome(command, delivery, status, reason, now);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private static void AddOutcome(NpgsqlCommand command, DueCrmDelivery delivery, int? status, string? reason, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("status", NpgsqlDbType.Integer, (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("record", delivery.RecordId);
        command.Parameters.AddWithValue("destination", delivery.Destination);
    }

    public Task<int> RetryDeadAsync(string destination, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(CrmDeliveryStatements.RetryDead, connection);
            command.Parameters.AddWithValue("destination", destination);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<CrmDeliveryCounts> CountAsync(string destination, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        long delivered = 0, skipped = 0, pending = 0, failing = 0, dead = 0;
        await using (var counts = new NpgsqlCommand(CrmDeliveryStatements.CountByState, connection))
        {
            counts.Parameters.AddWithValue("destination", destination);
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
        await using (var last = new NpgsqlCommand(CrmDeliveryStatements.LastError, connection))
        {
            last.Parameters.AddWithValue("destination", destination);
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                lastError = new CrmDeliveryError(reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetString(1), Instant(reader, 2));
            }
        }

        return new CrmDeliveryCounts(delivered, skipped, pending, failing, dead, lastError);
    }

    private static DateTimeOffset Instant(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
