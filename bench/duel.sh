#!/usr/bin/env bash
# Two okno builds side by side under the same load, to compare them on a host whose speed drifts
# (a diagnostic next to bench/intake.sh, not a target).
#
#   bench/duel.sh OKNO_A OKNO_B [ROUNDS]
#
# Serves a fresh database with each binary, warms both up for 3 s, then ROUNDS times (default 5)
# runs two wrk at once, one per server (each 2 threads, 64 connections, 10 s, bench/intake.lua),
# and prints both servers' messages/s and B/A. Both share the two cores and whatever the host does
# meanwhile, so the ratio moves far less than the rates of runs one after the other (which swing
# by a quarter within minutes here). Against itself a build scored 0.96–1.03: differences within
# that are noise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OKNO_A OKNO_B [ROUNDS]" >&2; exit 2; }
a_bin=$1 b_bin=$2 rounds=${3:-5}
. "$here/lib.sh"
command -v wrk >/dev/null || apt_install wrk

tmp=$(mktemp -d "${BENCH_DIR:-/tmp}/okno-bench-duel.XXXXXX")
a_pid="" b_pid="" okno_pid=""
cleanup() {
    okno_pid=$a_pid stop_okno
    okno_pid=$b_pid stop_okno
    rm -rf "$tmp"
}
trap cleanup EXIT
mkdir "$tmp/a" "$tmp/b"
OKNO_BIN=$a_bin
a_port=$(free_port)
start_okno "$tmp/a" "$a_port"
a_pid=$okno_pid
OKNO_BIN=$b_bin
b_port=$(free_port)
start_okno "$tmp/b" "$b_port"
b_pid=$okno_pid
a_url="http://127.0.0.1:$a_port/api/v1/messages"
b_url="http://127.0.0.1:$b_port/api/v1/messages"

# both_wrk SECONDS: one wrk per server at once; their reports in $tmp/a.out and $tmp/b.out.
both_wrk() {
    wrk -t2 -c64 -d"$1s" -s "$here/intake.lua" "$a_url" >"$tmp/a.out" &
    local a_wrk=$!
    wrk -t2 -c64 -d"$1s" -s "$here/intake.lua" "$b_url" >"$tmp/b.out"
    wait "$a_wrk"
}
rate() { awk '/Requests\/sec/ { print $2 }' "$1"; }

wait_quiet
both_wrk 3
printf '## okno side by side, %s: A %s, B %s\n\n| round | A messages/s | B messages/s | B/A |\n|---|---:|---:|---:|\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$a_bin" "$b_bin"
ratios=()
for round in $(seq 1 "$rounds"); do
    sync
    sleep 1
    both_wrk 10
    a=$(rate "$tmp/a.out")
    b=$(rate "$tmp/b.out")
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
    ratios+=("$ratio")
    printf '| %s | %.0f | %.0f | %s |\n' "$round" "$a" "$b" "$ratio"
done
printf '\nmedian B/A: %s\n' "$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
