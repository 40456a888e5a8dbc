-- 0011_append_only_intake: a registration writes its index entries at the end of each index,
-- not at random places. Each commit of the intake writer writes every page it changed to the
-- log (and the checkpoint writes it again), so an index keyed by a random value costs about one
-- page per message, whatever the batch; an index in insertion order costs one page per batch.

-- 1. Access tokens are keyed by their message. Every lookup knows the number (hence the message)
--    and the token; keyed by the token's hash alone, each new token landed on a random page.
CREATE TABLE message_access_tokens_by_message (
    message_id INTEGER NOT NULL REFERENCES messages (id),
    hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, hash)
) STRICT, WITHOUT ROWID;
INSERT INTO message_access_tokens_by_message (message_id, hash, created_at)
SELECT message_id, hash, created_at FROM message_access_tokens;
DROP TABLE message_access_tokens;
ALTER TABLE message_access_tokens_by_message RENAME TO message_access_tokens;

-- 2. The report index orders a day's messages by id, not by unit: its readers scan whole date
--    ranges and never seek by unit, and within the current date the unit was random.
DROP INDEX messages_report;
CREATE INDEX messages_report ON messages (
    registered_date, id, unit, topic, region, answer_done_at, answer_due_at, forward_done_at, forward_due_at);
