-- 0003_deadline_notices: what the deadline scheduler has announced, so that it announces it once.
--
-- A deadline is its kind and its due instant: an extended or reopened term is a new deadline and
-- gets its own notices. Each deadline is announced at most once per level (`at_risk`, `overdue`),
-- whatever the restarts, missed ticks or simultaneous ticks: the primary key refuses a second row,
-- and the row is written in the same transaction as its `deadline.*` event.
--
-- `due_instant` is when the notice was due: when the level was reached, or, for a deadline that
-- appeared after that (a term extended while already at risk), when the scheduler was asked to look
-- at the message. `noticed_at` is when the scheduler announced it. The scheduler's lateness is
-- `noticed_at - due_instant`; it is written once and never rewritten (the trigger refuses updates).
CREATE TABLE deadline_notices (
    message_id INTEGER NOT NULL REFERENCES messages (id),
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'expedited_answer', 'forward')),
    due_at INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('at_risk', 'overdue')),
    due_instant INTEGER NOT NULL,
    noticed_at INTEGER NOT NULL,
    -- The `deadline.at_risk` / `deadline.overdue` event written with this notice.
    event_seq INTEGER NOT NULL REFERENCES events (seq),
    PRIMARY KEY (message_id, kind, due_at, level),
    CHECK (noticed_at >= due_instant)
) STRICT, WITHOUT ROWID;

-- Lateness over a period (monitoring of the scheduler).
CREATE INDEX deadline_notices_noticed_at ON deadline_notices (noticed_at);

CREATE TRIGGER deadline_notices_never_rewritten BEFORE UPDATE ON deadline_notices
BEGIN
    SELECT RAISE(ABORT, 'deadline notices are written once and never rewritten');
END;
