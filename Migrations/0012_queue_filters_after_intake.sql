-- 0012_queue_filters_after_intake: new messages enter the queue's per-unit, per-topic and
-- per-region indexes in batches after intake, like their texts enter the full-text index (0007).
-- Those three indexes put each message next to the others of its unit, topic or region: a group
-- commit of N messages changed about 3 × N pages there, each written to the log and again by the
-- checkpoint, which made them the largest share of the intake's cost. A batch of thousands
-- changes each unit's, topic's and region's page once.
--
-- `queue_pending` is 1 from registration until the batch after intake (`search_index_state`)
-- takes the message in; every message up to `last_message_id` has 0. A filtered queue read
-- walks the index for the others and reads the few pending ones (ids above `last_message_id`) by
-- id range, merging both in deadline order.
ALTER TABLE messages ADD COLUMN queue_pending INTEGER NOT NULL DEFAULT 0 CHECK (queue_pending IN (0, 1));
UPDATE messages SET queue_pending = 1 WHERE id > (SELECT last_message_id FROM search_index_state WHERE id = 1);

DROP INDEX messages_queue_by_unit;
DROP INDEX messages_queue_by_topic;
DROP INDEX messages_queue_by_region;
CREATE INDEX messages_queue_by_unit ON messages (unit, open_due_at, id, status, topic, region)
    WHERE open_due_at IS NOT NULL AND queue_pending = 0;
CREATE INDEX messages_queue_by_topic ON messages (topic, open_due_at, id, unit, status, region)
    WHERE open_due_at IS NOT NULL AND queue_pending = 0;
CREATE INDEX messages_queue_by_region ON messages (region, open_due_at, id, unit, status, topic)
    WHERE open_due_at IS NOT NULL AND queue_pending = 0;
