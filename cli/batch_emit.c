/* batch_emit.c - the batch as a job list for a cluster (batch_emit.h). */
#include "cli/batch_emit.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "io/jobs.h"
#include "io/outdir.h"
#include "io/read_network.h"
#include "io/read_scenario.h"

#define PATH_BUF 8192 /* a path and a few more names */

/* One run of the batch as the jobs will see it. */
typedef struct erun {
    sn_batch_run run;
    char ini[PATH_BUF];     /* the scenario `plan` reads, from the root */
    double limit;       /* seconds for the whole run */
    double data_mb;     /* CSV bytes of its data folder, in MB */
    int ncounties;      /* with --split: its counties and their zones */
    char **counties;
    int *zones, ztotal;
} erun;

typedef struct emit {
    const sn_batch_args *a;
    sn_outtx *tx;
    char root[PATH_BUF];    /* the folder emit runs in, canonical */
    char dir[PATH_BUF];     /* DIR from the root */
    char back[PATH_BUF];    /* the root from DIR */
    erun *runs;
    int nruns;
    sn_jobs jobs;
} emit;

/* ------------------------------------------------------------- paths */

/* The path of `to` seen from folder `from` (both canonical, absolute):
 * "../.." or "a/b" or "." . */
static void relpath(char *out, size_t n, const char *from, const char *to)
{
    size_t i = 0, common = 0;
    while (from[i] && from[i] == to[i]) {
        if (from[i] == '/')
            common = i;
        i++;
    }
    if ((!from[i] || from[i] == '/') && (!to[i] || to[i] == '/'))
        common = i;
    out[0] = '\0';
    size_t len = 0;
    for (const char *p = from + common; *p; p++)
        if (*p == '/' && p[1] && len + 4 < n) {
            memcpy(out + len, len ? "/.." : "..", len ? 3 : 2);
            len += len ? 3 : 2;
            out[len] = '\0';
        }
    const char *rest = to + common + (to[common] == '/');
    if (*rest)
        snprintf(out + len, n - len, "%s%s", len ? "/" : "", rest);
    if (!out[0])
        snprintf(out, n, ".");
}

/* The canonical path of `path`, which need not exist yet when its parent
 * does.  0 or -1 (errno). */
static int canonical(char *out, size_t n, const char *path)
{
    char *r = realpath(path, NULL);
    if (r) {
        snprintf(out, n, "%s", r);
        free(r);
        return 0;
    }
    char buf[4200];
    snprintf(buf, sizeof buf, "%s", path);
    size_t len = strlen(buf);
    while (len > 1 && buf[len - 1] == '/')
        buf[--len] = '\0';
    char *slash = strrchr(buf, '/');
    const char *base = slash ? slash + 1 : buf;
    const char *parent = slash ? (slash == buf ? "/" : buf) : ".";
    if (slash)
        *slash = '\0';
    r = realpath(parent, NULL);
    if (!r)
        return -1;
    snprintf(out, n, "%s%s%s", r, strcmp(r, "/") ? "/" : "", base);
    free(r);
    return 0;
}

/* MB of the regular files in folder dir (0 when it cannot be read). */
static double folder_mb(const char *dir)
{
    DIR *d = opendir(dir);
    double bytes = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char p[PATH_BUF];
        struct stat st;
        if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) <
                (int)sizeof p &&
            stat(p, &st) == 0 && S_ISREG(st.st_mode))
            bytes += (double)st.st_size;
    }
    if (d)
        closedir(d);
    return bytes / (1024.0 * 1024.0);
}

/* ------------------------------------------------------------- runs */

/* Writes the sweep's scenario of r into STAGE/scenarios/NAME.ini, its
 * base seen from DIR/scenarios. */
