#!/usr/bin/env bash
# Allocation benchmark (issue 3): synthetic counties of 150 schools and 800
# zones; schoolnet's plan (heuristic start, then the six levels) against
# glpsol and CBC on the exported cost-level model with the same time limit.
# Usage: bench/alloc.sh [SEEDS...]   (default seeds 1 2 3); LIMIT=60.
# Prints one line per instance; paste into bench/README.md with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/schoolnet}
LIMIT=${LIMIT:-60}
OUT=${OUT:-build/bench-alloc}
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
mkdir -p "$OUT"
printf '%-6s %-10s %-10s %-9s %-9s %-9s | %-22s | %-22s\n' seed heur_s plan_s status gap cost \
  "glpsol (cost level)" "cbc (cost level)"
for s in "${seeds[@]}"; do
  d="$OUT/county-$s"
  rm -rf "$d"
  "$BIN" generate --schools 150 --zones 800 --seed "$s" -o "$d" >/dev/null
  t0=$(date +%s.%N)
  "$BIN" plan "$d/scenario.ini" -o "$d/heur" --heuristic-only --quiet || true
  t1=$(date +%s.%N)
  "$BIN" plan "$d/scenario.ini" -o "$d/plan" --time-limit "$LIMIT" --quiet || true
  t2=$(date +%s.%N)
  "$BIN" check "$d/scenario.ini" "$d/plan" >/dev/null || echo "seed $s: CHECK FAILED"
  status=$(sed -n 's/.*"status": "\([a-z]*\)".*/\1/p' "$d/plan/summary.json" | head -1)
  gap=$(sed -n 's/.*"gap": \([0-9.e+-]*\).*/\1/p' "$d/plan/summary.json" | head -1)
  cost=$(python3 -c "import json;print('%.0f'%json.load(open('$d/plan/summary.json'))['objective']['cost'])")
  "$BIN" export "$d/scenario.ini" --level 4 --mps "$d/model.mps" --time-limit "$LIMIT" >/dev/null
  g=$( { timeout $((LIMIT + 30)) glpsol --freemps "$d/model.mps" --tmlim "$LIMIT" --mipgap 0.01 2>&1 || true; } \
       | grep -E "^\+|INTEGER OPTIMAL|TIME LIMIT|PROBLEM HAS NO" | tail -2 | tr -s ' ' | tr '\n' ' ' | cut -c1-60 || true)
  c=$( { timeout $((LIMIT + 30)) cbc "$d/model.mps" sec "$LIMIT" ratio 0.01 solve 2>&1 || true; } \
       | grep -E "^Result|^Objective value|^Gap|^No feasible|^Lower bound" | tr -s ' ' | tr '\n' ' ' | cut -c1-80 || true)
  printf '%-6s %-10.2f %-10.2f %-9s %-9s %-9s | %s | %s\n' "$s" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$t2 - $t1" | bc)" "$status" "$gap" "$cost" "$g" "$c"
done
