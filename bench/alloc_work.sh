#!/usr/bin/env bash
# The work budget gives the same plan on a quiet and a loaded machine
# (issue 10): one county planned with --work N on the machine as it is,
# then again while two other plans run beside it; `diff -r` of the two
# plan folders must show timing.json only.
#   bench/alloc_work.sh [WORK]        (default 20000000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
WORK=${1:-20000000}
OUT=${OUT:-build/bench-work}
rm -rf "$OUT"
mkdir -p "$OUT"
"$BIN" generate --schools 150 --zones 800 --seed 1 -o "$OUT/data" -q
echo "$(bench_header); --work $WORK, --time-limit 3600 (safety stop)"
t=$(plan_checked "$OUT/data/scenario.ini" "$OUT/quiet" --work "$WORK" \
    --time-limit 3600)
echo "quiet run: $t s, ended_by $(json "$OUT/quiet/summary.json" "s['ended_by']")"
loads=()
for i in 1 2; do  # the load: two other plans at once
    "$BIN" plan "$OUT/data/scenario.ini" -o "$OUT/load-$i" -q \
        --time-limit 600 >/dev/null 2>&1 &
    loads+=($!)
done
t=$(plan_checked "$OUT/data/scenario.ini" "$OUT/loaded" --work "$WORK" \
    --time-limit 3600)
echo "loaded run: $t s (load average $(cut -d' ' -f1 /proc/loadavg))"
kill "${loads[@]}" 2>/dev/null || true  # the load has done its part
wait
echo "diff -r quiet loaded:"
diff -rq "$OUT/quiet" "$OUT/loaded" || true