static int write_variant(emit *e, erun *r)
{
    struct stat st;
    char scen[PATH_BUF], from[PATH_BUF], base[PATH_BUF], path[PATH_BUF];
    if (stat(r->run.scen, &st) != 0 ||
        canonical(scen, sizeof scen, r->run.scen) != 0) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", r->run.scen,
                strerror(errno));
        return SN_EXIT_INPUT;
    }
    if (r->run.scen[0] == '/') {
        snprintf(base, sizeof base, "%s", r->run.scen);
    } else {
        if (snprintf(path, sizeof path, "%s/%s/scenarios", e->root,
                     e->dir) >= (int)sizeof path ||
            canonical(from, sizeof from, path) != 0)
            snprintf(from, sizeof from, "%s", path);
        relpath(base, sizeof base, from, scen);
    }
    snprintf(path, sizeof path, "%s/scenarios/%s.ini", sn_outtx_path(e->tx),
             r->run.name);
    if (snprintf(r->ini, sizeof r->ini, "%s/scenarios/%s.ini", e->dir,
                 r->run.name) >= (int)sizeof r->ini) {
        fprintf(stderr, "schoolnet batch: --emit %s: path too long\n",
                e->a->emit);
        return SN_EXIT_INPUT;
    }
    FILE *f = fopen(path, "w");
    int bad = !f || sn_batch_sweep_ini(f, r->run.scen, base,
                                       S_ISDIR(st.st_mode), r->run.name,
                                       e->a->vary, r->run.value);
    if ((f && fclose(f) != 0) || bad) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", path, strerror(errno));
        return SN_EXIT_INTERNAL;
    }
    /* read now from the staging folder, a sibling of DIR: the relative
     * base resolves the same */
    return sn_batch_check_sweep(path, "batch") ? SN_EXIT_INPUT : 0;
}

/* The time limit and data folder of the scenario at path (an ini, or a
 * data folder with the defaults), errors printed. */
static int read_limits(erun *r, const char *path, double time_arg)
{
    sn_scenario sc;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    struct stat st;
    if (sn_scenario_init(&sc) != 0)
        return SN_EXIT_INTERNAL;
    int rc = 0;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: cannot open (%s)\n", path, strerror(errno));
        rc = SN_EINPUT;
    } else if (!S_ISDIR(st.st_mode)) {
        rc = sn_scenario_read(&sc, path, &d, &err);
    }
    sn_cli_print_diag(&d);
    sn_diag_dispose(&d);
    if (rc && rc != SN_EINPUT)
        fprintf(stderr, "schoolnet batch: %s\n", err.msg);
    r->limit = time_arg > 0 ? time_arg : sc.time_limit;
    r->data_mb = folder_mb(rc || S_ISDIR(st.st_mode) ? path : sc.data_dir);
    sn_scenario_dispose(&sc);
    return rc ? sn_cli_exit_for(rc) : 0;
}

/* The counties of r's network and their zones (at least 1 each, as
 * `plan --county` shares the time), or those of prev (same data). */
static int read_counties(erun *r, const erun *prev)
{
    if (prev) {
        r->ncounties = prev->ncounties;
        r->counties = prev->counties;
        r->zones = prev->zones;
        r->ztotal = prev->ztotal;
        return 0;
    }
    sn_network *net;
    int rc = sn_cli_read_network(&net, r->ini);
    if (rc)
        return rc;
    r->ncounties = net->ncounties;
    r->counties = calloc((size_t)net->ncounties + 1, sizeof *r->counties);
    r->zones = calloc((size_t)net->ncounties + 1, sizeof *r->zones);
    for (int c = 0; r->counties && c < net->ncounties; c++)
        if (!(r->counties[c] = strdup(net->counties[c])))
            rc = SN_EXIT_INTERNAL;
    if (!r->counties || !r->zones)
        rc = SN_EXIT_INTERNAL;
    for (int z = 0; rc == 0 && z < net->nzones; z++)
        r->zones[net->zones[z].county]++;
    for (int c = 0; rc == 0 && c < net->ncounties; c++) {
        r->zones[c] = r->zones[c] < 1 ? 1 : r->zones[c];
        r->ztotal += r->zones[c];
        if (!strcmp(net->counties[c], "all")) {
            fprintf(stderr, "schoolnet batch: --split counties: %s has a "
                            "county called 'all', the job list's word for "
                            "a whole scenario\n", r->ini);
            rc = SN_EXIT_INPUT;
        }
    }
    if (rc == SN_EXIT_INTERNAL)
        fprintf(stderr, "schoolnet batch: out of memory\n");
    sn_network_free(net);
    return rc;
}

