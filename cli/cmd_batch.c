/* cmd_batch.c - `schoolnet batch`: several scenarios (or one scenario
 * swept over a key's values) planned in parallel processes, each into
 * OUT/<name>/, then OUT/comparison.csv and OUT/comparison.md.
 *
 * Each scenario runs `schoolnet plan` in a child process (fork; GLPK is
 * never shared between processes or threads) with stdout and stderr in
 * OUT/<name>.log.  A scenario that fails (bad input, no plan, a crash) is a
 * row with its exit code and a note; the others go on.  Exit: 0 every
 * scenario planned cleanly, 1 some did not (or had unplaced pupils),
 * 2 bad usage or an unusable sweep, 3 internal failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
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
    "its file name without .ini; a sweep appends -KEY-VALUE.\n";

#define MAX_PASS 8

typedef struct job {
    char name[256];
    char ini[4300];   /* what `plan` reads */
    char dir[4096];   /* OUT/<name> */
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

static int parse(args *a, int argc, char **argv)
{
    a->scen = calloc((size_t)argc, sizeof *a->scen);
    if (!a->scen)
        return SN_EXIT_INTERNAL;
    a->jobs = 1;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end;
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(usage, stdout);
            return -1;
        } else if ((!strcmp(s, "-o") || !strcmp(s, "--out")) && v) {
            a->out = argv[++i];
        } else if (!strcmp(s, "--jobs") && v) {
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 256)
                goto bad;
            a->jobs = (int)j;
            i++;
        } else if (!strcmp(s, "--vary") && v) {
            const char *eq = strchr(v, '=');
            const char *dot = strchr(v, '.');
            if (!eq || !dot || dot > eq || dot == v || eq[1] == '\0')
                goto bad;
            a->vary = argv[++i];
        } else if ((!strcmp(s, "--time-limit") || !strcmp(s, "--gap") ||
                    !strcmp(s, "--work") || !strcmp(s, "--divert")) && v &&
                   a->npass + 2 <= MAX_PASS) {
            a->pass[a->npass++] = s;
            a->pass[a->npass++] = argv[++i];
        } else if (!strcmp(s, "--heuristic-only") && a->npass < MAX_PASS) {
            a->pass[a->npass++] = s;
        } else if (!strcmp(s, "-q") || !strcmp(s, "--quiet")) {
            a->quiet = 1;
        } else if (s[0] != '-') {
            a->scen[a->nscen++] = s;
        } else {
            fprintf(stderr, "schoolnet batch: unexpected argument '%s'\n%s",
                    s, usage);
            return SN_EXIT_INPUT;
        }
        continue;
    bad:
        fprintf(stderr, "schoolnet batch: bad value for %s (got '%s')\n", s,
                v);
        return SN_EXIT_INPUT;
    }
    if (!a->nscen || !a->out) {
        fputs(usage, stderr);
        return SN_EXIT_INPUT;
    }
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
    snprintf(path, sizeof path, "%s/scenario.ini", j->dir);
    FILE *f = mkdirs(j->dir) == 0 ? fopen(path, "w") : NULL;
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
    return fclose(f) == 0 ? 0 : -1;
}

/* Builds the job list: one per scenario, or one per scenario and value. */
static int make_jobs(job **out, int *njobs, const args *a)
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
        snprintf(jobs[i].dir, sizeof jobs[i].dir, "%s/%s", a->out,
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
    *out = jobs;
    *njobs = n;
    return 0;
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

/* The last line of OUT/<name>.log that says what went wrong. */
static void note_from_log(job *j)
{
    char path[4200], line[512];
    snprintf(path, sizeof path, "%s.log", j->dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] && strncmp(line, "plan ", 5) != 0)
            snprintf(j->row.note, sizeof j->row.note, "%s", line);
    }
    fclose(f);
}

static void finish(job *j, int status, int quiet)
{
    j->row.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (WIFSIGNALED(status))
        snprintf(j->row.note, sizeof j->row.note, "killed by signal %d",
                 WTERMSIG(status));
    if (j->row.exit_code == SN_EXIT_OK || j->row.exit_code == SN_EXIT_RESULT) {
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
        note_from_log(j);
    if (!quiet)
        printf("%-28s exit %d  %s%s%s\n", j->name, j->row.exit_code,
               j->row.has_summary ? j->row.status : "no plan",
               j->row.note[0] ? ": " : "", j->row.note);
    else if (j->row.exit_code != SN_EXIT_OK)
        fprintf(stderr, "schoolnet batch: %s: exit %d: %s\n", j->name,
                j->row.exit_code, j->row.note);
}

static int run_all(job *jobs, int n, const args *a)
{
    int next = 0, running = 0;
    while (next < n || running > 0) {
        while (running < a->jobs && next < n) {
            job *j = &jobs[next++];
            if (mkdirs(a->out) != 0) {
                fprintf(stderr, "schoolnet batch: %s: %s\n", a->out,
                        strerror(errno));
                j->row.exit_code = SN_EXIT_INTERNAL;
                continue;
            }
            fflush(stdout);
            fflush(stderr);
            j->pid = fork();
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
        for (int i = 0; i < n; i++)
            if (jobs[i].pid == w) {
                jobs[i].pid = 0;
                running--;
                finish(&jobs[i], status, a->quiet);
            }
    }
    return 0;
}

int sn_cmd_batch(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    job *jobs = NULL;
    int n = 0, rc = parse(&a, argc, argv);
    if (rc == 0)
        rc = make_jobs(&jobs, &n, &a);
    if (rc == 0)
        rc = run_all(jobs, n, &a);
    if (rc == 0) {
        sn_comparison_row *rows = calloc((size_t)n, sizeof *rows);
        sn_error err = {0, ""};
        for (int i = 0; rows && i < n; i++)
            rows[i] = jobs[i].row;
        if (!rows || sn_comparison_write(rows, (size_t)n, a.out, &err) != 0) {
            fprintf(stderr, "schoolnet batch: %s\n",
                    rows ? err.msg : "out of memory");
            rc = SN_EXIT_INTERNAL;
        }
        free(rows);
        for (int i = 0; rc == 0 && i < n; i++)
            if (jobs[i].row.exit_code != SN_EXIT_OK)
                rc = SN_EXIT_RESULT;
        if (!a.quiet && rows)
            printf("comparison: %s/comparison.csv, %s/comparison.md\n", a.out,
                   a.out);
    }
    free(jobs);
    free(a.scen);
    return rc < 0 ? SN_EXIT_OK : rc;
}
