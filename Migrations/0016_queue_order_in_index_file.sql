-- 0016_queue_order_in_index_file: the queue's deadline order leaves the main database for the
-- queue index file (0014), as its filters did; a status index in insertion order stays.
--
-- Both indexes were ordered by the earliest open deadline, which depends on the region's time
-- zone and the topic's term: the messages of one group commit landed on a dozen scattered pages
-- of each, every one written to the log and checkpointed again (a third of intake's page
-- writes). The index file keeps the same order (`entries_by_due`, `entries_by_status`), filled in
-- batches of thousands. The overdue report and every queue read but a number's now go through it.
DROP INDEX messages_queue;
DROP INDEX messages_queue_by_status;

-- For the daily report's open messages and its `closed_no_answer` ones: new messages share the
-- last page of their status.
CREATE INDEX messages_status ON messages (status, id);
