/* batch.h - what `schoolnet batch` (run here), `batch --emit` (write a job
 * list for a cluster), `run-job` and `collect` share: the batch's
 * arguments, its list of runs with their unique names, the sweep's
 * scenario files, the plan child process with its log, and the
 * comparison row of a finished plan.
 *
 * A run is one scenario, or one scenario with one value of the --vary
 * sweep.  Its name (the comparison row, the plan folder) is the folder of
 * SCENARIO when the file is called scenario.ini, else its file name
 * without .ini, with -KEY-VALUE for a sweep; repeats get -2, -3, ...;
 * a '/' of VALUE becomes '_' (the name is a folder name)
 */
#ifndef SN_BATCH_H
#define SN_BATCH_H

#include <stdio.h>
#include <sys/types.h>

#include "io/write_comparison.h"

#define SN_BATCH_MAX_PASS 10

typedef struct sn_batch_args {
    const char **scen;           /* SCENARIO operands (argc entries) */
    int nscen;
    const char *out, *vary;      /* -o OUT; --vary KEY=V1,V2,... */
    const char *emit;            /* --emit DIR, else NULL */
    int jobs, quiet;
    int split;                   /* --split counties */
    int max_running;             /* --max-running N (emit) */
    double time_limit;           /* --time-limit S, else -1 */
    const char *pass[SN_BATCH_MAX_PASS]; /* options for each `plan` */
    int npass;
} sn_batch_args;

typedef struct sn_batch_run {
    char name[256];
    const char *scen;            /* the SCENARIO operand (borrowed) */
    char value[512];             /* the sweep's value; "" without --vary */
} sn_batch_run;

/* The runs of a: scenario by scenario, value by value, names unique.
 * *out is a new array of *n runs (free).  Returns 0, or an exit code
 * after printing (2: an empty --vary value, 3: out of memory). */
int sn_batch_runs(sn_batch_run **out, int *n, const sn_batch_args *a);

/* The KEY of --vary KEY=...: its length; *key points into vary. */
size_t sn_batch_vary_key(const char *vary, const char **key);

/* Writes the scenario of a sweep run to f: `; made by schoolnet batch
 * --vary: SCEN with KEY = VALUE`, then [scenario] base (or data, when
 * base_is_dir) = "base", name = "name", then the key.  Returns 0 or -1
 * (a write error). */
int sn_batch_sweep_ini(FILE *f, const char *scen, const char *base,
                       int base_is_dir, const char *name, const char *vary,
                       const char *value);

/* A sweep whose values give the same model plans the same plan twice:
 * prints a warning naming the reason (issue 9: what-ifs never silently
 * do nothing).  ini[i] and names[i] are run i's scenario and name, n runs
 * in the order of sn_batch_runs (a's values for each scenario). */
void sn_batch_warn_same_effect(const char *const *ini,
                               const char *const *names, int n,
                               const sn_batch_args *a);

/* Reads the scenario ini (a sweep's) as `plan` would and prints its
 * errors: 0, or -1 when it is not valid. */
int sn_batch_check_sweep(const char *ini, const char *cmd);

/* Forks a worker (cli/signals.h) that runs `schoolnet ARGV...` (argv[0]
 * "plan") in-process with stdout and stderr into the file log.  Returns
 * the pid, or -1 (errno). */
pid_t sn_batch_spawn(char *const *argv, int argc, const char *log);

/* Copies the log file src to dst with every `from` replaced by `to` (the
 * plan folder named as the reader of dst finds it).  Returns 0 or -1. */
int sn_batch_copy_log(const char *src, const char *dst, const char *from,
                      const char *to);

/* The last line of the log that says what went wrong, into note (size
 * n); nothing when there is none. */
void sn_batch_note_from_log(char *note, size_t n, const char *log);

/* Fills row (its name already set) for a plan run into folder dir with
 * log file log: exit_code is the plan's exit code, or -1 with sig the
 * signal that killed it.  The summary's numbers are read when the plan
 * was written (exit 0, 1, 130 or 143); the note is the summary's error,
 * the signal, or the last line of the log that says what went wrong. */
void sn_batch_row(sn_comparison_row *row, int exit_code, int sig,
                  const char *dir, const char *log);

#endif
