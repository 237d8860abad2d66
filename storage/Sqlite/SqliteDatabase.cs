using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The embedded database file: opens connections and creates the schema on first use.
/// </summary>
public sealed class SqliteDatabase
{
    // 2: referral_counts. 3: referral_codes and referral_conversions. Every table is CREATE TABLE
    // IF NOT EXISTS, so an older file gains the new tables on open and keeps everything it had.
    public const int SchemaVersion = 3;

    private readonly string connectionString;

    public SqliteDatabase(string databaseFile)
    {
        DatabaseFile = Path.GetFullPath(databaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for this long: concurrent turns on one
            // file wait for each other instead of failing.
            DefaultTimeout = 30,
        }.ToString();
        CreateSchema();
    }

    public string DatabaseFile { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var durable = connection.CreateCommand();
        // FULL syncs the write-ahead log on every commit: once a vote is committed, a crash or a
        // power cut cannot take it back. It is a per-connection setting, so it is set on each open.
        durable.CommandText = "PRAGMA synchronous = FULL";
        await durable.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>True when the file can be opened and queried (the health check).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM votes";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers (tallies, health) run while a vote is being written.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS votes (
                campaign_id TEXT NOT NULL,
                person_key  TEXT NOT NULL,
                cause_id    TEXT NOT NULL,
                voted_at    TEXT NOT NULL,
                PRIMARY KEY (campaign_id, person_key)
            );
            CREATE INDEX IF NOT EXISTS votes_by_cause ON votes (campaign_id, cause_id);
            CREATE TABLE IF NOT EXISTS vote_requests (
                request_id        TEXT PRIMARY KEY,
                outcome           TEXT NOT NULL,
                cause_id          TEXT NOT NULL,
                previous_cause_id TEXT,
                received_at       TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS vote_requests_by_age ON vote_requests (received_at);
            CREATE TABLE IF NOT EXISTS pledges (
                campaign_id  TEXT NOT NULL,
                pledge_id    TEXT NOT NULL,
                email_key    TEXT NOT NULL,
                person_key   TEXT NOT NULL,
                first_name   TEXT NOT NULL,
                email        TEXT NOT NULL,
                consented_at TEXT NOT NULL,
                PRIMARY KEY (campaign_id, pledge_id, email_key)
            );
            CREATE TABLE IF NOT EXISTS referral_counts (
                campaign_id   TEXT NOT NULL,
                referral_code TEXT NOT NULL,
                cause_id      TEXT NOT NULL,
                visits        INTEGER NOT NULL DEFAULT 0,
                votes         INTEGER NOT NULL DEFAULT 0,
                pledges       INTEGER NOT NULL DEFAULT 0,
                updated_on    TEXT NOT NULL,
                PRIMARY KEY (campaign_id, referral_code, cause_id)
            );
            CREATE TABLE IF NOT EXISTS referral_codes (
                campaign_id   TEXT NOT NULL,
                referral_code TEXT NOT NULL,
                issued_on     TEXT NOT NULL,
                PRIMARY KEY (campaign_id, referral_code)
            );
            CREATE TABLE IF NOT EXISTS referral_conversions (
                campaign_id   TEXT NOT NULL,
                referral_code TEXT NOT NULL,
                person_key    TEXT NOT NULL,
                kind          TEXT NOT NULL,
                PRIMARY KEY (campaign_id, referral_code, person_key, kind)
            );
            CREATE INDEX IF NOT EXISTS referral_conversions_by_person ON referral_conversions (person_key);
            CREATE TABLE IF NOT EXISTS bot_state (
                state_key  TEXT PRIMARY KEY,
                etag       TEXT NOT NULL,
                document   TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            PRAGMA user_version = {SchemaVersion};
            """;
        command.ExecuteNonQuery();
    }
}
