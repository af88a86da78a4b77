/* cmd_batch.c - `schoolnet batch`: several scenarios (or one scenario
 * swept over a key's values) planned in parallel processes, each into
 * OUT/<name>/, then OUT/comparison.csv, comparison.md and comparison.html.
 *
 * Each scenario runs `schoolnet plan` in a child process (fork; GLPK is
 * never shared between processes or threads) with stdout and stderr in
 * OUT/<name>.log, where the plan folder is named as seen from OUT
 * (`<name>/unplaced.csv`).  OUT is one output transaction (io/outtx.h):
 * the runs write into its staging folder and OUT is replaced whole at the
 * end, so plans of an earlier batch never stand next to this one's.  A
 * scenario that fails (bad input, no plan, a crash) is a row with its exit
 * code and a note; the others go on.  Exit: 0 every scenario planned
 * cleanly, 1 some did not (or had unplaced pupils), 2 bad usage or an
 * unusable sweep, 3 internal failure.
 *
 * With --emit DIR nothing is planned here: the runs become a list of jobs
 * for a cluster (cli/batch_emit.h; `schoolnet run-job`, `schoolnet
 * collect`).
 */
#include <errno.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/batch_emit.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "cli/signals.h"
#include "io/write_comparison.h"

static const char usage[] =
    "usage: schoolnet batch SCENARIO... -o OUT [options]\n"
    "       schoolnet batch SCENARIO... --emit DIR [--split counties] "
    "[options]\n"
    "  SCENARIO           scenario.ini files or data folders\n"
    "  -o, --out DIR      OUT/<name>/ per scenario, OUT/comparison.{csv,md}\n"
    "  --jobs N           scenarios planned at once (default 1)\n"
    "  --vary KEY=V1,V2   sweep: each scenario once per value of KEY\n"
    "                     (section.key, e.g. classes.hard_cap=50,56 or\n"
    "                     overrides.close_below=30,50)\n"
    "  --time-limit S, --gap G, --work N, --heuristic-only, --divert MODE\n"
    "                     passed to each `schoolnet plan`\n"
    "  --emit DIR         plan nothing here: write a job per scenario (and\n"
    "                     value) for a cluster: DIR/jobs.tsv, DIR/run-job,\n"
    "                     DIR/slurm.sbatch, DIR/README; then run the jobs\n"
    "                     with Slurm or GNU parallel and `schoolnet collect`\n"
    "  --split counties   with --emit: a job per county of each scenario\n"
    "  --max-running N    with --emit: Slurm runs at most N jobs at once\n"
    "                     (default 100)\n"
    "  -q, --quiet        no line per scenario\n"
    "<name> is the folder of SCENARIO when it is called scenario.ini, else\n"
    "its file name without .ini; a sweep appends -KEY-VALUE.\n"
    "OUT is replaced whole when the batch ends.  The first Ctrl-C or\n"
    "SIGTERM is passed to the running plans (each writes its best plan,\n"
    "status 'interrupted'); scenarios not started are not run.\n"
    "--emit: run it in the folder every node mounts; the job list's paths\n"
    "are relative to it (docs/scenarios.md, \"More than one machine\").\n"
    "exit: 0 every scenario planned cleanly (--emit: the jobs written);\n"
    "      1 some did not; 2 bad usage or sweep, OUT busy or not\n"
    "      schoolnet's, DIR not new; 3 internal failure; 130 / 143 stopped\n"
    "      by SIGINT / SIGTERM\n";

typedef struct job {
    sn_batch_run run;
    char ini[4300];   /* what `plan` reads */
    char dir[4096];   /* STAGE/<name> (OUT/<name> once committed) */
    int sweep;        /* ini is a sweep's STAGE/<name>.ini */
    pid_t pid;
    sn_comparison_row row;
} job;

enum { O_JOBS = 256, O_VARY, O_TIME, O_GAP, O_DIVERT, O_HEUR, O_EMIT,
       O_SPLIT, O_MAXRUN, O_WORK };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, O_JOBS},
    {"vary", required_argument, NULL, O_VARY},
    {"time-limit", required_argument, NULL, O_TIME},
    {"gap", required_argument, NULL, O_GAP},
    {"work", required_argument, NULL, O_WORK},
    {"divert", required_argument, NULL, O_DIVERT},
    {"heuristic-only", no_argument, NULL, O_HEUR},
    {"emit", required_argument, NULL, O_EMIT},
    {"split", required_argument, NULL, O_SPLIT},
    {"max-running", required_argument, NULL, O_MAXRUN},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "batch", "o:qh", longopts,
    "usage: schoolnet batch SCENARIO... -o OUT [options]\n"};

