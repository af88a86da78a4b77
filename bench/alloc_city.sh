#!/usr/bin/env bash
# The 13-county city (scenarios/city-baseline), --jobs 2 (issue 10):
# planned with --time-limit LIMIT (default 160: 120 s for the pupils, 40 s
# for the walking teachers), checked; the status says whether every county
# is proven within the gap (status optimal), summary.json which limit
# ended each level.
#   bench/alloc_city.sh [LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
LIMIT=${1:-160}
OUT=${OUT:-build/bench-city}
mkdir -p "$OUT"
scen=scenarios/city-baseline/scenario.ini
echo "$(bench_header); --jobs 2 --time-limit $LIMIT"
t=$(plan_checked "$scen" "$OUT/plan" --jobs 2 --time-limit "$LIMIT")
sum="$OUT/plan/summary.json"
echo "data: ours, the shipped synthetic city ($scen)"
if [ "$t" = CHECK-FAILED ]; then
    echo "check: FAILED"
    exit 1
fi
echo "check: passed"
echo "plan: $t s (pupils $(json "$OUT/plan/timing.json" "'%.1f' % s['allocation']") s), status $(json "$sum" "s['status']"), gap $(json "$sum" "s['gap']")"
echo "ended_by: $(json "$sum" "s['ended_by']")"
for k in cost over_standard diverted student_km; do
    echo "$k: $(level_cell "$sum" "$k")"
done
