-- 0014_queue_index_file: the queue's per-unit, per-topic and per-region indexes and its full-text
-- index leave this database for a file of their own, kept by a thread of its own (`QueueIndex`).
-- SQLite lets one connection write a database file at a time: filling those indexes after intake
-- (0007, 0012) took the single writer from registrations for a third of its time and held every
-- commit behind it, 15 ms per batch.
--
-- That file is derived data, built from this one and rebuilt whenever it is missing or does not
-- match. It follows new messages by id and changed messages through `message_changes`, which
-- the trigger below fills on every update of a message (registrations are inserts: intake writes
-- nothing more).
DROP TRIGGER queue_fts_leave;
DROP TRIGGER queue_fts_return;
DROP TABLE queue_fts;
DROP TABLE search_index_state;
DROP INDEX messages_queue_by_unit;
DROP INDEX messages_queue_by_topic;
DROP INDEX messages_queue_by_region;
-- `messages.queue_pending` (0012) stays, unused: dropping a column rewrites the whole table.

-- Which database an index file was built from: a random token, copied by backups.
CREATE TABLE database_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL
) STRICT;
INSERT INTO database_identity (id, token) VALUES (1, lower(hex(randomblob(16))));

-- The log of changed messages. AUTOINCREMENT: a sequence number is never used twice, even after
-- the rows the index file has followed are deleted (`Store.pruneMessageChanges`), which records
-- how far it deleted: an index file that has not followed that far (restored, or it lost its last
-- commits) is built anew.
CREATE TABLE message_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL
) STRICT;
CREATE TABLE message_changes_pruned (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through INTEGER NOT NULL
) STRICT;
INSERT INTO message_changes_pruned (id, through) VALUES (1, 0);

CREATE TRIGGER message_changes_log AFTER UPDATE ON messages
BEGIN
    INSERT INTO message_changes (message_id) VALUES (new.id);
END;

-- The index file's full-text index forgets a text only given the text it indexed, so a message's
-- text, as received, is never rewritten.
CREATE TRIGGER messages_text_never_rewritten BEFORE UPDATE OF text ON messages
WHEN new.text IS NOT old.text
BEGIN
    SELECT RAISE(ABORT, 'a message text is never rewritten');
END;
