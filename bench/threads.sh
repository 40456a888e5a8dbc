#!/usr/bin/env bash
# Where okno's threads spend an intake run (a diagnostic next to bench/intake.sh, not a target).
#
#   bench/threads.sh
#
# Serves a fresh database, warms up for 3 s, then runs wrk (2 threads, 64 connections, DURATION s,
# bench/intake.lua) and prints, per named thread of okno: time on a CPU, time runnable but waiting
# for one (/proc/PID/task/TID/schedstat), time waiting for the disk (delay accounting, field 42 of
# .../stat; the script turns kernel.task_delayacct on when it can), and CPU per message. Also wrk's
# own CPU per message. A thread busy for the whole run (CPU + run queue + disk ≈ DURATION) is the
# one every message waits for.
#
# Environment: OKNO_BIN (else a release build in .build-bench), DURATION=10, CONNECTIONS=64,
# QUIET_WAIT=300 / QUIET_LOAD=0.7 as in bench/intake.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
. "$here/lib.sh"
command -v wrk >/dev/null || apt_install wrk
build_okno
if [ -w /proc/sys/kernel/task_delayacct ]; then echo 1 >/proc/sys/kernel/task_delayacct; fi

tmp=$(mktemp -d "${BENCH_DIR:-/tmp}/okno-bench-threads.XXXXXX")
okno_pid=""
cleanup() {
    stop_okno
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(free_port)
start_okno "$tmp" "$port"
url="http://127.0.0.1:$port/api/v1/messages"
wait_quiet
wrk -t2 -c"$CONNECTIONS" -d3s -s "$here/intake.lua" "$url" >/dev/null

# One line per thread: tid name cpu-ns runqueue-ns blkio-ticks
snapshot() {
    local task
    for task in /proc/"$okno_pid"/task/*; do
        printf '%s %s %s %s\n' "${task##*/}" "$(tr -d ' ' <"$task/comm")" \
            "$(cut -d' ' -f1,2 "$task/schedstat")" "$(cut -d' ' -f42 "$task/stat")"
    done | sort
}
snapshot >"$tmp/before"
/usr/bin/time -f "%U %S" -o "$tmp/wrk.time" \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$here/intake.lua" "$url" >"$tmp/wrk.out"
snapshot >"$tmp/after"

messages=$(awk '/^status 201:/ { print $3 }' "$tmp/wrk.out")
[ "${messages:-0}" -gt 0 ] || { cat "$tmp/wrk.out" >&2; exit 1; }
ticks=$(getconf CLK_TCK)
printf '## okno threads during intake, %s, %s s, %s connections\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$DURATION" "$CONNECTIONS"
awk -v n="$messages" '/Requests\/sec/ { rate = $2 } / 99%/ { p99 = $2 }
    END { printf "%s messages (%s/s), p99 %s\n\n", n, rate, p99 }' "$tmp/wrk.out"
printf '| thread | on a CPU, s | waiting for a CPU, s | waiting for the disk, s | CPU µs per message |\n|---|---:|---:|---:|---:|\n'
join "$tmp/before" "$tmp/after" | awk -v n="$messages" -v hz="$ticks" '
    $2 != $6 { next }
    {
        cpu = ($7 - $3) / 1e9; wait = ($8 - $4) / 1e9; disk = ($9 - $5) / hz
        name[$2] = $2; c[$2] += cpu; w[$2] += wait; d[$2] += disk
    }
    END { for (t in name) if (c[t] >= 0.05) printf "| %s | %.2f | %.2f | %.2f | %.1f |\n", t, c[t], w[t], d[t], c[t] / n * 1e6 }' |
    sort -t'|' -k3 -rn
read -r user system <"$tmp/wrk.time"
awk -v u="$user" -v s="$system" -v n="$messages" 'BEGIN { printf "| wrk (whole process) | %.2f | | | %.1f |\n", u + s, (u + s) / n * 1e6 }'
