-- 0009_queue_filters: the officers' queue answers combined filters from its indexes alone.
--
-- 1. The per-unit, per-topic and per-region queue indexes also carry the other filter columns, so
--    that `unit` + `status` or `topic` + `region` are checked inside the index, and the table is
--    read only for the rows that make the page (before, every open message of the unit or region
--    was looked up in the table to test the second filter: 1,000–20,000 lookups on a large
--    database). The queries keep the `status` index for `status` alone.
DROP INDEX messages_queue_by_unit;
DROP INDEX messages_queue_by_topic;
DROP INDEX messages_queue_by_region;
CREATE INDEX messages_queue_by_unit ON messages (unit, open_due_at, id, status, topic, region)
    WHERE open_due_at IS NOT NULL;
CREATE INDEX messages_queue_by_topic ON messages (topic, open_due_at, id, unit, status, region)
    WHERE open_due_at IS NOT NULL;
CREATE INDEX messages_queue_by_region ON messages (region, open_due_at, id, unit, status, topic)
    WHERE open_due_at IS NOT NULL;

-- 2. The full-text index, searched only by the queue, holds only messages in an open status: a
--    search then reads the few thousand open messages a word occurs in, not every message ever
--    received (35,000 of 1,000,000 for "гидрант", 6 ms per search). New messages are still indexed
--    in batches after intake (`search_index_state`); these triggers keep the indexed ones in step
--    with their status. The text of a message never changes, so the 'delete' below removes exactly
--    what was indexed.
DROP TRIGGER messages_fts_delete;
DROP TABLE messages_fts;
CREATE VIRTUAL TABLE queue_fts USING fts5 (text, content = 'messages', content_rowid = 'id');
INSERT INTO queue_fts (rowid, text)
SELECT id, text FROM messages
WHERE status IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval')
    AND id <= (SELECT last_message_id FROM search_index_state WHERE id = 1);

CREATE TRIGGER queue_fts_leave AFTER UPDATE OF status ON messages
WHEN old.status IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval')
    AND new.status NOT IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval')
    AND old.id <= (SELECT last_message_id FROM search_index_state WHERE id = 1)
BEGIN
    INSERT INTO queue_fts (queue_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER queue_fts_return AFTER UPDATE OF status ON messages
WHEN old.status NOT IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval')
    AND new.status IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval')
    AND new.id <= (SELECT last_message_id FROM search_index_state WHERE id = 1)
BEGIN
    INSERT INTO queue_fts (rowid, text) VALUES (new.id, new.text);
END;