/* Keeps an option for each `schoolnet plan`, checked here already so a
 * bad value is one error now, not one per scenario later. */
static int pass_on(sn_batch_args *a, int key, const char *v)
{
    double x = 0;
    if ((key == O_TIME && sn_cli_double(v, 1e-3, 1e7, &x)) ||
        (key == O_GAP && sn_cli_double(v, 0, 0.999999, &x)) ||
        (key == O_WORK && (sn_cli_double(v, 1, 1e15, &x) || x != floor(x))) ||
        (key == O_DIVERT && strcmp(v, "intake") && strcmp(v, "all")))
        return sn_cli_bad_value(&optset, key, v, key == O_TIME
                                ? "seconds from 0.001 to 1e7"
                                : key == O_GAP ? "a relative gap from 0 to "
                                                 "below 1"
                                : key == O_WORK ? "a whole number of work "
                                                  "units from 1 to 1e15"
                                               : "intake or all");
    if (key == O_TIME)
        a->time_limit = x;
    if (a->npass + 2 > SN_BATCH_MAX_PASS)
        return sn_cli_usage_error(&optset, "too many options for plan");
    a->pass[a->npass++] = key == O_TIME ? "--time-limit"
                          : key == O_GAP ? "--gap"
                          : key == O_WORK ? "--work"
                          : key == O_DIVERT ? "--divert"
                                            : "--heuristic-only";
    if (v)
        a->pass[a->npass++] = v;
    return 0;
}

/* The options of --emit, and what it does not take. */
static int parse_emit(sn_batch_args *a, int key, const char *v)
{
    if (key == O_EMIT) {
        a->emit = v;
    } else if (key == O_SPLIT) {
        if (strcmp(v, "counties"))
            return sn_cli_bad_value(&optset, key, v, "counties (a job per "
                                    "county)");
        a->split = 1;
    } else if (sn_cli_int(v, 1, 1000000, &a->max_running)) {
        return sn_cli_bad_value(&optset, key, v,
                                "a whole number from 1 to 1000000");
    }
    return 0;
}

static int check_modes(const sn_batch_args *a, int jobs_given, int max_given)
{
    if (a->emit && a->out)
        return sn_cli_usage_error(&optset, "give -o OUT or --emit DIR, not "
                                  "both (collect writes OUT from DIR)");
    if (a->emit && jobs_given)
        return sn_cli_usage_error(&optset, "--jobs runs plans here; with "
                                  "--emit the cluster runs them");
    if (!a->emit && (a->split || max_given))
        return sn_cli_usage_error(&optset, "--%s is for --emit",
                                  a->split ? "split" : "max-running");
    if (!a->emit && !a->out)
        return sn_cli_usage_error(&optset, "missing -o OUT");
    return 0;
}

