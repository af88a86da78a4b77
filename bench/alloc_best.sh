#!/usr/bin/env bash
# Best known values of the classic instances (bench/alloc_classic.sh): the
# best of three long runs - schoolnet plan, glpsol and CBC, LONG seconds
# each (default 600) - appended to bench/alloc_best.txt as
# "instance value source seconds date".
#   bench/alloc_best.sh [INSTANCES...]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/alloc_lib.sh
LONG=${LONG:-600}
OUT=${OUT:-build/bench-best}
BEST=${BEST:-bench/alloc_best.txt}
insts=("$@")
[ ${#insts[@]} -gt 0 ] ||
    insts=(cflp-5-1 cflp-10-1 cflp-15-1 pmed-400-5-1 pmed-600-5-1
           pmed-900-5-1 pmed-400-40-1 pmed-900-90-1)
mkdir -p "$OUT"
for NAME in "${insts[@]}"; do
    d="$OUT/$NAME"
    rm -rf "$d"
    IFS=- read -r kind a b c <<<"$NAME"
    case $kind in
    cflp) "$BIN" generate --kind cflp --sites 100 --customers 1000 \
              --ratio "$a" --seed "$b" -o "$d" -q ;;
    pmed) "$BIN" generate --kind pmedian --nodes "$a" --p "$b" --seed "$c" \
              -o "$d" -q ;;
    esac
    best=""; src=""
    s=$(plan_checked "$d/scenario.ini" "$d/p" --time-limit "$LONG" --gap 0)
    if [ "$s" != CHECK-FAILED ]; then
        best=$(json "$d/p/summary.json" "s['objective']['cost']")
        src=schoolnet
    fi
    const=$(export_cost "$d/scenario.ini" "$d/model.mps")
    for peer in glpsol cbc; do
        v=$(${peer}_on "$d/model.mps" "$LONG" "${const:-0}" | cut -d' ' -f1)
        case $v in no|LP|-) continue ;; esac
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $v < $best - 1e-6 * abs($best) else 1)"; then
            best=$v; src=$peer
        fi
    done
    echo "$NAME $best $src $LONG $(date -u +%Y-%m-%d)" | tee -a "$BEST"
done
