-- 0008_deadline_watch: when the deadline scheduler looks at a message next moves out of `messages`
-- into a narrow table of its own.
--
-- Rescheduling a message used to rewrite its whole `messages` row (text, answer and all): a pass
-- over 13,000 messages dirtied 13,000 scattered table pages and spent over a second in WAL writes
-- and checkpoints. A row here is two integers, and only open messages have one: registration and
-- every transition of an open message set it to the instant of the change ("look at it now"), the
-- scheduler moves it to the next instant a risk changes, and deletes it when none will.
CREATE TABLE deadline_watch (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id),
    next_change_at INTEGER NOT NULL
) STRICT;

CREATE INDEX deadline_watch_due ON deadline_watch (next_change_at);

INSERT INTO deadline_watch (message_id, next_change_at)
SELECT id, next_risk_change_at FROM messages WHERE next_risk_change_at IS NOT NULL;

DROP INDEX messages_next_risk_change;
ALTER TABLE messages DROP COLUMN next_risk_change_at;
