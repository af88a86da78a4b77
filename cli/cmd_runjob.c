/* cmd_runjob.c - `schoolnet run-job DIR N...`: runs jobs of a job list
 * made by `schoolnet batch --emit` (cli/batch_emit.h), as many times as
 * a cluster likes.
 *
 * Job N is line N of DIR/jobs.tsv (io/jobs.h): `schoolnet plan` with its
 * arguments, run in a worker process (cli/signals.h) with stdout and
 * stderr in OUT.log, where OUT is the job's folder; OUT.status says
 * "started" (and where) before the plan starts and "done" with its exit
 * code, signal and seconds after it ends.  The plan replaces OUT whole
 * (io/outtx.h), so a job killed at any point leaves its old folder or
 * none, never half of one.
 *
 * Idempotent: a job whose status is done with exit 0 or 1 (a plan, clean
 * or with unplaced pupils) and whose result is in OUT (summary.json, or
 * county.part and county.json for a county) is skipped; any other job
 * (not run, started but never done: killed, out of time, a lost node;
 * failed; stopped by a signal) is run again.  A lock (flock(2) on
 * .N.run.lock beside OUT) keeps two runs of one job apart.
 *
 * The paths of jobs.tsv are relative to the folder batch --emit ran in:
 * run-job must run there (DIR/run-job changes to it first).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/signals.h"
#include "io/jobs.h"

static const char usage[] =
    "usage: schoolnet run-job DIR N [N...]\n"
    "  DIR      a job folder made by `schoolnet batch --emit`, as seen from\n"
    "           the folder batch --emit ran in, where run-job must run\n"
    "           (DIR/run-job N changes there and runs this)\n"
    "  N        job numbers: line N of DIR/jobs.tsv\n"
    "  -q, --quiet  no line per job\n"
    "Runs `schoolnet plan` with job N's arguments: its messages go to\n"
    "OUT.log and its state to OUT.status beside the job's folder OUT.  A\n"
    "job that has its plan (exit 0 or 1) is skipped; one that did not run,\n"
    "failed, was killed or stopped is run again.  SIGINT / SIGTERM (Slurm's\n"
    "time limit) are passed to the plan, which writes its best plan.\n"
    "exit: 0 every job has its plan (unplaced pupils included); 2 bad usage,\n"
    "      DIR not a job list, a job running elsewhere; else the first\n"
    "      failing job's plan exit code (2 bad input, 3, 130, 143)\n";

static const struct option longopts[] = {
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "run-job", "qh", longopts, "usage: schoolnet run-job DIR N [N...]\n"};

/* dir (the folder of out) and base (its last name) of a job's folder. */
static void split_out(const char *out, char *dir, size_t dn, char *base,
                      size_t bn)
{
    const char *slash = strrchr(out, '/');
    if (slash) {
        snprintf(dir, dn, "%.*s", (int)(slash - out), out);
        snprintf(base, bn, "%s", slash + 1);
    } else {
        snprintf(dir, dn, ".");
        snprintf(base, bn, "%s", out);
    }
}

/* 1 when out holds the job's result: a plan, or a county's part. */
static int has_result(const sn_job *j)
{
    static const char *const whole[] = {"summary.json", NULL};
    static const char *const part[] = {"county.part", "county.json", NULL};
    const char *const *files = strcmp(j->county, "all") ? part : whole;
    for (; *files; files++) {
        char p[8300];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", j->out, *files);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
            return 0;
    }
    return 1;
}

/* The plan arguments of j, checked: `plan ... -o OUT ...` with OUT the
 * job's folder.  0 or an exit code after printing. */
