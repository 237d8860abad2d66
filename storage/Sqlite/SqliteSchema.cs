using System.Data.Common;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The database file's schema as ordered steps (see <see cref="SqliteMigrator"/>). A released step
/// is never edited: a change is a new step at the end, because files out there already ran the old one.
/// </summary>
/// <remarks>
/// Steps are numbered on from <c>PRAGMA user_version</c>, which releases before recorded migrations
/// set and checked: 2: referral_counts. 3: pledges gain a record id, encrypted personal data,
/// confirmation and contact-withdrawal times and a link to their consent record; consent statements
/// and records; the erasure log; referral_codes and referral_conversions. 4: the queue of
/// confirmation emails (double opt-in); pledges and votes gain retained_at, set when data retention
/// took their personal data; the admin audit log. 5: votes gain the channel they came from; votes
/// stored before it say 'unknown'. 6: funnel_steps (who joined, read a story, asked for a share
/// card), which erasure must reach. After 6, tables were added with no version of their own
/// (voting_controls, content_versions, vote_counts, crm_outbox with its subject columns,
/// crm_deliveries), so a file at version 6 may have any of them. 7: language_choices. 8: consent
/// statements per language, and consent records naming the statement's language. 9: follow-ups
/// (who asked for updates, and how to reach them) and the record of their answers. 10: the
/// follow-up queue (updates and their deliveries).
/// </remarks>
public static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        // The one step that is not plain: it makes a new file, and completes a file made by any
        // release before migrations were recorded (user_version 0 to 6, with or without the tables
        // added after 6), keeping every row. So every table is CREATE TABLE IF NOT EXISTS and every
        // later column is added only where it is missing. Numbered 6 so that user_version, which
        // the migrator keeps equal to the highest step, stays 6 and those releases still open a file
        // this step made (it is their schema); a later step raises it, and they refuse the file.
        new(6, "schema 6 and the tables added after it without a version: made, or completed in a file from an earlier release", """
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
            """)
        {
            ThenRun = connection =>
            {
                AddPledgeColumnsOfVersion3(connection);
                AddRetentionColumnsOfVersion4(connection);
                AddVoteChannelOfVersion5(connection);
                AddVoteCounts(connection);
                AddCrmOutboxSubject(connection);
            },
        },

        // The language each person chose in the chat's menu, by person key. Erasure and data
        // retention must reach it, so it is a versioned step: a release that knows nothing of it
        // would leave it behind on "forget me", and refuses the file instead. IF NOT EXISTS, as in
        // the first step: every step runs on a file without schema_migrations, which may have the table.
        new(7, "language_choices: the language each person chose in the chat", """
            CREATE TABLE IF NOT EXISTS language_choices (
                person_key TEXT PRIMARY KEY,
                language   TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 3)
            ) WITHOUT ROWID;
            """),

        // Each language's consent statements are numbered on their own (French v1, v2 ... apart
        // from English), so the statement's key gains its language, and a consent record names the
        // statement's language beside its version and hash. Statements and records from before were
        // all shown in English. Raises user_version to 8: releases that know only 7 or less refuse the file
        // rather than write statements without a language.
        new(8, "consent statements per language: consent_statements.language, versions per campaign and language, consent_records.statement_language",
            "-- The changes are made in ThenRun, each only where it is missing.")
        {
            ThenRun = AddConsentLanguagesOfVersion8,
        },

        // Follow-ups: a person's answer to "do you want an update?", one row per campaign and
        // person, and every answer's consent record. The Teams conversation reference (encrypted)
        // is kept only while the person is subscribed by Teams; the email route names the pledge
        // whose address is used, decrypted when an update is written. The tenant is an
        // organisation's id, not a person's: updates are paced per tenant. 'unreachable': Teams said
        // the person blocked or removed the bot, so nothing more is tried.
        new(9, "follow_ups and follow_up_consents: who asked for updates, how to reach them, and the record of each answer", """
            CREATE TABLE IF NOT EXISTS follow_ups (
                campaign_id            TEXT NOT NULL,
                person_key             TEXT NOT NULL,
                status                 TEXT NOT NULL CHECK (status IN ('subscribed', 'declined', 'withdrawn', 'unreachable')),
                route                  TEXT CHECK (route IN ('teams', 'email')),
                tenant_id              TEXT,
                conversation_reference TEXT,
                protection             INTEGER NOT NULL DEFAULT 0,
                pledge_record_id       TEXT,
                language               TEXT NOT NULL,
                consent_record_id      TEXT NOT NULL,
                answered_at            TEXT NOT NULL,
                PRIMARY KEY (campaign_id, person_key)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS follow_ups_by_person ON follow_ups (person_key);
            CREATE INDEX IF NOT EXISTS follow_ups_by_pledge ON follow_ups (pledge_record_id) WHERE pledge_record_id IS NOT NULL;
            CREATE TABLE IF NOT EXISTS follow_up_consents (
                record_id          TEXT PRIMARY KEY,
                campaign_id        TEXT NOT NULL,
                person_key         TEXT NOT NULL,
                statement_language TEXT NOT NULL,
                statement_version  INTEGER NOT NULL,
                statement_hash     TEXT NOT NULL,
                locale             TEXT,
                channel            TEXT NOT NULL,
                route              TEXT,
                answer             TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'withdrawn')),
                recorded_at        TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS follow_up_consents_by_person ON follow_up_consents (person_key);
            """),

        // The follow-up queue: updates (automatic ones once each, by their once_key) and one
        // delivery per update and person, worked lane by lane (a Teams tenant, or email).
        new(10, "follow_up_updates and follow_up_deliveries: the durable queue of follow-ups", """
            CREATE TABLE IF NOT EXISTS follow_up_updates (
                update_id    TEXT PRIMARY KEY,
                campaign_id  TEXT NOT NULL,
                kind         TEXT NOT NULL CHECK (kind IN ('voting-closed', 'vote-goal', 'pledge-goal', 'manual')),
                once_key     TEXT,
                audience     TEXT NOT NULL,
                message      TEXT,
                created_at   TEXT NOT NULL,
                send_at      TEXT NOT NULL,
                queued_at    TEXT,
                cancelled_at TEXT,
                UNIQUE (campaign_id, once_key)
            );
            CREATE TABLE IF NOT EXISTS follow_up_deliveries (
                update_id       TEXT NOT NULL,
                person_key      TEXT NOT NULL,
                lane            TEXT NOT NULL,
                status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'blocked', 'skipped')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                reason          TEXT,
                finished_at     TEXT,
                PRIMARY KEY (update_id, person_key)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS follow_up_deliveries_due ON follow_up_deliveries (lane, next_attempt_at) WHERE status = 'pending';
            CREATE INDEX IF NOT EXISTS follow_up_deliveries_by_person ON follow_up_deliveries (person_key);
            """),
    ];

    /// <summary>
    /// Version 8's languages of consent. SQLite cannot change a table's key in place, so
    /// consent_statements is made again with the language in its key and its rows copied. Made only
    /// where missing: a file whose record of steps was lost (an older release's tool, a restored
    /// copy) runs every step again, and must come out the same.
    /// </summary>
    private static void AddConsentLanguagesOfVersion8(DbConnection connection)
    {
        if (!HasColumn(connection, "consent_statements", "language"))
        {
            using var rebuild = connection.CreateCommand();
            rebuild.CommandText = """
                CREATE TABLE consent_statements_per_language (
                    campaign_id    TEXT NOT NULL,
                    language       TEXT NOT NULL,
                    version        INTEGER NOT NULL,
                    text_hash      TEXT NOT NULL,
                    text           TEXT NOT NULL,
                    first_shown_at TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, language, version),
                    UNIQUE (campaign_id, language, text_hash)
                );
                INSERT INTO consent_statements_per_language (campaign_id, language, version, text_hash, text, first_shown_at)
                    SELECT campaign_id, 'en', version, text_hash, text, first_shown_at FROM consent_statements;
                DROP TABLE consent_statements;
                ALTER TABLE consent_statements_per_language RENAME TO consent_statements;
                """;
            rebuild.ExecuteNonQuery();
        }

        if (!HasColumn(connection, "consent_records", "statement_language"))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE consent_records ADD COLUMN statement_language TEXT NOT NULL DEFAULT 'en'";
            alter.ExecuteNonQuery();
        }
    }

    private static bool HasColumn(DbConnection connection, string table, string column)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        return Convert.ToInt32(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Version 4's marker of rows whose personal data retention has taken (null: not yet).</summary>
    private static void AddRetentionColumnsOfVersion4(DbConnection connection)
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
    private static void AddVoteChannelOfVersion5(DbConnection connection)
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
    private static void AddVoteCounts(DbConnection connection)
    {
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
    }

    /// <summary>
    /// The erased person's email, encrypted, on a <c>supporter.erased</c> record until every CRM has
    /// been told (a CRM finds the person by it): added to an outbox made before it existed.
    /// </summary>
    private static void AddCrmOutboxSubject(DbConnection connection)
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
    private static void AddPledgeColumnsOfVersion3(DbConnection connection)
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