static int prepare_runs(emit *e)
{
    const sn_batch_args *a = e->a;
    sn_batch_run *runs;
    int rc = sn_batch_runs(&runs, &e->nruns, a);
    if (rc)
        return rc;
    e->runs = calloc((size_t)e->nruns + 1, sizeof *e->runs);
    if (!e->runs) {
        free(runs);
        return SN_EXIT_INTERNAL;
    }
    const char *key;
    size_t klen = sn_batch_vary_key(a->vary, &key);
    int data_varies = klen > 9 && !strncmp(key, "scenario.", 9);
    for (int i = 0; rc == 0 && i < e->nruns; i++) {
        erun *r = &e->runs[i];
        r->run = runs[i];
        snprintf(r->ini, sizeof r->ini, "%s", r->run.scen);
        char staged[PATH_BUF];
        snprintf(staged, sizeof staged, "%s/scenarios/%s.ini",
                 sn_outtx_path(e->tx), r->run.name);
        if (a->vary)
            rc = write_variant(e, r);
        if (rc == 0)
            rc = read_limits(r, a->vary ? staged : r->ini, a->time_limit);
        const erun *prev = i > 0 && !data_varies &&
                                   e->runs[i - 1].run.scen == r->run.scen
                               ? &e->runs[i - 1]
                               : NULL;
        if (rc == 0 && a->split) {
            char keep[PATH_BUF];
            snprintf(keep, sizeof keep, "%s", r->ini);
            if (a->vary) /* read the staged copy; the jobs read DIR's */
                snprintf(r->ini, sizeof r->ini, "%s", staged);
            rc = read_counties(r, prev);
            snprintf(r->ini, sizeof r->ini, "%s", keep);
        }
    }
    free(runs);
    if (rc == 0 && a->vary) { /* the staged variants, as batch warns */
        const char **ini = calloc((size_t)e->nruns + 1, sizeof *ini);
        const char **names = calloc((size_t)e->nruns + 1, sizeof *names);
        char (*staged)[PATH_BUF] = calloc((size_t)e->nruns + 1,
                                          sizeof *staged);
        for (int i = 0; ini && names && staged && i < e->nruns; i++) {
            snprintf(staged[i], sizeof staged[i], "%s/scenarios/%s.ini",
                     sn_outtx_path(e->tx), e->runs[i].run.name);
            ini[i] = staged[i];
            names[i] = e->runs[i].run.name;
        }
        if (ini && names && staged)
            sn_batch_warn_same_effect(ini, names, e->nruns, a);
        free(ini);
        free(names);
        free(staged);
    }
    return rc;
}

static void free_runs(emit *e)
{
    for (int i = 0; e->runs && i < e->nruns; i++) {
        erun *r = &e->runs[i];
        if (i > 0 && e->runs[i - 1].counties == r->counties)
            continue; /* shared with the run before */
        for (int c = 0; r->counties && c < r->ncounties; c++)
            free(r->counties[c]);
        free(r->counties);
        free(r->zones);
    }
    free(e->runs);
}

/* ------------------------------------------------------------- jobs */

/* Job k of run r (county c, or -1 for the whole run). */
static int add_job(emit *e, const erun *r, int c)
{
    sn_job *j = &e->jobs.v[e->jobs.n];
    int id = e->jobs.n + 1;
    char out[PATH_BUF], vary[PATH_BUF] = "";
    if (snprintf(out, sizeof out, "%s/jobs/%d", e->dir, id) >=
        (int)sizeof out)
        return SN_EXIT_INTERNAL; /* e->dir is a path: cannot happen */
    if (e->a->vary)
        snprintf(vary, sizeof vary, "%.*s=%s",
                 (int)strcspn(e->a->vary, "="), e->a->vary, r->run.value);
    const char *argv[8 + SN_BATCH_MAX_PASS] = {"plan", r->ini, "-o", out,
                                               "-q"};
    int n = 5;
    for (int i = 0; i < e->a->npass; i++)
        argv[n++] = e->a->pass[i];
    if (c >= 0) {
        argv[n++] = "--county";
        argv[n++] = r->counties[c];
    }
    j->id = id;
    e->jobs.n++; /* its strings are freed with the list */
    if (!(j->name = strdup(r->run.name)) ||
        !(j->scenario = strdup(r->run.scen)) || !(j->vary = strdup(vary)) ||
        !(j->county = strdup(c >= 0 ? r->counties[c] : "all")) ||
        !(j->out = strdup(out)) || sn_jobs_join_args(&j->args, argv, n))
        return SN_EXIT_INTERNAL;
    return 0;
}

