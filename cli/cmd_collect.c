/* cmd_collect.c - `schoolnet collect DIR -o OUT`: the results of a job
 * list made by `schoolnet batch --emit` (cli/batch_emit.h) gathered into
 * the folder `schoolnet batch -o OUT` would have written.
 *
 * Jobs are grouped by name (the comparison row) in the order of
 * jobs.tsv.  A whole-scenario job's plan folder is copied to OUT/<name>/
 * and its log to OUT/<name>.log; the county jobs of a scenario (--split
 * counties) are merged by `schoolnet plan --part ...` (cli/plan_split.h)
 * in a worker, which also plans the teachers, into OUT/<name>/: the plan
 * `plan --jobs N` gives.  A sweep's OUT/<name>/scenario.ini is written as
 * batch writes it.  Then OUT/comparison.csv, comparison.md and
 * comparison.html (io/write_comparison.h), one row per name.  Logs name the plan folder as seen from OUT
 * (`<name>/unplaced.csv`), as batch's do, so when every job has run
 * OUT is byte for byte batch's OUT (timing.json aside).
 *
 * Failures are rows: a job that failed (its exit code and the reason from
 * its log), that started but never ended (killed: out of time or memory,
 * a lost node), that is running now (its lock is held) or that has not
 * run is its scenario's row, with the numbers empty and the reason as the
 * note.  collect may run at any time; it lists the jobs without a result
 * and exits 4 while there are any.  OUT is one io/outtx.h transaction.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "cli/signals.h"
#include "io/jobs.h"

#define EXIT_MISSING 4

static const char usage[] =
    "usage: schoolnet collect DIR -o OUT [-q]\n"
    "  DIR            a job folder made by `schoolnet batch --emit`, as seen\n"
    "                 from the folder batch --emit ran in (run collect\n"
    "                 there)\n"
    "  -o, --out OUT  OUT/<name>/ per scenario (a split scenario's counties\n"
    "                 merged: the plan --jobs N gives), OUT/<name>.log,\n"
    "                 OUT/comparison.csv, .md and .html\n"
    "  -q, --quiet    no line per scenario\n"
    "Runs at any time: a job that failed, never ended or has not run yet is\n"
    "its scenario's row with the reason; the jobs without a result are\n"
    "listed.  OUT is replaced whole.\n"
    "exit: 0 every job ran and every plan is clean; 1 every job ran, some\n"
    "      scenario is not clean (unplaced pupils, a failed job); 2 bad\n"
    "      usage, DIR not a job list, OUT busy or not schoolnet's; 3\n"
    "      internal failure; 4 some jobs have not run or not finished yet;\n"
    "      130 / 143 stopped by SIGINT / SIGTERM\n";

static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "collect", "o:qh", longopts, "usage: schoolnet collect DIR -o OUT\n"};

/* What is known of one job. */
typedef struct jinfo {
    sn_job_status st;
    int locked;      /* its run lock is held: running now */
    int result;      /* done, with its plan or part in its folder */
    int lock_fd;     /* held while its folder is read; -1 */
} jinfo;

typedef struct collect {
    const char *dir, *out, *stage;
    sn_jobs jobs;
    jinfo *info;
    sn_comparison_row *rows;
    int nrows, missing, failed;
    int *first;      /* rows: index of the row's first job */
    char **merge;    /* the merge's arguments while it runs: reachable
                      * from here in the worker too (a fork that exits
                      * without freeing its parent's memory) */
} collect;

/* ------------------------------------------------------------ jobs */

static int is_part(const sn_job *j)
{
    return strcmp(j->county, "all") != 0;
}

/* Reads the state of job j: running now when its run lock is held.  A
 * job with a result keeps the lock (lock_fd) until collect ends, so a
 * run of it (one stopped by a signal is run again) does not replace its
 * folder while it is read; run-job skips a done job without the lock. */
