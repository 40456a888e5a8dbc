-- 0002_routing_rules: the routing engine's rules, their version and the audit trail of changes.

-- Rules an administrator added on top of the directory's competence defaults. A rule matches on
-- any of topic, region, channel (NULL = any) and sends to a unit or to an external agency.
CREATE TABLE routing_rules (
    id INTEGER PRIMARY KEY,
    priority INTEGER NOT NULL DEFAULT 0,
    match_topic TEXT REFERENCES topics (code),
    match_region TEXT REFERENCES regions (code),
    match_channel TEXT CHECK (match_channel IN ('portal', 'mobile', 'social', 'edms', 'open311')),
    target_unit TEXT REFERENCES units (code),
    target_agency TEXT REFERENCES agencies (code),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((target_unit IS NULL) <> (target_agency IS NULL))
) STRICT;

-- Two rules with the same match would make resolution depend on age alone: refused.
CREATE UNIQUE INDEX routing_rules_by_match
    ON routing_rules (ifnull(match_topic, ''), ifnull(match_region, ''), ifnull(match_channel, ''));

-- The rule-set version: bumped by every change, stored on each message routed under it.
CREATE TABLE routing_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT INTO routing_state (id, version) VALUES (1, 0);

-- Who changed which rule when, with the rule before and after as JSON (NULL when absent).
CREATE TABLE routing_rule_changes (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('created', 'deleted')),
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    before TEXT,
    after TEXT
) STRICT;
CREATE INDEX routing_rule_changes_by_rule ON routing_rule_changes (rule_id, id);
