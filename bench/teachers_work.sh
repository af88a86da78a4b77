#!/usr/bin/env bash
# The work budget gives the same teacher plan on a quiet and on a loaded
# machine (issue 11, after issue 10 for the pupils): the 150-school county
# planned with --work N (a quarter of it to the teachers) on the machine
# as it is, then again while two other plans run beside it; `diff -r` of
# the two plan folders must show timing.json only.  Both plans are
# checked; the teachers' and the pupils' ended_by are printed.
#   bench/teachers_work.sh [WORK]        (default 8000000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
WORK=${1:-8000000}
OUT=${OUT:-build/bench-teachers-work}
rm -rf "$OUT"
mkdir -p "$OUT"
"$BIN" generate --schools 150 --zones 800 --seed 1 -o "$OUT/data" -q
echo "$(bench_header); --work $WORK, --time-limit 3600 (safety stop)"
ended() {
    json "$1/summary.json" "s['ended_by'], s['teachers']['ended_by'], \
s['teachers']['status'], json.load(open('$1/timing.json'))"
}
t=$(plan_checked "$OUT/data/scenario.ini" "$OUT/quiet" --work "$WORK" \
    --time-limit 3600)
echo "quiet run: $t s; ended_by, teachers' ended_by, status, timing:"
echo "  $(ended "$OUT/quiet")"
pids=()
for i in 1 2; do  # the load: two other plans at once, ended below
    "$BIN" plan "$OUT/data/scenario.ini" -o "$OUT/load-$i" -q \
        --time-limit 900 >/dev/null 2>&1 &
    pids+=($!)
done
sleep 2
load=$(cut -d' ' -f1 /proc/loadavg)
t=$(plan_checked "$OUT/data/scenario.ini" "$OUT/loaded" --work "$WORK" \
    --time-limit 3600)
echo "loaded run: $t s (load average $load at the start, $(cut -d' ' \
-f1 /proc/loadavg) at the end):"
echo "  $(ended "$OUT/loaded")"
kill "${pids[@]}" 2>/dev/null || true
wait "${pids[@]}" 2>/dev/null || true
echo "diff -r quiet loaded:"
diff -rq "$OUT/quiet" "$OUT/loaded" || true
