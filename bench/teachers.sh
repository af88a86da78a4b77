#!/bin/sh
# Walking-teacher assignment of the city's largest county (by teachers):
# builds bench/teachers_bench against BUILD (default build) and runs it
# with a 60 s limit and a 1% gap.  Results: bench/README.md, "teachers".
set -e
BUILD=${BUILD:-build}
make -s BUILD="$BUILD" "$BUILD/libschoolnet.a" "$BUILD/schoolnet"
CLI_OBJ=$(ls "$BUILD"/cli/*.o | grep -v '/main.o$')
cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -I. \
  bench/teachers_bench.c $CLI_OBJ "$BUILD/libschoolnet.a" \
  -lglpk -lcsv -lxlsxwriter -lgsl -lgslcblas -lm -o "$BUILD/teachers_bench"
echo "nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
# SCEN: another data set; a third argument: a work budget (units)
"$BUILD/teachers_bench" "${SCEN:-scenarios/city/data}" "${1:-60}" \
  "${2:-0.01}" ${3:+"$3"}