static int parse(sn_batch_args *a, int argc, char **argv)
{
    a->scen = calloc((size_t)argc, sizeof *a->scen);
    if (!a->scen)
        return SN_EXIT_INTERNAL;
    a->jobs = 1;
    a->max_running = 100;
    a->time_limit = -1;
    const char *v;
    int k, rc = 0, jobs_given = 0, max_given = 0;
    sn_cli_opts_begin();
    while (rc == 0 && (k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        switch (k) {
        case 'h':
            fputs(usage, stdout);
            return -1;
        case 'q':
            a->quiet = 1;
            break;
        case 'o':
            a->out = v;
            break;
        case O_JOBS:
            if (sn_cli_int(v, 1, 256, &a->jobs))
                return sn_cli_bad_value(&optset, k, v,
                                        "a whole number from 1 to 256");
            jobs_given = 1;
            break;
        case O_VARY: {
            const char *eq = strchr(v, '='), *dot = strchr(v, '.');
            if (!eq || !dot || dot > eq || dot == v || eq[1] == '\0')
                return sn_cli_bad_value(&optset, k, v, "KEY=V1,V2,... with "
                                        "KEY as section.key");
            a->vary = v;
            break;
        }
        case O_EMIT:
        case O_SPLIT:
        case O_MAXRUN:
            max_given |= k == O_MAXRUN;
            rc = parse_emit(a, k, v);
            break;
        case O_HEUR:
            rc = pass_on(a, k, NULL);
            break;
        default:
            rc = pass_on(a, k, v);
            break;
        }
    }
    if (rc)
        return rc;
    if (k < 0)
        return SN_EXIT_INPUT;
    for (int i = optind; i < argc; i++)
        a->scen[a->nscen++] = argv[i];
    if (!a->nscen)
        return sn_cli_usage_error(&optset, "missing SCENARIO");
    return check_modes(a, jobs_given, max_given);
}

static int mkdirs(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Writes STAGE/<name>.ini: the scenario with KEY = value (beside the plan
 * folder while `plan` replaces it; moved in after). */
static int write_sweep(job *j, const char *vary)
{
    struct stat st;
    char *abs = realpath(j->run.scen, NULL);
    if (!abs || stat(abs, &st) != 0) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", j->run.scen,
                strerror(errno));
        free(abs);
        return -1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s.ini", j->dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", path, strerror(errno));
        free(abs);
        return -1;
    }
    int bad = sn_batch_sweep_ini(f, j->run.scen, abs, S_ISDIR(st.st_mode),
                                 j->run.name, vary, j->run.value);
    free(abs);
    snprintf(j->ini, sizeof j->ini, "%s", path);
    j->sweep = 1;
    return fclose(f) == 0 && !bad ? 0 : -1;
}

/* Builds the job list: one per run; their folders are in stage. */
static int make_jobs(job **out, int *njobs, const sn_batch_args *a,
                     const char *stage)
{
    sn_batch_run *runs;
    int n, rc = sn_batch_runs(&runs, &n, a);
    if (rc)
        return rc;
    job *jobs = calloc((size_t)n + 1, sizeof *jobs);
    if (!jobs) {
        free(runs);
        return SN_EXIT_INTERNAL;
    }
    for (int i = 0; i < n; i++) {
        job *j = &jobs[i];
        j->run = runs[i];
        snprintf(j->ini, sizeof j->ini, "%s", j->run.scen);
        snprintf(j->dir, sizeof j->dir, "%s/%s", stage, j->run.name);
        snprintf(j->row.name, sizeof j->row.name, "%s", j->run.name);
        if (a->vary && write_sweep(j, a->vary) != 0)
            rc = SN_EXIT_INPUT;
    }
    free(runs);
    if (rc == 0 && a->vary && sn_batch_check_sweep(jobs[0].ini, "batch"))
        rc = SN_EXIT_INPUT;
    if (rc) {
        free(jobs);
        return rc;
    }
    *out = jobs;
    *njobs = n;
    return 0;
}

static void warn_same_effect(const job *jobs, int n, const sn_batch_args *a)
{
    const char **ini = calloc((size_t)n + 1, sizeof *ini);
    const char **names = calloc((size_t)n + 1, sizeof *names);
    for (int i = 0; ini && names && i < n; i++) {
        ini[i] = jobs[i].ini;
        names[i] = jobs[i].run.name;
    }
    if (ini && names)
        sn_batch_warn_same_effect(ini, names, n, a);
    free(ini);
    free(names);
}

/* A sweep's scenario.ini goes into the plan folder it made. */
static void keep_sweep(const job *j)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/scenario.ini", j->dir);
    if (mkdirs(j->dir) == 0)
        rename(j->ini, path);
}

static void finish(job *j, int status, const sn_batch_args *a,
                   const char *stage)
{
    char log[4200], from[4200];
    snprintf(log, sizeof log, "%s.log", j->dir);
    snprintf(from, sizeof from, "%s/", stage);
    sn_batch_copy_log(log, log, from, ""); /* the plan folder from OUT */
    if (j->sweep)
        keep_sweep(j);
    sn_batch_row(&j->row, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, j->dir, log);
    if (!a->quiet)
        printf("%-28s exit %d  %s%s%s\n", j->run.name, j->row.exit_code,
               j->row.has_summary ? j->row.status : "no plan",
               j->row.note[0] ? ": " : "", j->row.note);
    else if (j->row.exit_code != SN_EXIT_OK)
        fprintf(stderr, "schoolnet batch: %s: exit %d: %s\n", j->run.name,
                j->row.exit_code, j->row.note);
}

