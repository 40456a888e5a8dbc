-- 0007_search_index_off_intake: full-text indexing leaves the intake transaction. Tokenizing each
-- text inside the group commit cost more than the rest of a registration; new messages are now
-- indexed in batches (by the server every second, and before any search), and this row records
-- how far indexing has got.
DROP TRIGGER messages_fts_insert;

CREATE TABLE search_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_message_id INTEGER NOT NULL
) STRICT;
INSERT INTO search_index_state (id, last_message_id) VALUES (1, (SELECT ifnull(max(id), 0) FROM messages));
