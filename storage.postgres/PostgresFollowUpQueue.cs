using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The follow-up queue on PostgreSQL, as in <c>SqliteFollowUpQueue</c>. Several instances claim
/// deliveries side by side: a claim skips rows another instance holds at that moment (SKIP LOCKED),
/// and once it commits those rows are not due again until their lease has run out.
/// </summary>
public sealed class PostgresFollowUpQueue(PostgresDatabase database, PersonalDataProtector protector) : IFollowUpQueue
{
    public Task<bool> AddAsync(FollowUpUpdate update, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var insert = new NpgsqlCommand(FollowUpQueueStatements.AddUpdate, connection);
            insert.Parameters.AddWithValue("id", update.UpdateId);
            insert.Parameters.AddWithValue("campaign", update.CampaignId);
            insert.Parameters.AddWithValue("kind", FollowUpQueueNames.Of(update.Kind));
            insert.Parameters.Add(new NpgsqlParameter<string?>("once", update.OnceKey));
            insert.Parameters.AddWithValue("audience", update.Audience.Stored);
            insert.Parameters.Add(new NpgsqlParameter<string?>("message", update.Message));
            insert.Parameters.AddWithValue("created", update.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("send", update.SendAt.ToUniversalTime());
            return await insert.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public Task<int> QueueDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            var at = now.ToUniversalTime();
            var due = new List<(string Id, string Campaign, FollowUpAudience Audience)>();
            // FOR UPDATE: two instances queueing at once queue each update once.
            await using (var select = new NpgsqlCommand(FollowUpQueueStatements.DueUpdates + " FOR UPDATE SKIP LOCKED", connection))
            {
                select.Parameters.AddWithValue("now", at);
                await using var reader = await select.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    due.Add((reader.GetString(0), reader.GetString(1), FollowUpAudience.Parse(reader.GetString(2))));
                }
            }

            var queued = 0;
            foreach (var (id, campaign, audience) in due)
            {
                await using (var insert = new NpgsqlCommand(FollowUpQueueStatements.QueueDeliveries(audience), connection))
                {
                    insert.Parameters.AddWithValue("id", id);
                    insert.Parameters.AddWithValue("campaign", campaign);
                    insert.Parameters.Add(new NpgsqlParameter<string?>("value", audience.Value));
                    insert.Parameters.AddWithValue("now", at);
                    queued += await insert.ExecuteNonQueryAsync(token);
                }

                await using var mark = new NpgsqlCommand(FollowUpQueueStatements.MarkQueued, connection);
                mark.Parameters.AddWithValue("id", id);
                mark.Parameters.AddWithValue("now", at);
                await mark.ExecuteNonQueryAsync(token);
            }

            return queued;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> DueLanesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand(FollowUpQueueStatements.DueLanes, connection);
        select.Parameters.AddWithValue("now", now.ToUniversalTime());
        var lanes = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lanes.Add(reader.GetString(0));
        }

        return lanes;
    }

    public Task<IReadOnlyList<DueFollowUp>> ClaimAsync(string lane, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<DueFollowUp>>(async (connection, token) =>
        {
            var due = new List<DueFollowUp>();
            await using (var select = new NpgsqlCommand(FollowUpQueueStatements.Due + " FOR UPDATE OF d SKIP LOCKED", connection))
            {
                select.Parameters.AddWithValue("lane", lane);
                select.Parameters.AddWithValue("now", now.ToUniversalTime());
                select.Parameters.AddWithValue("limit", limit);
                await using var reader = await select.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    due.Add(FollowUpQueueRows.Read(reader, protector));
                }
            }

            foreach (var delivery in due)
            {
                await using var claim = new NpgsqlCommand(FollowUpQueueStatements.Claim, connection);
                claim.Parameters.AddWithValue("until", (now + lease).ToUniversalTime());
                claim.Parameters.AddWithValue("id", delivery.UpdateId);
                claim.Parameters.AddWithValue("person", delivery.PersonKey);
                await claim.ExecuteNonQueryAsync(token);
            }

            return due;
        }, cancellationToken);

    public Task RecordAsync(string updateId, string personKey, FollowUpOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            var retry = outcome.Status == FollowUpDeliveryStatus.Pending;
            await using (var update = new NpgsqlCommand(retry ? FollowUpQueueStatements.TryAgain : FollowUpQueueStatements.Finish, connection))
            {
                update.Parameters.AddWithValue("id", updateId);
                update.Parameters.AddWithValue("person", personKey);
                update.Parameters.Add(new NpgsqlParameter<string?>("reason", outcome.Reason));
                if (retry)
                {
                    update.Parameters.AddWithValue("retry", (outcome.RetryAt ?? at).ToUniversalTime());
                }
                else
                {
                    update.Parameters.AddWithValue("status", FollowUpQueueNames.Of(outcome.Status));
                    update.Parameters.AddWithValue("now", at.ToUniversalTime());
                }

                await update.ExecuteNonQueryAsync(token);
            }

            if (outcome.Status == FollowUpDeliveryStatus.Blocked)
            {
                await using var unreachable = new NpgsqlCommand(FollowUpQueueStatements.MarkUnreachable, connection);
                unreachable.Parameters.AddWithValue("id", updateId);
                unreachable.Parameters.AddWithValue("person", personKey);
                unreachable.Parameters.AddWithValue("now", at.ToUniversalTime());
                await unreachable.ExecuteNonQueryAsync(token);
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<FollowUpProgress>> ProgressAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand(FollowUpQueueStatements.Progress, connection);
        select.Parameters.AddWithValue("campaign", campaignId);
        var progress = new List<FollowUpProgress>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            progress.Add(new FollowUpProgress(
                reader.GetString(0),
                FollowUpQueueNames.KindOf(reader.GetString(1)),
                FollowUpAudience.Parse(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                (int)reader.GetInt64(5),
                (int)reader.GetInt64(6),
                (int)reader.GetInt64(7),
                (int)reader.GetInt64(8),
                (int)reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return progress;
    }

    public async Task<IReadOnlyDictionary<string, int>> FinishedSinceAsync(string campaignId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand(FollowUpQueueStatements.FinishedSince, connection);
        select.Parameters.AddWithValue("campaign", campaignId);
        select.Parameters.AddWithValue("since", since.ToUniversalTime());
        var finished = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            finished[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return finished;
    }

    public Task<bool> CancelAsync(string campaignId, string updateId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            // Waits for a queueing that holds the update (FOR UPDATE above), then finds it queued and cancels nothing.
            await using var cancel = new NpgsqlCommand(FollowUpQueueStatements.Cancel, connection);
            cancel.Parameters.AddWithValue("campaign", campaignId);
            cancel.Parameters.AddWithValue("id", updateId);
            cancel.Parameters.AddWithValue("now", at.ToUniversalTime());
            return await cancel.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public async Task<int> CountAudienceAsync(string campaignId, FollowUpAudience audience, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = new NpgsqlCommand(FollowUpQueueStatements.CountAudience(audience), connection);
        select.Parameters.AddWithValue("campaign", campaignId);
        select.Parameters.Add(new NpgsqlParameter<string?>("value", audience.Value));
        return (int)(long)(await select.ExecuteScalarAsync(cancellationToken))!;
    }
}
