using System.Text;
using Microsoft.Bot.Schema;
using Npgsql;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.DirectLine;

/// <summary>
/// The built-in Direct Line's conversations in PostgreSQL, shared by every instance on the
/// database, so that a chat's posts, the bot's replies and the page's polls may each reach a
/// different instance. Same bounds and numbering as <see cref="DirectLineConversations"/>: per
/// conversation at most a number and bytes of recent activities, all conversations together a
/// number of bytes, at most a number of conversations (the least recently used go first), idle
/// ones forgotten; watermarks only grow.
/// </summary>
/// <remarks>
/// Every write takes one transaction-scoped advisory lock, waiting for it, so Direct Line writes
/// of all instances run one after the other. That is what keeps the bounds exact (two instances
/// cannot both find room for one more activity) and the numbering in order: a watermark is given
/// out and committed before the next one is, so a poll never sees a higher number while a lower
/// one is still to come, and a page polling from its last watermark gets every activity once.
/// The lock is held only for the few statements of a batch; polls only read.
/// The endpoints answer a poll at once (Web Chat polls every second; there is no long poll or
/// stream), so a poll on one instance sees what another committed with no need to notify it.
/// </remarks>
public sealed class PostgresDirectLineConversations(PostgresDatabase database, DirectLineOptions options, TimeProvider clock) : IDirectLineConversations
{
    // The first key of the two-number advisory lock of Direct Line writes ("DLin"), apart from
    // the other stores' locks.
    private const int DirectLineLockSpace = 0x444C696E;

    // A poll marks its conversation as used at most this often: a write per poll per second for
    // every open page would cost more than the idle time (in minutes) needs.
    private static readonly TimeSpan PollMarksUseEvery = TimeSpan.FromMinutes(1);

