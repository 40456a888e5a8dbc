-- 0018_numbers_from_messages: a registration takes its number from `messages` itself, the
-- largest sequence of its year plus one, read at the end of the (year, sequence) unique index in
-- the same work item as the insert. The per-year counter in `number_sequences` always said the
-- same (it was raised in the work item of the message it numbered, and messages are never
-- deleted), and raising it was an upsert per registration, about a seventh of SQLite's CPU time
-- for one. It goes.
--
-- The check table refuses the migration if a counter is ahead of the messages of its year: then
-- numbers were counted as given out that no message holds (rows deleted by hand), and numbering
-- from the messages would give them out again. A counter behind its messages, or a year without a
-- counter, is harmless: numbering from the messages is what such a database needs.
CREATE TABLE migration_0018_check (
    year INTEGER NOT NULL,
    CONSTRAINT number_sequences_not_ahead_of_messages CHECK (year IS NULL)
);
INSERT INTO migration_0018_check (year)
SELECT s.year FROM number_sequences s
WHERE s.last > coalesce((SELECT max(m.sequence) FROM messages m WHERE m.year = s.year), 0);
DROP TABLE migration_0018_check;
DROP TABLE number_sequences;
