using Microsoft.Bot.Builder;
using Npgsql;
using NpgsqlTypes;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The SDK's <see cref="IStorage"/> (conversation and user state) on PostgreSQL, with the rules of
/// <c>SqliteBotStateStorage</c> (<see cref="BotStateETags"/>) for any number of instances at once.
/// </summary>
public sealed class PostgresBotStateStorage(PostgresDatabase database, TimeProvider clock) : IBotStateStorage
{
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, object>();
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT state_key, etag, document FROM bot_state WHERE state_key = ANY($1)", connection);
        command.Parameters.AddWithValue(keys.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = BotStateSerializer.Deserialize(reader.GetString(2), reader.GetString(1));
        }

        return found;
    }

    /// <summary>
    /// All changes of one call land together or not at all (the writer's savepoint). Each stored row
    /// is locked before its ETag is compared, until the commit: a write with the same ETag on another
    /// instance waits for this one, then finds the new ETag and is refused, so exactly one of them wins.
    /// </summary>
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync((connection, token) => WriteChangesAsync(connection, changes, token), cancellationToken);
    }

    private async Task WriteChangesAsync(NpgsqlConnection connection, IDictionary<string, object> changes, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in changes)
        {
            await using (var find = new NpgsqlCommand("SELECT etag FROM bot_state WHERE state_key = $1 FOR UPDATE", connection))
            {
                find.Parameters.AddWithValue(key);
                BotStateETags.CheckWrite(key, value, await find.ExecuteScalarAsync(cancellationToken) as string);
            }

            await using var upsert = new NpgsqlCommand("""
                INSERT INTO bot_state (state_key, etag, document, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (state_key) DO UPDATE
                SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                """, connection);
            upsert.Parameters.AddWithValue(key);
            upsert.Parameters.AddWithValue(BotStateETags.New());
            upsert.Parameters.AddWithValue(NpgsqlDbType.Json, BotStateSerializer.Serialize(value));
            upsert.Parameters.AddWithValue(clock.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return database.WriteAsync(async (connection, token) =>
        {
            await using var delete = new NpgsqlCommand("DELETE FROM bot_state WHERE state_key = ANY($1)", connection);
            delete.Parameters.AddWithValue(keys);
            await delete.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    public Task<int> DeleteNotUpdatedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await using var delete = new NpgsqlCommand("DELETE FROM bot_state WHERE updated_at < $1", connection);
            delete.Parameters.AddWithValue(cutoff.ToUniversalTime());
            return await delete.ExecuteNonQueryAsync(token);
        }, cancellationToken);
}
