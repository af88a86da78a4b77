#!/bin/sh
# forecast_backtest.sh - the projection's rolling-origin backtests recorded
# in docs/projection.md: the shipped demo county and city, and the public US
# series (bench/data/), each with births and without (grade 1 then follows
# the damped trend), and the straight line (entry_damping = 1) against the
# damped trend (0.8) for the runs without births.
#
#   bench/forecast_backtest.sh [OUT]     (default OUT: /tmp/sn-forecast-bt)
#
# A run without births reads a temporary folder of links to the data files
# minus births.csv and a scenario.ini that only sets [projection] keys (the
# shipped scenarios use the defaults for every other projection key).
set -eu
BIN=${BIN:-./build/schoolnet}
OUT=${1:-/tmp/sn-forecast-bt}
H=${H:-5}
mkdir -p "$OUT"
nobirths() { # nobirths SRC DST PHI
    rm -rf "$2"; mkdir -p "$2"
    for f in "$1"/*.csv; do
        [ "$(basename "$f")" = births.csv ] || ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$2/"
    done
    printf '[projection]\nentry_damping = %s\n' "$3" > "$2/scenario.ini"
}
run() { # run NAME SCENARIO
    echo "== $1"
    nice "$BIN" project "$2" -o "$OUT/$1" --backtest "$H"
}
run demo scenarios/demo-county/scenario.ini
run city scenarios/city/data/scenario.ini
run us bench/data/us-public
for phi in 0.8 1; do
    for d in demo:scenarios/demo-county/data city:scenarios/city/data \
             us:bench/data/us-public; do
        name=${d%%:*}; src=${d#*:}
        nobirths "$src" "$OUT/data-$name-nobirths-$phi" "$phi"
        run "$name-nobirths-phi$phi" "$OUT/data-$name-nobirths-$phi/scenario.ini"
    done
done