static int make_jobs(emit *e)
{
    int total = 0;
    for (int i = 0; i < e->nruns; i++)
        total += e->a->split ? e->runs[i].ncounties : 1;
    if (!(e->jobs.v = calloc((size_t)total + 1, sizeof *e->jobs.v)))
        return SN_EXIT_INTERNAL;
    int rc = 0;
    for (int i = 0; rc == 0 && i < e->nruns; i++) {
        const erun *r = &e->runs[i];
        if (!e->a->split)
            rc = add_job(e, r, -1);
        for (int c = 0; rc == 0 && e->a->split && c < r->ncounties; c++)
            rc = add_job(e, r, c);
    }
    return rc;
}

/* The longest job's time limit and the largest data folder. */
static void limits(const emit *e, double *seconds, double *mb)
{
    *seconds = 0;
    *mb = 0;
    for (int i = 0; i < e->nruns; i++) {
        const erun *r = &e->runs[i];
        double t = r->limit;
        if (e->a->split) {
            t = 0;
            for (int c = 0; c < r->ncounties; c++)
                t = fmax(t, r->limit * r->zones[c] / r->ztotal);
        }
        *seconds = fmax(*seconds, t);
        *mb = fmax(*mb, r->data_mb);
    }
}

/* ------------------------------------------------------------- files */

/* The program run-job starts: this schoolnet, from the root when it is
 * under it, as `schoolnet` when that is it on PATH, else its absolute
 * path; `schoolnet` when this process is not schoolnet (a test). */
static void program(char *out, size_t n, const char *root)
{
    char self[4096], *path = getenv("PATH");
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    snprintf(out, n, "schoolnet");
    if (k <= 0)
        return;
    self[k] = '\0';
    const char *b = strrchr(self, '/');
    if (!b || strcmp(b + 1, "schoolnet"))
        return;
    size_t rl = strlen(root);
    if (!strncmp(self, root, rl) && self[rl] == '/') {
        snprintf(out, n, "%s%s", strchr(self + rl + 1, '/') ? "" : "./",
                 self + rl + 1);
        return;
    }
    for (char *p = path; p && *p;) {
        size_t l = strcspn(p, ":");
        char cand[PATH_BUF];
        snprintf(cand, sizeof cand, "%.*s/schoolnet", (int)l, p);
        char *r = realpath(cand, NULL);
        int same = r && !strcmp(r, self);
        free(r);
        if (same)
            return;
        p += l + (p[l] == ':');
    }
    snprintf(out, n, "%s", self);
}

/* One shell word (quoted when needed) into out. */
static void word(char *out, size_t n, const char *w)
{
    char *q = NULL;
    if (sn_jobs_join_args(&q, &w, 1) == 0)
        snprintf(out, n, "%s", q);
    else
        snprintf(out, n, "''");
    free(q);
}

static void write_runjob(FILE *f, const emit *e)
{
    char prog[PATH_BUF], back[PATH_BUF], dir[PATH_BUF];
    program(prog, sizeof prog, e->root);
    word(back, sizeof back, e->back);
    word(dir, sizeof dir, e->dir);
    fprintf(f,
            "#!/bin/sh\n"
            "# run-job N [N...]: runs job N of jobs.tsv (made by `schoolnet "
            "batch --emit`)\n"
            "# on any machine that mounts the shared folder, from any "
            "folder.  A finished\n"
            "# job is skipped, a half-done one is redone; exit 0 when each "
            "job has its\n"
            "# result (see README).  SCHOOLNET=/path/to/schoolnet picks the "
            "program.\n"
            "prog=${SCHOOLNET:-}\n"
            "case $prog in\n"
            "    '' | /*) ;;\n"
            "    */*) prog=$PWD/$prog ;;\n"
            "esac\n"
            "here=$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && pwd) || exit 3\n"
            "cd -- \"$here\"/%s || exit 3  # the folder batch --emit ran "
            "in\n"
            "exec \"${prog:-%s}\" run-job %s \"$@\"\n",
            back, prog, dir);
}

