/* plan_jobs.c - counties solved in child processes (plan_jobs.h). */
#include "cli/plan_jobs.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/signals.h"
#include "io/plan_part.h"

#define EXIT_BASE 10 /* child exit code EXIT_BASE + (-rc) on failure */

typedef struct runner {
    sn_network *net;
    const int *demand;
    int year;
    const sn_allocate_opts *opts;
    const double *budget;
    double limit;
    int *zones;   /* [c] zones, at least 1 */
    int ztotal;
} runner;

/* Options for county c: its fixed time share, no progress line. */
static sn_allocate_opts county_opts(const runner *r, int c)
{
    sn_allocate_opts o = *r->opts;
    o.county = c;
    o.time_limit = r->limit * r->zones[c] / r->ztotal;
    /* the same work share sn_allocate gives the county in one process */
    long long work = o.work_limit > 0 ? o.work_limit
                                      : (long long)r->net->sc.work_limit;
    o.work_limit = sn_allocate_work_share(work, r->zones[c], r->ztotal);
    return o;
}

static int solve_one(sn_plan **part, const runner *r, int c, sn_error *err)
{
    sn_allocate_opts o = county_opts(r, c);
    double saved = r->net->sc.capital_budget;
    if (r->budget)
        r->net->sc.capital_budget = r->budget[c];
    int rc = sn_allocate(part, r->net, r->demand, r->year, &o, err);
    r->net->sc.capital_budget = saved;
    return rc;
}

/* In the child: solve, write the part (or the message) to f, exit. */
static void child(const runner *r, int c, FILE *f)
{
    sn_error err = {0, ""};
    sn_plan *part = NULL;
    sn_allocate_opts quiet = *r->opts; /* no progress line from children */
    quiet.progress = NULL;
    runner rq = *r;
    rq.opts = &quiet;
    int rc = solve_one(&part, &rq, c, &err);
    if (rc == 0)
        rc = sn_plan_part_write(f, part, r->net, c, &err);
    if (rc) {
        rewind(f);
        fprintf(f, "%s", err.msg);
        fflush(f);
    }
    sn_plan_free(part);
    fclose(f);
    _exit(rc ? EXIT_BASE - rc : 0);
}

/* Reads county c's result after its child exited with `status`. */
static int collect(sn_plan **part, const runner *r, FILE *f, int status,
                   int c, sn_error *err)
{
    rewind(f);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return sn_plan_part_read(part, f, r->net, err);
    if (WIFEXITED(status) && WEXITSTATUS(status) > EXIT_BASE) {
        char msg[SN_ERROR_MAX] = "";
        size_t n = fread(msg, 1, sizeof msg - 1, f);
        msg[n] = '\0';
        return sn_error_set(err, EXIT_BASE - WEXITSTATUS(status), "%s", msg);
    }
    return sn_error_set(err, SN_EIO, "county %s: the solving process %s %d",
                        r->net->counties[c],
                        WIFSIGNALED(status) ? "died of signal" : "exited with",
                        WIFSIGNALED(status) ? WTERMSIG(status)
                                            : WEXITSTATUS(status));
}

/* The parent's progress line: counties finished so far. */
static void report_done(const runner *r, int done, double t0)
{
    if (!r->opts->progress)
        return;
    sn_progress p = {"counties", 0, 0, 0, 0, sn_clock() - t0, NULL, done,
                     r->net->ncounties, r->limit};
    r->opts->progress(r->opts->progress_ctx, &p);
}