/* Starts job j: `schoolnet plan INI -o DIR -q PASS...` in a worker. */
static pid_t start(const job *j, const sn_batch_args *a)
{
    char log[4200];
    snprintf(log, sizeof log, "%s.log", j->dir);
    char *argv[6 + SN_BATCH_MAX_PASS] = {"plan", (char *)j->ini, "-o",
                                         (char *)j->dir, "-q"};
    int n = 5;
    for (int i = 0; i < a->npass; i++)
        argv[n++] = (char *)a->pass[i];
    return sn_batch_spawn(argv, n, log);
}

static int run_all(job *jobs, int n, const sn_batch_args *a,
                   const char *stage)
{
    int next = 0, running = 0;
    while (next < n || running > 0) {
        while (running < a->jobs && next < n) {
            job *j = &jobs[next++];
            if (*sn_cli_stop_flag()) { /* stopped: the rest is not run */
                j->row.exit_code = sn_cli_signal_exit(0);
                snprintf(j->row.note, sizeof j->row.note, "not run: the "
                         "batch was stopped by signal %d",
                         j->row.exit_code - 128);
                continue;
            }
            j->pid = start(j, a);
            if (j->pid < 0) {
                snprintf(j->row.note, sizeof j->row.note, "fork: %s",
                         strerror(errno));
                j->row.exit_code = SN_EXIT_INTERNAL;
                continue;
            }
            running++;
        }
        if (running == 0)
            break;
        int status;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return SN_EXIT_INTERNAL;
        }
        sn_cli_worker_remove(w);
        for (int i = 0; i < n; i++)
            if (jobs[i].pid == w) {
                jobs[i].pid = 0;
                running--;
                finish(&jobs[i], status, a, stage);
            }
    }
    return 0;
}

int sn_cmd_batch(int argc, char **argv)
{
    sn_batch_args a;
    memset(&a, 0, sizeof a);
    job *jobs = NULL;
    sn_outtx *tx = NULL;
    int n = 0, rc = parse(&a, argc, argv);
    if (rc == 0 && a.emit) {
        rc = sn_cli_batch_emit(&a, argc, argv);
        free(a.scen);
        return rc;
    }
    sn_cli_signals_install();
    if (rc == 0)
        rc = sn_cli_outtx_begin(&tx, a.out, "batch");
    if (rc == 0)
        rc = make_jobs(&jobs, &n, &a, sn_outtx_path(tx));
    if (rc == 0)
        warn_same_effect(jobs, n, &a);
    if (rc == 0)
        rc = run_all(jobs, n, &a, sn_outtx_path(tx));
    if (rc == 0) {
        sn_comparison_row *rows = calloc((size_t)(n > 0 ? n : 1), sizeof *rows);
        sn_error err = {0, ""};
        for (int i = 0; rows && i < n; i++)
            rows[i] = jobs[i].row;
        if (!rows || sn_comparison_write_vary(rows, (size_t)n,
                                              sn_outtx_path(tx), a.vary,
                                              &err) != 0) {
            fprintf(stderr, "schoolnet batch: %s\n",
                    rows ? err.msg : "out of memory");
            rc = SN_EXIT_INTERNAL;
        }
        free(rows);
        if (rc == 0) {
            rc = sn_cli_outtx_commit(tx, "batch");
            tx = NULL;
        }
        for (int i = 0; rc == 0 && i < n; i++)
            if (jobs[i].row.exit_code != SN_EXIT_OK)
                rc = SN_EXIT_RESULT;
        if (!a.quiet && rows)
            printf("comparison: %s/comparison.csv, %s/comparison.md, "
                   "%s/comparison.html\n", a.out, a.out, a.out);
        if (rc == 0 || rc == SN_EXIT_RESULT)
            rc = sn_cli_signal_exit(rc); /* 130 / 143 after a signal */
    }
    sn_outtx_abort(tx);
    free(jobs);
    free(a.scen);
    return rc < 0 ? SN_EXIT_OK : rc;
}
