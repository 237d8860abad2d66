using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Published campaign content on PostgreSQL, with the rules of <c>SqliteContentVersions</c>: a
/// publish stores the next version only on top of the version its admin saw running.
/// </summary>
public sealed class PostgresContentVersions(PostgresDatabase database) : IContentVersions
{
    // The one-number advisory lock of whoever publishes or withdraws ("Content").
    private const long PublishLockKey = 0x436F6E74656E74;

    public async Task<StoredContentVersion?> ReadRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        return await ReadRunningAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Under a lock held until the commit, so that two instances publishing at once cannot both see
    /// the same running version and both store on top of it: the second sees the first's version
    /// and stores nothing. Numbered one more than the highest version, under the same lock, so the
    /// numbers run 1, 2, 3 … in publishing order without the gaps a sequence leaves when a batch is
    /// run again.
    /// </summary>
    public Task<StoredContentVersion?> PublishAsync(
        long? expectedRunning, string json, string publishedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await LockPublishingAsync(connection, token);
            var running = await ReadRunningAsync(connection, token);
            if (running?.Number != expectedRunning)
            {
                return null;
            }

            var sha = StoredContentVersion.Sha256Of(json);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO content_versions (version, published_at, published_by, content_json, sha256)
                OVERRIDING SYSTEM VALUE
                SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4 FROM content_versions
                RETURNING version
                """, connection);
            insert.Parameters.AddWithValue(at.ToUniversalTime());
            insert.Parameters.AddWithValue(publishedBy);
            insert.Parameters.AddWithValue(json);
            insert.Parameters.AddWithValue(sha);
            var number = (long)(await insert.ExecuteScalarAsync(token))!;
            return new StoredContentVersion(number, at, publishedBy, json, sha);
        }, cancellationToken);

    /// <summary>Under the publishing lock: a publish that saw a version running does not store on top of it after it was withdrawn.</summary>
    public Task<int> WithdrawAllAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, token) =>
        {
            await LockPublishingAsync(connection, token);
            await using var withdraw = new NpgsqlCommand("UPDATE content_versions SET withdrawn_at = $1 WHERE withdrawn_at IS NULL", connection);
            withdraw.Parameters.AddWithValue(at.ToUniversalTime());
            return await withdraw.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <summary>Not waited for: while another instance holds it, this batch gives way and runs again (see <see cref="WrittenElsewhereException"/>).</summary>
    private static async Task LockPublishingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({PublishLockKey})", connection);
        if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new WrittenElsewhereException("Another instance is publishing or withdrawing content.");
        }
    }

    private static async Task<StoredContentVersion?> ReadRunningAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT version, published_at, published_by, content_json, sha256 FROM content_versions
            WHERE withdrawn_at IS NULL ORDER BY version DESC LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredContentVersion(
            reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }
}
