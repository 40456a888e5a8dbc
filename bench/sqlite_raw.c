/*
 * The raw SQLite write limit of this disk, for comparison with okno's intake (bench/intake.sh).
 *
 * Inserts message-like rows with journal_mode=WAL and synchronous=FULL (okno's settings), either
 * one transaction per row (one fsync each: what a server without group commit could do at best)
 * or PER_TXN rows per transaction.
 *
 *   mode "row":     one row into a table shaped like okno's `messages` (same indexes).
 *   mode "message": what okno writes per registered message (MessageRepository.register): the
 *                   number_sequences upsert, one applicant, one message, one access token and two
 *                   events — six statements over five tables.
 *
 * The schema below is okno's of the first session (migrations 0001–0003); okno has since added
 * indexes on `messages` (0004, 0005, 0009) and the `deadline_watch` row (0008), so the reference
 * now does less per message than okno does.
 *
 * Usage: sqlite_raw DB_PATH row|message ROWS PER_TXN [OPTION...]
 *   savepoint      wrap each row/message in SAVEPOINT ... RELEASE, as okno's DatabaseWriter does
 *   temp_memory    PRAGMA temp_store = MEMORY (statement/savepoint journals in memory, not temp files)
 * Prints: "<rows/s> rows/s (<rows> rows, <per_txn> per transaction, <seconds> s)"
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

static const char *schema =
    "CREATE TABLE IF NOT EXISTS number_sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL) STRICT;"
    "CREATE TABLE IF NOT EXISTS applicants (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,"
    "  email TEXT, phone TEXT, inn TEXT, created_at INTEGER NOT NULL) STRICT;"
    "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
    "  year INTEGER NOT NULL, sequence INTEGER NOT NULL, status TEXT NOT NULL, topic TEXT NOT NULL,"
    "  region TEXT NOT NULL, channel TEXT NOT NULL, text TEXT NOT NULL, address TEXT, unit TEXT,"
    "  expedited INTEGER NOT NULL, registered_at INTEGER NOT NULL, registered_date TEXT NOT NULL,"
    "  answer_kind TEXT NOT NULL, answer_due_at INTEGER NOT NULL, answer_due_date TEXT NOT NULL,"
    "  applicant_id INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL, next_risk_change_at INTEGER, open_due_at INTEGER, UNIQUE (year, sequence)) STRICT;"
    "CREATE INDEX IF NOT EXISTS messages_queue ON messages (open_due_at, id) WHERE open_due_at IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS messages_queue_by_unit ON messages (unit, open_due_at, id) WHERE open_due_at IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS messages_queue_by_status ON messages (status, open_due_at, id);"
    "CREATE INDEX IF NOT EXISTS messages_next_risk_change ON messages (next_risk_change_at);"
    "CREATE INDEX IF NOT EXISTS messages_registered_date ON messages (registered_date);"
    "CREATE INDEX IF NOT EXISTS messages_applicant ON messages (applicant_id);"
    "CREATE TABLE IF NOT EXISTS message_access_tokens (hash TEXT PRIMARY KEY, message_id INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS message_access_tokens_message ON message_access_tokens (message_id);"
    "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, message_id INTEGER,"
    "  number TEXT, at INTEGER NOT NULL, actor TEXT, data TEXT NOT NULL) STRICT;"
    "CREATE INDEX IF NOT EXISTS events_message ON events (message_id, seq) WHERE message_id IS NOT NULL;";

int main(int argc, char **argv) {
    if (argc < 5 || (strcmp(argv[2], "row") != 0 && strcmp(argv[2], "message") != 0)) {
        fprintf(stderr, "usage: %s DB_PATH row|message ROWS PER_TXN [savepoint] [temp_memory]\n", argv[0]);
        return 2;
    }
    int use_savepoint = 0, temp_memory = 0;
    for (int i = 5; i < argc; i++) {
        if (strcmp(argv[i], "savepoint") == 0) use_savepoint = 1;
        else if (strcmp(argv[i], "temp_memory") == 0) temp_memory = 1;
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    const int full = strcmp(argv[2], "message") == 0;
    const long rows = atol(argv[3]);
    const long per_txn = atol(argv[4]) > 0 ? atol(argv[4]) : 1;

    check(sqlite3_open(argv[1], &db), "open");
    sqlite3_busy_timeout(db, 5000);
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    if (temp_memory) exec("PRAGMA temp_store = MEMORY;");
    exec(schema);

    sqlite3_stmt *sequence = prepare(
        "INSERT INTO number_sequences (year, last) VALUES (2026, 1)"
        " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last");
    sqlite3_stmt *applicant = prepare(
        "INSERT INTO applicants (kind, name, email, phone, inn, created_at) VALUES ('citizen', ?, ?, ?, NULL, ?)");
    sqlite3_stmt *message = prepare(
        "INSERT INTO messages (number, year, sequence, status, topic, region, channel, text, address, unit,"
        " expedited, registered_at, registered_date, answer_kind, answer_due_at, answer_due_date, applicant_id,"
        " created_at, updated_at, next_risk_change_at, open_due_at)"
        " VALUES (?, 2026, ?, 'assigned', ?, ?, 'portal', ?, ?, ?, 0, ?, '2026-11-29', 'answer', ?, '2026-12-29',"
        " ?, ?, ?, ?, ?)");
    sqlite3_stmt *token = prepare("INSERT INTO message_access_tokens (hash, message_id, created_at) VALUES (?, ?, ?)");
    sqlite3_stmt *event = prepare(
        "INSERT INTO events (type, message_id, number, at, actor, data) VALUES (?, ?, ?, ?, NULL, ?)");

    static const char *topics[] = {"FIRE_SAFETY_VIOLATION", "GRASS_BURNING", "WATER_SAFETY", "INSPECTIONS", "ROADS"};
    static const char *regions[] = {"77", "50", "78", "16", "66", "23", "54", "02"};
    char text[520];
    for (int i = 0; i < (int)sizeof text - 1; i++) text[i] = "Dry grass is burning near the road, please act. "[i % 48];
    text[sizeof text - 1] = 0;

    /* The sequence is kept in C in "row" mode (no upsert), as a client-side counter. */
    long next_sequence = 0;
    {
        sqlite3_stmt *max = prepare("SELECT coalesce(max(sequence), 0) FROM messages WHERE year = 2026");
        if (sqlite3_step(max) == SQLITE_ROW) next_sequence = sqlite3_column_int64(max, 0);
        sqlite3_finalize(max);
    }

    const double start = now_seconds();
    long done = 0;
    while (done < rows) {
        exec("BEGIN IMMEDIATE");
        for (long k = 0; k < per_txn && done < rows; k++, done++) {
            const long long at = 1764400000000LL + done;
            if (use_savepoint) exec("SAVEPOINT item");
            long long seq;
            if (full) {
                check(sqlite3_step(sequence), "sequence");
                seq = sqlite3_column_int64(sequence, 0);
                sqlite3_reset(sequence);
                next_sequence = seq;
            } else {
                seq = ++next_sequence;
            }
            char number[32], name[64], email[64], phone[32], hash[65];
            snprintf(number, sizeof number, "2026-%06lld", seq);
            long long applicant_id = seq;
            if (full) {
                snprintf(name, sizeof name, "Иванов Иван %lld", seq);
                snprintf(email, sizeof email, "user%lld@example.ru", seq);
                snprintf(phone, sizeof phone, "+7900%07lld", seq % 10000000);
                sqlite3_bind_text(applicant, 1, name, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(applicant, 2, email, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(applicant, 3, phone, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(applicant, 4, at);
                step(applicant);
                applicant_id = sqlite3_last_insert_rowid(db);
            }
            const char *topic = topics[seq % 5];
            const char *region = regions[seq % 8];
            char unit[16];
            snprintf(unit, sizeof unit, "GU-%s", region);
            const int text_length = 120 + (int)(seq % 380);
            sqlite3_bind_text(message, 1, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(message, 2, seq);
            sqlite3_bind_text(message, 3, topic, -1, SQLITE_STATIC);
            sqlite3_bind_text(message, 4, region, -1, SQLITE_STATIC);
            sqlite3_bind_text(message, 5, text, text_length, SQLITE_STATIC);
            sqlite3_bind_text(message, 6, "г. Москва, ул. Тверская, д. 1", -1, SQLITE_STATIC);
            sqlite3_bind_text(message, 7, unit, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(message, 8, at);
            sqlite3_bind_int64(message, 9, at + 30LL * 86400000);
            sqlite3_bind_int64(message, 10, applicant_id);
            sqlite3_bind_int64(message, 11, at);
            sqlite3_bind_int64(message, 12, at);
            sqlite3_bind_int64(message, 13, at + 25LL * 86400000);
            sqlite3_bind_int64(message, 14, at + 30LL * 86400000);
            step(message);
            if (full) {
                const long long message_id = sqlite3_last_insert_rowid(db);
                snprintf(hash, sizeof hash, "%016llx%016llx%016llx%016llx", seq * 0x9E3779B97F4A7C15ULL,
                         seq ^ 0xDEADBEEFULL, seq * 31ULL, (unsigned long long)at);
                sqlite3_bind_text(token, 1, hash, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(token, 2, message_id);
                sqlite3_bind_int64(token, 3, at);
                step(token);
                char data[256];
                snprintf(data, sizeof data,
                         "{\"status\":\"registered\",\"topic\":\"%s\",\"region\":\"%s\",\"channel\":\"portal\","
                         "\"expedited\":false,\"answer_due_date\":\"2026-12-29\"}", topic, region);
                sqlite3_bind_text(event, 1, "message.registered", -1, SQLITE_STATIC);
                sqlite3_bind_int64(event, 2, message_id);
                sqlite3_bind_text(event, 3, number, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(event, 4, at);
                sqlite3_bind_text(event, 5, data, -1, SQLITE_TRANSIENT);
                step(event);
                snprintf(data, sizeof data, "{\"status\":\"assigned\",\"unit\":\"%s\"}", unit);
                sqlite3_bind_text(event, 1, "message.assigned", -1, SQLITE_STATIC);
                sqlite3_bind_text(event, 5, data, -1, SQLITE_TRANSIENT);
                step(event);
            }
            if (use_savepoint) exec("RELEASE item");
        }
        exec("COMMIT");
    }
    const double seconds = now_seconds() - start;
    printf("%.0f rows/s (%ld rows, %ld per transaction, %.2f s)\n", rows / seconds, rows, per_txn, seconds);

    sqlite3_finalize(sequence);
    sqlite3_finalize(applicant);
    sqlite3_finalize(message);
    sqlite3_finalize(token);
    sqlite3_finalize(event);
    sqlite3_close(db);
    return 0;
}
