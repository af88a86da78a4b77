/* cmd_batch.c - `schoolnet batch`: several scenarios (or one scenario
 * swept over a key's values) planned in parallel processes, each into
 * OUT/<name>/, then OUT/comparison.csv, comparison.md and comparison.html.
 *
 * Each scenario runs `schoolnet plan` in a child process (fork; GLPK is
 * never shared between processes or threads) with stdout and stderr in
 * OUT/<name>.log.  OUT is one output transaction (io/outtx.h): the runs
 * write into its staging folder and OUT is replaced whole at the end, so
 * plans of an earlier batch never stand next to this one's.  A scenario that fails (bad input, no plan, a crash) is a
 * row with its exit code and a note; the others go on.  Exit: 0 every
 * scenario planned cleanly, 1 some did not (or had unplaced pupils),
 * 2 bad usage or an unusable sweep, 3 internal failure.
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

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "cli/signals.h"
#include "io/read_scenario.h"
#include "io/write_comparison.h"

static const char usage[] =
    "usage: schoolnet batch SCENARIO... -o OUT [options]\n"
    "  SCENARIO           scenario.ini files or data folders\n"
    "  -o, --out DIR      OUT/<name>/ per scenario, OUT/comparison.{csv,md}\n"
    "  --jobs N           scenarios planned at once (default 1)\n"
    "  --vary KEY=V1,V2   sweep: each scenario once per value of KEY\n"
    "                     (section.key, e.g. classes.hard_cap=50,56 or\n"
    "                     overrides.close_below=30,50)\n"
    "  --time-limit S, --gap G, --work N, --heuristic-only, --divert MODE\n"
    "                     passed to each `schoolnet plan`\n"
    "  -q, --quiet        no line per scenario\n"
    "<name> is the folder of SCENARIO when it is called scenario.ini, else\n"
    "its file name without .ini; a sweep appends -KEY-VALUE.\n"
    "OUT is replaced whole when the batch ends.  The first Ctrl-C or\n"
    "SIGTERM is passed to the running plans (each writes its best plan,\n"
    "status 'interrupted'); scenarios not started are not run.\n"
    "exit: 0 every scenario planned cleanly; 1 some did not; 2 bad usage or\n"
    "      sweep, OUT busy or not schoolnet's; 3 internal failure;\n"
    "      130 / 143 stopped by SIGINT / SIGTERM\n";

#define MAX_PASS 8

typedef struct job {
    char name[256];
    char ini[4300];   /* what `plan` reads */
    char dir[4096];   /* STAGE/<name> (OUT/<name> once committed) */
    int sweep;        /* ini is a sweep's STAGE/<name>.ini */
    pid_t pid;
    sn_comparison_row row;
} job;

typedef struct args {
    const char **scen;
    int nscen;
    const char *out, *vary;
    int jobs, quiet;
    const char *pass[MAX_PASS];
    int npass;
} args;

enum { O_JOBS = 256, O_VARY, O_TIME, O_GAP, O_DIVERT, O_HEUR, O_WORK };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, O_JOBS},
    {"vary", required_argument, NULL, O_VARY},
    {"time-limit", required_argument, NULL, O_TIME},
    {"gap", required_argument, NULL, O_GAP},
    {"work", required_argument, NULL, O_WORK},
    {"divert", required_argument, NULL, O_DIVERT},
    {"heuristic-only", no_argument, NULL, O_HEUR},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "batch", "o:qh", longopts,
    "usage: schoolnet batch SCENARIO... -o OUT [options]\n"};

/* Keeps an option for each `schoolnet plan`, checked here already so a
 * bad value is one error now, not one per scenario later. */