static int run_forked(sn_plan **parts, const runner *r, int jobs,
                      sn_error *err)
{
    int nc = r->net->ncounties, next = 0, running = 0, rc = 0, done = 0;
    double t0 = sn_clock();
    report_done(r, 0, t0);
    pid_t *pid = calloc((size_t)nc + 1, sizeof *pid);
    FILE **tmp = calloc((size_t)nc + 1, sizeof *tmp);
    if (!pid || !tmp) {
        free(pid);
        free(tmp);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    while (running > 0 || (next < nc && rc == 0)) {
        while (rc == 0 && running < jobs && next < nc) {
            int c = next++;
            if (!(tmp[c] = tmpfile())) {
                rc = sn_error_set(err, SN_EIO, "temporary file: %s",
                                  strerror(errno));
                break;
            }
            fflush(stdout);
            fflush(stderr);
            pid[c] = sn_cli_fork_worker();
            if (pid[c] == 0)
                child(r, c, tmp[c]);
            if (pid[c] < 0) {
                rc = sn_error_set(err, SN_EIO, "fork: %s", strerror(errno));
                fclose(tmp[c]);
                tmp[c] = NULL;
                break;
            }
            running++;
        }
        if (running == 0)
            break;
        int status;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0) {
            if (errno == EINTR) /* a signal: the handler passed it on */
                continue;
            rc = rc ? rc : sn_error_set(err, SN_EIO, "waitpid: %s",
                                        strerror(errno));
            break;
        }
        sn_cli_worker_remove(w);
        for (int c = 0; c < nc; c++) {
            if (pid[c] != w || !tmp[c])
                continue;
            sn_error e = {0, ""};
            int crc = collect(&parts[c], r, tmp[c], status, c, &e);
            if (crc && rc == 0) {
                rc = crc;
                *err = e;
            }
            fclose(tmp[c]);
            tmp[c] = NULL;
            running--;
            report_done(r, ++done, t0);
        }
    }
    free(pid);
    free(tmp);
    return rc;
}

/* Fills r for `jobs`/`budget` as sn_cli_plan_counties runs them: each
 * county's zones (at least 1) decide its fixed share of the time limit.
 * Returns 0 or SN_ENOMEM; free r->zones. */
static int runner_init(runner *r, sn_network *net, const int *demand,
                       int year, const sn_allocate_opts *opts,
                       const double *budget)
{
    runner init = {net, demand, year, opts, budget,
                   opts->time_limit >= 0 ? opts->time_limit
                                         : net->sc.time_limit,
                   calloc((size_t)net->ncounties + 1, sizeof(int)), 0};
    *r = init;
    if (!r->zones)
        return SN_ENOMEM;
    for (int z = 0; z < net->nzones; z++)
        r->zones[net->zones[z].county]++;
    for (int c = 0; c < net->ncounties; c++) {
        if (r->zones[c] < 1)
            r->zones[c] = 1;
        r->ztotal += r->zones[c];
    }
    return 0;
}

int sn_cli_plan_merge(sn_plan **out, const sn_network *net, int year,
                      sn_plan *const *parts, sn_error *err)
{
    sn_plan *p = NULL;
    int rc = 0;
    *out = NULL;
    if (sn_plan_new(&p, net->nschools, year))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    for (int c = 0; c < net->ncounties && rc == 0; c++)
        if (sn_plan_part_merge(p, parts[c], net, c, c == 0))
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc == 0)
        rc = sn_plan_part_finish(p, net, err);
    if (rc) {
        sn_plan_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int sn_cli_plan_county(sn_plan **out, sn_network *net, const int *demand,
                       int year, const sn_allocate_opts *opts, int county,
                       sn_error *err)
{
    runner r;
    *out = NULL;
    if (county < 0 || county >= net->ncounties)
        return sn_error_set(err, SN_EUSAGE, "no county %d", county);
    if (runner_init(&r, net, demand, year, opts, NULL))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = solve_one(out, &r, county, err);
    free(r.zones);
    return rc;
}

int sn_cli_plan_counties(sn_plan **out, sn_network *net, const int *demand,
                         int year, const sn_allocate_opts *opts, int jobs,
                         const double *budget, sn_error *err)
{
    *out = NULL;
    if (jobs <= 0 && !budget)
        return sn_allocate(out, net, demand, year, opts, err);
    int nc = net->ncounties, rc = 0;
    runner r;
    sn_plan **parts = calloc((size_t)nc + 1, sizeof *parts);
    double t0 = sn_clock();
    if (runner_init(&r, net, demand, year, opts, budget) || !parts) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    if (jobs > 1) {
        rc = run_forked(parts, &r, jobs, err);
    } else {
        for (int c = 0; c < nc && rc == 0; c++)
            rc = solve_one(&parts[c], &r, c, err);
    }
    if (rc == 0)
        rc = sn_cli_plan_merge(out, net, year, parts, err);
    if (rc == 0)
        (*out)->seconds = sn_clock() - t0;
done:
    for (int c = 0; parts && c < nc; c++)
        sn_plan_free(parts[c]);
    free(parts);
    free(r.zones);
    return rc;
}