static void look(jinfo *ji, const sn_job *j)
{
    char path[8400];
    const char *slash = strrchr(j->out, '/');
    snprintf(path, sizeof path, "%.*s%s.%s.run.lock",
             slash ? (int)(slash - j->out) : 0, j->out, slash ? "/" : "",
             slash ? slash + 1 : j->out);
    ji->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (ji->lock_fd >= 0 && flock(ji->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        ji->locked = 1;
        close(ji->lock_fd);
        ji->lock_fd = -1;
    }
    snprintf(path, sizeof path, "%s.status", j->out);
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    if (sn_job_status_read(&ji->st, path, &d, &err) != 0)
        sn_cli_print_diag(&d); /* damaged: taken as not run */
    sn_diag_dispose(&d);
    int code = ji->st.exit_code;
    const char *const *files;
    static const char *const whole[] = {"summary.json", NULL};
    static const char *const part[] = {"county.part", "county.json", NULL};
    ji->result = !ji->locked && ji->st.state == SN_JOB_DONE &&
                 (code == SN_EXIT_OK || code == SN_EXIT_RESULT ||
                  code == 128 + SIGINT || code == 128 + SIGTERM);
    for (files = is_part(j) ? part : whole; ji->result && *files; files++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", j->out, *files);
        ji->result = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    }
    if (!ji->result && ji->lock_fd >= 0) { /* nothing to read: let it run */
        close(ji->lock_fd);
        ji->lock_fd = -1;
    }
}

/* snprintf for notes, which are cut at their size on purpose. */
static void note_set(char *note, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note_set(char *note, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note, n, fmt, ap);
    va_end(ap);
}

/* Why job j has no result, into note: "job 5 (Yongji): not run yet". */
static void why_not(char *note, size_t n, const sn_job *j, const jinfo *ji)
{
    char log[8400], line[512] = "", who[400];
    snprintf(log, sizeof log, "%s.log", j->out);
    snprintf(who, sizeof who, "job %d%s%.300s%s", j->id,
             is_part(j) ? " (" : "", is_part(j) ? j->county : "",
             is_part(j) ? ")" : "");
    if (ji->locked)
        note_set(note, n, "%s: running now", who);
    else if (ji->st.state == SN_JOB_NOT_RUN)
        note_set(note, n, "%s: not run yet", who);
    else if (ji->st.state == SN_JOB_STARTED)
        note_set(note, n, "%s: started%s%s, never finished (killed? out of "
                 "time or memory, a lost node)", who,
                 ji->st.host[0] ? " on " : "", ji->st.host);
    else if (ji->st.exit_code < 0)
        note_set(note, n, "%s: killed by signal %d", who, ji->st.signal);
    else {
        sn_batch_note_from_log(line, sizeof line, log);
        note_set(note, n, "%s: exit %d%s%.400s", who, ji->st.exit_code,
                 line[0] ? ": " : "", line);
    }
}

/* ------------------------------------------------------------ files */

/* Copies folder src into dst (made), files and subfolders. 0 or -1. */
static int copy_tree(const char *src, const char *dst)
{
    DIR *d = opendir(src);
    if (!d || (mkdir(dst, 0777) != 0 && errno != EEXIST)) {
        if (d)
            closedir(d);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char s[8400], t[8400];
        struct stat st;
        snprintf(s, sizeof s, "%s/%s", src, e->d_name);
        snprintf(t, sizeof t, "%s/%s", dst, e->d_name);
        if (lstat(s, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = copy_tree(s, t);
        else if (S_ISREG(st.st_mode))
            rc = sn_batch_copy_log(s, t, "", "");
    }
    closedir(d);
    return rc;
}

/* A sweep's OUT/<name>/scenario.ini, as batch writes it. */
static int write_sweep(const collect *c, const sn_job *j, const char *dst)
{
    if (!j->vary[0])
        return 0;
    char *abs = realpath(j->scenario, NULL), path[8400];
    struct stat st;
    if (!abs || stat(abs, &st) != 0) {
        fprintf(stderr, "schoolnet collect: %s: %s (run collect in the "
                        "folder batch --emit ran in)\n", j->scenario,
                strerror(errno));
        free(abs);
        return -1;
    }
    (void)c;
    snprintf(path, sizeof path, "%s/scenario.ini", dst);
    FILE *f = (mkdir(dst, 0777) == 0 || errno == EEXIST) ? fopen(path, "w")
                                                         : NULL;
    const char *value = strchr(j->vary, '=') + 1;
    char vary[1024];
    snprintf(vary, sizeof vary, "%.*s=", (int)(value - j->vary - 1),
             j->vary);
    int bad = !f || sn_batch_sweep_ini(f, j->scenario, abs,
                                       S_ISDIR(st.st_mode), j->name, vary,
                                       value);
    free(abs);
    if ((f && fclose(f) != 0) || bad) {
        fprintf(stderr, "schoolnet collect: %s: cannot write\n", path);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ rows */

/* Row r from the whole-scenario job j. */
static int row_whole(collect *c, sn_comparison_row *row, const sn_job *j,
                     const jinfo *ji)
{
    char dst[8000], log[8400], src[8400];
    snprintf(dst, sizeof dst, "%s/%s", c->stage, j->name);
    snprintf(log, sizeof log, "%s.log", dst);
    snprintf(src, sizeof src, "%s.log", j->out);
    if (ji->st.state == SN_JOB_DONE && !ji->locked)
        sn_batch_copy_log(src, log, j->out, j->name);
    if (ji->result && copy_tree(j->out, dst) != 0) {
        fprintf(stderr, "schoolnet collect: cannot copy %s to %s\n", j->out,
                dst);
        return SN_EXIT_INTERNAL;
    }
    if (write_sweep(c, j, dst) != 0)
        return SN_EXIT_INPUT;
    if (ji->st.state == SN_JOB_DONE && !ji->locked) {
        sn_batch_row(row, ji->st.exit_code, ji->st.signal, dst, log);
        c->failed += !ji->result;
        return 0;
    }
    row->exit_code = -1;
    why_not(row->note, sizeof row->note, j, ji);
    c->missing++;
    return 0;
}

/* The plan options of a county job's arguments: all but plan, SCENARIO,
 * -o OUT, -q and --county NAME.  *scen is the scenario argument. */
static int merge_argv(char ***argv, int *argc, const sn_job *j)
{
    sn_error err = {0, ""};
    char **v;
    int n;
    if (sn_jobs_split_args(&v, &n, j->args, &err) != 0 || n < 2 ||
        strcmp(v[0], "plan")) {
        fprintf(stderr, "schoolnet collect: job %d: args: %s\n", j->id,
                err.msg[0] ? err.msg : "not a plan command");
        if (err.code == 0)
            sn_jobs_free_args(v);
        return SN_EXIT_INPUT;
    }
    int k = 2;
    for (int i = 2; i < n; i++) {
        if ((!strcmp(v[i], "-o") || !strcmp(v[i], "--county")) && i + 1 < n) {
            free(v[i]);
            free(v[++i]);
        } else if (!strcmp(v[i], "-q")) {
            free(v[i]);
        } else {
            v[k++] = v[i];
        }
    }
    v[k] = NULL;
    *argv = v;
    *argc = k;
    return 0;
}

/* Row from the county jobs jobs[first..last]: merged when every county
 * has its part. */
static int row_split(collect *c, sn_comparison_row *row, int first,
                     int last)
{
    const sn_job *j0 = &c->jobs.v[first];
    int lacking = 0, sig = 0, code = 0;
    size_t len = 0;
    for (int i = first; i <= last; i++) {
        const jinfo *ji = &c->info[i];
        if (ji->result) {
            if (ji->st.exit_code > 128)
                sig = ji->st.exit_code;
            continue;
        }
        lacking++;
        if (ji->st.state == SN_JOB_DONE && !ji->locked)
            c->failed++;
        else
            c->missing++;
        if (!code && ji->st.state == SN_JOB_DONE && !ji->locked)
            code = ji->st.exit_code;
        char why[600];
        why_not(why, sizeof why, &c->jobs.v[i], ji);
        if (len + 8 < sizeof row->note)
            len += (size_t)snprintf(row->note + len, sizeof row->note - len,
                                    "%s%s", len ? "; " : "", why);
    }
    char dst[8000], log[8400];
    snprintf(dst, sizeof dst, "%s/%s", c->stage, j0->name);
    snprintf(log, sizeof log, "%s.log", dst);
    if (lacking) {
        if (write_sweep(c, j0, dst) != 0)
            return SN_EXIT_INPUT;
        char head[128];
        snprintf(head, sizeof head, "%d of %d county jobs without a part: ",
                 lacking, last - first + 1);
        memmove(row->note + strlen(head), row->note,
                sizeof row->note - strlen(head) - 1);
        memcpy(row->note, head, strlen(head));
        row->note[sizeof row->note - 1] = '\0';
        row->exit_code = code ? code : -1;
        return 0;
    }
    char **argv;
    int argc, rc = merge_argv(&argv, &argc, j0);
    if (rc)
        return rc;
    char **v = calloc((size_t)(argc + 4 + 2 * (last - first + 1)), sizeof *v);
    if (!v) {
        sn_jobs_free_args(argv);
        return SN_EXIT_INTERNAL;
    }
    int n = 0;
    for (int i = 0; i < argc; i++) {
        v[n++] = argv[i];
        if (i == 1) {
            v[n++] = "-o";
            v[n++] = dst;
            v[n++] = "-q";
        }
    }
    for (int i = first; i <= last; i++) {
        v[n++] = "--part";
        v[n++] = c->jobs.v[i].out;
    }
    c->merge = v;
    pid_t pid = sn_batch_spawn(v, n, log);
    c->merge = NULL;
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (pid > 0)
        sn_cli_worker_remove(pid);
    free(v);
    sn_jobs_free_args(argv);
    if (pid < 0)
        return SN_EXIT_INTERNAL;
    char from[8400];
    snprintf(from, sizeof from, "%s/", c->stage);
    sn_batch_copy_log(log, log, from, "");
    if (write_sweep(c, j0, dst) != 0) /* after plan: it replaces dst */
        return SN_EXIT_INPUT;
    int ex = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (sig && (ex == SN_EXIT_OK || ex == SN_EXIT_RESULT))
        ex = sig; /* a county was stopped: the plan is interrupted */
    sn_batch_row(row, ex, WIFSIGNALED(status) ? WTERMSIG(status) : 0, dst,
                 log);
    return 0;
}

/* ------------------------------------------------------------ driver */

static int parse(collect *c, int *quiet, int argc, char **argv)
{
    const char *v;
    int k;
    sn_cli_opts_begin();
    while ((k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        if (k == 'h') {
            fputs(usage, stdout);
            return -1;
        }
        if (k == 'q')
            *quiet = 1;
        else
            c->out = v;
    }
    if (k < 0)
        return SN_EXIT_INPUT;
    if (optind >= argc)
        return sn_cli_usage_error(&optset, "missing DIR");
    if (optind + 1 < argc)
        return sn_cli_usage_error(&optset, "unexpected argument '%s' (DIR "
                                  "is '%s')", argv[optind + 1], argv[optind]);
    c->dir = argv[optind];
    if (!c->out)
        return sn_cli_usage_error(&optset, "missing -o OUT");
    return 0;
}

static int read_jobs(collect *c)
{
    char path[8400];
    snprintf(path, sizeof path, "%s/jobs.tsv", c->dir);
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_jobs_read(&c->jobs, path, &d, &err);
    sn_cli_print_diag(&d);
    sn_diag_dispose(&d);
    if (rc == SN_EIO)
        fprintf(stderr, "schoolnet collect: run it in the folder batch "
                        "--emit ran in\n");
    if (rc)
        return rc == SN_ENOMEM ? SN_EXIT_INTERNAL : SN_EXIT_INPUT;
    int n = c->jobs.n;
    c->info = calloc((size_t)n + 1, sizeof *c->info);
    c->rows = calloc((size_t)n + 1, sizeof *c->rows);
    c->first = calloc((size_t)n + 1, sizeof *c->first);
    if (!c->info || !c->rows || !c->first)
        return SN_EXIT_INTERNAL;
    /* rows: one per name, in the order of first appearance; a name's jobs
     * are together (batch --emit writes them so) */
    for (int i = 0; i < n; i++) {
        const sn_job *j = &c->jobs.v[i];
        if (strchr(j->name, '/') || j->name[0] == '.') {
            fprintf(stderr, "%s:%d:%zu: a name is a folder name in OUT: no "
                            "'/', no leading '.' (got '%s')\n", path, i + 2,
                    (size_t)snprintf(NULL, 0, "%d", j->id) + 2, j->name);
            return SN_EXIT_INPUT;
        }
        int same = i > 0 && !strcmp(j->name, c->jobs.v[i - 1].name);
        for (int r = 0; r < c->nrows && !same; r++)
            if (!strcmp(c->jobs.v[c->first[r]].name, j->name)) {
                fprintf(stderr, "%s:%d:1: the jobs of '%s' are not "
                                "together (job %d and job %d)\n", path, i + 2,
                        j->name, c->first[r] + 1, i + 1);
                return SN_EXIT_INPUT;
            }
        if (same && (!is_part(j) || !is_part(&c->jobs.v[i - 1]))) {
            fprintf(stderr, "%s:%d:1: '%s' has a whole-scenario job and "
                            "other jobs\n", path, i + 2, j->name);
            return SN_EXIT_INPUT;
        }
        if (!same) {
            c->first[c->nrows] = i;
            snprintf(c->rows[c->nrows].name, sizeof c->rows[c->nrows].name,
                     "%s", j->name);
            c->nrows++;
        }
    }
    for (int i = 0; i < n; i++) {
        c->info[i].lock_fd = -1;
        look(&c->info[i], &c->jobs.v[i]);
    }
    return 0;
}

static int make_rows(collect *c, int quiet)
{
    for (int r = 0; r < c->nrows; r++) {
        int first = c->first[r], last = r + 1 < c->nrows ? c->first[r + 1] - 1
                                                         : c->jobs.n - 1;
        sn_comparison_row *row = &c->rows[r];
        int rc = is_part(&c->jobs.v[first])
                     ? row_split(c, row, first, last)
                     : row_whole(c, row, &c->jobs.v[first], &c->info[first]);
        if (rc)
            return rc;
        if (!quiet)
            printf("%-28s exit %d  %s%s%s\n", row->name, row->exit_code,
                   row->has_summary ? row->status : "no plan",
                   row->note[0] ? ": " : "", row->note);
    }
    return 0;
}

/* The sweep's --vary KEY=V1,V2,... rebuilt from the jobs' vary column
 * (each value once, in the order of the jobs: batch's order), which the
 * comparison page draws as a trade-off; NULL without a sweep or out of
 * memory.  Caller frees. */
static char *sweep_of(const sn_jobs *jobs)
{
    size_t cap = 1;
    for (int i = 0; i < jobs->n; i++)
        cap += strlen(jobs->v[i].vary) + 1;
    char *s = jobs->n && jobs->v[0].vary[0] ? calloc(cap, 1) : NULL;
    size_t len = 0;
    for (int i = 0; s && i < jobs->n; i++) {
        const char *eq = strchr(jobs->v[i].vary, '=');
        if (!eq)
            continue;
        size_t klen = (size_t)(eq - jobs->v[i].vary);
        if (!len) {
            memcpy(s, jobs->v[i].vary, klen + 1);
            len = klen + 1;
        }
        const char *v = eq + 1;
        size_t vl = strlen(v);
        int seen = 0; /* v among the values so far? */
        for (const char *p = strchr(s, '=') + 1; *p && !seen;) {
            size_t pl = strcspn(p, ",");
            seen = pl == vl && !strncmp(p, v, vl);
            p += pl + (p[pl] == ',');
        }
        if (!seen) {
            len += (size_t)sprintf(s + len, "%s%s", s[len - 1] == '=' ? ""
                                                                      : ",",
                                   v);
        }
    }
    return s;
}

/* The jobs without a result, and how to run them. */
static void list_missing(const collect *c)
{
    int n = 0;
    for (int i = 0; i < c->jobs.n; i++)
        n += !c->info[i].result;
    if (!n)
        return;
    fprintf(stderr, "schoolnet collect: %d of %d jobs have no result "
                    "(not run, running, killed or failed):", n, c->jobs.n);
    for (int i = 0, k = 0; i < c->jobs.n; i++)
        if (!c->info[i].result && k++ < 200)
            fprintf(stderr, " %d", i + 1);
    fprintf(stderr, "%s\nrun them again (e.g. %s/run-job N, or sbatch "
                    "--array=LIST slurm.sbatch there), then collect again\n",
            n > 200 ? " ..." : "", c->dir);
}

int sn_cmd_collect(int argc, char **argv)
{
    collect c;
    memset(&c, 0, sizeof c);
    sn_outtx *tx = NULL;
    int quiet = 0, rc = parse(&c, &quiet, argc, argv);
    if (rc == 0)
        rc = read_jobs(&c);
    sn_cli_signals_install();
    if (rc == 0)
        rc = sn_cli_outtx_begin(&tx, c.out, "collect");
    if (rc == 0) {
        c.stage = sn_outtx_path(tx);
        rc = make_rows(&c, quiet);
    }
    if (rc == 0 && *sn_cli_stop_flag())
        rc = sn_cli_signal_exit(0); /* stopped: OUT stays as it was */
    if (rc == 0) {
        sn_error err = {0, ""};
        char *vary = sweep_of(&c.jobs);
        if (sn_comparison_write_vary(c.rows, (size_t)c.nrows, c.stage, vary,
                                     &err)) {
            fprintf(stderr, "schoolnet collect: %s\n", err.msg);
            rc = SN_EXIT_INTERNAL;
        }
        free(vary);
    }
    if (rc == 0) {
        rc = sn_cli_outtx_commit(tx, "collect");
        tx = NULL;
    }
    if (rc == 0) {
        list_missing(&c);
        for (int r = 0; r < c.nrows; r++)
            if (c.rows[r].exit_code != SN_EXIT_OK)
                rc = SN_EXIT_RESULT;
        if (c.missing)
            rc = EXIT_MISSING;
        if (!quiet)
            printf("comparison: %s/comparison.csv, %s/comparison.md, "
                   "%s/comparison.html\n", c.out, c.out, c.out);
    }
    sn_outtx_abort(tx);
    for (int i = 0; c.info && i < c.jobs.n; i++)
        if (c.info[i].lock_fd >= 0)
            close(c.info[i].lock_fd);
    free(c.info);
    free(c.rows);
    free(c.first);
    sn_jobs_dispose(&c.jobs);
    return rc < 0 ? SN_EXIT_OK : rc;
}
