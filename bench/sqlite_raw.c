/*
 * The raw SQLite write limit of this disk, for comparison with okno's intake (bench/intake.sh).
 *
 * Runs okno's own registration statements on okno's own schema: DB_PATH must be a copy of a fresh
 * okno database (all migrations applied and the directory loaded; bench/intake.sh makes one with
 * `okno backup`). journal_mode=WAL, synchronous=FULL, foreign_keys=ON and temp_store=MEMORY, as
 * okno's connections have; no savepoints, as okno's writer runs a batch that does not fail.
 *
 *   mode "message": what MessageRepository.register runs per message, 6 statements: the
 *                   next number of the year (from messages), the applicant, the message (with its first look
 *                   instant: the deadline scheduler enrols it later), its access token and two
 *                   events.
 *   mode "row":     the messages row alone (numbers counted in C), one applicant shared by all.
 *
 * Topics, regions and units are drawn from the directory tables with a fixed seed. Not done here:
 * what okno does after intake (the batches that fill the queue's filter and full-text indexes).
 *
 * Usage: sqlite_raw DB_PATH message|row MESSAGES PER_TXN
 * Prints: "<messages/s> rows/s (<messages> rows, <per_txn> per transaction, <seconds> s)"
 * Build:  gcc -O2 -o sqlite_raw bench/sqlite_raw.c -lsqlite3
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;

static void check(int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static void exec(const char *sql) {
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, error);
        exit(1);
    }
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *statement;
    check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL), sql);
    return statement;
}

static void step(sqlite3_stmt *statement) {
    check(sqlite3_step(statement), sqlite3_sql(statement));
    sqlite3_reset(statement);
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long long random_state = 88172645463325252ULL;
static unsigned long long next_random(void) {
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

/* The codes of a directory table, at most 256. */
struct codes { char code[256][48]; int count; };
static void load_codes(const char *sql, struct codes *codes) {
    sqlite3_stmt *query = prepare(sql);
    codes->count = 0;
    while (sqlite3_step(query) == SQLITE_ROW && codes->count < 256) {
        snprintf(codes->code[codes->count++], sizeof codes->code[0], "%s", sqlite3_column_text(query, 0));
    }
    sqlite3_finalize(query);
    if (codes->count == 0) {
        fprintf(stderr, "%s: no rows (is this a fresh okno database?)\n", sql);
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 5 || (strcmp(argv[2], "message") != 0 && strcmp(argv[2], "row") != 0)) {
        fprintf(stderr, "usage: %s DB_PATH message|row MESSAGES PER_TXN\n", argv[0]);
        return 2;
    }
    const int full = strcmp(argv[2], "message") == 0;
    const long messages = atol(argv[3]);
    const long per_txn = atol(argv[4]) > 0 ? atol(argv[4]) : 1;

    check(sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL), "open");
    sqlite3_busy_timeout(db, 5000);
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
         " PRAGMA temp_store = MEMORY;");

    static struct codes topics, regions, units;
    load_codes("SELECT code FROM topics WHERE competence <> 'external'", &topics);
    load_codes("SELECT code FROM regions", &regions);
    load_codes("SELECT code FROM units", &units);

    sqlite3_stmt *sequence = prepare(
        "SELECT coalesce(max(sequence), 0) + 1 FROM messages WHERE year = 2026");
    sqlite3_stmt *applicant = prepare(
        "INSERT INTO applicants (kind, name, email, phone, inn, created_at) VALUES ('citizen', ?, ?, ?, NULL, ?)");
    sqlite3_stmt *message = prepare(
        "INSERT INTO messages (number, year, sequence, status, topic, region, channel, source_url, text, address,"
        " lat, lon, unit, suggested_agency, expedited, registered_at, registered_date, answer_kind, answer_due_at,"
        " answer_due_date, forward_due_at, forward_due_date, route_rule_id, rule_set_version, applicant_id, version,"
        " created_at, updated_at, first_look_at)"
        " VALUES (?1, 2026, ?2, 'assigned', ?3, ?4, 'portal', NULL, ?5, NULL, NULL, NULL, ?6, NULL, 0, ?7,"
        " '2026-11-29', 'answer', ?8, '2026-12-29', NULL, NULL, NULL, 1, ?9, 1, ?7, ?7, ?10)");
    sqlite3_stmt *token = prepare("INSERT INTO message_access_tokens (message_id, hash, created_at) VALUES (?, ?, ?)");
    sqlite3_stmt *event = prepare(
        "INSERT INTO events (type, message_id, number, at, actor, data) VALUES (?, ?, ?, ?, NULL, ?)");

    static const char pattern[] = "Dry grass is burning near the house, smoke comes in at the windows. ";
    char text[600];
    for (int i = 0; i < (int)sizeof text - 1; i++) text[i] = pattern[i % (sizeof pattern - 1)];
    text[sizeof text - 1] = 0;

    long long shared_applicant = 0;
    long long next_sequence = 0;
    if (!full) {
        exec("INSERT INTO applicants (kind, name, email, created_at) VALUES ('citizen', 'Иванов Иван', 'a@b.ru', 0)");
        shared_applicant = sqlite3_last_insert_rowid(db);
        sqlite3_stmt *max = prepare("SELECT coalesce(max(sequence), 0) FROM messages WHERE year = 2026");
        if (sqlite3_step(max) == SQLITE_ROW) next_sequence = sqlite3_column_int64(max, 0);
        sqlite3_finalize(max);
    }

    const double start = now_seconds();
    long done = 0;
    while (done < messages) {
        exec("BEGIN IMMEDIATE");
        for (long k = 0; k < per_txn && done < messages; k++, done++) {
            const long long at = 1796000000000LL + done;
            long long seq;
            if (full) {
                check(sqlite3_step(sequence), "sequence");
                seq = sqlite3_column_int64(sequence, 0);
                sqlite3_reset(sequence);
            } else {
                seq = ++next_sequence;
            }
            char number[32];
            snprintf(number, sizeof number, "2026-%06lld", seq);
            long long applicant_id = shared_applicant;
            if (full) {
                char name[64], email[64];
                snprintf(name, sizeof name, "Иванов Иван %lld", seq);
                snprintf(email, sizeof email, "user%lld@example.ru", seq);
                sqlite3_bind_text(applicant, 1, name, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(applicant, 2, email, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(applicant, 3, "+79001234567", -1, SQLITE_STATIC);
                sqlite3_bind_int64(applicant, 4, at);
                step(applicant);
                applicant_id = sqlite3_last_insert_rowid(db);
            }
            const unsigned long long r = next_random();
            const char *topic = topics.code[r % topics.count];
            const char *region = regions.code[(r >> 16) % regions.count];
            const char *unit = units.code[(r >> 32) % units.count];
            sqlite3_bind_text(message, 1, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(message, 2, seq);
            sqlite3_bind_text(message, 3, topic, -1, SQLITE_STATIC);
            sqlite3_bind_text(message, 4, region, -1, SQLITE_STATIC);
            sqlite3_bind_text(message, 5, text, 60 + (int)(r % 400), SQLITE_STATIC);
            sqlite3_bind_text(message, 6, unit, -1, SQLITE_STATIC);
            sqlite3_bind_int64(message, 7, at);
            sqlite3_bind_int64(message, 8, at + 30LL * 86400000);
            sqlite3_bind_int64(message, 9, applicant_id);
            sqlite3_bind_int64(message, 10, at + 25LL * 86400000);
            step(message);
            if (!full) continue;
            const long long message_id = sqlite3_last_insert_rowid(db);
            char hash[65];
            snprintf(hash, sizeof hash, "%016llx%016llx%016llx%016llx", next_random(), next_random(), next_random(),
                     next_random());
            sqlite3_bind_int64(token, 1, message_id);
            sqlite3_bind_text(token, 2, hash, 64, SQLITE_TRANSIENT);
            sqlite3_bind_int64(token, 3, at);
            step(token);
            char data[300];
            snprintf(data, sizeof data,
                     "{\"status\":\"registered\",\"topic\":\"%s\",\"region\":\"%s\",\"channel\":\"portal\","
                     "\"expedited\":false,\"answer_due_date\":\"2026-12-29\"}", topic, region);
            sqlite3_bind_text(event, 1, "message.registered", -1, SQLITE_STATIC);
            sqlite3_bind_int64(event, 2, message_id);
            sqlite3_bind_text(event, 3, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(event, 4, at);
            sqlite3_bind_text(event, 5, data, -1, SQLITE_TRANSIENT);
            step(event);
            snprintf(data, sizeof data, "{\"status\":\"assigned\",\"unit\":\"%s\",\"route_rule_id\":1}", unit);
            sqlite3_bind_text(event, 1, "message.assigned", -1, SQLITE_STATIC);
            sqlite3_bind_text(event, 5, data, -1, SQLITE_TRANSIENT);
            step(event);
        }
        exec("COMMIT");
    }
    const double seconds = now_seconds() - start;
    printf("%.0f rows/s (%ld rows, %ld per transaction, %.2f s)\n", messages / seconds, messages, per_txn, seconds);

    sqlite3_finalize(sequence);
    sqlite3_finalize(applicant);
    sqlite3_finalize(message);
    sqlite3_finalize(token);
    sqlite3_finalize(event);
    sqlite3_close(db);
    return 0;
}
