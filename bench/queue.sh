#!/usr/bin/env bash
# Officer reads on a 1,000,000-message database made by `okno synth`: queue pages with common
# filter combinations and message details (half each), wrk 2 threads, 16, 32 and 64 connections
# (CONNECTIONS="..." to choose), 10 s, median of 3 runs each.
# Target: p99 under 20 ms and at least 2,000 requests/s.
#
#   bench/queue.sh                                   # builds release in .build-bench
#   OKNO_BIN=path/to/okno WORKERS=16 bench/queue.sh  # another binary; worker threads (default 4)
#
# The database is shared with bench/reports.sh ($OKNO_BENCH_DIR, default /tmp/okno-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${OKNO_BENCH_DIR:-/tmp/okno-bench}
DB="$DIR/synth1m.sqlite"
PORT=${OKNO_BENCH_PORT:-18480}
mkdir -p "$DIR"
. bench/lib.sh
command -v wrk >/dev/null || apt_install wrk

if [ -z "${OKNO_BIN:-}" ]; then
    swift build -c release --scratch-path .build-bench --product okno >&2
fi
OKNO=${OKNO_BIN:-.build-bench/release/okno}
if [ ! -f "$DB" ]; then
    "$OKNO" synth --database "$DB" --messages 1000000 --seed 1 --now 2026-11-29T09:00:00Z 2>/dev/null
fi
"$OKNO" migrate --database "$DB" >/dev/null
# Message details read personal data: the reads are recorded, so the benchmark works on a copy.
cp "$DB" "$DIR/queue.sqlite"
# The queue index file is derived data: okno builds it on start (a few seconds for 1M messages).
rm -f "$DIR/queue.sqlite-wal" "$DIR/queue.sqlite-shm" "$DIR"/queue.sqlite-queue-index*
export OKNO_TOKEN=$("$OKNO" token create --database "$DIR/queue.sqlite" --name bench-registrar --role registrar | tail -1)
export OKNO_NUMBERS="$DIR/numbers.txt"
sqlite3 "$DIR/queue.sqlite" "SELECT number FROM messages ORDER BY random() LIMIT 10000" > "$OKNO_NUMBERS"

cat > "$DIR/queue-config.json" <<JSON
{"listen": "127.0.0.1:$PORT", "database": "$DIR/queue.sqlite", "access_log": false,
 "worker_threads": ${WORKERS:-4},
 "rate_limit": {"requests_per_second": 0, "burst": 1}}
JSON
"$OKNO" serve --config "$DIR/queue-config.json" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done

wrk -t2 -c64 -d3s -s bench/queue.lua "http://127.0.0.1:$PORT" >/dev/null # warm-up
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# Closed-loop wrk: with C connections the mean latency is C / throughput, so 64 connections measure
# the saturated server and fewer measure latency at a lower load.
for connections in ${CONNECTIONS:-16 32 64}; do
    rps=(); p99=()
    for run in 1 2 3; do
        out=$(wrk -t2 -c"$connections" -d10s -s bench/queue.lua "http://127.0.0.1:$PORT")
        rps+=($(echo "$out" | awk '/^rps/ {print $2}'))
        p99+=($(echo "$out" | awk '/^p99_ms/ {print $2}'))
        echo "$connections connections, run $run: $(echo "$out" | awk '/^rps/ {print $2}') requests/s," \
            "p99 $(echo "$out" | awk '/^p99_ms/ {print $2}') ms; non-2xx: $(echo "$out" | awk '/Non-2xx/ {print $NF}')" >&2
    done
    echo "queue + detail, $connections connections: median $(median "${rps[@]}") requests/s, p99 $(median "${p99[@]}") ms"
done
