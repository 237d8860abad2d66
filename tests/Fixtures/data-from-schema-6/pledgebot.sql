-- The database of the release of 2026-11-26 (schema 6) as SQL; the test builds the file from it.
BEGIN TRANSACTION;
CREATE TABLE admin_audit (
    at     TEXT NOT NULL,
    who    TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE TABLE bot_state (
    state_key  TEXT PRIMARY KEY,
    etag       TEXT NOT NULL,
    document   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO "bot_state" VALUES('emulator/conversations/anna-chat','4712ce068d974313af3872405afce891','{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","ConversationFlow":{"$type":"PledgeBot.Dialogs.Conversation.ConversationFlow, PledgeBot.Dialogs","Pledge":null,"Referral":null},"eTag":"2186112af586403bb15520cf8d9e36dc"}','2026-11-26T17:55:50.1571335+00:00');
INSERT INTO "bot_state" VALUES('emulator/conversations/ben-chat','61a5da2285764df0b668ee510657e6db','{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","ConversationFlow":{"$type":"PledgeBot.Dialogs.Conversation.ConversationFlow, PledgeBot.Dialogs","Pledge":null,"Referral":null},"eTag":"dd7a31b3df05406abf392e5c41d0f66a"}','2026-11-26T17:55:50.6461228+00:00');
CREATE TABLE confirmation_emails (
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
INSERT INTO "confirmation_emails" VALUES('413d613881904190f9c62975fc8b5bfe','78f78d6c1a4a0b7368248fffaaebbadf','2026-11-26T17:55:50.1232837+00:00','2026-11-26T17:55:50.1232837+00:00',1,NULL,'2026-11-26T17:55:50.3431161+00:00','2026-12-03T17:55:50.1567677+00:00',NULL,'2026-11-26T17:55:50.5054070+00:00');
INSERT INTO "confirmation_emails" VALUES('e347c5a801fc3920efaa2dae4bd7f020','a8f0e2977b7524cbc033ac2d938f5303','2026-11-26T17:55:50.6380178+00:00','2026-11-26T17:55:50.6380178+00:00',1,NULL,'2026-11-26T17:55:50.6458617+00:00','2026-12-03T17:55:50.6448018+00:00',NULL,NULL);
CREATE TABLE consent_records (
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
INSERT INTO "consent_records" VALUES('4855d1a29e0862e486e0ead87779c430','78f78d6c1a4a0b7368248fffaaebbadf','stand-with-them','oSBuuJ0r6NeKMhpZ-uGfchtW1nPZgciwE-qh2uTYeaQ',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde','en-GB','emulator','yes','2026-11-26T17:55:50.0264678+00:00');
INSERT INTO "consent_records" VALUES('05fb1f3bf328484cb89e979403b4201b','a8f0e2977b7524cbc033ac2d938f5303','stand-with-them','Du_dvTGiu1LQ1Lcc9-r0D-I6o2_MKhDcioqxLuJyHHw',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde','en-GB','emulator','yes','2026-11-26T17:55:50.6295614+00:00');
INSERT INTO "consent_records" VALUES('6c1535dfcae93130794b77448868dbcf','a8f0e2977b7524cbc033ac2d938f5303','stand-with-them','Du_dvTGiu1LQ1Lcc9-r0D-I6o2_MKhDcioqxLuJyHHw',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde',NULL,'emulator','withdrawn','2026-11-26T17:55:50.6648513+00:00');
CREATE TABLE consent_statements (
    campaign_id    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    text_hash      TEXT NOT NULL,
    text           TEXT NOT NULL,
    first_shown_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, version),
    UNIQUE (campaign_id, text_hash)
);
INSERT INTO "consent_statements" VALUES('stand-with-them',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde','If you take the pledge, we store your first name and email address with it, to count your pledge and so the campaign can confirm it with you. We store them only with your consent, never sell or share them, and store nothing if you cancel.

Do you agree that we store your first name and email address with your pledge?','2026-11-26T17:55:50.0543405+00:00');
CREATE TABLE content_versions (
    version      INTEGER PRIMARY KEY AUTOINCREMENT,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    content_json TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE TABLE crm_deliveries (
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
CREATE TABLE crm_outbox (
    record_id        TEXT PRIMARY KEY,
    event            TEXT NOT NULL,
    pledge_record_id TEXT NOT NULL,
    campaign_id      TEXT NOT NULL,
    pledge_id        TEXT NOT NULL,
    created_at       TEXT NOT NULL
, subject_email TEXT, subject_protection INTEGER);
INSERT INTO "crm_outbox" VALUES('aa762f1453ab19c5cbd7738798252a12','pledge.created','78f78d6c1a4a0b7368248fffaaebbadf','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.1232837+00:00',NULL,NULL);
INSERT INTO "crm_outbox" VALUES('fe1f117e5ffb892a388e6b3d6c131bc3','pledge.confirmed','78f78d6c1a4a0b7368248fffaaebbadf','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.5054070+00:00',NULL,NULL);
INSERT INTO "crm_outbox" VALUES('24b8a9e9a2821603c6cbf01501462197','pledge.created','a8f0e2977b7524cbc033ac2d938f5303','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.6380178+00:00',NULL,NULL);
INSERT INTO "crm_outbox" VALUES('0f2e2acdb190a5ccc92d8e01d66cbb61','supporter.contact_withdrawn','a8f0e2977b7524cbc033ac2d938f5303','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.6648513+00:00',NULL,NULL);
INSERT INTO "crm_outbox" VALUES('0fdbbb6fd771c0db26255683bbc482dd','pledge.created','4be8462f2d845763f80ef33fc6bb5149','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.7437714+00:00',NULL,NULL);
INSERT INTO "crm_outbox" VALUES('457afa7819d46cc8b7e893a3282a9047','supporter.erased','4be8462f2d845763f80ef33fc6bb5149','stand-with-them','not-on-my-screen','2026-11-26T17:55:50.7925555+00:00',NULL,NULL);
CREATE TABLE erasures (
    erased_at       TEXT NOT NULL,
    source          TEXT NOT NULL,
    votes           INTEGER NOT NULL,
    pledges         INTEGER NOT NULL,
    consent_records INTEGER NOT NULL
);
INSERT INTO "erasures" VALUES('2026-11-26T17:55:50.7928212+00:00','conversation',0,1,1);
CREATE TABLE funnel_steps (
    campaign_id TEXT NOT NULL,
    step        TEXT NOT NULL,
    person_key  TEXT NOT NULL,
    retained_at TEXT,
    PRIMARY KEY (campaign_id, step, person_key)
) WITHOUT ROWID;
INSERT INTO "funnel_steps" VALUES('stand-with-them','joined','0sDAtdg_e3ClOAs8J1ObeQV72c9a5S-S9sK86kkxMI8',NULL);
INSERT INTO "funnel_steps" VALUES('stand-with-them','joined','Du_dvTGiu1LQ1Lcc9-r0D-I6o2_MKhDcioqxLuJyHHw',NULL);
INSERT INTO "funnel_steps" VALUES('stand-with-them','joined','oSBuuJ0r6NeKMhpZ-uGfchtW1nPZgciwE-qh2uTYeaQ',NULL);
CREATE TABLE health_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT NOT NULL
);
INSERT INTO "health_probe" VALUES(1,'');
CREATE TABLE pledges (
    campaign_id  TEXT NOT NULL,
    pledge_id    TEXT NOT NULL,
    email_key    TEXT NOT NULL,
    person_key   TEXT NOT NULL,
    first_name   TEXT NOT NULL,
    email        TEXT NOT NULL,
    consented_at TEXT NOT NULL, record_id TEXT, protection INTEGER NOT NULL DEFAULT 0, confirmed_at TEXT, contact_withdrawn_at TEXT, consent_record_id TEXT, retained_at TEXT,
    PRIMARY KEY (campaign_id, pledge_id, email_key)
);
INSERT INTO "pledges" VALUES('stand-with-them','not-on-my-screen','nzae-cIYQGk19c7xbmATaZTG6I0nTwiDw12ADj7cnwQ','oSBuuJ0r6NeKMhpZ-uGfchtW1nPZgciwE-qh2uTYeaQ','CfDJ8AiSowYkjGdAh0AgrQp11Hl6JIaueaMvkjJRfhmpGgwkKIKratny7mOtHDWoJFPycn2oUvGKN30IdFOdQxRcRHPzA4l5sKK4Kx2AzzdryV-dillPLcutDikTE4v5bU-yxA','CfDJ8AiSowYkjGdAh0AgrQp11HlqP73r31orELjoB8XgPhyuyB3CFI5oQnHV3c6wSY9eRbLLzfUXydEBAi6i-fhdKcm62VxkhFHV2_x-wTAlKOmt9WD7162CictcmFW1ZDi5wqJ1D7XvDO1l8DpK16alfjk','2026-11-26T17:55:50.0264678+00:00','78f78d6c1a4a0b7368248fffaaebbadf',1,'2026-11-26T17:55:50.5054070+00:00',NULL,'4855d1a29e0862e486e0ead87779c430',NULL);
INSERT INTO "pledges" VALUES('stand-with-them','not-on-my-screen','DvtgipGjxEtySSDu0bUVt5aFH-2DvHktai5Cgtb2OWo','Du_dvTGiu1LQ1Lcc9-r0D-I6o2_MKhDcioqxLuJyHHw','CfDJ8AiSowYkjGdAh0AgrQp11HkhUiGBX90LTjW0ztKbYJLDrwUzbyX8YXAsNM8Y-B-LWGxic3sySfKofHhZo2xlTK3JjjaGWtii_bTD7_oZ3O8C3hh7mOPzmh1we9CxFuMh8g','CfDJ8AiSowYkjGdAh0AgrQp11HlMrQzGGn7NXD97jvIKVkIB_faRAmYD2mFmTlBygmIuUJ192QxXlBsx1AGBCBDFFEeCj3JdZISnhcDMgcTX9l69exMqSrLbRnNO1mJvYZCJ2A','2026-11-26T17:55:50.6295614+00:00','a8f0e2977b7524cbc033ac2d938f5303',1,NULL,'2026-11-26T17:55:50.6648513+00:00','05fb1f3bf328484cb89e979403b4201b',NULL);
CREATE TABLE referral_codes (
    campaign_id   TEXT NOT NULL,
    referral_code TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    PRIMARY KEY (campaign_id, referral_code)
);
CREATE TABLE referral_conversions (
    campaign_id   TEXT NOT NULL,
    referral_code TEXT NOT NULL,
    person_key    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    PRIMARY KEY (campaign_id, referral_code, person_key, kind)
);
CREATE TABLE referral_counts (
    campaign_id   TEXT NOT NULL,
    referral_code TEXT NOT NULL,
    cause_id      TEXT NOT NULL,
    visits        INTEGER NOT NULL DEFAULT 0,
    votes         INTEGER NOT NULL DEFAULT 0,
    pledges       INTEGER NOT NULL DEFAULT 0,
    updated_on    TEXT NOT NULL,
    PRIMARY KEY (campaign_id, referral_code, cause_id)
);
CREATE TABLE vote_counts (
    campaign_id TEXT NOT NULL,
    cause_id    TEXT NOT NULL,
    votes       INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, cause_id)
) WITHOUT ROWID;
INSERT INTO "vote_counts" VALUES('stand-with-them','burundi-refugees-tanzania',1);
INSERT INTO "vote_counts" VALUES('stand-with-them','protecting-innocence',1);
CREATE TABLE vote_requests (
    request_id        TEXT PRIMARY KEY,
    outcome           TEXT NOT NULL,
    cause_id          TEXT NOT NULL,
    previous_cause_id TEXT,
    received_at       TEXT NOT NULL
);
INSERT INTO "vote_requests" VALUES('_Bx6Dzv4KCe6T3c8GZumkS3BihGS5k98h6mdCaq9Jdo','Recorded','protecting-innocence',NULL,'2026-11-26T17:55:49.6279377+00:00');
INSERT INTO "vote_requests" VALUES('gAR-ciI_lHBsjT-EIlLt6J7dpbMdsFa7wIQLLtbvgsU','Recorded','burundi-refugees-tanzania',NULL,'2026-11-26T17:55:50.5921767+00:00');
CREATE TABLE votes (
    campaign_id TEXT NOT NULL,
    person_key  TEXT NOT NULL,
    cause_id    TEXT NOT NULL,
    voted_at    TEXT NOT NULL, retained_at TEXT, channel TEXT NOT NULL DEFAULT 'unknown',
    PRIMARY KEY (campaign_id, person_key)
);
INSERT INTO "votes" VALUES('stand-with-them','oSBuuJ0r6NeKMhpZ-uGfchtW1nPZgciwE-qh2uTYeaQ','protecting-innocence','2026-11-26T17:55:49.6279377+00:00',NULL,'emulator');
INSERT INTO "votes" VALUES('stand-with-them','Du_dvTGiu1LQ1Lcc9-r0D-I6o2_MKhDcioqxLuJyHHw','burundi-refugees-tanzania','2026-11-26T17:55:50.5921767+00:00',NULL,'emulator');
CREATE TABLE voting_controls (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    closed_now   INTEGER NOT NULL,
    closes_at    TEXT,
    hide_tallies INTEGER NOT NULL
);
CREATE INDEX votes_by_cause ON votes (campaign_id, cause_id);
CREATE INDEX vote_requests_by_age ON vote_requests (received_at);
CREATE INDEX consent_records_by_pledge ON consent_records (pledge_record_id);
CREATE INDEX confirmation_emails_by_pledge ON confirmation_emails (pledge_record_id);
CREATE INDEX confirmation_emails_due ON confirmation_emails (next_attempt_at)
    WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX referral_conversions_by_person ON referral_conversions (person_key);
CREATE INDEX funnel_steps_by_person ON funnel_steps (person_key);
CREATE INDEX bot_state_by_age ON bot_state (updated_at);
CREATE INDEX crm_outbox_by_pledge ON crm_outbox (pledge_record_id);
CREATE INDEX crm_deliveries_due ON crm_deliveries (destination, next_attempt_at) WHERE state = 'pending';
CREATE INDEX crm_deliveries_by_state ON crm_deliveries (destination, state);
CREATE UNIQUE INDEX pledges_by_record ON pledges (record_id);
CREATE INDEX pledges_by_person ON pledges (person_key);
CREATE INDEX pledges_by_email ON pledges (email_key);
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
CREATE INDEX crm_outbox_with_subject ON crm_outbox (record_id) WHERE subject_email IS NOT NULL;
DELETE FROM "sqlite_sequence";
COMMIT;
PRAGMA user_version = 6;
