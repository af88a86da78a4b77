#!/usr/bin/env bash
# Input guards on hostile files (issue 13), each on a copy of
# tests/data/tiny: 300,000 duplicate rows in distances.csv, and a 10 MB
# header line in zones.csv.  Prints wall seconds, peak RSS and the exit
# code of `schoolnet validate` (2 expected: bad input, nothing written).
#   bench/io_guards.sh [OUT]        (default build/bench-guards)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/schoolnet}
OUT=${1:-build/bench-guards}
rm -rf "$OUT"
mkdir -p "$OUT"
measure() { # name dir
    local rc=0
    /usr/bin/time -f "%e %M" -o "$OUT/$1.time" \
        "$BIN" validate "$2/scenario.ini" >/dev/null 2>"$OUT/$1.err" || rc=$?
    read -r secs kb < <(tail -n 1 "$OUT/$1.time")
    echo "$1: exit $rc, $secs s, peak RSS $((kb / 1024)) MB; first message: $(grep -v '^Command' "$OUT/$1.err" | head -1 | cut -c1-120)"
}
cp -r tests/data/tiny "$OUT/dup"
row=$(sed -n 2p "$OUT/dup/distances.csv")
awk -v r="$row" 'BEGIN { for (i = 0; i < 300000; i++) print r }' \
    >>"$OUT/dup/distances.csv"
measure duplicates "$OUT/dup"
cp -r tests/data/tiny "$OUT/wide"
python3 -c 'import sys; sys.stdout.write("x" * 10485760 + "\n")' \
    >"$OUT/wide/zones.csv"
tail -n +2 tests/data/tiny/zones.csv >>"$OUT/wide/zones.csv"
measure wide-header "$OUT/wide"
