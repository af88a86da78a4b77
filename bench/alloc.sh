#!/usr/bin/env bash
# Allocation on generated counties (issue 10): `schoolnet generate` counties
# of SCHOOLS schools and ZONES zones (default 150 / 800), seeds as given
# (default 1 2 3); each planned with --time-limit LIMIT (default 60: the
# pupils get 45 s, the walking teachers 15 s), checked, then the cost
# level's model exported and given to glpsol and CBC for the pupils' share
# of the time in the same run.  One markdown row per seed.
#   bench/alloc.sh [SEEDS...]
#   SCHOOLS=600 ZONES=3000 LIMIT=120 bench/alloc.sh 1   (the large county)
#   GEN_ARGS="--crowding 1.2 --room-ratio 0.85 --far-zones 0.1" bench/alloc.sh 1
#       (a county shaped like hard real ones: docs/generate.md)
# Each row names its data and says that `schoolnet check` passed the plan
# (a failed check prints CHECK-FAILED instead of the numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
SCHOOLS=${SCHOOLS:-150}
ZONES=${ZONES:-800}
LIMIT=${LIMIT:-60}
PEERS=${PEERS:-1}       # 0: skip glpsol and CBC
OUT=${OUT:-build/bench-alloc}
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
mkdir -p "$OUT"
echo "$(bench_header); $SCHOOLS schools, $ZONES zones, --time-limit $LIMIT"
echo
data="ours: generate --schools $SCHOOLS --zones $ZONES${GEN_ARGS:+ $GEN_ARGS}"
echo "| seed | data | check | plan s (pupils s) | status | cost: value / bound (gap) | over standard | diverted | student-km | glpsol, cost level | CBC, cost level |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for s in "${seeds[@]}"; do
    d="$OUT/county-$SCHOOLS-$s"
    rm -rf "$d"
    # shellcheck disable=SC2086 # GEN_ARGS: several options
    "$BIN" generate --schools "$SCHOOLS" --zones "$ZONES" --seed "$s" $GEN_ARGS \
        -o "$d" -q
    secs=$(plan_checked "$d/scenario.ini" "$d/plan" --time-limit "$LIMIT")
    if [ "$secs" = CHECK-FAILED ]; then
        echo "| $s | $data | CHECK-FAILED | | | | | | | | |"
        continue
    fi
    sum="$d/plan/summary.json"
    pupils=$(json "$d/plan/timing.json" "'%.1f' % s['allocation']")
    status=$(json "$sum" "s['status']")
    g="-"; c="-"
    if [ "$PEERS" = 1 ]; then
        share=$(python3 -c "print(int(round($LIMIT * 0.75)))")
        const=$(export_cost "$d/scenario.ini" "$d/model.mps" \
                --time-limit "$LIMIT")
        g=$(glpsol_on "$d/model.mps" "$share" "${const:-0}")
        c=$(cbc_on "$d/model.mps" "$share" "${const:-0}")
    fi
    echo "| $s | $data | passed | $secs ($pupils) | $status | $(level_cell "$sum" cost) |" \
         "$(level_cell "$sum" over_standard) |" \
         "$(level_cell "$sum" diverted) | $(level_cell "$sum" student_km) |" \
         "$g | $c |"
done
