namespace PledgeBot.Storage.Postgres;

/// <summary>
/// The schema as ordered steps. A released step is never edited: a change is a new step at the end,
/// because databases out there already ran the old one. Tables and columns are those of
/// <c>SqliteDatabase</c>, with PostgreSQL's types: instants are <c>timestamptz</c>, days
/// <c>date</c>, counts <c>integer</c>, flags <c>boolean</c>, so the stores port over one by one
/// with the same semantics.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The step that adds <c>writer_batches</c>, the writer's commit markers (see <see cref="PostgresWriter"/>).</summary>
    public const int WriterBatchesStep = 5;

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "every table of the SQLite schema version 6", """
            CREATE TABLE votes (
                campaign_id text NOT NULL,
                person_key  text NOT NULL,
                cause_id    text NOT NULL,
                voted_at    timestamptz NOT NULL,
                channel     text NOT NULL DEFAULT 'unknown',
                retained_at timestamptz,
                PRIMARY KEY (campaign_id, person_key)
            );
            CREATE INDEX votes_by_cause ON votes (campaign_id, cause_id);
            CREATE INDEX votes_by_time ON votes (campaign_id, voted_at);

            CREATE TABLE vote_requests (
                request_id        text PRIMARY KEY,
                outcome           text NOT NULL,
                cause_id          text NOT NULL,
                previous_cause_id text,
                received_at       timestamptz NOT NULL
            );
            CREATE INDEX vote_requests_by_age ON vote_requests (received_at);

            CREATE TABLE pledges (
                campaign_id          text NOT NULL,
                pledge_id            text NOT NULL,
                email_key            text NOT NULL,
                person_key           text NOT NULL,
                first_name           text NOT NULL,
                email                text NOT NULL,
                consented_at         timestamptz NOT NULL,
                record_id            text NOT NULL UNIQUE,
                protection           integer NOT NULL DEFAULT 0,
                confirmed_at         timestamptz,
                contact_withdrawn_at timestamptz,
                consent_record_id    text,
                retained_at          timestamptz,
                PRIMARY KEY (campaign_id, pledge_id, email_key)
            );
            CREATE INDEX pledges_by_person ON pledges (person_key);
            CREATE INDEX pledges_by_email ON pledges (email_key);

            CREATE TABLE consent_statements (
                campaign_id    text NOT NULL,
                version        integer NOT NULL,
                text_hash      text NOT NULL,
                text           text NOT NULL,
                first_shown_at timestamptz NOT NULL,
                PRIMARY KEY (campaign_id, version),
                UNIQUE (campaign_id, text_hash)
            );

            CREATE TABLE consent_records (
                record_id         text PRIMARY KEY,
                pledge_record_id  text NOT NULL,
                campaign_id       text NOT NULL,
                person_key        text NOT NULL,
                statement_version integer NOT NULL,
                statement_hash    text NOT NULL,
                locale            text,
                channel           text NOT NULL,
                answer            text NOT NULL,
                recorded_at       timestamptz NOT NULL
            );
            CREATE INDEX consent_records_by_pledge ON consent_records (pledge_record_id);

            CREATE TABLE confirmation_emails (
                token_id         text PRIMARY KEY,
                pledge_record_id text NOT NULL,
                queued_at        timestamptz NOT NULL,
                next_attempt_at  timestamptz NOT NULL,
                attempts         integer NOT NULL DEFAULT 0,
                last_error       text,
                sent_at          timestamptz,
                expires_at       timestamptz,
                given_up_at      timestamptz,
                used_at          timestamptz
            );
            CREATE INDEX confirmation_emails_by_pledge ON confirmation_emails (pledge_record_id);
            CREATE INDEX confirmation_emails_due ON confirmation_emails (next_attempt_at)
                WHERE sent_at IS NULL AND given_up_at IS NULL;

            -- SQLite's implicit rowid, made explicit: the stores address single rows by it.
            CREATE TABLE erasures (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                erased_at       timestamptz NOT NULL,
                source          text NOT NULL,
                votes           integer NOT NULL,
                pledges         integer NOT NULL,
                consent_records integer NOT NULL
            );

            CREATE TABLE referral_counts (
                campaign_id   text NOT NULL,
                referral_code text NOT NULL,
                cause_id      text NOT NULL,
                visits        integer NOT NULL DEFAULT 0,
                votes         integer NOT NULL DEFAULT 0,
                pledges       integer NOT NULL DEFAULT 0,
                updated_on    date NOT NULL,
                PRIMARY KEY (campaign_id, referral_code, cause_id)
            );

            CREATE TABLE referral_codes (
                campaign_id   text NOT NULL,
                referral_code text NOT NULL,
                issued_on     date NOT NULL,
                PRIMARY KEY (campaign_id, referral_code)
            );

            CREATE TABLE referral_conversions (
                campaign_id   text NOT NULL,
                referral_code text NOT NULL,
                person_key    text NOT NULL,
                kind          text NOT NULL,
                PRIMARY KEY (campaign_id, referral_code, person_key, kind)
            );
            CREATE INDEX referral_conversions_by_person ON referral_conversions (person_key);

            CREATE TABLE funnel_steps (
                campaign_id text NOT NULL,
                step        text NOT NULL,
                person_key  text NOT NULL,
                retained_at timestamptz,
                PRIMARY KEY (campaign_id, step, person_key)
            );
            CREATE INDEX funnel_steps_by_person ON funnel_steps (person_key);

            -- json, not jsonb: the document is kept as written. The SDK's state carries "$type"
            -- first, which its deserializer needs there, and jsonb would reorder the keys. json
            -- still refuses anything that is not JSON and can be queried (the sweeps look inside).
            CREATE TABLE bot_state (
                state_key  text PRIMARY KEY,
                etag       text NOT NULL,
                document   json NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE INDEX bot_state_by_age ON bot_state (updated_at);

            CREATE TABLE admin_audit (
                id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at     timestamptz NOT NULL,
                who    text NOT NULL,
                action text NOT NULL
            );

            CREATE TABLE voting_controls (
                id           integer PRIMARY KEY CHECK (id = 1),
                closed_now   boolean NOT NULL,
                closes_at    timestamptz,
                hide_tallies boolean NOT NULL
            );

            -- text, not jsonb: sha256 is of the content exactly as published.
            CREATE TABLE content_versions (
                version      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                published_at timestamptz NOT NULL,
                published_by text NOT NULL,
                content_json text NOT NULL,
                sha256       text NOT NULL,
                withdrawn_at timestamptz
            );

            CREATE TABLE crm_outbox (
                record_id          text PRIMARY KEY,
                event              text NOT NULL,
                pledge_record_id   text NOT NULL,
                campaign_id        text NOT NULL,
                pledge_id          text NOT NULL,
                created_at         timestamptz NOT NULL,
                subject_email      text,
                subject_protection integer
            );
            CREATE INDEX crm_outbox_by_pledge ON crm_outbox (pledge_record_id);
            CREATE INDEX crm_outbox_with_subject ON crm_outbox (record_id) WHERE subject_email IS NOT NULL;

            CREATE TABLE crm_deliveries (
                record_id       text NOT NULL,
                destination     text NOT NULL,
                state           text NOT NULL,
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_status     integer,
                last_reason     text,
                last_attempt_at timestamptz,
                finished_at     timestamptz,
                PRIMARY KEY (record_id, destination)
            );
            CREATE INDEX crm_deliveries_due ON crm_deliveries (destination, next_attempt_at) WHERE state = 'pending';
            CREATE INDEX crm_deliveries_by_state ON crm_deliveries (destination, state);

            CREATE TABLE health_probe (
                id         integer PRIMARY KEY CHECK (id = 1),
                checked_at timestamptz
            );
            INSERT INTO health_probe (id, checked_at) VALUES (1, NULL);
            """),

        // As in SQLite, every turn that shows a tally reads a few rows instead of counting every
        // vote, and whatever writes votes (a vote, a change, an erasure, a tool) keeps the counts
        // right without knowing, through triggers. Unlike SQLite, several instances write at once:
        // a trigger updating one count row per cause would make every instance's transaction wait
        // for the others' (and deadlock when two take two causes in opposite orders). So a change
        // only adds a row to vote_count_changes, which nobody waits for; the tally is vote_counts
        // plus the changes, read in one statement, and the changes are folded into vote_counts now
        // and then (PostgresVoteStore). Filled in the same transaction that adds the triggers.
        new(2, "vote_counts and vote_count_changes, kept by triggers on votes", """
            CREATE TABLE vote_counts (
                campaign_id text NOT NULL,
                cause_id    text NOT NULL,
                votes       integer NOT NULL,
                PRIMARY KEY (campaign_id, cause_id)
            );
            INSERT INTO vote_counts (campaign_id, cause_id, votes)
                SELECT campaign_id, cause_id, count(*) FROM votes GROUP BY campaign_id, cause_id;

            CREATE TABLE vote_count_changes (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                campaign_id text NOT NULL,
                cause_id    text NOT NULL,
                delta       integer NOT NULL
            );
            CREATE INDEX vote_count_changes_by_campaign ON vote_count_changes (campaign_id);

            CREATE FUNCTION vote_counts_follow_votes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    INSERT INTO vote_count_changes (campaign_id, cause_id, delta) VALUES (OLD.campaign_id, OLD.cause_id, -1);
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO vote_count_changes (campaign_id, cause_id, delta) VALUES (NEW.campaign_id, NEW.cause_id, 1);
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER vote_counts_after_insert_or_delete AFTER INSERT OR DELETE ON votes
                FOR EACH ROW EXECUTE FUNCTION vote_counts_follow_votes();
            CREATE TRIGGER vote_counts_after_update AFTER UPDATE OF campaign_id, cause_id ON votes
                FOR EACH ROW WHEN (OLD.campaign_id IS DISTINCT FROM NEW.campaign_id OR OLD.cause_id IS DISTINCT FROM NEW.cause_id)
                EXECUTE FUNCTION vote_counts_follow_votes();
            """),

        // The built-in Direct Line's conversations, so that a chat's posts and polls may reach any
        // instance (PostgresDirectLineConversations in bot/DirectLine). An activity is kept as the
        // JSON text the browser reads, with its length in UTF-8 bytes, which the budgets count.
        // directline_totals is the one row every Direct Line write updates under the same lock:
        // the last watermark given out (so numbers keep growing across instances whatever their
        // clocks say) and the bytes all conversations keep (so the total budget needs no scan).
        // A trigger keeps the bytes of a conversation and the total, whatever removes activities
        // (trimming, a conversation forgotten with its activities).
        new(3, "directline_conversations, directline_activities and directline_totals", """
            CREATE TABLE directline_conversations (
                conversation_id text PRIMARY KEY,
                last_sequence   bigint NOT NULL,
                bytes           bigint NOT NULL DEFAULT 0,
                last_used       timestamptz NOT NULL
            );
            CREATE INDEX directline_conversations_by_last_used ON directline_conversations (last_used);

            CREATE TABLE directline_activities (
                conversation_id text NOT NULL REFERENCES directline_conversations ON DELETE CASCADE,
                sequence        bigint NOT NULL,
                activity_id     text NOT NULL,
                json            text NOT NULL,
                bytes           integer NOT NULL,
                PRIMARY KEY (conversation_id, sequence)
            );
            CREATE INDEX directline_activities_by_activity_id ON directline_activities (conversation_id, activity_id);

            CREATE TABLE directline_totals (
                id            integer PRIMARY KEY CHECK (id = 1),
                last_sequence bigint NOT NULL,
                kept_bytes    bigint NOT NULL
            );
            INSERT INTO directline_totals (id, last_sequence, kept_bytes) VALUES (1, 0, 0);

            CREATE FUNCTION directline_bytes_follow_activities() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    UPDATE directline_conversations SET bytes = bytes + NEW.bytes WHERE conversation_id = NEW.conversation_id;
                    UPDATE directline_totals SET kept_bytes = kept_bytes + NEW.bytes WHERE id = 1;
                ELSE
                    UPDATE directline_conversations SET bytes = bytes - OLD.bytes WHERE conversation_id = OLD.conversation_id;
                    UPDATE directline_totals SET kept_bytes = kept_bytes - OLD.bytes WHERE id = 1;
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER directline_bytes_after_insert_or_delete AFTER INSERT OR DELETE ON directline_activities
                FOR EACH ROW EXECUTE FUNCTION directline_bytes_follow_activities();
            """),

        // SQLite orders the outbox by rowid and finds new records after the last rowid seen. With
        // several instances a sequence number does not do: a transaction that took a lower number
        // can commit after one that took a higher, and a cursor would pass over its record for
        // good. So each record says whether it has been given its deliveries yet (a partial index
        // finds the few that have not), and the number only orders one pledge's records, which
        // are written one after the other.
        new(4, "crm_outbox: order of records and whether their deliveries exist", """
            ALTER TABLE crm_outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
            ALTER TABLE crm_outbox ADD COLUMN prepared boolean NOT NULL DEFAULT false;
            CREATE INDEX crm_outbox_unprepared ON crm_outbox (record_id) WHERE NOT prepared;
            CREATE INDEX crm_outbox_by_pledge_in_order ON crm_outbox (pledge_record_id, seq);
            DROP INDEX crm_outbox_by_pledge;
            """),

        // The writer's commit markers (see PostgresWriter): each transaction of a writer inserts a
        // row with a random id and commits with it, so when the connection is lost during a commit
        // the writer can ask, on a new connection, whether that commit happened, instead of
        // guessing (running it again could store every write twice; failing it could lose them).
        // A writer deletes its markers once it knows their outcome, so the table holds about one
        // row per running writer. fenced: inserted by that question, not by the transaction.
        new(WriterBatchesStep, "writer_batches: markers that tell whether a commit interrupted by a lost connection happened", """
            CREATE TABLE writer_batches (
                batch_id   uuid PRIMARY KEY,
                fenced     boolean NOT NULL DEFAULT false,
                written_at timestamptz NOT NULL DEFAULT now()
            );
            """),

        // The language each person chose in the chat's menu, by person key (SqliteSchema step 7).
        new(6, "language_choices: the language each person chose in the chat", """
            CREATE TABLE language_choices (
                person_key text PRIMARY KEY,
                language   text NOT NULL CHECK (length(language) BETWEEN 2 AND 3)
            );
            """),

        // SQLite's step 8: each language's consent statements numbered on their own, and the
        // consent record naming the language of the statement it points at. Statements and records
        // from before were all shown in English. The statement's language has no default after the
        // fill, so a statement can only be stored with its language named.
        new(7, "consent statements per language: consent_statements.language, versions per campaign and language, consent_records.statement_language", """
            ALTER TABLE consent_statements ADD COLUMN language text NOT NULL DEFAULT 'en';
            ALTER TABLE consent_statements ALTER COLUMN language DROP DEFAULT;
            ALTER TABLE consent_statements DROP CONSTRAINT consent_statements_pkey;
            ALTER TABLE consent_statements DROP CONSTRAINT consent_statements_campaign_id_text_hash_key;
            ALTER TABLE consent_statements ADD PRIMARY KEY (campaign_id, language, version);
            ALTER TABLE consent_statements ADD UNIQUE (campaign_id, language, text_hash);
            ALTER TABLE consent_records ADD COLUMN statement_language text NOT NULL DEFAULT 'en';
            """),

        // SQLite's step 9: follow-ups and the record of each answer (see SqliteSchema).
        new(8, "follow_ups and follow_up_consents: who asked for updates, how to reach them, and the record of each answer", """
            CREATE TABLE follow_ups (
                campaign_id            text NOT NULL,
                person_key             text NOT NULL,
                status                 text NOT NULL CHECK (status IN ('subscribed', 'declined', 'withdrawn', 'unreachable')),
                route                  text CHECK (route IN ('teams', 'email')),
                tenant_id              text,
                conversation_reference text,
                protection             integer NOT NULL DEFAULT 0,
                pledge_record_id       text,
                language               text NOT NULL,
                consent_record_id      text NOT NULL,
                answered_at            timestamptz NOT NULL,
                PRIMARY KEY (campaign_id, person_key)
            );
            CREATE INDEX follow_ups_by_person ON follow_ups (person_key);
            CREATE INDEX follow_ups_by_pledge ON follow_ups (pledge_record_id) WHERE pledge_record_id IS NOT NULL;
            CREATE TABLE follow_up_consents (
                record_id          text PRIMARY KEY,
                campaign_id        text NOT NULL,
                person_key         text NOT NULL,
                statement_language text NOT NULL,
                statement_version  integer NOT NULL,
                statement_hash     text NOT NULL,
                locale             text,
                channel            text NOT NULL,
                route              text,
                answer             text NOT NULL CHECK (answer IN ('yes', 'no', 'withdrawn')),
                recorded_at        timestamptz NOT NULL
            );
            CREATE INDEX follow_up_consents_by_person ON follow_up_consents (person_key);
            """),

        // SQLite's step 10: the follow-up queue.
        new(9, "follow_up_updates and follow_up_deliveries: the durable queue of follow-ups", """
            CREATE TABLE follow_up_updates (
                update_id    text PRIMARY KEY,
                campaign_id  text NOT NULL,
                kind         text NOT NULL CHECK (kind IN ('voting-closed', 'vote-goal', 'pledge-goal', 'manual')),
                once_key     text,
                audience     text NOT NULL,
                message      text,
                created_at   timestamptz NOT NULL,
                send_at      timestamptz NOT NULL,
                queued_at    timestamptz,
                cancelled_at timestamptz,
                UNIQUE (campaign_id, once_key)
            );
            CREATE TABLE follow_up_deliveries (
                update_id       text NOT NULL,
                person_key      text NOT NULL,
                lane            text NOT NULL,
                status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'blocked', 'skipped')),
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                reason          text,
                finished_at     timestamptz,
                PRIMARY KEY (update_id, person_key)
            );
            CREATE INDEX follow_up_deliveries_due ON follow_up_deliveries (lane, next_attempt_at) WHERE status = 'pending';
            CREATE INDEX follow_up_deliveries_by_person ON follow_up_deliveries (person_key);
            """),
    ];
}
