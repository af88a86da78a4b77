# lib.sh - what the cluster tests share (sourced by parallel.sh, slurm.sh).
#
# A small batch: two scenarios (a generated 3-county data set, with a
# school bus so that every pupil is placed, and a what-if on it) swept
# over consolidation.allow_closures=0,1 - four runs,
# every solve ending by optimality (the relative gap) in a tenth of a
# second, with a time limit of 600 s that never binds, so the plans do
# not depend on the machine or its load.  The reference is `schoolnet
# batch --jobs 2` on the same runs.

set -eu

# $SCHOOLNET: the program, as an absolute path (sbatch and run-job change
# folders).
sn_program() {
    prog=${1:-${SCHOOLNET:-build/schoolnet}}
    case $prog in
        /*) ;;
        *) prog=$(pwd)/$prog ;;
    esac
    [ -x "$prog" ] || { echo "$0: no schoolnet at $prog (make first)" >&2; exit 2; }
    SCHOOLNET=$prog
    export SCHOOLNET
}

SWEEP=consolidation.allow_closures=0,1
LIMIT="--time-limit 600"
SCENARIOS="data.ini what/scenario.ini"

# Makes the shared folder $1 with the data, the what-if and the
# reference OUT ($1/ref).
sn_root() {
    mkdir -p "$1"
    cd "$1"
    "$SCHOOLNET" generate --counties 3 --schools 10 --zones 30 --seed 3 \
        --equal-size -q -o data
    printf '[scenario]\ndata = data\nname = data\n[travel]\nbus_max_km = 30\n' \
        > data.ini
    mkdir -p what
    printf '[scenario]\nbase = ../data.ini\nname = what-if\n[classes]\nhard_cap = 50\n' \
        > what/scenario.ini
    "$SCHOOLNET" batch $SCENARIOS --vary "$SWEEP" $LIMIT --jobs 2 -q -o ref
}

# Emits the batch into $1 (extra options after it).
sn_emit() {
    dir=$1
    shift
    "$SCHOOLNET" batch $SCENARIOS --vary "$SWEEP" $LIMIT --emit "$dir" "$@"
}

# Number of jobs in the job folder $1.
sn_njobs() {
    echo $(( $(wc -l < "$1/jobs.tsv") - 1 ))
}

# Fails unless OUT folders $1 and $2 are the same, byte for byte, but for
# timing.json; then checks every plan of $2 with `schoolnet check`.
sn_same_and_checked() {
    if ! diff -r -x timing.json "$1" "$2"; then
        echo "FAIL: $2 differs from $1" >&2
        exit 1
    fi
    n=0
    for d in "$2"/*/; do
        d=${d%/}
        "$SCHOOLNET" check "$d/scenario.ini" "$d" > /dev/null || {
            echo "FAIL: $d does not pass schoolnet check" >&2
            exit 1
        }
        n=$((n + 1))
    done
    [ "$n" -eq 4 ] || { echo "FAIL: $n plans in $2, not 4" >&2; exit 1; }
    grep -q ',feasible,' "$2/comparison.csv" && {
        echo "FAIL: a solve did not end by optimality: the test data are too hard" >&2
        exit 1
    }
    awk -F, 'NR > 1 && $2 != 0 { bad = 1 } END { exit bad }' \
        "$2/comparison.csv" || {
        echo "FAIL: a plan is not clean (exit column): $2/comparison.csv" >&2
        exit 1
    }
    [ -f "$2/comparison.html" ] || {
        echo "FAIL: no $2/comparison.html" >&2
        exit 1
    }
    echo "ok: $2 = $1 (diff -r, timing.json aside); $n plans pass schoolnet check"
}
