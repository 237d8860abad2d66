using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>The follow-up queue in <c>follow_up_updates</c> and <c>follow_up_deliveries</c>; every write through the database's one writer.</summary>
public sealed class SqliteFollowUpQueue(SqliteDatabase database, PersonalDataProtector protector) : IFollowUpQueue
{
    public Task<bool> AddAsync(FollowUpUpdate update, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var insert = Command(connection, FollowUpQueueStatements.AddUpdate);
            insert.Parameters.AddWithValue("@id", update.UpdateId);
            insert.Parameters.AddWithValue("@campaign", update.CampaignId);
            insert.Parameters.AddWithValue("@kind", FollowUpQueueNames.Of(update.Kind));
            insert.Parameters.AddWithValue("@once", (object?)update.OnceKey ?? DBNull.Value);
            insert.Parameters.AddWithValue("@audience", update.Audience.Stored);
            insert.Parameters.AddWithValue("@message", (object?)update.Message ?? DBNull.Value);
            insert.Parameters.AddWithValue("@created", SqliteDatabase.Instant(update.CreatedAt));
            insert.Parameters.AddWithValue("@send", SqliteDatabase.Instant(update.SendAt));
            return await insert.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public Task<int> QueueDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            var at = SqliteDatabase.Instant(now);
            var due = new List<(string Id, string Campaign, FollowUpAudience Audience)>();
            await using (var select = Command(connection, FollowUpQueueStatements.DueUpdates))
            {
                select.Parameters.AddWithValue("@now", at);
                await using var reader = await select.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    due.Add((reader.GetString(0), reader.GetString(1), FollowUpAudience.Parse(reader.GetString(2))));
                }
            }

            var queued = 0;
            foreach (var (id, campaign, audience) in due)
            {
                await using (var insert = Command(connection, FollowUpQueueStatements.QueueDeliveries(audience)))
                {
                    insert.Parameters.AddWithValue("@id", id);
                    insert.Parameters.AddWithValue("@campaign", campaign);
                    insert.Parameters.AddWithValue("@value", (object?)audience.Value ?? DBNull.Value);
                    insert.Parameters.AddWithValue("@now", at);
                    queued += await insert.ExecuteNonQueryAsync(token);
                }

                await using var mark = Command(connection, FollowUpQueueStatements.MarkQueued);
                mark.Parameters.AddWithValue("@id", id);
                mark.Parameters.AddWithValue("@now", at);
                await mark.ExecuteNonQueryAsync(token);
            }

            return queued;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> DueLanesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = Command(connection, FollowUpQueueStatements.DueLanes);
        select.Parameters.AddWithValue("@now", SqliteDatabase.Instant(now));
        var lanes = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lanes.Add(reader.GetString(0));
        }

        return lanes;
    }

    /// <remarks>Through the writer: the claim is a write, and it is what keeps two senders from taking the same delivery.</remarks>
    public Task<IReadOnlyList<DueFollowUp>> ClaimAsync(string lane, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<DueFollowUp>>(async (connection, token) =>
        {
            var due = new List<DueFollowUp>();
            await using (var select = Command(connection, FollowUpQueueStatements.Due))
            {
                select.Parameters.AddWithValue("@lane", lane);
                select.Parameters.AddWithValue("@now", SqliteDatabase.Instant(now));
                select.Parameters.AddWithValue("@limit", limit);
                await using var reader = await select.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    due.Add(FollowUpQueueRows.Read(reader, protector));
                }
            }

            foreach (var delivery in due)
            {
                await using var claim = Command(connection, FollowUpQueueStatements.Claim);
                claim.Parameters.AddWithValue("@until", SqliteDatabase.Instant(now + lease));
                claim.Parameters.AddWithValue("@id", delivery.UpdateId);
                claim.Parameters.AddWithValue("@person", delivery.PersonKey);
                await claim.ExecuteNonQueryAsync(token);
            }

            return due;
        }, cancellationToken);

    public Task RecordAsync(string updateId, string personKey, FollowUpOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            var retry = outcome.Status == FollowUpDeliveryStatus.Pending;
            await using (var update = Command(connection, retry ? FollowUpQueueStatements.TryAgain : FollowUpQueueStatements.Finish))
            {
                update.Parameters.AddWithValue("@id", updateId);
                update.Parameters.AddWithValue("@person", personKey);
                update.Parameters.AddWithValue("@reason", (object?)outcome.Reason ?? DBNull.Value);
                if (retry)
                {
                    update.Parameters.AddWithValue("@retry", SqliteDatabase.Instant(outcome.RetryAt ?? at));
                }
                else
                {
                    update.Parameters.AddWithValue("@status", FollowUpQueueNames.Of(outcome.Status));
                    update.Parameters.AddWithValue("@now", SqliteDatabase.Instant(at));
                }

                await update.ExecuteNonQueryAsync(token);
            }

            if (outcome.Status == FollowUpDeliveryStatus.Blocked)
            {
                await using var unreachable = Command(connection, FollowUpQueueStatements.MarkUnreachable);
                unreachable.Parameters.AddWithValue("@id", updateId);
                unreachable.Parameters.AddWithValue("@person", personKey);
                unreachable.Parameters.AddWithValue("@now", SqliteDatabase.Instant(at));
                await unreachable.ExecuteNonQueryAsync(token);
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<FollowUpProgress>> ProgressAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = Command(connection, FollowUpQueueStatements.Progress);
        select.Parameters.AddWithValue("@campaign", campaignId);
        var progress = new List<FollowUpProgress>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            progress.Add(new FollowUpProgress(
                reader.GetString(0),
                FollowUpQueueNames.KindOf(reader.GetString(1)),
                FollowUpAudience.Parse(reader.GetString(2)),
                Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Parse(reader.GetString(4)),
                reader.GetInt32(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.GetInt32(9),
                reader.IsDBNull(10) ? null : Parse(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return progress;
    }

    public async Task<IReadOnlyDictionary<string, int>> FinishedSinceAsync(string campaignId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = Command(connection, FollowUpQueueStatements.FinishedSince);
        select.Parameters.AddWithValue("@campaign", campaignId);
        select.Parameters.AddWithValue("@since", SqliteDatabase.Instant(since));
        var finished = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            finished[reader.GetString(0)] = reader.GetInt32(1);
        }

        return finished;
    }

    public Task<bool> CancelAsync(string campaignId, string updateId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var cancel = Command(connection, FollowUpQueueStatements.Cancel);
            cancel.Parameters.AddWithValue("@campaign", campaignId);
            cancel.Parameters.AddWithValue("@id", updateId);
            cancel.Parameters.AddWithValue("@now", SqliteDatabase.Instant(at));
            return await cancel.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public async Task<int> CountAudienceAsync(string campaignId, FollowUpAudience audience, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var select = Command(connection, FollowUpQueueStatements.CountAudience(audience));
        select.Parameters.AddWithValue("@campaign", campaignId);
        select.Parameters.AddWithValue("@value", (object?)audience.Value ?? DBNull.Value);
        return Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static DateTimeOffset Parse(string stored) => DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
