using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>The stale-state sweep (<see cref="IStaleStateCleanup"/>) with SQLite's JSON functions.</summary>
public sealed class SqliteStaleStateCleanup(SqliteDatabase database) : IStaleStateCleanup
{
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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredStateVersion.ReadAllAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Through the database's one writer, as the turns' state is: the sweep runs while people chat,
    /// and a write on a connection of its own would take the write lock from under the writer.
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
            command.Parameters.AddWithValue("$newETag", BotStateETags.New());
            command.Parameters.AddWithValue("$key", row.Key);
            command.Parameters.AddWithValue("$etag", row.ETag);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
}
