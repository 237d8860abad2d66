using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Clears one member of stored bot state (a JSON path such as <c>$.ConversationFlow.Pledge</c>)
/// in rows nobody has written for a while, for data that must not outlive its use even when the
/// person never comes back. The rest of each document stays as it was.
/// </summary>
public sealed class SqliteStaleStateCleanup(SqliteDatabase database)
{
    /// <summary>Rows looked at per round, so that a large backlog never sits in memory at once.</summary>
    public const int BatchSize = 200;

    /// <summary>Clears the member in every row not written since <paramref name="notUpdatedSince"/>; returns how many rows changed.</summary>
    public async Task<int> ClearAsync(string jsonPath, DateTimeOffset notUpdatedSince, CancellationToken cancellationToken = default)
    {
        var cleared = 0;
        var after = "";
        while (true)
        {
            var stale = await FindAsync(jsonPath, notUpdatedSince, after, BatchSize, cancellationToken);
            foreach (var row in stale)
            {
                cleared += await ClearAsync(row, jsonPath, cancellationToken) ? 1 : 0;
            }

            if (stale.Count < BatchSize)
            {
                return cleared;
            }

            after = stale[^1].Key;
        }
    }

    /// <summary>
    /// Rows not written since <paramref name="notUpdatedSince"/> whose document holds a non-null
    /// value at <paramref name="jsonPath"/>, in key order from after <paramref name="afterKey"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredStateVersion>> FindAsync(
        string jsonPath, DateTimeOffset notUpdatedSince, string afterKey, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // json_type is only asked of valid JSON: on anything else it would fail the whole query.
        command.CommandText = """
            SELECT state_key, etag FROM bot_state
            WHERE state_key > $after AND updated_at < $cutoff
              AND coalesce(CASE WHEN json_valid(document) THEN json_type(document, $path) END, 'null') <> 'null'
            ORDER BY state_key
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterKey);
        command.Parameters.AddWithValue("$cutoff", SqliteDatabase.Instant(notUpdatedSince));
        command.Parameters.AddWithValue("$path", jsonPath);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<StoredStateVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredStateVersion(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>
    /// Sets the member to null in the row as it was found, with a new ETag. A turn that wrote the
    /// row since then wins: the ETag no longer matches and nothing changes (false). The row's
    /// updated_at stays, so it still shows when the person last wrote to it. Through the database's
    /// one writer, as the turns' state is: the sweep runs while people chat, and a write on a
    /// connection of its own would take the write lock from under the writer.
    /// </summary>
    public Task<bool> ClearAsync(StoredStateVersion row, string jsonPath, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE bot_state SET document = json_set(document, $path, json('null')), etag = $newETag
                WHERE state_key = $key AND etag = $etag
                """;
            command.Parameters.AddWithValue("$path", jsonPath);
            command.Parameters.AddWithValue("$newETag", Guid.NewGuid().ToString("N"));
            command.Parameters.AddWithValue("$key", row.Key);
            command.Parameters.AddWithValue("$etag", row.ETag);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
}

/// <summary>A bot state row as it was read: its key and the ETag it had then.</summary>
public sealed record StoredStateVersion(string Key, string ETag);