    public Task OpenAsync(string conversationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, token) =>
            {
                await LockAsync(connection, token);
                await TouchAsync(connection, conversationId, token);
            },
            cancellationToken);

    public async Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        // Read before the write, which may run more than once and must number the activity afresh each time.
        var givenId = activity.Id;
        activity.Timestamp ??= clock.GetUtcNow();
        var kept = await database.WriteAsync(
            async (connection, token) =>
            {
                await LockAsync(connection, token);
                await TouchAsync(connection, conversationId, token);
                var sequence = await NextSequenceAsync(connection, token);
                activity.Id = givenId ?? $"{conversationId}|{sequence:D7}";
                return await KeepAsync(connection, conversationId, sequence, activity.Id, DirectLineJsonText(activity), token);
            },
            cancellationToken);
        return kept ? activity.Id : null;
    }

    public Task<bool> ReplaceAsync(string conversationId, string activityId, Activity updated, CancellationToken cancellationToken = default)
    {
        updated.Id = activityId;
        var json = DirectLineJsonText(updated);
        return database.WriteAsync(
            async (connection, token) =>
            {
                await LockAsync(connection, token);
                await TouchAsync(connection, conversationId, token);
                if (Encoding.UTF8.GetByteCount(json) > options.MaxBytesPerConversation)
                {
                    return false;
                }

                await using var forget = new NpgsqlCommand("DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2", connection);
                forget.Parameters.AddWithValue(conversationId);
                forget.Parameters.AddWithValue(activityId);
                if (await forget.ExecuteNonQueryAsync(token) == 0)
                {
                    return false;
                }

                return await KeepAsync(connection, conversationId, await NextSequenceAsync(connection, token), activityId, json, token);
            },
            cancellationToken);
    }

    public async Task<(IReadOnlyList<ReadOnlyMemory<byte>> Activities, long Watermark)> SinceAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default)
    {
        var read = await ReadSinceAsync(conversationId, watermark ?? 0, cancellationToken);
        if (read is null)
        {
            // Forgotten (idle, or pushed out): opened again above every number given out, as in memory.
            await OpenAsync(conversationId, cancellationToken);
            read = await ReadSinceAsync(conversationId, watermark ?? 0, cancellationToken);
        }
        else if (read.Value.LastUsed < clock.GetUtcNow() - PollMarksUseEvery)
        {
            await OpenAsync(conversationId, cancellationToken);
        }

        return read is { } found ? (found.Activities, found.Watermark) : (Array.Empty<ReadOnlyMemory<byte>>(), watermark ?? 0);
    }

    public Task<int> ForgetIdleAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(options.ConversationIdleMinutes);
        return database.WriteAsync(
            async (connection, token) =>
            {
                // Under the lock, so instances sweep one after the other, and the second finds nothing left.
                await LockAsync(connection, token);
                await using var forget = new NpgsqlCommand("DELETE FROM directline_conversations WHERE last_used < $1", connection);
                forget.Parameters.AddWithValue(cutoff);
                return await forget.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        (int)await ScalarAsync<long>("SELECT count(*) FROM directline_conversations", null, cancellationToken);

    public Task<long> KeptBytesAsync(CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT kept_bytes FROM directline_totals WHERE id = 1", null, cancellationToken);

    public Task<long> KeptBytesOfAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT coalesce((SELECT bytes FROM directline_conversations WHERE conversation_id = $1), 0)", conversationId, cancellationToken);

    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, 0)", connection);
        command.Parameters.AddWithValue(DirectLineLockSpace);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the conversation used now, opening it (and making room for it) when it is not kept.</summary>
    private async Task TouchAsync(NpgsqlConnection connection, string conversationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var touch = new NpgsqlCommand("UPDATE directline_conversations SET last_used = $2 WHERE conversation_id = $1", connection))
        {
            touch.Parameters.AddWithValue(conversationId);
            touch.Parameters.AddWithValue(now);
            if (await touch.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return;
            }
        }

        if (await ScalarAsync<long>(connection, "SELECT count(*) FROM directline_conversations", null, cancellationToken) >= options.MaxConversations)
        {
            await using var forgetLeastRecentlyUsed = new NpgsqlCommand("""
                DELETE FROM directline_conversations WHERE conversation_id =
                    (SELECT conversation_id FROM directline_conversations ORDER BY last_used, conversation_id LIMIT 1)
                """, connection);
            await forgetLeastRecentlyUsed.ExecuteNonQueryAsync(cancellationToken);
        }

        // Above anything given out before, so a client still holding an old watermark misses nothing.
        var start = await NextSequenceAsync(connection, cancellationToken);
        await using var open = new NpgsqlCommand("INSERT INTO directline_conversations (conversation_id, last_sequence, last_used) VALUES ($1, $2, $3)", connection);
        open.Parameters.AddWithValue(conversationId);
        open.Parameters.AddWithValue(start);
        open.Parameters.AddWithValue(now);
        await open.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The clock in microseconds since 1970, or one more than the last number any instance gave
    /// out when that is higher (see <see cref="DirectLineConversations"/> for why the clock).
    /// </summary>
    private async Task<long> NextSequenceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var next = new NpgsqlCommand(
            "UPDATE directline_totals SET last_sequence = greatest(last_sequence + 1, $1) WHERE id = 1 RETURNING last_sequence", connection);
        next.Parameters.AddWithValue((clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        return (long)(await next.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Adds the activity, then drops the oldest activities and conversations until every budget holds.</summary>
    private async Task<bool> KeepAsync(NpgsqlConnection connection, string conversationId, long sequence, string activityId, string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > options.MaxBytesPerConversation)
        {
            return false;
        }

        await using (var add = new NpgsqlCommand(
            "INSERT INTO directline_activities (conversation_id, sequence, activity_id, json, bytes) VALUES ($1, $2, $3, $4, $5)", connection))
        {
            add.Parameters.AddWithValue(conversationId);
            add.Parameters.AddWithValue(sequence);
            add.Parameters.AddWithValue(activityId);
            add.Parameters.AddWithValue(json);
            add.Parameters.AddWithValue(bytes);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var advance = new NpgsqlCommand("UPDATE directline_conversations SET last_sequence = $2 WHERE conversation_id = $1", connection))
        {
            advance.Parameters.AddWithValue(conversationId);
            advance.Parameters.AddWithValue(sequence);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        // The newest activities that fit both the count and the bytes stay; the older ones go.
        await using (var trim = new NpgsqlCommand("""
            DELETE FROM directline_activities a USING (
                SELECT sequence, row_number() OVER newest AS position, sum(bytes) OVER newest AS bytes_from_newest
                FROM directline_activities WHERE conversation_id = $1
                WINDOW newest AS (ORDER BY sequence DESC)) k
            WHERE a.conversation_id = $1 AND a.sequence = k.sequence AND (k.position > $2 OR k.bytes_from_newest > $3)
            """, connection))
        {
            trim.Parameters.AddWithValue(conversationId);
            trim.Parameters.AddWithValue((long)options.MaxActivitiesPerConversation);
            trim.Parameters.AddWithValue(options.MaxBytesPerConversation);
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        // Over the total: the least recently used other conversations go, oldest first, until it fits.
        await using (var makeRoom = new NpgsqlCommand("""
            DELETE FROM directline_conversations d USING (
                SELECT conversation_id, sum(bytes) OVER (ORDER BY last_used, conversation_id) - bytes AS freed_before
                FROM directline_conversations WHERE conversation_id <> $1) v, directline_totals t
            WHERE t.id = 1 AND t.kept_bytes > $2 AND d.conversation_id = v.conversation_id AND t.kept_bytes - v.freed_before > $2
            """, connection))
        {
            makeRoom.Parameters.AddWithValue(conversationId);
            makeRoom.Parameters.AddWithValue(options.MaxTotalBytes);
            await makeRoom.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>The conversation's activities after the watermark and its last watermark, in one statement (one snapshot); null when it is not kept.</summary>
    private async Task<(List<ReadOnlyMemory<byte>> Activities, long Watermark, DateTimeOffset LastUsed)?> ReadSinceAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var read = new NpgsqlCommand("""
            SELECT c.last_sequence, c.last_used, a.json
            FROM directline_conversations c
            LEFT JOIN directline_activities a ON a.conversation_id = c.conversation_id AND a.sequence > $2
            WHERE c.conversation_id = $1
            ORDER BY a.sequence
            """, connection);
        read.Parameters.AddWithValue(conversationId);
        read.Parameters.AddWithValue(watermark);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        (List<ReadOnlyMemory<byte>> Activities, long Watermark, DateTimeOffset LastUsed)? found = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            found ??= ([], reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
            if (!reader.IsDBNull(2))
            {
                found.Value.Activities.Add(Encoding.UTF8.GetBytes(reader.GetString(2)));
            }
        }

        return found;
    }

    /// <summary>The JSON the browser reads, as in memory (whose bytes are valid UTF-8, so the text holds them exactly).</summary>
    private static string DirectLineJsonText(Activity activity) => Encoding.UTF8.GetString(DirectLineJson.Utf8(activity));

    private async Task<T> ScalarAsync<T>(string sql, string? conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        return await ScalarAsync<T>(connection, sql, conversationId, cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string? conversationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (conversationId is not null)
        {
            command.Parameters.AddWithValue(conversationId);
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
