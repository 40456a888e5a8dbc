-- 0004_report_indexes: what the administrative department's reports read.

-- The KPI report and the public statistics aggregate the messages registered in a date range.
-- Covering their columns lets them read this index alone instead of the whole rows (which carry
-- the message text); it replaces 0001's messages_registered_date, its prefix.
CREATE INDEX messages_report ON messages (
    registered_date, unit, topic, region, answer_done_at, answer_due_at, forward_done_at, forward_due_at);
DROP INDEX messages_registered_date;

-- The daily report finds the answers and forwards done on a date (and after it, to rebuild the
-- state at its end) without a table scan.
CREATE INDEX messages_answer_done ON messages (answer_done_at) WHERE answer_done_at IS NOT NULL;
CREATE INDEX messages_forward_done ON messages (forward_done_at) WHERE forward_done_at IS NOT NULL;
