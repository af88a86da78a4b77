#!/bin/sh
# fuzz.sh SECONDS [TARGET...] - runs each libFuzzer harness built by `make
# fuzz` (build-fuzz/fuzz/fuzz_TARGET) for SECONDS, starting from seeds made
# of the shipped data, with a corpus kept in build-fuzz/corpus/TARGET;
# FUZZ_PARALLEL (default 2) of them at a time, one core each.
# A crash, a leak, a sanitizer report or an input slower than 10 s stops
# that fuzzer and fails the run; the input is saved as
# build-fuzz/crashes/TARGET-*: fix the bug, then add the input to
# tests/fuzz/regressions/TARGET/ so the suite keeps it fixed.
set -u
cd "$(dirname "$0")/.." || exit 2
secs=${1:-60}
shift
targets=${*:-csv ini plan json}
out=build-fuzz
mkdir -p "$out/crashes"

seeds() { # target dir
  mkdir -p "$2"
  case $1 in
  csv)
    cp tests/data/tiny/*.csv "$2"/
    for f in scenarios/demo-county/data/*.csv; do
      head -n 40 "$f" >"$2/demo-$(basename "$f")"
    done;;
  ini)
    i=0
    for f in scenarios/*/scenario*.ini tests/data/tiny/scenario.ini; do
      i=$((i + 1)); cp "$f" "$2/$i.ini"
    done;;
  json)
    cp tests/data/tiny-plan/summary.json "$2"/;;
  plan)
    p=tests/data/tiny-plan
    { cat $p/assignments.csv; printf '\n@@@@\n'; cat $p/unplaced.csv
      printf '\n@@@@\n'; cat $p/schools.csv; printf '\n@@@@\n'
      cat $p/summary.json; } >"$2/tiny-plan";;
  esac
  cp tests/fuzz/regressions/"$1"/* "$2"/ 2>/dev/null
  return 0
}

# Runs one fuzzer; its verdict goes to $out/TARGET.status.
run_one() { # target
  t=$1 bin=$out/fuzz/fuzz_$1
  case $t in csv|plan) max=65536;; *) max=8192;; esac
  if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -max_len=$max -print_final_stats=1 \
       -artifact_prefix="$out/crashes/$t-" \
       "$out/corpus/$t" "$out/seeds/$t" >"$out/$t.log" 2>&1; then
    echo ok >"$out/$t.status"
  else
    echo failed >"$out/$t.status"
  fi
}

par=${FUZZ_PARALLEL:-2}
n=0
for t in $targets; do
  [ -x "$out/fuzz/fuzz_$t" ] || {
    echo "fuzz: $out/fuzz/fuzz_$t missing (make fuzz builds it)"; exit 2; }
  seeds "$t" "$out/seeds/$t"
  mkdir -p "$out/corpus/$t"
  rm -f "$out/$t.status"
  echo "fuzz: $t for $secs s"
  run_one "$t" &
  n=$((n + 1))
  [ $((n % par)) -eq 0 ] && wait
done
wait

fail=0
for t in $targets; do
  if [ "$(cat "$out/$t.status" 2>/dev/null)" != ok ]; then
    echo "fuzz: $t FAILED (log $out/$t.log):"
    grep -E "ERROR|SUMMARY|Test unit written" "$out/$t.log" | head -5
    fail=1
  else
    grep -E "^stat::number_of_executed_units" "$out/$t.log" |
      sed "s/^stat::number_of_executed_units: */fuzz: $t: /; s/\$/ inputs, no failure/"
  fi
done
exit $fail
