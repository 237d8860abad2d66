using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The embedded database file: creates the schema on first use, opens connections for reading, and
/// writes through its one <see cref="SqliteWriter"/> (group commit).
/// </summary>
public sealed class SqliteDatabase : IDatabaseHealth, IAsyncDisposable
{
    // 2: referral_counts. 3: pledges gain a record id, encrypted personal data, confirmation and
    // contact-withdrawal times and a link to their consent record; consent statements and records;
    // the erasure log; referral_codes and referral_conversions. 4: the queue of confirmation emails
    // (double opt-in); pledges and votes gain retained_at, set when data retention took their
    // personal data; the admin audit log. 5: votes gain the channel they came from (the votes export
    // counts per channel); votes stored before it say 'unknown'. 6: funnel_steps (who joined, read a
    // story, asked for a share card), which erasure must reach: an older bot, which would leave a
    // forgotten person's rows behind, refuses the file. Every table is CREATE TABLE IF NOT
    // EXISTS and new columns are added when missing, so an older file gains them on open and keeps
    // everything it had.
    public const int SchemaVersion = 6;

    private readonly string connectionString;
    private readonly SqliteWriter writer;

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
        var isNew = !File.Exists(DatabaseFile);
        CreateSchema();
        writer = new SqliteWriter(OpenAsync);
        if (isNew && !OperatingSystem.IsWindows())
        {
            // Names, emails and consent records live here: only the bot's own user may read them.
            // SQLite gives its -wal and -shm files the same permissions.
            File.SetUnixFileMode(DatabaseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Stored instants are ISO 8601 in UTC, so that they sort as text.</summary>
    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

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
    /// A pooled connection for reading only. Reads commit nothing, so the durability setting that
    /// <see cref="OpenAsync"/> sends on every open (one more statement for each of a turn's
    /// several reads) is not needed here.
    /// </summary>
    public async Task<SqliteConnection> OpenForReadingAsync(CancellationToken cancellationToken = default)
    {
        // The reads a store makes on one connection are one span, ended when the store closes it.
        var span = StorageTracing.Source.StartActivity("storage read");
        var connection = new SqliteConnection(connectionString);
        if (span is not null)
        {
            span.SetTag(StorageTracing.DatabaseSystemAttribute, "sqlite");
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == System.Data.ConnectionState.Closed)
                {
                    span.Dispose();
                }
            };
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span?.Dispose();
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's next transaction, together with whatever
    /// else is being written at that moment; completes after the commit. The work must not begin or
    /// commit a transaction itself; an exception it throws undoes its own changes only.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Func<SqliteConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <summary>Transactions the writer committed since the start (the load tool's writes per second).</summary>
    public long WriterCommits => writer.Commits;

    /// <summary>Lets the writer finish what is queued (host shutdown).</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();

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
            // Through the writer, as votes are written: the probe fails when they would.
            var updated = await WriteAsync(async (connection, token) =>
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = "UPDATE health_probe SET checked_at = $now WHERE id = 1";
                probe.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                return await probe.ExecuteNonQueryAsync(token);
            }, cancellationToken).WaitAsync(HealthProbeTimeout, cancellationToken);
            return updated == 1;
        }
        catch (Exception problem) when (problem is SqliteException or TimeoutException)
        {
            // Not the 30 s a turn waits for a busy database: a health check must answer while the
            // orchestrator is still listening.
            return false;
        }
    }

    /// <summary>How long the health probe waits for a database another connection is writing.</summary>
    public static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(2);

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var fileVersion = ReadUserVersion(connection);
        if (fileVersion > SchemaVersion)
        {
            // Writing with older code could lose what the newer version keeps; refuse plainly instead.
            throw new InvalidOperationException(
                $"The database '{DatabaseFile}' was written by a newer version of the bot (schema {fileVersion}; this version knows {SchemaVersion}). Run the newer version, or restore a backup.");
        }

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
            CREATE TABLE IF NOT EXISTS consent_statements (
                campaign_id    TEXT NOT NULL,
                version        INTEGER NOT NULL,
                text_hash      TEXT NOT NULL,
                text           TEXT NOT NULL,
                first_shown_at TEXT NOT NULL,
                PRIMARY KEY (campaign_id, version),
                UNIQUE (campaign_id, text_hash)
            );
            CREATE TABLE IF NOT EXISTS consent_records (
                record_id         TEXT PRIMARY KEY,
                pledge_record_id  TEXT NOT NULL,
                campaign_id       TEXT NOT NULL,
                person_key        TEXT NOT NULL,
                statement_version INTEGER NOT NULL,
                statement_hash    TEXT NOT NULL,
                locale            TEXT,
                channel           TEXT NOT NULL,
                answer            TEXT NOT NULL,
                recorded_at       TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS consent_records_by_pledge ON consent_records (pledge_record_id);
            CREATE TABLE IF NOT EXISTS confirmation_emails (
                token_id         TEXT PRIMARY KEY,
                pledge_record_id TEXT NOT NULL,
                queued_at        TEXT NOT NULL,
                next_attempt_at  TEXT NOT NULL,
                attempts         INTEGER NOT NULL DEFAULT 0,
                last_error       TEXT,
                sent_at          TEXT,
                expires_at       TEXT,
                given_up_at      TEXT,
                used_at          TEXT
            );
            CREATE INDEX IF NOT EXISTS confirmation_emails_by_pledge ON confirmation_emails (pledge_record_id);
            CREATE INDEX IF NOT EXISTS confirmation_emails_due ON confirmation_emails (next_attempt_at)
                WHERE sent_at IS NULL AND given_up_at IS NULL;
            CREATE TABLE IF NOT EXISTS erasures (
                erased_at       TEXT NOT NULL,
                source          TEXT NOT NULL,
                votes           INTEGER NOT NULL,
                pledges         INTEGER NOT NULL,
                consent_records INTEGER NOT NULL
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
            CREATE TABLE IF NOT EXISTS funnel_steps (
                campaign_id TEXT NOT NULL,
                step        TEXT NOT NULL,
                person_key  TEXT NOT NULL,
                retained_at TEXT,
                PRIMARY KEY (campaign_id, step, person_key)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS funnel_steps_by_person ON funnel_steps (person_key);
            CREATE TABLE IF NOT EXISTS bot_state (
                state_key  TEXT PRIMARY KEY,
                etag       TEXT NOT NULL,
                document   TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            -- The sweeps (expired conversations, abandoned pledge drafts) look rows up by age.
            CREATE INDEX IF NOT EXISTS bot_state_by_age ON bot_state (updated_at);
            CREATE TABLE IF NOT EXISTS admin_audit (
                at     TEXT NOT NULL,
                who    TEXT NOT NULL,
                action TEXT NOT NULL
            );
            -- The admins' voting controls, one row (absent: open, tallies shown). A new table only, so
            -- no new schema version: an older bot opens the file and ignores it.
            CREATE TABLE IF NOT EXISTS voting_controls (
                id           INTEGER PRIMARY KEY CHECK (id = 1),
                closed_now   INTEGER NOT NULL,
                closes_at    TEXT,
                hide_tallies INTEGER NOT NULL
            );
            -- Campaign content admins published while the bot ran (the newest not withdrawn runs; none:
            -- the content file). A new table only, so no new schema version, like voting_controls.
            CREATE TABLE IF NOT EXISTS content_versions (
                version      INTEGER PRIMARY KEY AUTOINCREMENT,
                published_at TEXT NOT NULL,
                published_by TEXT NOT NULL,
                content_json TEXT NOT NULL,
                sha256       TEXT NOT NULL,
                withdrawn_at TEXT
            );
            -- What the campaign's CRMs are to be told (SqliteCrmOutbox), written with the change it
            -- tells of. A new table only, so no new schema version, like voting_controls.
            CREATE TABLE IF NOT EXISTS crm_outbox (
                record_id        TEXT PRIMARY KEY,
                event            TEXT NOT NULL,
                pledge_record_id TEXT NOT NULL,
                campaign_id      TEXT NOT NULL,
                pledge_id        TEXT NOT NULL,
                created_at       TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS crm_outbox_by_pledge ON crm_outbox (pledge_record_id);
            -- Each outbox record's delivery to each configured CRM (SqliteCrmDeliveries): ids, counts
            -- and HTTP statuses only.
            CREATE TABLE IF NOT EXISTS crm_deliveries (
                record_id       TEXT NOT NULL,
                destination     TEXT NOT NULL,
                state           TEXT NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_status     INTEGER,
                last_reason     TEXT,
                last_attempt_at TEXT,
                finished_at     TEXT,
                PRIMARY KEY (record_id, destination)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS crm_deliveries_due ON crm_deliveries (destination, next_attempt_at) WHERE state = 'pending';
            CREATE INDEX IF NOT EXISTS crm_deliveries_by_state ON crm_deliveries (destination, state);
            -- One row the health check updates. Not data: no schema version of its own.
            CREATE TABLE IF NOT EXISTS health_probe (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                checked_at TEXT NOT NULL
            );
            INSERT OR IGNORE INTO health_probe (id, checked_at) VALUES (1, '');
            """;
        command.ExecuteNonQuery();
        AddPledgeColumnsOfVersion3(connection);
        AddRetentionColumnsOfVersion4(connection);
        AddVoteChannelOfVersion5(connection);
        AddVoteCounts(connection);
        AddCrmOutboxSubject(connection);
        using var version = connection.CreateCommand();
        version.CommandText = $"PRAGMA user_version = {SchemaVersion}";
        version.ExecuteNonQuery();
    }

    /// <summary>Version 4's marker of rows whose personal data retention has taken (null: not yet).</summary>
    private static void AddRetentionColumnsOfVersion4(SqliteConnection connection)
    {
        foreach (var table in new[] { "pledges", "votes" })
        {
            using var columns = connection.CreateCommand();
            columns.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = 'retained_at'";
            if (Convert.ToInt32(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN retained_at TEXT";
                alter.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Version 5's channel of a vote (<c>msteams</c>, <c>directline</c> ...). Which chat identity
    /// voted is only in the keyed person hash, which cannot be read back, so votes from before are 'unknown'.
    /// </summary>
    private static void AddVoteChannelOfVersion5(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('votes') WHERE name = 'channel'";
        if (Convert.ToInt32(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE votes ADD COLUMN channel TEXT NOT NULL DEFAULT '{VoteRequest.UnknownChannel}'";
            alter.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The tally as a table of its own, one row per campaign and cause, kept by triggers on
    /// <c>votes</c>: every turn that shows a tally reads a few rows instead of counting every vote
    /// ever cast, and whatever writes votes (a vote, a change, an erasure, an older bot, a tool)
    /// keeps it right without knowing. Filled from the votes in the same transaction that creates
    /// it, so no vote is missed or counted twice. Triggers travel with the file, so an older bot
    /// writing to it keeps the counts too: no new schema version.
    /// </summary>
    private static void AddVoteCounts(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'vote_counts'";
        if (Convert.ToInt32(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1)
        {
            return;
        }

        using var create = connection.CreateCommand();
        // Not an upsert, nor INSERT OR IGNORE: a trigger fired by the votes' own upsert takes that
        // statement's conflict handling, so the row is added only where it is missing, then counted.
        create.CommandText = """
            CREATE TABLE vote_counts (
                campaign_id TEXT NOT NULL,
                cause_id    TEXT NOT NULL,
                votes       INTEGER NOT NULL,
                PRIMARY KEY (campaign_id, cause_id)
            ) WITHOUT ROWID;
            INSERT INTO vote_counts (campaign_id, cause_id, votes)
                SELECT campaign_id, cause_id, count(*) FROM votes GROUP BY campaign_id, cause_id;
            CREATE TRIGGER vote_counts_after_insert AFTER INSERT ON votes BEGIN
                INSERT INTO vote_counts (campaign_id, cause_id, votes) SELECT new.campaign_id, new.cause_id, 0
                    WHERE NOT EXISTS (SELECT 1 FROM vote_counts WHERE campaign_id = new.campaign_id AND cause_id = new.cause_id);
                UPDATE vote_counts SET votes = votes + 1 WHERE campaign_id = new.campaign_id AND cause_id = new.cause_id;
            END;
            CREATE TRIGGER vote_counts_after_delete AFTER DELETE ON votes BEGIN
                UPDATE vote_counts SET votes = votes - 1 WHERE campaign_id = old.campaign_id AND cause_id = old.cause_id;
            END;
            CREATE TRIGGER vote_counts_after_update AFTER UPDATE OF campaign_id, cause_id ON votes
                WHEN old.campaign_id IS NOT new.campaign_id OR old.cause_id IS NOT new.cause_id BEGIN
                UPDATE vote_counts SET votes = votes - 1 WHERE campaign_id = old.campaign_id AND cause_id = old.cause_id;
                INSERT INTO vote_counts (campaign_id, cause_id, votes) SELECT new.campaign_id, new.cause_id, 0
                    WHERE NOT EXISTS (SELECT 1 FROM vote_counts WHERE campaign_id = new.campaign_id AND cause_id = new.cause_id);
                UPDATE vote_counts SET votes = votes + 1 WHERE campaign_id = new.campaign_id AND cause_id = new.cause_id;
            END;
            """;
        create.ExecuteNonQuery();
        transaction.Commit();
    }

    private static int ReadUserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The erased person's email, encrypted, on a <c>supporter.erased</c> record until every CRM has
    /// been told (a CRM finds the person by it): added to an outbox made before it existed.
    /// </summary>
    private static void AddCrmOutboxSubject(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('crm_outbox') WHERE name = 'subject_email'";
        if (Convert.ToInt32(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE crm_outbox ADD COLUMN subject_email TEXT; ALTER TABLE crm_outbox ADD COLUMN subject_protection INTEGER";
            alter.ExecuteNonQuery();
        }

        using var index = connection.CreateCommand();
        // The dispatcher looks for erasures whose email can be cleared on every pass.
        index.CommandText = "CREATE INDEX IF NOT EXISTS crm_outbox_with_subject ON crm_outbox (record_id) WHERE subject_email IS NOT NULL";
        index.ExecuteNonQuery();
    }

    /// <summary>
    /// Version 3's pledge columns, added to a file made by an earlier version. Rows from then keep
    /// their plain first name and email (protection 0) until the pledge store encrypts them at start.
    /// </summary>
    private static void AddPledgeColumnsOfVersion3(SqliteConnection connection)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('pledges')";
            using var reader = columns.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        (string Name, string Definition)[] added =
        [
            ("record_id", "TEXT"),
            ("protection", "INTEGER NOT NULL DEFAULT 0"),
            ("confirmed_at", "TEXT"),
            ("contact_withdrawn_at", "TEXT"),
            ("consent_record_id", "TEXT"),
        ];
        foreach (var (name, definition) in added.Where(c => !existing.Contains(c.Name)))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE pledges ADD COLUMN {name} {definition}";
            alter.ExecuteNonQuery();
        }

        using var backfill = connection.CreateCommand();
        backfill.CommandText = """
            UPDATE pledges SET record_id = lower(hex(randomblob(16))) WHERE record_id IS NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS pledges_by_record ON pledges (record_id);
            CREATE INDEX IF NOT EXISTS pledges_by_person ON pledges (person_key);
            CREATE INDEX IF NOT EXISTS pledges_by_email ON pledges (email_key);
            """;
        backfill.ExecuteNonQuery();
    }
}
