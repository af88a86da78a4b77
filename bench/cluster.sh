#!/bin/sh
# cluster.sh - the province batch of issue 15, measured (bench/README.md,
# "cluster").
#
# A. A Shanxi-sized province (`schoolnet generate --counties 117 --seed
#    15`), emitted with --split counties (117 jobs) and LIMIT seconds for
#    the whole province (each county its share by zones).  Runs the
#    SAMPLE jobs one after the other (default: jobs 1-13, one county of
#    each of Yuncheng's 13 unit sizes, which the 117 repeat), each under
#    /usr/bin/time (peak memory), prints their durations, runs collect
#    (which lists the jobs that did not run and exits 4), and projects the
#    wall time of all 117 jobs on N job slots (nodes x cores) from the
#    measured times: job k takes what the sampled job of its unit size
#    took, slots are filled longest job first.
# B. A province of small, easy counties (117 x 10 schools x 30 zones,
#    every solve ending by optimality in a tenth of a second, so the plan
#    does not depend on time) run whole by GNU parallel -j 2: measured wall
#    time against the projection from its own job times, and collect's
#    plan byte for byte `plan --jobs 2`'s, passing schoolnet check.
#
# Environment: SCHOOLNET (default build/schoolnet), WORK (default
# build/bench-cluster), LIMIT (default 2340: 20 s a county on average),
# SAMPLE (job numbers), SKIP_A=1 / SKIP_B=1 to skip A / B.  Run it under nice on a
# shared machine: it runs one job at a time (B: two).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
S=${SCHOOLNET:-$top/build/schoolnet}
W=${WORK:-$top/build/bench-cluster}
LIMIT=${LIMIT:-2340}
SAMPLE=${SAMPLE:-"1 2 3 4 5 6 7 8 9 10 11 12 13"}
export SCHOOLNET=$S
mkdir -p "$W"
cd "$W"

echo "# cluster bench: $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"

project() { # file of durations, one a line: LPT on n slots
    for n in 1 2 4 8 16 32 64 117; do
        sort -rn "$1" | awk -v n=$n '
            { best = 1; for (i = 2; i <= n; i++) if (t[i] < t[best]) best = i
              t[best] += $1; total += $1 }
            END { m = 0; for (i = 1; i <= n; i++) if (t[i] > m) m = t[i]
                  printf "| %d | %.0f | %.0f |\n", n, m, total }'
    done
}

if [ "${SKIP_A:-}" != 1 ]; then
[ -d province ] ||
    "$S" generate --counties 117 --seed 15 -o province -q
rm -rf runs out
"$S" batch province --split counties --time-limit "$LIMIT" --emit runs/p -q
echo "emitted: $(($(wc -l < runs/p/jobs.tsv) - 1)) jobs;" \
     "$(grep -E '^#SBATCH --(time|mem)' runs/p/slurm.sbatch | tr '\n' ' ')"

# A: the sample
echo
echo "| job | county | schools | zones | status | seconds | read | allocation | peak MB |"
echo "| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
: > sample.tsv
for k in $SAMPLE; do
    /usr/bin/time -f "%M" -o time.$k runs/p/run-job -q "$k" || true
    county=$(awk -F'\t' -v k="$k" '$1 == k {print $5}' runs/p/jobs.tsv)
    sch=$(awk -F, -v c="$county" '$3 == c' province/schools.csv | wc -l)
    zon=$(awk -F, -v c="$county" '$3 == c' province/zones.csv | wc -l)
    secs=$(awk '$1 == "seconds" {print $2}' runs/p/jobs/$k.status)
    st=$(sed -n 's/.*"status": "\(.*\)".*/\1/p' runs/p/jobs/$k/county.json)
    rd=$(sed -n 's/.*"read": \([0-9.]*\).*/\1/p' runs/p/jobs/$k/timing.json)
    al=$(sed -n 's/.*"allocation": \([0-9.]*\).*/\1/p' runs/p/jobs/$k/timing.json)
    mb=$(( $(tail -1 time.$k) / 1024 ))
    echo "| $k | $county | $sch | $zon | $st | $secs | $rd | $al | $mb |"
    printf '%s\t%s\n' "$k" "$secs" >> sample.tsv
done
set +e
"$S" collect runs/p -o out -q 2> collect.err
rc=$?
set -e
echo
echo "collect with $(wc -l < sample.tsv) of 117 jobs run: exit $rc;" \
     "$(head -1 collect.err | cut -c1-90)..."

# the projection: job k lasts as the sampled job of its unit size
awk -F'\t' '{ d[$1] = $2 } END { for (k = 1; k <= 117; k++) {
              u = (k - 1) % 13 + 1; if (u in d) print d[u] } }' \
    sample.tsv > projected.txt
echo
echo "projected wall time of the 117 jobs (s), $(wc -l < projected.txt) job times:"
echo "| slots | wall s | job-seconds |"
echo "| ---: | ---: | ---: |"
project projected.txt
fi
[ "${SKIP_B:-}" = 1 ] && exit 0

# B: a small province run whole by GNU parallel
echo
[ -d small ] ||
    "$S" generate --counties 117 --schools 10 --zones 30 --equal-size \
        --seed 3 -o small -q
rm -rf runs-small out-small ref-small
"$S" batch small --split counties --time-limit 11700 --emit runs-small/s -q
t0=$(date +%s.%N)
(cd runs-small/s && parallel --will-cite -j 2 ./run-job -q ::: $(seq 117))
t1=$(date +%s.%N)
"$S" collect runs-small/s -o out-small -q
t2=$(date +%s.%N)
for k in $(seq 117); do
    awk '$1 == "seconds" {print $2}' runs-small/s/jobs/$k.status
done > small.txt
"$S" plan small -o ref-small -q --jobs 2 --time-limit 11700
diff -r -x timing.json ref-small out-small/small > /dev/null &&
    same="byte for byte plan --jobs 2's" || same="DIFFERENT from plan --jobs 2"
"$S" check small out-small/small > /dev/null && ok=passes || ok=FAILS
status=$(sed -n '5s/.*"status": "\(.*\)".*/\1/p' out-small/small/summary.json)
echo "B: 117 small counties by GNU parallel -j 2: $(echo "$t1 - $t0" | bc) s" \
     "wall, collect $(echo "$t2 - $t1" | bc) s; the plan ($status) is $same" \
     "and $ok schoolnet check; projected from its job times:"
echo "| slots | wall s | job-seconds |"
echo "| ---: | ---: | ---: |"
project small.txt | head -2
