#!/usr/bin/env bash
# HTTP server throughput, latency and idle memory of okno against nginx, measured in one run on
# the same machine (issue 2). See docs/BENCHMARKS.md for what is compared and the recorded figures.
#
#   bench/http.sh
#
# Environment:
#   OKNO_BIN=path     use this okno binary instead of building one (release, .build-bench/)
#   DURATION=10       seconds per measured wrk run (3 runs per case; median reported)
#   WARMUP=3          seconds of warm-up per case before the measured runs
#   IDLE=2000         idle keep-alive connections for the memory figure
#   QUIET_WAIT=300    seconds to wait at most for a quiet machine (1-min load < QUIET_LOAD)
#   QUIET_LOAD=0.7
#
# Cases, each for okno and nginx, wrk with 2 threads at 64 and at 1,000 connections:
#   GET  okno /health (inline handler, JSON {"status":"ok"})  vs  nginx static file with the same body
#   POST okno /api/v1/messages, a 600-byte message with one unknown topic: parsed, validated in full,
#        answered 422 problem+json, nothing written  vs  nginx `return 200` after reading the body.
# okno runs with access_log off and the rate limit off, and its default event_loops (one per core);
# nginx with worker_processes 2 and access_log off. wrk runs on the same 2 cores as the servers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
IDLE=${IDLE:-2000}
CONNECTIONS=(64 1000)
. "$here/lib.sh"

# --- tools ---------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    log "installing wrk and nginx-light"
    apt_install wrk nginx-light
fi
command -v curl >/dev/null || apt_install curl
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

build_okno

ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
[ "$(ulimit -n)" -ge $((IDLE + 1200)) ] || { log "ulimit -n $(ulimit -n) is too low for $IDLE connections"; exit 1; }

tmp=$(mktemp -d /tmp/okno-bench-http.XXXXXX)
chmod 755 "$tmp"
okno_pid=""
nginx_pid=""
idle_pid=""
cleanup() {
    [ -n "$idle_pid" ] && kill "$idle_pid" 2>/dev/null || true
    stop_okno
    [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null || true
    sleep 0.3
    rm -rf "$tmp"
}
trap cleanup EXIT

okno_port=$(free_port)
nginx_port=$(free_port)
while [ "$nginx_port" = "$okno_port" ]; do nginx_port=$(free_port); done

# --- okno ----------------------------------------------------------------------------------------
start_okno "$tmp" "$okno_port"

# --- nginx ---------------------------------------------------------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx"
printf '{"status":"ok"}' >"$tmp/www/health"
chmod -R a+rX "$tmp/www"
cat >"$tmp/nginx.conf" <<EOF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
worker_rlimit_nofile 20000;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    server {
        listen 127.0.0.1:$nginx_port backlog=4096;
        location = /health { default_type application/json; root $tmp/www; }
        location = /post { default_type application/json; return 200 '{"status":"ok"}'; }
    }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx/stderr" &
nginx_pid=$!

wait_up() {
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null && return 0
        sleep 0.1
    done
    log "server on port $1 did not come up"; cat "$tmp/okno.err" "$tmp/nginx/stderr" >&2; exit 1
}
wait_up "$nginx_port"

# The POST body: a complete, well-formed message of exactly 600 bytes whose only fault is an unknown
# topic, so okno reads, parses and validates all of it, then answers 422 without writing.
python3 - "$tmp/post.json" <<'PY'
import json, sys
message = {"topic": "NO_SUCH_TOPIC", "region": "77", "text": "",
           "applicant": {"kind": "citizen", "name": "Иванов Иван Иванович",
                         "email": "ivanov@example.ru", "phone": "+79001234567"},
           "address": "г. Москва, ул. Тверская, д. 1", "location": {"lat": 55.75, "lon": 37.62},
           "channel": "portal", "source_url": None, "registered_at": None}
filler = "Возле дома горит сухая трава, дым идёт в окна. " * 20
encode = lambda m: json.dumps(m, ensure_ascii=False, separators=(",", ":")).encode()
while len(encode(message)) < 600:
    message["text"] = filler[: len(message["text"]) + 1]
while len(encode(message)) > 600:
    message["text"] = message["text"][:-1].rstrip() + "."
    if len(encode(message)) > 600:
        message["text"] = message["text"][:-2]
while len(encode(message)) < 600:
    message["text"] += "!"
open(sys.argv[1], "wb").write(encode(message))
PY
export BODY_FILE="$tmp/post.json"
[ "$(wc -c <"$BODY_FILE")" = 600 ] || { log "POST body is $(wc -c <"$BODY_FILE") bytes, not 600"; exit 1; }

# Sanity: each POST answers what we claim it answers.
post_status() {
    curl -s -o "$tmp/post.answer" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$BODY_FILE" "$1"
}
okno_post=$(post_status "http://127.0.0.1:$okno_port/api/v1/messages")
log "okno POST /api/v1/messages sanity: $okno_post $(head -c 300 "$tmp/post.answer")"
[ "$okno_post" = 422 ] || { log "expected 422 from okno"; exit 1; }
nginx_post=$(post_status "http://127.0.0.1:$nginx_port/post")
[ "$nginx_post" = 200 ] || { log "expected 200 from nginx, got $nginx_post"; exit 1; }

# --- memory with idle connections ----------------------------------------------------------------
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
nginx_rss_kib() {  # master and workers
    local total=0 pid
    for pid in "$nginx_pid" $(pgrep -P "$nginx_pid"); do total=$((total + $(rss_kib "$pid"))); done
    echo "$total"
}
idle_rss() {  # port, how to read the RSS -> prints KiB with $IDLE idle connections
    python3 "$here/idle_connections.py" 127.0.0.1 "$1" "$IDLE" >"$tmp/idle.out" 2>"$tmp/idle.err" &
    idle_pid=$!
    for _ in $(seq 1 600); do
        grep -q '^ready' "$tmp/idle.out" 2>/dev/null && break
        kill -0 "$idle_pid" 2>/dev/null || { cat "$tmp/idle.err" >&2; exit 1; }
        sleep 0.1
    done
    sleep 1
    local value
    value=$($2)
    if [ "$1" = "$okno_port" ]; then
        curl -s "http://127.0.0.1:$okno_port/metrics" | grep '^okno_http_open_connections' >&2 || true
    fi
    kill "$idle_pid" 2>/dev/null || true
    wait "$idle_pid" 2>/dev/null || true
    idle_pid=""
    sleep 1
    echo "$value"
}
okno_rss_start=$(rss_kib "$okno_pid")
okno_rss_idle=$(idle_rss "$okno_port" "rss_kib $okno_pid")
nginx_rss_start=$(nginx_rss_kib)
nginx_rss_idle=$(idle_rss "$nginx_port" nginx_rss_kib)
log "RSS okno: ${okno_rss_start} KiB at start, ${okno_rss_idle} KiB with $IDLE idle connections"
log "RSS nginx (master+workers): ${nginx_rss_start} KiB at start, ${nginx_rss_idle} KiB with $IDLE idle"

# --- throughput ----------------------------------------------------------------------------------
to_ms() {  # wrk latency like 812.00us, 3.21ms, 1.02s -> milliseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}
url_of() {  # server scenario
    local port path
    if [ "$1" = okno ]; then port=$okno_port; else port=$nginx_port; fi
    case "$1/$2" in
        */get) path=/health ;;
        okno/post) path=/api/v1/messages ;;
        nginx/post) path=/post ;;
    esac
    echo "http://127.0.0.1:$port$path"
}
run_wrk() {  # server scenario connections seconds -> wrk output
    local script=()
    [ "$2" = post ] && script=(-s "$here/post_file.lua")
    wrk -t2 -c"$3" -d"$4"s --timeout 10s --latency "${script[@]}" "$(url_of "$1" "$2")"
}
declare -A rps p99 non2xx errors
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

