-- 0001_initial: the first schema of Okno.
--
-- Conventions, for this file and every later one:
-- * Migrations are append-only: once landed, a file is never edited (the migrator checksums it and
--   refuses a changed one). A change to the schema is a new NNNN_name.sql file.
-- * No BEGIN/COMMIT here: the migrator runs each file in its own transaction.
-- * Instants are INTEGER milliseconds since 1970-01-01 UTC (columns named *_at); local calendar
--   dates are TEXT 'YYYY-MM-DD' (columns named *_date), in the time zone of the message's region.
-- * Booleans are INTEGER 0/1 with a CHECK. Enumerations are TEXT with a CHECK listing the values,
--   so a typo in code fails loudly instead of storing a state nobody handles.
-- * Codes from the directory (topic, region, unit, agency) are stored as the code itself and
--   referenced with foreign keys; DirectoryRepository refuses to remove a code still in use.

-- Directory ----------------------------------------------------------------------------------
-- The organisational reference data, loaded from directory.json on first start and replaced as a
-- whole by `okno directory import`. `position` keeps each list in file order.

-- A single row (id = 1): deadline terms and the free-text description of the directory.
CREATE TABLE directory_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    answer_days INTEGER NOT NULL CHECK (answer_days > 0),
    expedited_answer_days INTEGER NOT NULL CHECK (expedited_answer_days > 0),
    forward_days INTEGER NOT NULL CHECK (forward_days > 0),
    about TEXT
) STRICT;

-- Federal subjects; the region's time zone fixes a message's registration date and deadlines.
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Central departments and territorial bodies (one GU-<region> per region).
CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('central', 'territorial')),
    region TEXT REFERENCES regions (code),
    time_zone TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- External bodies that out-of-competence messages are forwarded to.
CREATE TABLE agencies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- What applicants write about, and who is competent to answer.
CREATE TABLE topics (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    competence TEXT NOT NULL CHECK (competence IN ('territorial', 'central', 'external')),
    expedited INTEGER NOT NULL CHECK (expedited IN (0, 1)),
    unit TEXT REFERENCES units (code),
    agency TEXT REFERENCES agencies (code),
    position INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Applicants -----------------------------------------------------------------------------------
-- Personal data lives here and nowhere else (messages point at it), so that it can be shown only
-- to officers, kept out of reports and the event feed, and erased on its own when required.
CREATE TABLE applicants (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('citizen', 'organization')),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    inn TEXT,
    created_at INTEGER NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL),
    CHECK (kind = 'citizen' OR inn IS NOT NULL)
) STRICT;

-- Messages -------------------------------------------------------------------------------------

-- The last sequence number given out per registration year; numbers are `YYYY-NNNNNN`. The
-- increment happens in the registering transaction, so a rolled-back registration gives its
-- number back and the numbers stay gap-free.
CREATE TABLE number_sequences (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
    last INTEGER NOT NULL CHECK (last >= 0)
) STRICT;

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN (
        'registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval',
        'answered', 'closed', 'forwarded', 'closed_no_answer')),
    topic TEXT NOT NULL REFERENCES topics (code),
    region TEXT NOT NULL REFERENCES regions (code),
    channel TEXT NOT NULL CHECK (channel IN ('portal', 'mobile', 'social', 'edms', 'open311')),
    source_url TEXT,
    text TEXT NOT NULL,
    address TEXT,
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    -- NULL while `registered` (no route found): the administrative department picks it up.
    unit TEXT REFERENCES units (code),
    -- The external agency a message waits to be forwarded to (it sits with AD meanwhile);
    -- cleared when the message is routed to a unit instead, which ends the forward deadline.
    suggested_agency TEXT REFERENCES agencies (code),
    -- The agency it was forwarded to (status `forwarded`).
    forwarded_to TEXT REFERENCES agencies (code),
    expedited INTEGER NOT NULL CHECK (expedited IN (0, 1)),
    -- As given by an integration for messages registered elsewhere, else the arrival time.
    registered_at INTEGER NOT NULL,
    -- The local date of registered_at in the region's time zone: the D of all deadline terms.
    registered_date TEXT NOT NULL,

    -- The answer deadline; every message has one. A reopened message gets a new term here.
    answer_kind TEXT NOT NULL CHECK (answer_kind IN ('answer', 'expedited_answer')),
    answer_due_at INTEGER NOT NULL,
    answer_due_date TEXT NOT NULL,
    answer_done_at INTEGER,
    -- Set once an approver has extended the answer deadline (allowed once).
    extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),

    -- The forward deadline of an out-of-competence message; NULL for the others.
    forward_due_at INTEGER,
    forward_due_date TEXT,
    forward_done_at INTEGER,

    -- The answer as drafted and, once approved, as sent to the applicant.
    answer_draft TEXT,
    answer_text TEXT,
    answer_sent_at INTEGER,
    -- The legal reason of `closed_no_answer`.
    close_reason TEXT CHECK (close_reason IN ('anonymous', 'obscene', 'unreadable', 'duplicate', 'repeated')),

    -- Which routing rule (and which version of the rule set) chose the unit; NULL for a default route.
    route_rule_id INTEGER,
    rule_set_version INTEGER,
    -- The officer working on it, by token name.
    assignee TEXT,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id),

    -- Incremented by every change; the ETag of the officer view.
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- When the deadline scheduler next looks at this message: the next instant a deadline's risk
    -- changes (at risk, overdue); NULL when no open deadline will change any more.
    next_risk_change_at INTEGER,

    -- The earliest open deadline, which orders the queue (most urgent first); NULL when none is
    -- open. As in the domain's MessageSnapshot: the answer deadline runs while the status is open
    -- and the term unanswered; the forward deadline while the message also still waits in AD
    -- for its suggested agency. Derived, so it cannot drift from the columns it is computed from.
    open_due_at INTEGER GENERATED ALWAYS AS (
        CASE
            WHEN status NOT IN ('registered', 'assigned', 'in_progress', 'answer_drafted', 'on_approval') THEN NULL
            WHEN forward_due_at IS NULL OR forward_done_at IS NOT NULL OR suggested_agency IS NULL THEN
                CASE WHEN answer_done_at IS NULL THEN answer_due_at END
            WHEN answer_done_at IS NOT NULL THEN forward_due_at
            ELSE min(answer_due_at, forward_due_at)
        END
    ) VIRTUAL,

    UNIQUE (year, sequence),
    CHECK (number = printf('%04d-%06d', year, sequence)),
    CHECK (channel <> 'social' OR source_url IS NOT NULL),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK ((forward_due_at IS NULL) = (forward_due_date IS NULL)),
    CHECK (status <> 'registered' OR unit IS NULL),
    CHECK (status = 'registered' OR unit IS NOT NULL OR status IN ('forwarded', 'closed_no_answer')),
    CHECK ((status = 'closed_no_answer') = (close_reason IS NOT NULL)),
    CHECK (status <> 'forwarded' OR forwarded_to IS NOT NULL),
    CHECK ((answer_text IS NULL) = (answer_sent_at IS NULL))
) STRICT;

