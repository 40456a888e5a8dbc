-- 0017_no_applicant_index: `messages_applicant` goes. No query looks messages up by applicant
-- (a message's applicant is read through `applicants`' primary key), applicants are never deleted
-- or renumbered (the only use SQLite's foreign-key checks would make of it), and every
-- registration paid for it: an entry and about 1.5 pages written per commit.
DROP INDEX messages_applicant;