static void write_sbatch(FILE *f, const emit *e, double seconds, double mb)
{
    int minutes = (int)ceil((1.25 * seconds + 120 + mb) / 60);
    int mem = 256 + (int)ceil(4 * mb);
    mem = (mem + 63) / 64 * 64;
    const char *base = strrchr(e->dir, '/');
    base = base ? base + 1 : e->dir;
    char name[64];
    size_t k = 0;
    for (const char *p = base; *p && k < sizeof name - 1; p++)
        name[k++] = strchr(" \t'\"\\$`", *p) ? '_' : *p;
    name[k] = '\0';
    int n = e->jobs.n, max = e->a->max_running;
    fprintf(f,
            "#!/bin/sh\n"
            "#SBATCH --job-name=schoolnet-%s\n"
            "#SBATCH --array=1-%d%%%d\n"
            "#SBATCH --ntasks=1\n"
            "#SBATCH --cpus-per-task=1\n"
            "#SBATCH --time=%d\n"
            "#SBATCH --mem=%dM\n"
            "#SBATCH --output=jobs/%%a.slurm\n"
            "# The %d jobs of jobs.tsv (schoolnet batch --emit) as a Slurm "
            "array, one core\n"
            "# a job, at most %d at once.  Submit it from this folder:\n"
            "#     sbatch slurm.sbatch\n"
            "# Options given to sbatch override the lines above, e.g.\n"
            "#     sbatch --partition=short --time=30 --array=5,9 "
            "slurm.sbatch\n"
            "# time: 1.25 x the longest job's time limit (%.0f s) + 2 min + "
            "1 s per MB of\n"
            "# data (%.1f MB), in minutes; memory: 256 MB + 4 x the data, "
            "in 64 MB steps.\n"
            "if [ ! -f jobs.tsv ] || [ ! -x run-job ]; then\n"
            "    echo \"slurm.sbatch: submit it from the folder that holds "
            "jobs.tsv\" >&2\n"
            "    exit 2\n"
            "fi\n"
            "exec ./run-job \"$SLURM_ARRAY_TASK_ID\"\n",
            name, n, max < n ? max : n, minutes < 1 ? 1 : minutes, mem, n,
            max < n ? max : n, seconds, mb);
}

static void write_readme(FILE *f, const emit *e, int argc, char **argv)
{
    char *cmd = NULL, dir[PATH_BUF];
    sn_jobs_join_args(&cmd, (const char *const *)argv, argc);
    word(dir, sizeof dir, e->dir);
    int n = e->jobs.n;
    fprintf(f,
            "%d schoolnet jobs (jobs.tsv), made in the shared folder %s "
            "from here by\n\n    schoolnet %s\n\n"
            "Each job is `./run-job K` (K = 1..%d): it runs on any machine "
            "that mounts\nthe shared folder, from any folder.  A finished "
            "job is skipped and a\nhalf-done one redone, so every line "
            "below may be run again.\n\n"
            "From this folder, with GNU parallel over ssh on the machines "
            "listed in the\nfile `nodes` (one a line, e.g. 4/node1 for 4 "
            "jobs at once there):\n\n"
            "    parallel --sshloginfile nodes --workdir . ./run-job ::: "
            "$(seq %d)\n\n"
            "with GNU parallel on this machine, 2 jobs at once:\n\n"
            "    parallel -j 2 ./run-job ::: $(seq %d)\n\n"
            "with Slurm, an array of %d tasks (slurm.sbatch says how long "
            "and how much\nmemory each may take):\n\n"
            "    sbatch slurm.sbatch\n\n"
            "Then, in the shared folder (%s from here):\n\n"
            "    schoolnet collect %s -o OUT\n\n"
            "OUT/<name>/ holds the plan of each scenario (with --split "
            "counties, the\ncounties' parts merged: the plan `plan --jobs N` "
            "gives) and OUT/comparison.csv,\n.md and .html one row each.  "
            "collect may run at any time: a job\nthat failed is a row "
            "that says why, a job that has not run is listed (run\nit again) "
            "and collect exits 4 until every job has run.\n\n"
            "Here: jobs/K/ the plan (or the county's part) of job K, "
            "jobs/K.log its\nmessages, jobs/K.status its state (run, where, "
            "how long, exit code);\nscenarios/ the sweep's scenario files.\n",
            n, e->back, cmd ? cmd : "batch", n, n, n, n, e->back, dir);
    free(cmd);
}