wait_quiet
load_start=$(cat /proc/loadavg)
log "warm-up (${WARMUP}s per case)"
for c in "${CONNECTIONS[@]}"; do
    for scenario in get post; do
        for server in okno nginx; do run_wrk "$server" "$scenario" "$c" "$WARMUP" >/dev/null; done
    done
done
for run in 1 2 3; do
    for c in "${CONNECTIONS[@]}"; do
        for scenario in get post; do
            for server in okno nginx; do
                out=$(run_wrk "$server" "$scenario" "$c" "$DURATION")
                key="$server/$scenario/$c"
                r=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
                l=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
                n=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
                e=$(awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }' <<<"$out")
                rps[$key]="${rps[$key]:-} $r"
                p99[$key]="${p99[$key]:-} $l"
                non2xx[$key]="${non2xx[$key]:-} ${n:-0}"
                errors[$key]="${errors[$key]:-} ${e:-0}"
                log "run $run $key: $r req/s, p99 $l ms, non-2xx ${n:-0}, socket errors ${e:-0}, load $(load1)"
            done
        done
    done
done
load_end=$(cat /proc/loadavg)
okno_rss_after=$(rss_kib "$okno_pid")
okno_rss_idle_after=$(idle_rss "$okno_port" "rss_kib $okno_pid")

# --- report --------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo
echo "## okno vs nginx, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 ${DURATION}s, median of 3"
echo
echo "load average at start: $load_start; at end: $load_end"
echo
echo "| case | conns | okno req/s | nginx req/s | okno/nginx | okno p99 ms | nginx p99 ms | okno runs (req/s) | nginx runs (req/s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
for scenario in get post; do
    for c in "${CONNECTIONS[@]}"; do
        ko="okno/$scenario/$c"; kn="nginx/$scenario/$c"
        # shellcheck disable=SC2086
        ro=$(median ${rps[$ko]}); rn=$(median ${rps[$kn]})
        # shellcheck disable=SC2086
        lo=$(median ${p99[$ko]}); ln=$(median ${p99[$kn]})
        if [ "$scenario" = get ]; then label="GET /health"; else label="POST 600 B (okno 422 / nginx 200)"; fi
        echo "| $label | $c | $ro | $rn | $(ratio "$ro" "$rn") | $lo | $ln |${rps[$ko]} |${rps[$kn]} |"
    done
done
echo
echo "Non-2xx answers per run (okno POST is 422 by design): $(for k in "${!non2xx[@]}"; do printf '%s:%s; ' "$k" "${non2xx[$k]}"; done)"
echo "Socket errors per run: $(for k in "${!errors[@]}"; do printf '%s:%s; ' "$k" "${errors[$k]}"; done)"
echo
echo "| resident memory | okno | nginx (master + 2 workers) |"
echo "|---|---:|---:|"
echo "| at start | $(mib "$okno_rss_start") MiB | $(mib "$nginx_rss_start") MiB |"
echo "| with $IDLE idle keep-alive connections | $(mib "$okno_rss_idle") MiB | $(mib "$nginx_rss_idle") MiB |"
echo "| okno after the load runs, idle | $(mib "$okno_rss_after") MiB | |"
echo "| okno after the load runs, $IDLE idle connections | $(mib "$okno_rss_idle_after") MiB | |"
