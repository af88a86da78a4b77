#!/bin/sh
# mutate.sh - mutation testing: every mutant of tools/mutants.txt must make
# the test suite fail.  `make mutate` runs it; .ci/run fails on a survivor.
#
# A mutant is a small edit at a named place: a file, a search string that
# must occur exactly once in it, and its replacement (no line numbers, so
# edits elsewhere in the file do not move it).  A search string that no
# longer occurs exactly once is reported as STALE and fails the run: who
# changes the code keeps the list current.
#
# For each mutant, in a scratch copy of the tree ($MUTATE_DIR, default
# build-mutate/tree): put the mutated file in, rebuild (incrementally), run
# the tests named by the mutant's `tests:` filter (a Criterion --filter
# pattern; the whole suite when absent), put the file back.  The tests must
# fail: KILLED.  They pass: SURVIVED.  The mutant does not compile: BROKEN
# (a mutant must be a plausible bug, so this fails the run too).  Before
# any mutant, every filter must pass on the unmutated tree.
#
# Usage: tools/mutate.sh [NAME-SUBSTRING...]   (only mutants whose name
#        contains one of them; all by default)
# Exit: 0 every mutant killed; 1 a mutant survived, is stale or broken;
#       2 the unmutated tree fails its tests or cannot be built.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
list=${MUTANTS:-$top/tools/mutants.txt}
work=${MUTATE_DIR:-$top/build-mutate}
tree=$work/tree
jobs=${MUTATE_JOBS:-2}
limit=${MUTATE_TIMEOUT:-900}   # seconds for one test run (a hang is a kill)

# ---- the scratch tree ----------------------------------------------------
mkdir -p "$tree" || exit 2
cd "$top" || exit 2
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -co --exclude-standard
else
  find . -path './build*' -prune -o -type f -print | sed 's|^\./||'
fi | tar -cf - -T - | (cd "$tree" && tar -xf -) || exit 2
# the objects of ./build, with their times, so the first build of the
# scratch tree compiles only what changed since
if [ -d build ] && [ ! -e "$tree/build" ]; then
  tar -cf - --exclude=build/memcheck build | (cd "$tree" && tar -xf -)
fi
build() { # the test binary is all the tests need
  make -s -C "$tree" -j"$jobs" build/schoolnet-tests \
    </dev/null >"$work/build.log" 2>&1
}
run_tests() { # filter
  (cd "$tree" && if [ -n "$1" ]; then
     timeout "$limit" ./build/schoolnet-tests --jobs "$jobs" --filter "$1"
   else
     timeout "$limit" ./build/schoolnet-tests --jobs "$jobs"
   fi) </dev/null >"$work/tests.log" 2>&1
}

# ---- the list -------------------------------------------------------------
# Blocks of "key: value" lines (name, file, find, replace, tests) separated
# by blank lines; '#' starts a comment line.  In find and replace, \n
# stands for a line break and \\ for a backslash.
parse() {
  awk '
    function flush() {
      if (name != "")
        printf "%s\t%s\t%s\t%s\t%s\n", name, file, find, repl, tests
      name = file = find = repl = tests = ""
    }
    /^#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      k = $0; sub(/:.*/, "", k)
      v = $0; sub(/^[^:]*: ?/, "", v)
      gsub(/\t/, "\\t", v)
      if (k == "name") name = v
      else if (k == "file") file = v
      else if (k == "find") find = v
      else if (k == "replace") repl = v
      else if (k == "tests") tests = v
      else { print "mutants.txt: unknown key " k > "/dev/stderr"; exit 1 }
    }
    END { flush() }' "$list"
}

# Replaces the one occurrence of find by repl in file (stdin -> stdout);
# exits 3 (printing the count) when find does not occur exactly once.
mutate() { # find repl
  awk -v f="$1" -v r="$2" '
    function unescape(s,   o, i, c) {
      o = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" && i < length(s)) {
          i++; c = substr(s, i, 1)
          o = o (c == "n" ? "\n" : c == "t" ? "\t" : c)
        } else o = o c
      }
      return o
    }
    { text = text $0 "\n" }
    END {
      f = unescape(f); r = unescape(r)
      n = 0; rest = text
      while ((i = index(rest, f)) > 0) { n++; rest = substr(rest, i + length(f)) }
      if (n != 1) { print n > "/dev/stderr"; exit 3 }
      i = index(text, f)
      printf "%s%s%s", substr(text, 1, i - 1), r, substr(text, i + length(f))
    }'
}

wanted() { # name: whether the command line selects it
  [ $# -le 1 ] && return 0
  n=$1; shift
  for w in "$@"; do case "$n" in *"$w"*) return 0;; esac; done
  return 1
}

parse >"$work/mutants.tsv" || exit 2
total=$(wc -l <"$work/mutants.tsv")
echo "mutate: $total mutants in $list; scratch tree $tree"

# ---- the unmutated tree passes -------------------------------------------
if ! build; then
  echo "mutate: the unmutated tree does not build:"; tail -20 "$work/build.log"
  exit 2
fi
cut -f5 "$work/mutants.tsv" | sort -u | while IFS= read -r filter; do
  if ! run_tests "$filter"; then
    echo "mutate: the unmutated tree fails its tests (filter '$filter'):"
    tail -20 "$work/tests.log"
    exit 2
  fi
done || exit 2

# ---- each mutant -----------------------------------------------------------
killed=0 survived=0 stale=0 broken=0 i=0
tab=$(printf '\t')
while IFS="$tab" read -r name file find repl tests; do
  i=$((i + 1))
  wanted "$name" "$@" || continue
  src=$top/$file
  if [ ! -f "$src" ]; then
    echo "STALE    $name: no file $file"; stale=$((stale + 1)); continue
  fi
  if ! mutate "$find" "$repl" <"$src" >"$tree/$file.mutant" 2>"$work/count"; then
    echo "STALE    $name: '$find' occurs $(cat "$work/count") times in $file (want 1)"
    stale=$((stale + 1)); rm -f "$tree/$file.mutant"; continue
  fi
  mv "$tree/$file.mutant" "$tree/$file"
  if ! build; then
    echo "BROKEN   $name: the mutant does not compile ($file)"
    broken=$((broken + 1))
  elif run_tests "$tests"; then
    echo "SURVIVED $name ($file; tests '${tests:-all}')"
    survived=$((survived + 1))
  else
    echo "killed   $name"
    killed=$((killed + 1))
  fi
  cp "$src" "$tree/$file"  # back as it was (newer: rebuilt next time)
done <"$work/mutants.tsv"
build >/dev/null 2>&1

echo "mutate: $killed killed, $survived survived, $stale stale, $broken broken"
[ $((survived + stale + broken)) -eq 0 ]