static int write_files(emit *e, int argc, char **argv)
{
    sn_error err = {0, ""};
    sn_outdir *od;
    double seconds, mb;
    limits(e, &seconds, &mb);
    int rc = sn_outdir_open(&od, sn_outtx_path(e->tx), &err);
    FILE *f[4] = {NULL};
    static const char *const names[4] = {"jobs.tsv", "run-job",
                                         "slurm.sbatch", "README"};
    for (int i = 0; rc == 0 && i < 4; i++)
        if (!(f[i] = sn_outdir_file(od, names[i], &err)))
            rc = err.code;
    if (rc == 0)
        rc = sn_jobs_write(f[0], &e->jobs, &err);
    if (rc == 0) {
        write_runjob(f[1], e);
        write_sbatch(f[2], e, seconds, mb);
        write_readme(f[3], e, argc, argv);
        if (fchmod(fileno(f[1]), 0755) != 0 ||
            fchmod(fileno(f[2]), 0755) != 0)
            rc = sn_error_set(&err, SN_EIO, "chmod: %s", strerror(errno));
    }
    if (rc) {
        sn_outdir_abort(od);
        fprintf(stderr, "schoolnet batch: %s\n", err.msg);
        return sn_cli_exit_for(rc);
    }
    if ((rc = sn_outdir_commit(od, &err)) != 0)
        fprintf(stderr, "schoolnet batch: %s\n", err.msg);
    return rc ? sn_cli_exit_for(rc) : 0;
}

/* ------------------------------------------------------------- driver */

/* DIR must be new or empty: a job list's results live in it. */
static int check_new(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* new (outtx says what else is wrong with it) */
    struct dirent *de;
    int empty = 1;
    while (empty && (de = readdir(d)) != NULL)
        empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
    closedir(d);
    if (empty)
        return 0;
    fprintf(stderr, "schoolnet batch: --emit %s: the folder exists and is "
                    "not empty (its jobs' results would be lost): emit into "
                    "a new folder\n", dir);
    return SN_EXIT_INPUT;
}

static int locate(emit *e)
{
    char here[PATH_BUF], dir[PATH_BUF];
    if (!getcwd(here, sizeof here) ||
        canonical(e->root, sizeof e->root, here) != 0 ||
        canonical(dir, sizeof dir, e->a->emit) != 0) {
        fprintf(stderr, "schoolnet batch: --emit %s: %s\n", e->a->emit,
                strerror(errno));
        return SN_EXIT_INTERNAL;
    }
    relpath(e->dir, sizeof e->dir, e->root, dir);
    relpath(e->back, sizeof e->back, dir, e->root);
    if (!strcmp(e->dir, ".")) {
        fprintf(stderr, "schoolnet batch: --emit %s: the job folder must "
                        "not be the current folder\n", e->a->emit);
        return SN_EXIT_INPUT;
    }
    char sub[PATH_BUF];
    snprintf(sub, sizeof sub, "%s/jobs", sn_outtx_path(e->tx));
    int bad = mkdir(sub, 0777) != 0;
    snprintf(sub, sizeof sub, "%s/scenarios", sn_outtx_path(e->tx));
    bad |= e->a->vary && mkdir(sub, 0777) != 0;
    if (bad) {
        fprintf(stderr, "schoolnet batch: %s: %s\n", sub, strerror(errno));
        return SN_EXIT_INTERNAL;
    }
    return 0;
}

int sn_cli_batch_emit(const sn_batch_args *a, int argc, char **argv)
{
    emit e;
    memset(&e, 0, sizeof e);
    e.a = a;
    int rc = check_new(a->emit);
    if (rc == 0)
        rc = sn_cli_outtx_begin(&e.tx, a->emit, "batch");
    if (rc == 0)
        rc = locate(&e);
    if (rc == 0)
        rc = prepare_runs(&e);
    if (rc == 0 && (rc = make_jobs(&e)) != 0)
        fprintf(stderr, "schoolnet batch: out of memory\n");
    if (rc == 0)
        rc = write_files(&e, argc, argv);
    if (rc == 0) {
        rc = sn_cli_outtx_commit(e.tx, "batch");
        e.tx = NULL;
    }
    if (rc == 0 && !a->quiet)
        printf("%s: %d jobs for %d run%s%s: jobs.tsv, run-job, slurm.sbatch, "
               "README (how to run them)\n", a->emit, e.jobs.n, e.nruns,
               e.nruns == 1 ? "" : "s", a->split ? ", a job per county" : "");
    sn_outtx_abort(e.tx);
    sn_jobs_dispose(&e.jobs);
    free_runs(&e);
    return rc;
}