static int pass_on(args *a, int key, const char *v)
{
    double x;
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
    if (a->npass + 2 > MAX_PASS)
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

static int parse(args *a, int argc, char **argv)
{
    a->scen = calloc((size_t)argc, sizeof *a->scen);
    if (!a->scen)
        return SN_EXIT_INTERNAL;
    a->jobs = 1;
    const char *v;
    int k, rc = 0;
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
            break;
        case O_VARY: {
            const char *eq = strchr(v, '='), *dot = strchr(v, '.');
            if (!eq || !dot || dot > eq || dot == v || eq[1] == '\0')
                return sn_cli_bad_value(&optset, k, v, "KEY=V1,V2,... with "
                                        "KEY as section.key");
            a->vary = v;
            break;
        }
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
    if (!a->out)
        return sn_cli_usage_error(&optset, "missing -o OUT");
    return 0;
}

/* The name of a scenario: its folder for .../scenario.ini, else the file
 * name without .ini, else the folder name. */
static void scenario_name(char *out, size_t n, const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t b = len;
    while (b > 0 && path[b - 1] != '/')
        b--;
    const char *base = path + b;
    size_t blen = len - b;
    if (blen == 12 && !strncmp(base, "scenario.ini", 12) && b > 1) {
        size_t e = b - 1, s = e;
        while (s > 0 && path[s - 1] != '/')
            s--;
        if (e > s && strncmp(path + s, ".", e - s) != 0) {
            snprintf(out, n, "%.*s", (int)(e - s), path + s);
            return;
        }
    }
    if (blen > 4 && !strncmp(base + blen - 4, ".ini", 4))
        blen -= 4;
    snprintf(out, n, "%.*s", (int)blen, base);
}

/* Names made unique with -2, -3, ... in order. */
static void unique_names(job *jobs, int n)
{
    for (int i = 0; i < n; i++) {
        int k = 1;
        for (int j = 0; j < i; j++)
            k += !strcmp(jobs[j].name, jobs[i].name);
        if (k > 1) {
            size_t len = strlen(jobs[i].name);
            if (len > sizeof jobs[i].name - 12)
                len = sizeof jobs[i].name - 12;
            snprintf(jobs[i].name + len, 12, "-%d", k);
        }
    }
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

/* Writes OUT/<name>/scenario.ini: the scenario with KEY = value. */
static int write_sweep(job *j, const char *scen, const char *key,
                       size_t keylen, const char *value)
{
    struct stat st;
    char *abs = realpath(scen, NULL);
    if (!abs || stat(abs, &st) != 0) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", scen, strerror(errno));
        free(abs);
        return -1;
    }
    const char *dot = memchr(key, '.', keylen);
    char path[4200];
    /* beside the plan folder while `plan` replaces it; moved in after */
    snprintf(path, sizeof path, "%s.ini", j->dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", path, strerror(errno));
        free(abs);
        return -1;
    }
    int is_scen = (size_t)(dot - key) == 8 && !strncmp(key, "scenario", 8);
    fprintf(f, "; made by schoolnet batch --vary: %s with %.*s = %s\n"
               "[scenario]\n%s = \"%s\"\nname = \"%s\"\n", scen, (int)keylen,
            key, value, S_ISDIR(st.st_mode) ? "data" : "base", abs, j->name);
    if (!is_scen)
        fprintf(f, "[%.*s]\n", (int)(dot - key), key);
    fprintf(f, "%.*s = %s\n", (int)(keylen - (size_t)(dot - key) - 1),
            dot + 1, value);
    free(abs);
    snprintf(j->ini, sizeof j->ini, "%s", path);
    j->sweep = 1;
    return fclose(f) == 0 ? 0 : -1;
}

/* A sweep's key is checked once, before any plan runs: an unknown
 * [section] key or a bad value is one error now, not a failed row per
 * scenario after all the others ran.  ([overrides] values name schools:
 * `plan` checks them against the network.) */
static int check_sweep(const char *ini)
{
    sn_scenario sc;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    if (sn_scenario_init(&sc) != 0)
        return -1;
    int rc = sn_scenario_read(&sc, ini, &diag, &err);
    sn_cli_print_diag(&diag);
    if (rc && rc != SN_EINPUT)
        fprintf(stderr, "schoolnet batch: %s\n", err.msg);
    if (rc)
        fprintf(stderr, "schoolnet batch: --vary: the sweep's scenario is "
                        "not valid\n");
    sn_diag_dispose(&diag);
    sn_scenario_dispose(&sc);
    return rc;
}

/* Builds the job list: one per scenario, or one per scenario and value;
 * their folders are in stage. */
static int make_jobs(job **out, int *njobs, const args *a, const char *stage)
{
    int nval = 1;
    const char *eq = a->vary ? strchr(a->vary, '=') : NULL;
    for (const char *p = eq ? eq + 1 : ""; *p; p++)
        nval += *p == ',';
    job *jobs = calloc((size_t)a->nscen * (size_t)nval, sizeof *jobs);
    if (!jobs)
        return SN_EXIT_INTERNAL;
    int n = 0;
    for (int s = 0; s < a->nscen; s++) {
        const char *v = eq ? eq + 1 : NULL;
        for (int k = 0; k < nval; k++) {
            job *j = &jobs[n++];
            scenario_name(j->name, sizeof j->name, a->scen[s]);
            snprintf(j->ini, sizeof j->ini, "%s", a->scen[s]);
            if (v) {
                size_t vl = strcspn(v, ",");
                size_t nl = strlen(j->name);
                snprintf(j->name + nl, sizeof j->name - nl, "-%.*s-%.*s",
                         (int)(eq - a->vary), a->vary, (int)vl, v);
                v += vl + (v[vl] == ',');
            }
        }
    }
    unique_names(jobs, n);
    for (int i = 0; i < n; i++) {
        snprintf(jobs[i].dir, sizeof jobs[i].dir, "%s/%s", stage,
                 jobs[i].name);
        snprintf(jobs[i].row.name, sizeof jobs[i].row.name, "%s",
                 jobs[i].name);
    }
    if (eq) {
        for (int s = 0, i = 0; s < a->nscen; s++) {
            const char *v = eq + 1;
            for (int k = 0; k < nval; k++, i++) {
                size_t vl = strcspn(v, ",");
                char val[512];
                snprintf(val, sizeof val, "%.*s", (int)vl, v);
                v += vl + (v[vl] == ',');
                if (!val[0] || write_sweep(&jobs[i], a->scen[s], a->vary,
                                           (size_t)(eq - a->vary), val)) {
                    if (!val[0])
                        fprintf(stderr, "schoolnet batch: --vary: empty value "
                                "(got '%s')\n", a->vary);
                    free(jobs);
                    return SN_EXIT_INPUT;
                }
            }
        }
    }
    if (eq && check_sweep(jobs[0].ini) != 0) {
        free(jobs);
        return SN_EXIT_INPUT;
    }
    *out = jobs;
    *njobs = n;
    return 0;
}

/* A sweep whose values give the same model plans the same plan twice:
 * say so before running, naming the reason (issue 9: what-ifs never
 * silently do nothing).  jobs come nval per scenario. */
static void warn_same_effect(const job *jobs, int n, const args *a)
{
    const char *eq = a->vary ? strchr(a->vary, '=') : NULL;
    int nval = n / (a->nscen > 0 ? a->nscen : 1);
    if (!eq || nval < 2)
        return;
    sn_scenario *sc = calloc((size_t)nval, sizeof *sc);
    char *ok = calloc((size_t)nval, 1);
    for (int s = 0; sc && ok && s < a->nscen; s++) {
        for (int k = 0; k < nval; k++) {
            sn_diag quiet = SN_DIAG_INIT;
            sn_error err = {0, ""};
            ok[k] = sn_scenario_init(&sc[k]) == 0 &&
                    sn_scenario_read(&sc[k], jobs[s * nval + k].ini, &quiet,
                                     &err) == 0;
            sn_diag_dispose(&quiet);
        }
        for (int k = 1; k < nval; k++)
            for (int j = 0; j < k; j++) {
                if (!ok[j] || !ok[k] ||
                    !sn_scenario_same_effect(&sc[j], &sc[k], sc[k].year))
                    continue;
                char why[256] = "the values give the same settings";
                int from;
                if (!strncmp(a->vary, "classes.hard_cap=", 17) && sc[k].year &&
                    (sn_scenario_cap_code(&sc[k], NULL, sc[k].year, &from),
                     from >= 0))
                    snprintf(why, sizeof why, "milestone hard_cap.%d%s%s "
                             "decides the cap in %d",
                             sc[k].milestones[from].year,
                             sc[k].milestones[from].county[0] ? "." : "",
                             sc[k].milestones[from].county, sc[k].year);
                fprintf(stderr, "schoolnet batch: warning: --vary: %s and %s "
                        "give the same model (%s): their plans will not "
                        "differ\n", jobs[s * nval + j].name,
                        jobs[s * nval + k].name, why);
                j = k; /* one line per value */
            }
        for (int k = 0; k < nval; k++)
            if (ok[k])
                sn_scenario_dispose(&sc[k]);
    }
    free(sc);
    free(ok);
}

/* In the child: `schoolnet plan` with output to OUT/<name>.log. */
static void child(const job *j, const args *a)
{
    char log[4200];
    snprintf(log, sizeof log, "%s.log", j->dir);
    if (!freopen(log, "w", stdout) || dup2(fileno(stdout), 2) < 0)
        _exit(SN_EXIT_INTERNAL);
    char *argv[8 + MAX_PASS] = {"schoolnet", "plan", (char *)j->ini, "-o",
                                (char *)j->dir, "-q"};
    int n = 6;
    for (int i = 0; i < a->npass; i++)
        argv[n++] = (char *)a->pass[i];
    argv[n] = NULL;
    int rc = sn_cli_run(n, argv);
    fflush(stdout);
    _exit(rc);
}

/* The last line of OUT/<name>.log that says what went wrong (with the
 * staging folder's name replaced by OUT's). */
static void note_from_log(job *j, const char *stage, const char *out)
{
    char path[4200], line[512];
    snprintf(path, sizeof path, "%s.log", j->dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || !strncmp(line, "plan ", 5))
            continue;
        char *at = strstr(line, stage);
        if (at)
            snprintf(j->row.note, sizeof j->row.note, "%.*s%s%s",
                     (int)(at - line), line, out, at + strlen(stage));
        else
            snprintf(j->row.note, sizeof j->row.note, "%s", line);
    }
    fclose(f);
}

