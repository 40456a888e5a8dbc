-- 0018_numbers_from_messages: a registration takes its number from `messages` itself, the
-- largest sequence of its year plus one, read at the end of the (year, sequence) unique index in
-- the same work item as the insert. The per-year counter in `number_sequences` always said the
-- same (it was raised in the work item of the message it numbered, and messages are never
-- deleted), and raising it was an upsert per registration, about an eighth of SQLite's CPU time
-- for one. It goes.
--
-- The check table refuses the migration if a counter disagrees with the messages of its year, or
-- a year of messages has no counter: then numbers could be given twice or skipped, and this
-- migration must not guess which is right.
CREATE TABLE migration_0018_check (
    year INTEGER NOT NULL,
    CONSTRAINT number_sequences_agree_with_messages CHECK (year IS NULL)
);
INSERT INTO migration_0018_check (year)
SELECT s.year FROM number_sequences s
WHERE s.last IS NOT (SELECT max(m.sequence) FROM messages m WHERE m.year = s.year)
UNION
SELECT m.year FROM messages m WHERE m.year NOT IN (SELECT year FROM number_sequences);
DROP TABLE migration_0018_check;
DROP TABLE number_sequences;
