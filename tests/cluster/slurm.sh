#!/bin/sh
# slurm.sh [SCHOOLNET] - a real single-node Slurm runs an emitted batch:
# munged, slurmctld and slurmd are started here with a minimal slurm.conf
# for this machine (state, spool, logs and the munge key in a temporary
# folder; proctrack/linuxproc, task/none, select/cons_tres), the emitted
# array (counties as jobs) is submitted with `sbatch --wait`, and collect
# must give byte for byte what GNU parallel and `batch --jobs 2` give.
#
# Needs root (the daemons run as root here) and Debian's slurm-wlm, munge
# and parallel; without them it says why and skips (exit 0), unless
# SN_REQUIRE_CLUSTER=1 (.ci/run), where a skip is a failure.  Only the
# daemons started here are stopped, by their process ids.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sn_program "${1:-}"

skip() {
    echo "SKIP slurm.sh: $*"
    [ -z "${SN_REQUIRE_CLUSTER:-}" ] || exit 1
    exit 0
}
[ "$(id -u)" = 0 ] || skip "not root: cannot start munged, slurmctld and slurmd here"
for p in munged slurmctld slurmd sbatch sinfo parallel; do
    command -v $p > /dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
    command -v $p > /dev/null 2>&1 ||
        skip "no $p (apt-get install slurm-wlm munge parallel)"
done

T=$(mktemp -d /tmp/sn-slurm-XXXXXX)
chmod 711 "$T"
PIDS=""
stop() {
    [ -f "$T/munged.pid" ] && PIDS="$PIDS $(cat "$T/munged.pid")"
    for p in $PIDS; do
        kill "$p" 2> /dev/null || true
    done
    for i in 1 2 3 4 5 6 7 8 9 10; do # until they are gone, 5 s at most
        alive=0
        for p in $PIDS; do
            kill -0 "$p" 2> /dev/null && alive=1
        done
        [ $alive = 0 ] && break
        sleep 0.5
    done
    rm -rf "$T"
}
trap stop EXIT
trap 'exit 143' TERM INT

# munge with a key of its own, on a socket of its own
dd if=/dev/urandom of="$T/munge.key" bs=1024 count=1 2> /dev/null
chmod 400 "$T/munge.key"
munged --force --key-file="$T/munge.key" --socket="$T/munge.sock" \
    --pid-file="$T/munged.pid" --log-file="$T/munged.log" \
    --seed-file="$T/munged.seed" || skip "munged did not start"

# ports of our own, away from a real Slurm's 6817/6818
port=$(( 20000 + $$ % 20000 ))
node=$(hostname -s)
mkdir -p "$T/state" "$T/spool"
cat > "$T/slurm.conf" <<CONF
ClusterName=schoolnet-test
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$T/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=2048 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
SLURM_CONF=$T/slurm.conf
export SLURM_CONF
slurmctld -D -f "$SLURM_CONF" > "$T/slurmctld.log" 2>&1 &
PIDS="$PIDS $!"
slurmd -D -f "$SLURM_CONF" > "$T/slurmd.log" 2>&1 &
PIDS="$PIDS $!"
up=0
for i in $(seq 30); do
    if sinfo -h -o %T 2> /dev/null | grep -q idle; then
        up=1
        break
    fi
    sleep 1
done
if [ $up = 0 ]; then
    tail -5 "$T/slurmctld.log" "$T/slurmd.log" >&2
    skip "slurmctld and slurmd did not come up in 30 s (logs above)"
fi
echo "slurm: slurmctld and slurmd up on $node, ports $port-$((port + 1))"

sn_root "$T/shared"
sn_emit runs/slurm --split counties -q
sn_emit runs/par --split counties -q
n=$(sn_njobs runs/slurm)
grep -q "^#SBATCH --array=1-$n%" runs/slurm/slurm.sbatch
# the README's lines: sbatch from the job folder (--wait: until the array
# ends); GNU parallel on this machine
(cd runs/slurm && timeout 900 sbatch --wait slurm.sbatch)
(cd runs/par && parallel --will-cite -j 2 ./run-job ::: $(seq $n)) > /dev/null
for k in $(seq $n); do
    grep -q "^state done" runs/slurm/jobs/$k.status || {
        echo "FAIL: job $k did not run under Slurm" >&2
        cat runs/slurm/jobs/$k.slurm >&2 || true
        exit 1
    }
    [ -f runs/slurm/jobs/$k.slurm ] || {
        echo "FAIL: no Slurm output for job $k" >&2
        exit 1
    }
done
"$SCHOOLNET" collect runs/slurm -o got-slurm -q
"$SCHOOLNET" collect runs/par -o got-parallel -q
echo "slurm: $n array tasks done"
sn_same_and_checked got-parallel got-slurm
sn_same_and_checked ref got-slurm
echo "slurm.sh: passed"
