-- 0006_rating_window: answered messages by when their answer went out, so the scheduler finds the
-- ones whose rating window has passed (and closes them) without scanning every answered message.
CREATE INDEX messages_awaiting_rating ON messages (answer_sent_at, id) WHERE status = 'answered';