static int job_args(char ***argv, int *argc, const sn_job *j)
{
    sn_error err = {0, ""};
    if (sn_jobs_split_args(argv, argc, j->args, &err) != 0) {
        fprintf(stderr, "schoolnet run-job: job %d: args: %s\n", j->id,
                err.msg);
        return SN_EXIT_INPUT;
    }
    int out_ok = 0;
    for (int i = 1; i + 1 < *argc; i++)
        out_ok |= !strcmp((*argv)[i], "-o") && !strcmp((*argv)[i + 1], j->out);
    if (*argc >= 2 && !strcmp((*argv)[0], "plan") && out_ok)
        return 0;
    fprintf(stderr, "schoolnet run-job: job %d: args must be `plan ... -o %s "
                    "...` (got '%.200s')\n", j->id, j->out, j->args);
    sn_jobs_free_args(*argv);
    *argv = NULL;
    return SN_EXIT_INPUT;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs the plan of j in a worker; records its end.  Returns the job's
 * exit code (0 for a plan with exit 1). */
static int run_plan(const sn_job *j, char **argv, int argc, const char *dir,
                    const char *base, sn_job_status *st, int quiet)
{
    char log[8300], name[320];
    sn_error err = {0, ""};
    snprintf(log, sizeof log, "%s.log", j->out);
    snprintf(name, sizeof name, "%s.status", base);
    double t0 = now();
    pid_t pid = sn_batch_spawn(argv, argc, log);
    int status = 0;
    if (pid < 0) {
        fprintf(stderr, "schoolnet run-job: job %d: fork: %s\n", j->id,
                strerror(errno));
        return SN_EXIT_INTERNAL;
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ; /* a signal: the handler passed it on to the plan */
    sn_cli_worker_remove(pid);
    st->state = SN_JOB_DONE;
    st->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    st->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    st->seconds = now() - t0;
    if (sn_job_status_write(st, dir, name, &err) != 0) {
        fprintf(stderr, "schoolnet run-job: job %d: %s\n", j->id, err.msg);
        return SN_EXIT_INTERNAL;
    }
    int rc = st->exit_code == SN_EXIT_OK || st->exit_code == SN_EXIT_RESULT
                 ? 0
                 : st->exit_code >= 0 ? st->exit_code : 128 + st->signal;
    if (!quiet || rc)
        fprintf(rc ? stderr : stdout, "job %d (%s, %s): %s %d, %.1f s%s%s\n",
                j->id, j->name, j->county, st->exit_code >= 0 ? "exit"
                                                              : "signal",
                st->exit_code >= 0 ? st->exit_code : st->signal, st->seconds,
                rc ? "; see " : "", rc ? log : "");
    return rc;
}

/* 1 (after saying so) when job j is done with its plan: skip it. */
static int done(const sn_job *j, int quiet)
{
    char path[8400];
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_job_status st;
    snprintf(path, sizeof path, "%s.status", j->out);
    int rc = sn_job_status_read(&st, path, &d, &err);
    sn_cli_print_diag(&d); /* a damaged status: the job is run again */
    sn_diag_dispose(&d);
    if (rc || st.state != SN_JOB_DONE || !has_result(j) ||
        (st.exit_code != SN_EXIT_OK && st.exit_code != SN_EXIT_RESULT))
        return 0;
    if (!quiet)
        printf("job %d (%s, %s): done before (exit %d%s%s), skipped\n",
               j->id, j->name, j->county, st.exit_code,
               st.host[0] ? " on " : "", st.host);
    return 1;
}

/* Runs job j unless it is done.  Returns its exit code.  A done job is
 * skipped without the lock (collect may hold it while it reads the
 * job's folder); the status is read again under the lock, as another
 * run may just have finished the job. */
static int run_one(const sn_job *j, int quiet)
{
    char dir[8300], base[300], path[8700];
    sn_error err = {0, ""};
    if (done(j, quiet))
        return 0;
    split_out(j->out, dir, sizeof dir, base, sizeof base);
    snprintf(path, sizeof path, "%s/.%s.run.lock", dir, base);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        fprintf(stderr, "schoolnet run-job: job %d: %s: %s\n", j->id, path,
                strerror(errno));
        return errno == ENOENT ? SN_EXIT_INPUT : SN_EXIT_INTERNAL;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "schoolnet run-job: job %d is running now (%s is "
                        "locked)\n", j->id, path);
        close(fd);
        return SN_EXIT_INPUT;
    }
    if (done(j, quiet)) {
        close(fd);
        return 0;
    }
    sn_job_status st;
    char **argv = NULL;
    int argc = 0;
    int rc = job_args(&argv, &argc, j);
    memset(&st, 0, sizeof st);
    st.state = SN_JOB_STARTED;
    gethostname(st.host, sizeof st.host - 1);
    snprintf(path, sizeof path, "%s.status", base);
    if (rc == 0 && sn_job_status_write(&st, dir, path, &err) != 0) {
        fprintf(stderr, "schoolnet run-job: job %d: %s\n", j->id, err.msg);
        rc = SN_EXIT_INTERNAL;
    }
    if (rc == 0)
        rc = run_plan(j, argv, argc, dir, base, &st, quiet);
    sn_jobs_free_args(argv);
    close(fd);
    return rc;
}

int sn_cmd_runjob(int argc, char **argv)
{
    const char *v;
    int k, quiet = 0;
    sn_cli_opts_begin();
    while ((k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        if (k == 'h') {
            fputs(usage, stdout);
            return SN_EXIT_OK;
        }
        quiet = 1;
    }
    if (k < 0)
        return SN_EXIT_INPUT;
    if (argc - optind < 2)
        return sn_cli_usage_error(&optset, argc - optind ? "missing N" :
                                  "missing DIR and N");
    const char *dir = argv[optind];
    int first = optind + 1, n = argc - first;
    int *ids = calloc((size_t)n, sizeof *ids);
    if (!ids)
        return SN_EXIT_INTERNAL;
    for (int i = 0; i < n; i++)
        if (sn_cli_int(argv[first + i], 1, SN_JOBS_MAX, &ids[i])) {
            free(ids);
            return sn_cli_usage_error(&optset, "bad job number (got '%s'): "
                                      "a whole number from 1", argv[first + i]);
        }
    char path[8300];
    snprintf(path, sizeof path, "%s/jobs.tsv", dir);
    sn_jobs jobs = SN_JOBS_INIT;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_jobs_read(&jobs, path, &d, &err);
    sn_cli_print_diag(&d);
    sn_diag_dispose(&d);
    if (rc) {
        if (rc == SN_EIO)
            fprintf(stderr, "schoolnet run-job: run it in the folder batch "
                            "--emit ran in, or use %s/run-job\n", dir);
        free(ids);
        return rc == SN_ENOMEM ? SN_EXIT_INTERNAL : SN_EXIT_INPUT;
    }
    for (int i = 0; rc == 0 && i < n; i++)
        if (ids[i] > jobs.n)
            rc = sn_cli_usage_error(&optset, "no job %d: %s has jobs 1 to "
                                    "%d", ids[i], path, jobs.n);
    sn_cli_signals_install();
    int worst = rc;
    for (int i = 0; rc == 0 && i < n && !*sn_cli_stop_flag(); i++) {
        int r = run_one(&jobs.v[ids[i] - 1], quiet);
        if (r && !worst)
            worst = r;
    }
    if (!worst)
        worst = sn_cli_signal_exit(0);
    sn_jobs_dispose(&jobs);
    free(ids);
    return worst;
}
