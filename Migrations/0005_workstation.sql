-- 0005_workstation: what officers' workstations need beyond the lifecycle columns of 0001:
-- answer templates, applicants' ratings and the record of who read an applicant's personal data.

-- Answer templates with {{placeholders}}; `topic` NULL means any topic.
CREATE TABLE templates (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    topic TEXT REFERENCES topics (code),
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One rating per message, given by the applicant after the answer was sent. A low score (1 or 2)
-- is flagged for the administrative department until someone reopens or dismisses it.
CREATE TABLE ratings (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    rated_at INTEGER NOT NULL,
    flagged INTEGER NOT NULL CHECK (flagged IN (0, 1))
) STRICT;
CREATE INDEX ratings_flagged ON ratings (rated_at) WHERE flagged = 1;

-- Every read of an applicant's personal data through the officer API: who, which message, when.
CREATE TABLE personal_data_reads (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX personal_data_reads_message ON personal_data_reads (message_id, id);

-- The officers' queue filtered by topic or region alone, still in deadline order.
CREATE INDEX messages_queue_by_topic ON messages (topic, open_due_at, id) WHERE open_due_at IS NOT NULL;
CREATE INDEX messages_queue_by_region ON messages (region, open_due_at, id) WHERE open_due_at IS NOT NULL;

-- Full-text search of message texts for the queue's `q`; the text never changes after intake.
CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content = 'messages', content_rowid = 'id');
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
