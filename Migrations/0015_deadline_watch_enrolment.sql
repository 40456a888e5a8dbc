-- 0015_deadline_watch_enrolment: a registration no longer writes its `deadline_watch` row; the
-- deadline scheduler enrols new messages itself, in batches, from `first_look_at`.
--
-- `deadline_watch_due` is ordered by the instant a message's risk first changes, which depends on
-- the region's time zone and the topic's term: the messages of one group commit landed on a dozen
-- scattered pages of it, every one written to the log and checkpointed again. Enrolled a few
-- thousand at a time, they share those pages.

-- When the deadline scheduler is first to look at the message (as `deadline_watch.next_change_at`
-- would have said at registration). Only enrolment reads it.
ALTER TABLE messages ADD COLUMN first_look_at INTEGER;

-- Messages with ids up to `through` are enrolled (or were finished before they could be).
CREATE TABLE deadline_watch_enrolment (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through INTEGER NOT NULL CHECK (through >= 0)
) STRICT;

-- Every message registered so far got its row at registration.
INSERT INTO deadline_watch_enrolment (id, through) SELECT 1, ifnull(max(id), 0) FROM messages;
