using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The SDK's <see cref="IStorage"/> (conversation and user state) in the same SQLite file as the
/// votes, with the ETag rules of the SDK's own stores (<see cref="BotStateETags"/>).
/// </summary>
public sealed class SqliteBotStateStorage(SqliteDatabase database, TimeProvider clock) : IBotStateStorage
{
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, object>();
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        foreach (var key in keys.Distinct())
        {
            var stored = await ReadRowAsync(connection, key, cancellationToken);
            if (stored is not null)
            {
                found[key] = BotStateSerializer.Deserialize(stored.Value.Document, stored.Value.ETag);
            }
        }

        return found;
    }

    /// <summary>All changes of one call land together or not at all (the writer's savepoint), committed with the turns' other writes.</summary>
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync((connection, token) => WriteChangesAsync(connection, changes, token), cancellationToken);
    }

    private async Task WriteChangesAsync(SqliteConnection connection, IDictionary<string, object> changes, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in changes)
        {
            var stored = await ReadRowAsync(connection, key, cancellationToken);
            BotStateETags.CheckWrite(key, value, stored?.ETag);

            await using var upsert = connection.CreateCommand();
            upsert.CommandText = """
                INSERT INTO bot_state (state_key, etag, document, updated_at) VALUES ($key, $etag, $document, $now)
                ON CONFLICT (state_key) DO UPDATE
                SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                """;
            upsert.Parameters.AddWithValue("$key", key);
            upsert.Parameters.AddWithValue("$etag", BotStateETags.New());
            upsert.Parameters.AddWithValue("$document", BotStateSerializer.Serialize(value));
            upsert.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return database.WriteAsync(async (connection, token) =>
        {
            foreach (var key in keys)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM bot_state WHERE state_key = $key";
                delete.Parameters.AddWithValue("$key", key);
                await delete.ExecuteNonQueryAsync(token);
            }
        }, cancellationToken);
    }

    public async Task<int> DeleteNotUpdatedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        return await database.WriteAsync(async (connection, token) =>
        {
            await using var delete = connection.CreateCommand();
            // updated_at is written in UTC round-trip form, so text order is time order.
            delete.CommandText = "DELETE FROM bot_state WHERE updated_at < $cutoff";
            delete.Parameters.AddWithValue("$cutoff", cutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            return await delete.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    private static async Task<(string ETag, string Document)?> ReadRowAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, document FROM bot_state WHERE state_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}