-- The queue: open messages, most urgent first; overall, per unit, and per status.
CREATE INDEX messages_queue ON messages (open_due_at, id) WHERE open_due_at IS NOT NULL;
CREATE INDEX messages_queue_by_unit ON messages (unit, open_due_at, id) WHERE open_due_at IS NOT NULL;
CREATE INDEX messages_queue_by_status ON messages (status, open_due_at, id);
-- The deadline scheduler: messages whose risk changes next.
CREATE INDEX messages_next_risk_change ON messages (next_risk_change_at)
    WHERE next_risk_change_at IS NOT NULL;
-- Reports and statistics select by registration date (from/to are local dates).
CREATE INDEX messages_registered_date ON messages (registered_date);
CREATE INDEX messages_applicant ON messages (applicant_id);

-- Applicants' access tokens, stored as SHA-256 hex. A message may have several: a client that
-- retries with the same Idempotency-Key gets a new token, which must work too.
CREATE TABLE message_access_tokens (
    hash TEXT PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX message_access_tokens_message ON message_access_tokens (message_id);

-- Idempotency keys of POST /api/v1/messages; keys are global. `request_hash` is the hash of the
-- request body: the same key with another body is refused. message_id is set in the same
-- transaction that claims the key, so a committed key always names its message.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    message_id INTEGER REFERENCES messages (id),
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Events ---------------------------------------------------------------------------------------
-- The change feed (GET /api/v1/events) and each message's history. `seq` is the rowid: with a
-- single writer and rows never deleted, each new event gets max(seq) + 1 and commits in seq
-- order, so the feed is gap-free and a reader polling `after=N` never skips one.
-- `number` is copied from the message so the feed needs no join; `data` is a JSON object, and
-- carries `status` when the event changed the message's status (the public timeline reads it).
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    message_id INTEGER REFERENCES messages (id),
    number TEXT,
    at INTEGER NOT NULL,
    actor TEXT,
    data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data) AND json_type(data) = 'object')
) STRICT;
CREATE INDEX events_message ON events (message_id, seq) WHERE message_id IS NOT NULL;

-- API tokens -----------------------------------------------------------------------------------
-- Officers' and systems' bearer tokens; only the SHA-256 hex of a token is stored. Executors and
-- approvers belong to a unit. A name is unique among tokens not revoked, so `revoke --name` is
-- unambiguous.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    role TEXT NOT NULL CHECK (role IN ('admin', 'registrar', 'executor', 'approver', 'analyst', 'integration')),
    unit TEXT REFERENCES units (code),
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER,
    CHECK (role NOT IN ('executor', 'approver') OR unit IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
