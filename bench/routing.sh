#!/bin/sh
# Routing decisions per second on one core (release build): the bundled directory's default
# routes plus 1,000 extra rules. Prints each of 3 runs, then their median.
# Usage: bench/routing.sh [DECISIONS]   (default 5,000,000 per run)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/routing"
swift build -c release --product RoutingBench >&2
binary=$(swift build -c release --show-bin-path)/RoutingBench
directory="$here/../Sources/OknoApp/Resources/directory.json"
runs=""
for run in 1 2 3; do
    line=$("$binary" "$directory" "${1:-5000000}")
    echo "run $run: $line"
    runs="$runs ${line%% *}"
done
median=$(printf '%s\n' $runs | sort -n | sed -n 2p)
echo "median: $median decisions/s"
