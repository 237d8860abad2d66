using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The embedded database file: opens connections and creates the schema on first use.
/// </summary>
public sealed class SqliteDatabase
{
    // 2: referral_counts. Every table is CREATE TABLE IF NOT EXISTS, so a version 1 file gains the
    // new table on open and keeps everything it had.
    public const int SchemaVersion = 2;

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

    /// <summary>
    /// True when a write commits (the health check): the probe row is updated in its own
    /// transaction. Reading proves little; a file that became read-only, was deleted under the
    /// running host or is locked by someone else still answers queries, while votes and pledges
    /// could not be stored.
    /// </summary>
    public async Task<bool> CanWriteAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        // Pooled connections keep writing into a file deleted under them, so the commit alone does
        // not prove the data lands where the next start will look for it.
        if (!File.Exists(DatabaseFile))
        {
            return false;
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var probe = connection.CreateCommand();
            probe.CommandText = "UPDATE health_probe SET checked_at = $now WHERE id = 1";
            probe.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            // Not the 30 s a turn waits for a busy database: a health check must answer while the
            // orchestrator is still listening.
            probe.CommandTimeout = (int)HealthProbeTimeout.TotalSeconds;
            return await probe.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>How long the health probe waits for a database another connection is writing.</summary>
    public static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(2);

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
            CREATE TABLE IF NOT EXISTS bot_state (
                state_key  TEXT PRIMARY KEY,
                etag       TEXT NOT NULL,
                document   TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            -- One row the health check updates. Not data: no schema version of its own.
            CREATE TABLE IF NOT EXISTS health_probe (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                checked_at TEXT NOT NULL
            );
            INSERT OR IGNORE INTO health_probe (id, checked_at) VALUES (1, '');
            PRAGMA user_version = {SchemaVersion};
            """;
        command.ExecuteNonQuery();
    }
}
