#!/bin/sh
# parallel.sh [SCHOOLNET] - GNU parallel runs an emitted batch on this
# machine, through the README's --sshloginfile line (the node ":" is this
# machine): collect gives byte for byte the folder `batch --jobs 2` gives,
# for whole scenarios and for counties as jobs (--split counties); a
# second round skips every finished job.  Skips when GNU parallel is not
# installed (Debian: apt-get install parallel).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sn_program "${1:-}"
if ! command -v parallel > /dev/null 2>&1; then
    echo "SKIP parallel.sh: GNU parallel is not installed (apt-get install parallel)"
    [ -z "${SN_REQUIRE_CLUSTER:-}" ] || exit 1
    exit 0
fi
T=$(mktemp -d /tmp/sn-parallel-XXXXXX)
trap 'rm -rf "$T"' EXIT
sn_root "$T/shared"

for split in whole counties; do
    dir=runs/$split
    if [ $split = counties ]; then
        sn_emit $dir --split counties -q
    else
        sn_emit $dir -q
    fi
    n=$(sn_njobs $dir)
    echo "2/:" > $dir/nodes
    # the README's line, from the job folder
    (cd $dir && parallel --will-cite --sshloginfile nodes --workdir . \
        ./run-job ::: $(seq $n)) > "$T/run1.out"
    # again: every job is done, so every job is skipped
    (cd $dir && parallel --will-cite --sshloginfile nodes --workdir . \
        ./run-job ::: $(seq $n)) > "$T/run2.out"
    skipped=$(grep -c "skipped" "$T/run2.out" || true)
    [ "$skipped" -eq "$n" ] || {
        echo "FAIL: second round ran again ($skipped of $n skipped)" >&2
        cat "$T/run2.out" >&2
        exit 1
    }
    "$SCHOOLNET" collect $dir -o got-$split -q
    echo "$split: $n jobs by GNU parallel, $n skipped the second time"
    sn_same_and_checked ref got-$split
done
echo "parallel.sh: passed"
