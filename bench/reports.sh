#!/usr/bin/env bash
# Reports on a 1,000,000-message database: the overdue report for all units (target < 500 ms)
# and the KPI report for a year (target < 1 s), through the command line (`okno report`, the same
# code as GET /api/v1/reports/*), as the median of several runs. Also times the daily report and
# the synthesis itself (target ≲ 60 s).
#
#   bench/reports.sh [RUNS]        # default 7 runs per report
#
# The synthetic database is made once and kept in $OKNO_BENCH_DIR (default /tmp/okno-bench);
# delete synth1m.sqlite there to make it again. Nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
DIR=${OKNO_BENCH_DIR:-/tmp/okno-bench}
DB="$DIR/synth1m.sqlite"
NOW=2026-11-29T09:00:00Z
mkdir -p "$DIR"

swift build -c release --scratch-path .build-bench2 >&2
OKNO=.build-bench2/release/okno

if [ ! -f "$DB" ]; then
    start=$(date +%s%N)
    "$OKNO" synth --database "$DB" --messages 1000000 --seed 1 --now "$NOW" 2>/dev/null
    echo "synth 1,000,000 messages: $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
# A server start would apply new migrations (0004); so does `okno migrate`.
"$OKNO" migrate --database "$DB" >/dev/null

# median of RUNS wall-clock runs of a command, in ms
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms (min " a[1] ", max " a[NR] ")"}'
}

echo "rows: overdue $("$OKNO" report overdue --database "$DB" --as-of "$NOW" --format csv | tail -n +2 | wc -l)," \
    "overdue+at risk $("$OKNO" report overdue --database "$DB" --as-of "$NOW" --include-at-risk true --format csv | tail -n +2 | wc -l)"
echo "overdue, all units, csv:         $(median "$OKNO" report overdue --database "$DB" --as-of "$NOW" --format csv)"
echo "overdue + at risk, json:         $(median "$OKNO" report overdue --database "$DB" --as-of "$NOW" --include-at-risk true --format json)"
echo "kpi, a year, by unit:            $(median "$OKNO" report kpi --database "$DB" --from 2025-11-29 --to 2026-11-28 --group-by unit)"
echo "kpi, a year, by region:          $(median "$OKNO" report kpi --database "$DB" --from 2025-11-29 --to 2026-11-28 --group-by region)"
echo "daily, yesterday:                $(median "$OKNO" report daily --database "$DB" --date 2026-11-28)"
echo "floor (start, open, empty report): $(median "$OKNO" report kpi --database "$DB" --from 2000-01-01 --to 2000-01-01)"

# The deadline scheduler on the same database (targets: a tick with nothing to do < 5 ms, one with
# 10,000 changes < 500 ms). `okno tick` prints the time of the pass alone, without process start.
# Works on copies: ticks write notices and move the look instants (deadline_watch).
# Each copy is synced before the pass: SQLite's checkpoint fsyncs the database file, which would
# otherwise wait for the 2 GB the copy left dirty.
cp "$DB" "$DIR/tick.sqlite"
rm -f "$DIR/tick.sqlite-wal" "$DIR/tick.sqlite-shm" "$DIR"/tick.sqlite-queue-index*
sync
echo "scheduler, first pass at $NOW (catch-up):  $("$OKNO" tick --database "$DIR/tick.sqlite" --now "$NOW")"
echo "scheduler, again at $NOW (nothing to do): $("$OKNO" tick --database "$DIR/tick.sqlite" --now "$NOW")"
echo "scheduler, one day later:                  $("$OKNO" tick --database "$DIR/tick.sqlite" --now 2026-11-30T09:00:00Z)"
sqlite3 "$DIR/tick.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# Passes over some 11,000 messages (5 days later, just past Moscow midnight) and 13,000 (a week
# later), each on 3 fresh copies of the day-later state; median.
for later in 2026-12-04T21:00:00Z 2026-12-06T09:00:00Z; do
    times=()
    for run in 1 2 3; do
        cp "$DIR/tick.sqlite" "$DIR/tick-week.sqlite"
        rm -f "$DIR/tick-week.sqlite-wal" "$DIR/tick-week.sqlite-shm" "$DIR"/tick-week.sqlite-queue-index*
        sync
        out=$("$OKNO" tick --database "$DIR/tick-week.sqlite" --now "$later")
        echo "scheduler at $later, run $run: $out" >&2
        times+=("$(echo "$out" | sed 's/.*tick \([0-9.]*\) ms/\1/')")
    done
    echo "scheduler at $later: ${out% tick *}; median tick $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) ms (runs ${times[*]})"
done
rm -f "$DIR"/tick-week.sqlite*
