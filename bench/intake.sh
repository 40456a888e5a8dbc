#!/usr/bin/env bash
# Durable intake throughput of okno (issue 3) against the raw SQLite write limit of the same disk,
# measured in one run. See docs/BENCHMARKS.md for the recorded figures.
#
#   bench/intake.sh
#
# okno: wrk, 2 threads, 64 connections, DURATION s, bench/intake.lua posting varied valid messages
# (no Idempotency-Key unless IDEMPOTENCY_KEYS=1; every 201 is a new durable message). 3 runs after
# a warm-up; median of messages/s (201s per second) and p99. After each run the rows added to `messages` are counted
# with the sqlite3 CLI and compared with the 201s wrk saw (requests still in flight when wrk stops
# are committed but not counted by wrk, so rows may exceed 201s by up to the connection count).
#
# Reference: bench/sqlite_raw.c (gcc, system libsqlite3) running okno's own registration
# statements on okno's own schema, in copies of a fresh okno database (`okno backup` of the server's
# database before the first request: every migration and the directory), WAL + synchronous=FULL
# like okno: one transaction per message, and 100 messages per transaction; plus one transaction
# per single messages row. It leaves out what okno does after intake (the queue index file, the
# deadline watch's enrolment). Interleaved with the okno runs, 3 runs each, median; every
# measurement starts after `sync` (no run pays for the writeback of the one before).
#
# Environment:
#   OKNO_BIN=path    use this okno binary instead of building one (release, .build-bench/)
#   BENCH_DIR=dir    where the databases go (default /tmp; same disk as /work here)
#   DURATION=10      seconds per wrk run;  CONNECTIONS=64
#   IDEMPOTENCY_KEYS=1  every request carries a random Idempotency-Key (as the portal widget's do)
#   QUIET_WAIT=300   seconds to wait at most for a quiet machine (1-min load < QUIET_LOAD=0.7)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
RAW_PER_ROW=${RAW_PER_ROW:-1500}       # transactions per raw one-per-row run (each one fsync)
RAW_BATCHED=${RAW_BATCHED:-50000}      # rows per raw 100-per-transaction run
. "$here/lib.sh"

# --- tools ---------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v gcc >/dev/null || need+=(gcc)
command -v curl >/dev/null || need+=(curl)
[ -e /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
if [ "${#need[@]}" -gt 0 ]; then
    log "installing ${need[*]}"
    apt_install "${need[@]}"
fi
build_okno

tmp=$(mktemp -d "${BENCH_DIR:-/tmp}/okno-bench-intake.XXXXXX")
okno_pid=""
cleanup() {
    stop_okno
    rm -rf "$tmp"
}
trap cleanup EXIT
gcc -O2 -o "$tmp/sqlite_raw" "$here/sqlite_raw.c" -lsqlite3

port=$(free_port)
db="$tmp/okno.sqlite"
start_okno "$tmp" "$port"
"$OKNO_BIN" backup --database "$db" --to "$tmp/template.sqlite" >/dev/null

rows() { sqlite3 "$db" "SELECT count(*) FROM messages"; }
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Every measurement starts with the page cache's dirty pages written out, so that none pays for
# the writeback of the one before (a raw run of 50,000 messages leaves some 300 MB dirty).
settle() { sync; sleep 1; }
raw() {  # mode rows per_txn -> rows/s
    rm -f "$tmp"/raw.sqlite*
    cp "$tmp/template.sqlite" "$tmp/raw.sqlite"
    settle
    "$tmp/sqlite_raw" "$tmp/raw.sqlite" "$1" "$2" "$3" | awk '{ print $1 }'
}
wrk_intake() { wrk -t2 -c"$CONNECTIONS" -d"$1"s --timeout 10s --latency -s "$here/intake.lua" "http://127.0.0.1:$port/api/v1/messages"; }

wait_quiet
load_start=$(cat /proc/loadavg)
log "warm-up (3 s)"
wrk_intake 3 >/dev/null
sleep 1

okno_mps=() okno_p99=() raw_msg_1=() raw_msg_100=() raw_row_1=() checks=()
for run in 1 2 3; do
    raw_msg_1+=("$(raw message "$RAW_PER_ROW" 1)")
    raw_row_1+=("$(raw row "$RAW_PER_ROW" 1)")
    raw_msg_100+=("$(raw message "$RAW_BATCHED" 100)")
    settle
    before=$(rows)
    out=$(wrk_intake "$DURATION")
    sleep 1   # let the requests in flight when wrk stopped commit
    after=$(rows)
    created=$(awk '/^status 201:/ { print $3 }' <<<"$out")
    other=$(awk '/^status other:/ { print $3 }' <<<"$out")
    seconds=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' <<<"$out")
    mps=$(awk -v c="$created" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')
    p=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    okno_mps+=("$mps")
    okno_p99+=("$p")
    checks+=("run $run: $created × 201, $other other answers, $((after - before)) rows added")
    log "run $run: okno $mps msg/s p99 $p ms ($created × 201, $other other, $((after - before)) rows added);" \
        "raw per message ${raw_msg_1[-1]}/s, per row ${raw_row_1[-1]}/s, 100 per txn ${raw_msg_100[-1]}/s; load $(load1)"
done
load_end=$(cat /proc/loadavg)

m_okno=$(median "${okno_mps[@]}")
m_p99=$(median "${okno_p99[@]}")
m_raw1=$(median "${raw_msg_1[@]}")
m_rawrow=$(median "${raw_row_1[@]}")
m_raw100=$(median "${raw_msg_100[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
disk=$(df --output=source,fstype "$tmp" | tail -1 | tr -s " ")

echo
echo "## okno durable intake vs raw SQLite, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, disk $disk"
echo
echo "load average at start: $load_start; at end: $load_end"
echo
echo "| what | median of 3 | runs | okno / this |"
echo "|---|---:|---|---:|"
echo "| okno POST /api/v1/messages$([ "${IDEMPOTENCY_KEYS:-}" = 1 ] && echo ", each with an Idempotency-Key"), wrk -t2 -c$CONNECTIONS ${DURATION}s: messages/s (201) | $m_okno | ${okno_mps[*]} | 1.00 |"
echo "| okno p99 latency, ms | $m_p99 | ${okno_p99[*]} | |"
echo "| raw SQLite, okno's 6 statements per message, 1 message per transaction: messages/s | $m_raw1 | ${raw_msg_1[*]} | $(ratio "$m_okno" "$m_raw1") |"
echo "| raw SQLite, 1 messages row per transaction: rows/s | $m_rawrow | ${raw_row_1[*]} | $(ratio "$m_okno" "$m_rawrow") |"
echo "| raw SQLite, okno's 6 statements per message, 100 messages per transaction: messages/s | $m_raw100 | ${raw_msg_100[*]} | $(ratio "$m_okno" "$m_raw100") |"
echo
echo "Durability check (rows counted with sqlite3 after each run):"
for c in "${checks[@]}"; do echo "- $c"; done
