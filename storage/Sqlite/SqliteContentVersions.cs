using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqliteContentVersions(SqliteDatabase database) : IContentVersions
{
    public async Task<StoredContentVersion?> ReadRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadRunningAsync(connection, null, cancellationToken);
    }

    public async Task<StoredContentVersion?> PublishAsync(
        long? expectedRunning, string json, string publishedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE takes the write lock before the read, so two instances publishing at once
        // cannot both see the same running version and both store on top of it.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        var running = await ReadRunningAsync(connection, transaction, cancellationToken);
        if (running?.Number != expectedRunning)
        {
            return null;
        }

        var sha = StoredContentVersion.Sha256Of(json);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO content_versions (published_at, published_by, content_json, sha256) VALUES ($at, $by, $json, $sha);
            SELECT last_insert_rowid();
            """;
        insert.Parameters.AddWithValue("$at", SqliteDatabase.Instant(at));
        insert.Parameters.AddWithValue("$by", publishedBy);
        insert.Parameters.AddWithValue("$json", json);
        insert.Parameters.AddWithValue("$sha", sha);
        var number = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return new StoredContentVersion(number, at, publishedBy, json, sha);
    }

    public async Task<int> WithdrawAllAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE content_versions SET withdrawn_at = $at WHERE withdrawn_at IS NULL";
        command.Parameters.AddWithValue("$at", SqliteDatabase.Instant(at));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<StoredContentVersion?> ReadRunningAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT version, published_at, published_by, content_json, sha256 FROM content_versions
            WHERE withdrawn_at IS NULL ORDER BY version DESC LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredContentVersion(
            reader.GetInt64(0),
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4));
    }
}