/* A sweep's scenario.ini goes into the plan folder it made. */
static void keep_sweep(const job *j)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/scenario.ini", j->dir);
    if (mkdirs(j->dir) == 0)
        rename(j->ini, path);
}

static void finish(job *j, int status, const args *a, const char *stage)
{
    int quiet = a->quiet;
    if (j->sweep)
        keep_sweep(j);
    j->row.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (WIFSIGNALED(status))
        snprintf(j->row.note, sizeof j->row.note, "killed by signal %d",
                 WTERMSIG(status));
    if (j->row.exit_code == SN_EXIT_OK || j->row.exit_code == SN_EXIT_RESULT ||
        j->row.exit_code == 128 + SIGINT || j->row.exit_code == 128 + SIGTERM) {
        char path[4200];
        snprintf(path, sizeof path, "%s/summary.json", j->dir);
        sn_diag d = SN_DIAG_INIT;
        sn_error err = {0, ""};
        if (sn_comparison_read_summary(&j->row, path, &d, &err) != 0)
            snprintf(j->row.note, sizeof j->row.note, "%.500s",
                     d.n ? d.items[0].text : err.msg);
        sn_diag_dispose(&d);
    }
    if (j->row.exit_code != SN_EXIT_OK && !j->row.note[0])
        note_from_log(j, stage, a->out);
    if (!quiet)
        printf("%-28s exit %d  %s%s%s\n", j->name, j->row.exit_code,
               j->row.has_summary ? j->row.status : "no plan",
               j->row.note[0] ? ": " : "", j->row.note);
    else if (j->row.exit_code != SN_EXIT_OK)
        fprintf(stderr, "schoolnet batch: %s: exit %d: %s\n", j->name,
                j->row.exit_code, j->row.note);
}

static int run_all(job *jobs, int n, const args *a, const char *stage)
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
            fflush(stdout);
            fflush(stderr);
            j->pid = sn_cli_fork_worker();
            if (j->pid == 0)
                child(j, a);
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
    args a;
    memset(&a, 0, sizeof a);
    job *jobs = NULL;
    sn_outtx *tx = NULL;
    int n = 0, rc = parse(&a, argc, argv);
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
        sn_comparison_row *rows = calloc((size_t)n, sizeof *rows);
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
