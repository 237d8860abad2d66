-- The database made by the release of 2026-11-26 after schema 6 (voting controls, content versions, the CRM outbox and its deliveries, vote_counts), the last made without recorded migrations, as SQL; the test builds the file from it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE votes (
    campaign_id TEXT NOT NULL,
    person_key  TEXT NOT NULL,
    cause_id    TEXT NOT NULL,
    voted_at    TEXT NOT NULL, retained_at TEXT, channel TEXT NOT NULL DEFAULT 'unknown',
    PRIMARY KEY (campaign_id, person_key)
);
INSERT INTO votes VALUES('stand-with-them','EcYMZEnSGXHfw4GJeFczHX901ix6vqR7MKhBESPRzq4','protecting-innocence','2026-11-26T19:08:29.2548326+00:00',NULL,'emulator');
INSERT INTO votes VALUES('stand-with-them','su5mpuKyWa3wf4kpWyUYxN5rsf_KGOR0KmkZNA1kpCk','burundi-refugees-tanzania','2026-11-26T19:08:29.5867623+00:00',NULL,'emulator');
INSERT INTO votes VALUES('stand-with-them','QSPekXSWVolwXbItLwcyVRULi58DYm_GnBrVbSEWGBs','protecting-innocence','2026-11-26T19:08:29.6800120+00:00',NULL,'emulator');
CREATE TABLE vote_requests (
    request_id        TEXT PRIMARY KEY,
    outcome           TEXT NOT NULL,
    cause_id          TEXT NOT NULL,
    previous_cause_id TEXT,
    received_at       TEXT NOT NULL
);
INSERT INTO vote_requests VALUES('gZjZz0vzE5k6FTWXIzMa272v0xBcge8yo0scyci1Npo','Recorded','protecting-innocence',NULL,'2026-11-26T19:08:29.2548326+00:00');
INSERT INTO vote_requests VALUES('WedIf1xM0FBR-1sfcnTcZzgXXY2pWjYOolMefDpQNec','Recorded','burundi-refugees-tanzania',NULL,'2026-11-26T19:08:29.5867623+00:00');
INSERT INTO vote_requests VALUES('q_v7fnM6qiEd0dxqpm6CdrRagI5kkqToupt72uBDj4s','Recorded','protecting-innocence',NULL,'2026-11-26T19:08:29.6800120+00:00');
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
INSERT INTO pledges VALUES('stand-with-them','not-on-my-screen','yjOLIyEMQEzCC5ovhXBKhoka-I7Nl3q2eSKBU6R6JZQ','EcYMZEnSGXHfw4GJeFczHX901ix6vqR7MKhBESPRzq4','CfDJ8BMTCtjfc9lEkX8Pw4XXG4zaxA4yrN_55OOgMHyTC8G3c4B77wve_9t74zP7Zyd-SqVOz-v8iS9jRP4r7f8SFbh3BV5sOw3QhT_X729Oklgo5Akkcp9GOSLe2eFFLUzBbQ','CfDJ8BMTCtjfc9lEkX8Pw4XXG4ywvEdKHqaGRlWiWCONcXho89WKM1Z_sWN_Svs0eWUGtnCeBJBlv9zmiLXossYOdKKd0OmVmOSWbokekbtCY3vxfwWG5Eb8p1L_MsERciieGMBGED00m9BZn5q4Y0tnmGs','2026-11-26T19:08:29.4362367+00:00','dc1192f3d273bbc7984d9cfeac128c60',1,'2026-11-26T19:08:29.5677448+00:00',NULL,'97b6bda124106aedeb8fd82726cf9dcd',NULL);
INSERT INTO pledges VALUES('stand-with-them','not-on-my-screen','x8ZSyG7HZBJVPRVH1E3YGKiZBC4YNyxE02R4LLGh_og','su5mpuKyWa3wf4kpWyUYxN5rsf_KGOR0KmkZNA1kpCk','CfDJ8BMTCtjfc9lEkX8Pw4XXG4wDRunT5yjak72G9lna2keEHoF20atgjXbcxldBELM2mVpTVs2ChU7lbS_GvRczTo4SEPEW-UTRpd7rw_DKl4tpM55cW1XhwyvgrZBd2xJ9Jw','CfDJ8BMTCtjfc9lEkX8Pw4XXG4wGuC7Tc1p8roIbytijaasT3oZm1P-PwF8XrIZT1oO8zpCYqBoZbnxr6i6tJPkhw4zWo9xTx7njf_l169x6lexZ28N4WRLbzS3eJQ_1I5-E3A','2026-11-26T19:08:29.6047953+00:00','c787e2ad597435d3f4b3641e1bc2f742',1,NULL,'2026-11-26T19:08:29.6182507+00:00','73076b9eb0961aafb7c5403a1c2db483',NULL);
CREATE TABLE consent_statements (
    campaign_id    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    text_hash      TEXT NOT NULL,
    text           TEXT NOT NULL,
    first_shown_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, version),
    UNIQUE (campaign_id, text_hash)
);
INSERT INTO consent_statements VALUES('stand-with-them',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde',replace('If you take the pledge, we store your first name and email address with it, to count your pledge and so the campaign can confirm it with you. We store them only with your consent, never sell or share them, and store nothing if you cancel.\n\nDo you agree that we store your first name and email address with your pledge?','\n',char(10)),'2026-11-26T19:08:29.4473803+00:00');
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
INSERT INTO consent_records VALUES('97b6bda124106aedeb8fd82726cf9dcd','dc1192f3d273bbc7984d9cfeac128c60','stand-with-them','EcYMZEnSGXHfw4GJeFczHX901ix6vqR7MKhBESPRzq4',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde','en-GB','emulator','yes','2026-11-26T19:08:29.4362367+00:00');
INSERT INTO consent_records VALUES('73076b9eb0961aafb7c5403a1c2db483','c787e2ad597435d3f4b3641e1bc2f742','stand-with-them','su5mpuKyWa3wf4kpWyUYxN5rsf_KGOR0KmkZNA1kpCk',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde','en-GB','emulator','yes','2026-11-26T19:08:29.6047953+00:00');
INSERT INTO consent_records VALUES('e1a363f331c30d2e9ffa6eba02ef15b3','c787e2ad597435d3f4b3641e1bc2f742','stand-with-them','su5mpuKyWa3wf4kpWyUYxN5rsf_KGOR0KmkZNA1kpCk',1,'f805cfa08fb3b0ff1c47eb208a4548cbd39f1fd46ad141b5588b6efb2a8b3bde',NULL,'emulator','withdrawn','2026-11-26T19:08:29.6182507+00:00');
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
INSERT INTO confirmation_emails VALUES('b5caac80a743e8a8a88f768afcab0ce8','dc1192f3d273bbc7984d9cfeac128c60','2026-11-26T19:08:29.4562016+00:00','2026-11-26T19:08:29.4562016+00:00',1,NULL,'2026-11-26T19:08:29.5202425+00:00','2026-12-03T19:08:29.4678282+00:00',NULL,'2026-11-26T19:08:29.5677448+00:00');
INSERT INTO confirmation_emails VALUES('3ab2f6e43f943cb5a5d4ee3eb225530d','c787e2ad597435d3f4b3641e1bc2f742','2026-11-26T19:08:29.6089624+00:00','2026-11-26T19:08:29.6089624+00:00',1,NULL,'2026-11-26T19:08:29.6119890+00:00','2026-12-03T19:08:29.6109233+00:00',NULL,NULL);
CREATE TABLE erasures (
    erased_at       TEXT NOT NULL,
    source          TEXT NOT NULL,
    votes           INTEGER NOT NULL,
    pledges         INTEGER NOT NULL,
    consent_records INTEGER NOT NULL
);
INSERT INTO erasures VALUES('2026-11-26T19:08:29.6606187+00:00','conversation',0,1,1);
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
INSERT INTO referral_counts VALUES('stand-with-them','9km8bs9yaz','protecting-innocence',1,1,0,'2026-11-26');
CREATE TABLE referral_codes (
    campaign_id   TEXT NOT NULL,
    referral_code TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    PRIMARY KEY (campaign_id, referral_code)
);
INSERT INTO referral_codes VALUES('stand-with-them','9km8bs9yaz','2026-11-26');
CREATE TABLE referral_conversions (
    campaign_id   TEXT NOT NULL,
    referral_code TEXT NOT NULL,
    person_key    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    PRIMARY KEY (campaign_id, referral_code, person_key, kind)
);
INSERT INTO referral_conversions VALUES('stand-with-them','9km8bs9yaz','QSPekXSWVolwXbItLwcyVRULi58DYm_GnBrVbSEWGBs','vote');
CREATE TABLE funnel_steps (
    campaign_id TEXT NOT NULL,
    step        TEXT NOT NULL,
    person_key  TEXT NOT NULL,
    retained_at TEXT,
    PRIMARY KEY (campaign_id, step, person_key)
) WITHOUT ROWID;
INSERT INTO funnel_steps VALUES('stand-with-them','joined','EcYMZEnSGXHfw4GJeFczHX901ix6vqR7MKhBESPRzq4',NULL);
INSERT INTO funnel_steps VALUES('stand-with-them','joined','QSPekXSWVolwXbItLwcyVRULi58DYm_GnBrVbSEWGBs',NULL);
INSERT INTO funnel_steps VALUES('stand-with-them','joined','S9C4LliBcS92Px9sce_-adJiT2TfxzVAPvjoHZCUNsM',NULL);
INSERT INTO funnel_steps VALUES('stand-with-them','joined','su5mpuKyWa3wf4kpWyUYxN5rsf_KGOR0KmkZNA1kpCk',NULL);
INSERT INTO funnel_steps VALUES('stand-with-them','read_a_story','S9C4LliBcS92Px9sce_-adJiT2TfxzVAPvjoHZCUNsM',NULL);
CREATE TABLE bot_state (
    state_key  TEXT PRIMARY KEY,
    etag       TEXT NOT NULL,
    document   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO bot_state VALUES('emulator/conversations/anna-chat','159d885bd3f346979f10dc4c874a00d7','{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","ConversationFlow":{"$type":"PledgeBot.Dialogs.Conversation.ConversationFlow, PledgeBot.Dialogs","Pledge":null,"Referral":null},"eTag":"36ba247be61649bc9839303a1eced7a4"}','2026-11-26T19:08:29.4683321+00:00');
INSERT INTO bot_state VALUES('emulator/conversations/ben-chat','470363a995e3481881eb9bb139bee324','{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","ConversationFlow":{"$type":"PledgeBot.Dialogs.Conversation.ConversationFlow, PledgeBot.Dialogs","Pledge":null,"Referral":null},"eTag":"823f52b3d42143bb9c23729d95d0bb7f"}','2026-11-26T19:08:29.6121884+00:00');
CREATE TABLE admin_audit (
    at     TEXT NOT NULL,
    who    TEXT NOT NULL,
    action TEXT NOT NULL
);
INSERT INTO admin_audit VALUES('2026-11-26T19:08:29.6954671+00:00','organiser@example.org','published content version 1');
CREATE TABLE voting_controls (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    closed_now   INTEGER NOT NULL,
    closes_at    TEXT,
    hide_tallies INTEGER NOT NULL
);
INSERT INTO voting_controls VALUES(1,0,'2031-01-01T00:00:00.0000000+00:00',0);
CREATE TABLE content_versions (
    version      INTEGER PRIMARY KEY AUTOINCREMENT,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    content_json TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    withdrawn_at TEXT
);
INSERT INTO content_versions VALUES(1,'2026-11-26T19:08:29.6986011+00:00','organiser@example.org',replace('{\n  "id": "stand-with-them",\n  "title": "Stand With Them",\n  "intro": "Welcome to Stand With Them. Read four short stories about children and families who urgently need protection, then vote for the cause you think should receive support. If you want to do more, you can also take a pledge.",\n  "privacyStatement": "If you take the pledge, we store your first name and email address with it, to count your pledge and so the campaign can confirm it with you. We store them only with your consent, never sell or share them, and store nothing if you cancel.",\n  "theme": {\n    "accentColor": "#1D6A72",\n    "backgroundColor": "#F4F7F7"\n  },\n  "causes": [\n    {\n      "id": "protecting-innocence",\n      "title": "Protecting Innocence",\n      "summary": "Children in the Philippines are being abused live over webcams for paying customers abroad. Help rescue them and rebuild their lives.",\n      "story": "Maarko (not his real name) is a lively 7-year-old in the Philippines who loves superheroes and chasing his friends. For a time, his childhood was taken from him. A foreign man paid to have a webcam set up in his home, and customers in other countries directed the abuse of Maarko, his little sister and his cousins online. This is cybersex trafficking, a form of modern slavery that hides behind screens but harms real children in real time. The man who organised it is now in prison, and the children live in safe shelters where social workers counsel them. Your vote can help more children be rescued and restored.",\n      "keyFacts": [\n        "Cybersex trafficking is a form of modern slavery: children are abused on webcam for paying viewers elsewhere.",\n        "The man who organised the abuse of Maarko and his family is now in prison.",\n        "Rescued children live in safe shelters and receive ongoing counselling."\n      ],\n      "image": {\n        "file": "images/protecting-innocence.png",\n        "altText": "Illustration of an open laptop whose screen shows a white child''s silhouette inside a green protective shield, with a small red heart in the corner of the screen."\n      },\n      "voteCallToAction": "Vote to send rescue and restoration to children abused over webcams.",\n      "readMoreUrl": "https://www.ijm.org/",\n      "pledge": {\n        "id": "not-on-my-screen",\n        "title": "#NotOnMyScreen",\n        "text": "I pledge to help end the online sexual exploitation of children. I will speak up about cybersex trafficking and never let it have a place on my screen.",\n        "url": "https://notonmyscreen.ca"\n      }\n    },\n    {\n      "id": "burundi-refugees-tanzania",\n      "title": "Refugees from Burundi in Tanzania",\n      "summary": "Families who fled Burundi''s political crisis have spent years in crowded camps in Tanzania and still need food, shelter and protection.",\n      "story": "When a political crisis shook Burundi in 2015, violence and fear drove hundreds of thousands of people from their homes. Many crossed into neighbouring Tanzania and settled in camps such as Nyarugusu and Nduta. Once people become refugees, the protection their own government should give them is gone. In the camps, families have often lived with tight food rations, crowded shelters and few chances to work or study, and many feel unsure about whether it is safe to go home. Children have grown up knowing little else. Your vote can help bring these families food, safety and hope for the future.",\n      "keyFacts": [\n        "Hundreds of thousands of people fled Burundi after the political crisis that began in 2015.",\n        "Many found refuge in Tanzanian camps such as Nyarugusu and Nduta.",\n        "Refugees have lost the protection of their own government and rely on others for safety."\n      ],\n      "image": {\n        "file": "images/burundi-refugees-tanzania.png",\n        "altText": "Illustration of four white tents with blue doors standing on green grass, with a sandy path between them, gentle hills behind and a bright sun in a pale sky."\n      },\n      "voteCallToAction": "Vote to bring food, shelter and protection to Burundian refugees in Tanzania.",\n      "readMoreUrl": "https://www.unhcr.org/"\n    },\n    {\n      "id": "yemen-crisis",\n      "title": "The Humanitarian Catastrophe in Yemen",\n      "summary": "Years of war have left most people in Yemen needing aid, with hunger and disease putting children at particular risk.",\n      "story": "Since war escalated in Yemen in 2015, ordinary families have paid the heaviest price. Homes, hospitals, roads and water systems have been damaged, prices have soared and millions of people have been forced from their homes. Aid agencies estimate that a large majority of the population needs some form of humanitarian help. Many families struggle to put enough food on the table, and children are especially vulnerable to malnutrition. A cholera outbreak, with more than a million suspected cases, spread where clean water and sanitation had broken down. Your vote can help bring clean water, food and health care to families who need it.",\n      "keyFacts": [\n        "War has affected Yemen since 2015, and a large majority of people need humanitarian aid.",\n        "Hunger and malnutrition put children at particular risk.",\n        "A cholera outbreak with more than a million suspected cases followed the collapse of water services."\n      ],\n      "image": {\n        "file": "images/yemen-crisis.png",\n        "altText": "Illustration of a large blue water drop beside a brown bowl filled with golden grain, with two ears of wheat standing to the right on a sandy background."\n      },\n      "voteCallToAction": "Vote to bring clean water, food and health care to families in Yemen.",\n      "readMoreUrl": "https://www.unicef.org/"\n    },\n    {\n      "id": "rohingya-refugees-india",\n      "title": "Rohingya Refugees in India",\n      "summary": "Rohingya families who fled Myanmar live in makeshift settlements in India, uncertain whether they can stay or will be sent back.",\n      "story": "The Rohingya, a mostly Muslim minority from Myanmar, have long been denied citizenship in their own country, and waves of violence have forced many to flee. Tens of thousands have found their way to India, where families live in small settlements in places such as Jammu, Hyderabad and Delhi. Many hold refugee identity cards from UNHCR, yet they often live with the fear of detention or being sent back to Myanmar. Parents take whatever daily work they can find, and children''s schooling is often interrupted. Without a government to protect them, they depend on others. Your vote can help bring them safety and stability.",\n      "keyFacts": [\n        "The Rohingya have been denied citizenship in Myanmar, and many have fled violence there.",\n        "Tens of thousands live in India, in settlements in places such as Jammu, Hyderabad and Delhi.",\n        "Many hold UNHCR refugee cards but still fear detention and deportation."\n      ],\n      "image": {\n        "file": "images/rohingya-refugees-india.png",\n        "altText": "Illustration of a small wooden sailing boat on calm blue water near a green shore, where a sandy path leads up to a small cream house with a red roof under a soft yellow sun."\n      },\n      "voteCallToAction": "Vote to bring safety and stability to Rohingya refugees in India.",\n      "readMoreUrl": "https://www.unhcr.org/"\n    }\n  ]\n}\n','\n',char(10)),'95cea63d20bb8abc601e30ce639e76a9b5b1b7d03e6f813053bb60d2f27c2b45',NULL);
CREATE TABLE crm_outbox (
    record_id        TEXT PRIMARY KEY,
    event            TEXT NOT NULL,
    pledge_record_id TEXT NOT NULL,
    campaign_id      TEXT NOT NULL,
    pledge_id        TEXT NOT NULL,
    created_at       TEXT NOT NULL
, subject_email TEXT, subject_protection INTEGER);
INSERT INTO crm_outbox VALUES('28f52bc89b044e4fafab080a9dd23a5f','pledge.created','dc1192f3d273bbc7984d9cfeac128c60','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.4562016+00:00',NULL,NULL);
INSERT INTO crm_outbox VALUES('d03db9527cb2951914182cca618c5fbd','pledge.confirmed','dc1192f3d273bbc7984d9cfeac128c60','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.5677448+00:00',NULL,NULL);
INSERT INTO crm_outbox VALUES('3932c8fb01d84960c2137837706005b8','pledge.created','c787e2ad597435d3f4b3641e1bc2f742','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.6089624+00:00',NULL,NULL);
INSERT INTO crm_outbox VALUES('db849d2aadd59791de2223fc3c30f0c2','supporter.contact_withdrawn','c787e2ad597435d3f4b3641e1bc2f742','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.6182507+00:00',NULL,NULL);
INSERT INTO crm_outbox VALUES('c7091f1d3f2d556a4574920487e20c34','pledge.created','cd9c3b3421861148c6b2be936fa4e182','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.6421010+00:00',NULL,NULL);
INSERT INTO crm_outbox VALUES('09553704eef1fc72477cd88b71431e6e','supporter.erased','cd9c3b3421861148c6b2be936fa4e182','stand-with-them','not-on-my-screen','2026-11-26T19:08:29.6604733+00:00','CfDJ8BMTCtjfc9lEkX8Pw4XXG4weD9ZY_YDwRYCcmi_noqboLpvKg5YsIaMCigiU08rUnjr5cP3R_M0V2G7YWqTB458HBGMhkkejEhbRjJWVjhyTbvzaZ4USrxQklJhGF9quTvCAP8jjRpnnvqzr7GT4E0w',1);
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
INSERT INTO crm_deliveries VALUES('09553704eef1fc72477cd88b71431e6e','webhook','delivered',1,'2026-11-26T19:08:29.6604733+00:00',200,NULL,'2026-11-26T19:08:29.6668991+00:00','2026-11-26T19:08:29.6668991+00:00');
INSERT INTO crm_deliveries VALUES('28f52bc89b044e4fafab080a9dd23a5f','webhook','delivered',1,'2026-11-26T19:08:29.4562016+00:00',200,NULL,'2026-11-26T19:08:29.6151363+00:00','2026-11-26T19:08:29.6151363+00:00');
INSERT INTO crm_deliveries VALUES('3932c8fb01d84960c2137837706005b8','webhook','delivered',1,'2026-11-26T19:08:29.6089624+00:00',200,NULL,'2026-11-26T19:08:29.6256468+00:00','2026-11-26T19:08:29.6256468+00:00');
INSERT INTO crm_deliveries VALUES('c7091f1d3f2d556a4574920487e20c34','webhook','delivered',1,'2026-11-26T19:08:29.6421010+00:00',200,NULL,'2026-11-26T19:08:29.6469878+00:00','2026-11-26T19:08:29.6469878+00:00');
INSERT INTO crm_deliveries VALUES('d03db9527cb2951914182cca618c5fbd','webhook','delivered',1,'2026-11-26T19:08:29.5677448+00:00',200,NULL,'2026-11-26T19:08:29.6280136+00:00','2026-11-26T19:08:29.6280136+00:00');
INSERT INTO crm_deliveries VALUES('db849d2aadd59791de2223fc3c30f0c2','webhook','delivered',1,'2026-11-26T19:08:29.6182507+00:00',200,NULL,'2026-11-26T19:08:29.6338683+00:00','2026-11-26T19:08:29.6338683+00:00');
CREATE TABLE health_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT NOT NULL
);
INSERT INTO health_probe VALUES(1,'');
CREATE TABLE vote_counts (
    campaign_id TEXT NOT NULL,
    cause_id    TEXT NOT NULL,
    votes       INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, cause_id)
) WITHOUT ROWID;
INSERT INTO vote_counts VALUES('stand-with-them','burundi-refugees-tanzania',1);
INSERT INTO vote_counts VALUES('stand-with-them','protecting-innocence',2);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('content_versions',1);
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
COMMIT;
PRAGMA user_version = 6;
