/* jobs.h - the job list of `schoolnet batch --emit` (DIR/jobs.tsv) and
 * the status file each job leaves (DIR/jobs/N.status), read back by
 * `schoolnet run-job` and `schoolnet collect`.
 *
 * jobs.tsv is UTF-8 text, one header line then one line per job, fields
 * separated by one tab, lines ended by '\n':
 *   job       1, 2, 3, ... in order (job N is line N + 1)
 *   name      the comparison row the job belongs to: the scenario's name,
 *             with -KEY-VALUE for a sweep
 *   scenario  the scenario as given to batch (a path)
 *   vary      KEY=VALUE of a sweep, else empty
 *   county    the county this job plans (`plan --county`), or `all`
 *   out       the job's plan folder
 *   args      the `schoolnet plan` arguments, as one shell line (words
 *             quoted with '...' where needed): `plan SCENARIO -o OUT -q ...`
 * Paths are relative to the folder batch --emit ran in (the shared
 * folder), unless they were given absolute.  No field holds a tab, a line
 * break or a NUL, and every field but vary is non-empty.
 *
 * A status file is a few "key value" lines, replaced whole (rename) at
 * each change:
 *   state started | done
 *   exit N        (done: the plan's exit code; -1 killed by a signal)
 *   signal N      (done: the signal that ended the plan, else 0)
 *   seconds S     (done: wall-clock seconds of the plan)
 *   host NAME     the machine that ran it
 * No file: the job has not run.
 */
#ifndef SN_JOBS_H
#define SN_JOBS_H

#include <stddef.h>
#include <stdio.h>

#include "model/error.h"

/* One line of jobs.tsv; every string owned (NUL-terminated, "" for an
 * empty vary). */
typedef struct sn_job {
    int id;
    char *name, *scenario, *vary, *county, *out, *args;
} sn_job;

typedef struct sn_jobs {
    sn_job *v;
    int n;
} sn_jobs;

#define SN_JOBS_INIT {NULL, 0}
#define SN_JOBS_HEADER "job\tname\tscenario\tvary\tcounty\tout\targs"
#define SN_JOBS_MAX 1000000

/* Writes the header and every job of j to f (ids as in j).  Returns 0, or
 * SN_EUSAGE when a field holds a tab, a line break or a NUL, or one that
 * must not be empty is (err says which job and field); nothing is
 * checked for being written (the caller's io/outdir.h commit does). */
int sn_jobs_write(FILE *f, const sn_jobs *j, sn_error *err);

/* Reads the job list at path into *out (which must be SN_JOBS_INIT or
 * disposed).  Bad lines are reported as "path:line:column: what (got
 * 'v')", every one of them, and give SN_EINPUT; SN_EIO when path cannot
 * be read (diag says why), SN_ENOMEM.  On failure *out is empty. */
int sn_jobs_read(sn_jobs *out, const char *path, sn_diag *diag,
                 sn_error *err);

/* Frees the strings and the array; j is then empty.  Accepts NULL. */
void sn_jobs_dispose(sn_jobs *j);

/* The words of argv[0..n-1] as one shell line into a new string (*out,
 * caller frees): a word of only [A-Za-z0-9_./=:,+@%^-] characters stays
 * as it is, any other is quoted '...' (a ' as '\''), an empty word is ''.
 * Returns 0 or SN_ENOMEM. */
int sn_jobs_join_args(char **out, const char *const *argv, int n);

/* Splits a shell line of plain words, '...' and "..." (with \" \\ \$ \`
 * escapes) and \x outside quotes, separated by spaces or tabs, into
 * *argv (NULL-terminated, *argc words; free with sn_jobs_free_args).
 * Returns 0, SN_EINPUT (an unterminated quote, or $ ` ( ) ; & | < > * ?
 * [ ] ~ { } # outside quotes: no command substitution, globbing or
 * redirection is meant; err says which) or SN_ENOMEM. */
int sn_jobs_split_args(char ***argv, int *argc, const char *line,
                       sn_error *err);
void sn_jobs_free_args(char **argv);

typedef enum {
    SN_JOB_NOT_RUN = 0, /* no status file */
    SN_JOB_STARTED = 1, /* started, no end recorded: running, or killed
                         * without a chance to record it */
    SN_JOB_DONE = 2     /* the plan ended; exit_code says how */
} sn_job_state;

typedef struct sn_job_status {
    sn_job_state state;
    int exit_code;      /* SN_JOB_DONE: the plan's exit code, -1 signal */
    int signal;         /* SN_JOB_DONE: the signal that killed it, else 0 */
    double seconds;     /* SN_JOB_DONE: wall-clock seconds */
    char host[256];
} sn_job_status;

/* Reads the status file at path.  A missing file is SN_JOB_NOT_RUN.
 * Returns 0, SN_EINPUT (not a status file: diag has
 * path:line:column: why), SN_EIO (unreadable: diag), SN_ENOMEM. */
int sn_job_status_read(sn_job_status *st, const char *path, sn_diag *diag,
                       sn_error *err);

/* Replaces dir/name with st, all or nothing (io/outdir.h).  Returns 0,
 * SN_EIO or SN_ENOMEM. */
int sn_job_status_write(const sn_job_status *st, const char *dir,
                        const char *name, sn_error *err);

#endif
