using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using NpgsqlTypes;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The stale-state sweep (<see cref="IStaleStateCleanup"/>) on PostgreSQL: rows are found with the
/// json operators; the member is cleared in the document's text here, keeping its keys in their
/// order (the SDK's <c>$type</c> must stay first), which PostgreSQL's jsonb_set would not.
/// </summary>
public sealed class PostgresStaleStateCleanup(PostgresDatabase database) : IStaleStateCleanup
{
    public async Task<IReadOnlyList<StoredStateVersion>> FindAsync(
        string jsonPath, DateTimeOffset notUpdatedSince, string afterKey, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // #> gives SQL NULL where the path leads nowhere, json null where the member is null.
        await using var command = new NpgsqlCommand("""
            SELECT state_key, etag FROM bot_state
            WHERE state_key > $1 AND updated_at < $2
              AND coalesce(json_typeof(document #> $3), 'null') <> 'null'
            ORDER BY state_key
            LIMIT $4
            """, connection);
        command.Parameters.AddWithValue(afterKey);
        command.Parameters.AddWithValue(notUpdatedSince.ToUniversalTime());
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, MemberNames(jsonPath));
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredStateVersion.ReadAllAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Through the instance's writer, as the turns' state is. The update is conditional on the ETag
    /// read: a turn on another instance that wrote the row meanwhile, or is writing it now, wins.
    /// </summary>
    public Task<bool> ClearAsync(StoredStateVersion row, string jsonPath, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            string? document;
            await using (var read = new NpgsqlCommand("SELECT document FROM bot_state WHERE state_key = $1 AND etag = $2", connection))
            {
                read.Parameters.AddWithValue(row.Key);
                read.Parameters.AddWithValue(row.ETag);
                document = await read.ExecuteScalarAsync(token) as string;
            }

            if (document is null)
            {
                return false;
            }

            await using var update = new NpgsqlCommand("UPDATE bot_state SET document = $3, etag = $4 WHERE state_key = $1 AND etag = $2", connection);
            update.Parameters.AddWithValue(row.Key);
            update.Parameters.AddWithValue(row.ETag);
            update.Parameters.AddWithValue(NpgsqlDbType.Json, WithMemberCleared(document, jsonPath));
            update.Parameters.AddWithValue(BotStateETags.New());
            return await update.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    /// <summary>
    /// The document with the member set to null and everything else as it was: dates are kept as
    /// their text, not read as dates and written back in another form.
    /// </summary>
    private static string WithMemberCleared(string document, string jsonPath)
    {
        using var reader = new JsonTextReader(new StringReader(document)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        var root = JToken.ReadFrom(reader);
        root.SelectToken(jsonPath)?.Replace(JValue.CreateNull());
        return root.ToString(Formatting.None);
    }

    /// <summary>"$.ConversationFlow.Pledge" as PostgreSQL's path: {ConversationFlow,Pledge}.</summary>
    private static string[] MemberNames(string jsonPath)
    {
        if (!jsonPath.StartsWith("$.", StringComparison.Ordinal) || jsonPath.Length == 2)
        {
            throw new ArgumentException("Expected a path of member names such as $.ConversationFlow.Pledge.", nameof(jsonPath));
        }

        return jsonPath[2..].Split('.');
    }
}
