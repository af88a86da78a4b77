#!/usr/bin/env bash
# Classic location problems as schoolnet data (issue 10; docs/search.md):
# capacitated facility location 100 x 1,000 in the Cornuejols-Sridharan-
# Thizy recipe (ratios 5, 10, 15) and p-median on OR-Library-style random
# graphs.  Each instance is planned with --time-limit 5 (a plan at once?)
# and LIMIT (default 60; --gap 0 so the search goes on), checked; then the
# cost level's model goes to glpsol and CBC for LIMIT seconds in the same
# run; the last column is the distance to the best known value of
# bench/alloc_best.txt (bench/alloc_best.sh: the best of three long runs)
# or, for an instance not there, to the best plan of this run.
#   bench/alloc_classic.sh [INSTANCES...]
# INSTANCE: cflp-RATIO-SEED (100 x 1,000) or pmed-NODES-P-SEED.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
LIMIT=${LIMIT:-60}
PEERS=${PEERS:-1}
OUT=${OUT:-build/bench-classic}
BEST=${BEST:-bench/alloc_best.txt}
insts=("$@")
[ ${#insts[@]} -gt 0 ] ||
    insts=(cflp-5-1 cflp-10-1 cflp-15-1 pmed-400-5-1 pmed-600-5-1
           pmed-900-5-1 pmed-400-40-1 pmed-900-90-1)
mkdir -p "$OUT"

# make_instance NAME DIR
make_instance() {
    local IFS=-
    set -- $1
    case $1 in
    cflp) "$BIN" generate --kind cflp --sites 100 --customers 1000 \
              --ratio "$2" --seed "$3" -o "$OUT/$NAME" -q ;;
    pmed) "$BIN" generate --kind pmedian --nodes "$2" --p "$3" \
              --seed "$4" -o "$OUT/$NAME" -q ;;
    esac
}

echo "$(bench_header); --time-limit 5 and $LIMIT"
echo
echo "| instance | 5 s: cost | $LIMIT s: cost / bound (gap) | glpsol $LIMIT s | CBC $LIMIT s | best known | ours above best |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for NAME in "${insts[@]}"; do
    d="$OUT/$NAME"
    rm -rf "$d"
    make_instance "$NAME"
    s5=$(plan_checked "$d/scenario.ini" "$d/p5" --time-limit 5 --gap 0)
    c5=CHECK-FAILED
    [ "$s5" = CHECK-FAILED ] ||
        c5="$(json "$d/p5/summary.json" "'%.6g' % s['objective']['cost']") ($s5 s)"
    s60=$(plan_checked "$d/scenario.ini" "$d/p" --time-limit "$LIMIT" --gap 0)
    if [ "$s60" = CHECK-FAILED ]; then
        echo "| $NAME | $c5 | CHECK-FAILED | | | | |"
        continue
    fi
    cell=$(level_cell "$d/p/summary.json" cost)
    ours=$(json "$d/p/summary.json" "s['objective']['cost']")
    g="-"; c="-"
    if [ "$PEERS" = 1 ]; then
        const=$(export_cost "$d/scenario.ini" "$d/model.mps")
        g=$(glpsol_on "$d/model.mps" "$LIMIT" "${const:-0}")
        c=$(cbc_on "$d/model.mps" "$LIMIT" "${const:-0}")
    fi
    # the best known value: bench/alloc_best.txt when it has the instance,
    # else the best plan of this run (ours, glpsol's, CBC's), marked "run"
    best=""
    [ ! -f "$BEST" ] ||
        best=$(awk -v n="$NAME" '$1 == n {print $2}' "$BEST" | tail -1)
    if [ -n "$best" ]; then
        bestcell=$best
    else
        best=$(python3 -c '
import sys
v = []
for a in sys.argv[1:]:
    try:
        v.append(float(a.split(" / ")[0]))
    except ValueError:
        pass
print("%.6g" % min(v))' "$ours" "$g" "$c")
        bestcell="$best (run)"
    fi
    above=$(python3 -c "v = 100 * ($ours - $best) / $best; print('%.2f%%' % (v if abs(v) >= 0.005 else 0.0))")
    echo "| $NAME | $c5 | $cell | $g | $c | $bestcell | $above |"
done
