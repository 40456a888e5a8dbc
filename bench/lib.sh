# Shared by the benchmark scripts: logging, the release build, waiting for a quiet machine and
# starting okno. Sets `root` (the repository) and the defaults of QUIET_WAIT (300 s) and
# QUIET_LOAD (0.7) that the caller's environment does not give.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUIET_WAIT=${QUIET_WAIT:-300}
QUIET_LOAD=${QUIET_LOAD:-0.7}

log() { printf '%s\n' "$*" >&2; }

# Sets OKNO_BIN to a release build in .build-bench unless the caller gave one.
build_okno() {
    if [ -z "${OKNO_BIN:-}" ]; then
        log "building okno (release, .build-bench)"
        (cd "$root" && swift build -c release --scratch-path .build-bench --product okno >&2)
        OKNO_BIN=$(cd "$root" && swift build -c release --scratch-path .build-bench --show-bin-path)/okno
    fi
}

# apt_install PACKAGE...: installs Debian packages, updating the package lists first if they are stale.
apt_install() {
    apt-get install -y "$@" >&2 || { apt-get update >&2 && apt-get install -y "$@" >&2; }
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits until the 1-minute load is under QUIET_LOAD and no Swift compiler runs, for at most
# QUIET_WAIT seconds; then measures anyway.
wait_quiet() {
    local waited=0 load builds
    while :; do
        load=$(load1)
        builds=$(pgrep -c -f swift-frontend || true)
        if awk -v l="$load" -v q="$QUIET_LOAD" 'BEGIN { exit !(l < q) }' && [ "$builds" = 0 ]; then return 0; fi
        if [ "$waited" -ge "$QUIET_WAIT" ]; then
            log "machine still busy after ${QUIET_WAIT}s (load $load, swift-frontend $builds): measuring anyway"
            return 0
        fi
        log "waiting for a quiet machine (load $load, swift-frontend processes $builds)"
        sleep 10
        waited=$((waited + 10))
    done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# stop_okno: stops the okno that start_okno started, if any, and waits for it (for EXIT traps).
stop_okno() {
    if [ -n "${okno_pid:-}" ]; then kill -TERM "$okno_pid" 2>/dev/null && wait "$okno_pid" 2>/dev/null || true; fi
}

# start_okno DIR PORT: serves a fresh database DIR/okno.sqlite on 127.0.0.1:PORT with no access
# log and no rate limit; sets okno_pid and returns once /health answers.
start_okno() {
    local dir=$1 port=$2
    cat >"$dir/okno.json" <<JSON
{
  "listen": "127.0.0.1:$port",
  "database": "$dir/okno.sqlite",
  "access_log": false,
  "rate_limit": {"requests_per_second": 0, "burst": 20}
}
JSON
    "$OKNO_BIN" serve --config "$dir/okno.json" >"$dir/okno.out" 2>"$dir/okno.err" &
    okno_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && return 0
        sleep 0.1
    done
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || { cat "$dir/okno.err" >&2; exit 1; }
}
