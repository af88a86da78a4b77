/* batch_emit.h - `schoolnet batch SCENARIO... --emit DIR`: the batch as a
 * list of independent jobs for a cluster, written instead of run.
 *
 * DIR (new or empty; replaced as one io/outtx.h transaction) receives
 *   jobs.tsv        one line per job (io/jobs.h): a run of the batch, or
 *                   with --split counties one county of a run;
 *   run-job         `run-job N` runs job N on any machine that mounts the
 *                   shared folder (`schoolnet run-job`, cli/cmd_runjob.c);
 *   slurm.sbatch    a Slurm array of the jobs, one core each, the time of
 *                   the longest job's time limit and memory from the size
 *                   of the data (below);
 *   README          the GNU parallel and sbatch lines, and collect's;
 *   scenarios/      a sweep's scenario files, NAME.ini, each inheriting
 *                   (`base =`, relative to its folder) from its scenario;
 *   jobs/           where the jobs write: jobs/N/ (the plan or the
 *                   county's part), jobs/N.log, jobs/N.status.
 * Every path in them is relative to the folder batch --emit ran in (the
 * shared folder, the "root"), except SCENARIO operands given absolute;
 * run-job and slurm.sbatch change to the root themselves, so the list
 * runs on any node that mounts the root, wherever.
 *
 * Slurm limits per job, from the scenario's limits: time = 1.25 x the
 * longest job's time limit (a county job: its zone share of the
 * scenario's limit, as `plan --county` gives it) + 2 minutes + 1 s per MB
 * of data (reading), in whole minutes; memory = 256 MB + 4 x the MB of
 * the largest data folder (the network in memory, measured at about 2 x
 * the CSV bytes), rounded up to 64 MB.
 *
 * Every scenario is read first (and with --split counties its network,
 * for the counties): bad input is reported as for `plan`, exit 2, and
 * nothing is written.
 */
#ifndef SN_BATCH_EMIT_H
#define SN_BATCH_EMIT_H

#include "cli/batch.h"

/* Writes the job list of a (a->emit set) and prints where; argv (argc)
 * is the batch command line, recorded in the README.  Returns an exit
 * code: 0 written, 2 bad input or usage (DIR not new), 3 internal
 * failure. */
int sn_cli_batch_emit(const sn_batch_args *a, int argc, char **argv);

#endif
