-- 0010_notice_time_index: nothing reads deadline notices by when they were given (lateness is read
-- per message), and the index cost every notice of the scheduler one more insert.
DROP INDEX deadline_notices_noticed_at;
