-- 0013_checks_without_value_lists: the messages table's constraints and its derived `open_due_at`
-- say "one of these values" with comparisons instead of `IN (...)` lists. SQLite evaluates an
-- `IN` list of more than two constants by building a temporary b-tree of the values, once per
-- statement run: four of them on every registration (status, channel, close_reason, and the
-- open statuses of open_due_at), about a third of the CPU time SQLite spends on a registration.
-- The comparisons accept and refuse exactly the same rows (the columns are compared with the same
-- constants; a NULL passes a CHECK either way), so the rows and indexes on disk stay valid.
--
-- A table's CHECK constraints and generated columns can only change by rebuilding the table
-- (about 2 GB with a million messages) or by the procedure SQLite documents for changes that do
-- not touch the stored content ("ALTER TABLE", section "Making Other Kinds Of Table Schema
-- Changes"): rewrite the table's CREATE statement in sqlite_schema within a transaction, and
-- change the schema version so that every connection reads it again. This migration does the
-- latter; the check table below refuses to go on unless all four lists were found and replaced.

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(replace(replace(replace(sql,
    'CHECK (status IN (
        ''registered'', ''assigned'', ''in_progress'', ''answer_drafted'', ''on_approval'',
        ''answered'', ''closed'', ''forwarded'', ''closed_no_answer''))',
    'CHECK (
        status = ''registered'' OR status = ''assigned'' OR status = ''in_progress''
        OR status = ''answer_drafted'' OR status = ''on_approval'' OR status = ''answered''
        OR status = ''closed'' OR status = ''forwarded'' OR status = ''closed_no_answer'')'),
    'CHECK (channel IN (''portal'', ''mobile'', ''social'', ''edms'', ''open311''))',
    'CHECK (
        channel = ''portal'' OR channel = ''mobile'' OR channel = ''social'' OR channel = ''edms''
        OR channel = ''open311'')'),
    'CHECK (close_reason IN (''anonymous'', ''obscene'', ''unreadable'', ''duplicate'', ''repeated''))',
    'CHECK (
        close_reason = ''anonymous'' OR close_reason = ''obscene'' OR close_reason = ''unreadable''
        OR close_reason = ''duplicate'' OR close_reason = ''repeated'')'),
    'WHEN status NOT IN (''registered'', ''assigned'', ''in_progress'', ''answer_drafted'', ''on_approval'') THEN NULL',
    'WHEN status <> ''registered'' AND status <> ''assigned'' AND status <> ''in_progress''
                AND status <> ''answer_drafted'' AND status <> ''on_approval'' THEN NULL')
WHERE type = 'table' AND name = 'messages';

-- RESET turns writable_schema off and makes this connection read the schema again at once, inside
-- the transaction: a statement SQLite could not parse would fail here and be rolled back.
PRAGMA writable_schema = RESET;

-- Creating and dropping a table changes the schema version (the documented procedure's last
-- step), and the CHECK refuses the migration unless all four lists were replaced by the
-- comparisons above: otherwise the statement differs from what 0001 created, and this rewrite
-- must not guess.
CREATE TABLE migration_0013_check (
    lists_left INTEGER NOT NULL,
    comparisons INTEGER NOT NULL,
    CONSTRAINT messages_schema_as_created_by_0001 CHECK (lists_left = 0 AND comparisons = 4)
);
INSERT INTO migration_0013_check (lists_left, comparisons)
SELECT (instr(sql, 'CHECK (status IN (') > 0) + (instr(sql, 'CHECK (channel IN (') > 0)
        + (instr(sql, 'CHECK (close_reason IN (') > 0) + (instr(sql, 'status NOT IN (') > 0),
    (instr(sql, 'status = ''registered'' OR status = ''assigned''') > 0)
        + (instr(sql, 'channel = ''portal'' OR channel = ''mobile''') > 0)
        + (instr(sql, 'close_reason = ''anonymous'' OR close_reason = ''obscene''') > 0)
        + (instr(sql, 'WHEN status <> ''registered'' AND status <> ''assigned''') > 0)
FROM sqlite_schema WHERE type = 'table' AND name = 'messages';
DROP TABLE migration_0013_check;
