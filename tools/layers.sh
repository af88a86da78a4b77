#!/bin/sh
# layers.sh - the folders are the architecture (docs/architecture.md,
# STYLE.md): fails, naming the line, when a file includes a header of a
# layer it must not see, or a third-party header outside its one home.
#   model/          model/ only
#   io/, gen/       model/ and their own folder
#   solver/         model/ and solver/
#   cli/, tests/    anything
#   glpk.h in solver/ only; GSL in model/forecast*.c only; <csv.h> in
#   io/csv.c only.
cd "$(dirname "$0")/.." || exit 2
bad=0
check() { # folder allowed-regex
  for f in "$1"/*.c "$1"/*.h; do
    [ -e "$f" ] || continue
    out=$(grep -n '^#include "' "$f" | grep -Ev "#include \"($2)/")
    if [ -n "$out" ]; then
      echo "$out" | while IFS= read -r l; do
        echo "$f:$l (layer: $1/ may include $2 only)"; done
      bad=1
    fi
  done
}
check model 'model'
check io 'model|io'
check gen 'model|gen'
check solver 'model|solver'
for f in $(grep -l '^#include <glpk.h>' */*.c */*.h 2>/dev/null); do
  case "$f" in solver/*) ;; *) echo "$f: includes glpk.h outside solver/"; bad=1;; esac
done
for f in $(grep -l '^#include <gsl/' */*.c */*.h 2>/dev/null); do
  case "$f" in model/forecast*.c) ;; *) echo "$f: includes GSL outside model/forecast*.c"; bad=1;; esac
done
for f in $(grep -l '^#include <csv.h>' */*.c */*.h 2>/dev/null); do
  [ "$f" = io/csv.c ] || { echo "$f: includes csv.h outside io/csv.c"; bad=1; }
done
[ $bad = 0 ] && echo "layers: every include is allowed"
exit $bad
