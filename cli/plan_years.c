/* plan_years.c - `schoolnet plan --years A-B`: the multi-year driver on
 * the command line (solver/multiyear.h does the bookkeeping). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "cli/plan_jobs.h"
#include "cli/plan_report.h"
#include "cli/signals.h"
#include "io/stayers.h"
#include "io/write_plan.h"
#include "io/write_report.h"
#include "io/write_teachers.h"
#include "io/write_timeline.h"
#include "solver/multiyear.h"
#include "solver/teachers.h"

typedef struct years_run {
    sn_network *net;
    sn_multiyear *my;
    const char *out;
    const char *stage;       /* where files go: the output transaction's */
    const sn_allocate_opts *opts;
    sn_teachers_opts topts;  /* with teachers in the data */
    sn_teacher_state *tstate; /* teachers at the start of the next year */
    int jobs, quiet;
    int first;               /* first plan year */
    double *budget;          /* [county] or NULL */
    sn_timeline_row *rows;   /* [year index * ncounties + county] */
    int unclean;             /* unplaced pupils or no plan in some year */
} years_run;

static int fail(const char *what, const sn_error *err, int code)
{
    fprintf(stderr, "schoolnet plan: %s: %s\n", what, err->msg);
    return sn_cli_exit_for(code);
}

/* Writes OUT/<year>/ with the year's hard cap in the summary, and the
 * teacher plan of the year when the data have teachers: it starts from
 * where the previous year's redeployment and rotation left the teachers
 * (r->tstate), which then moves on to the next year. */
static int write_year(years_run *r, const sn_plan *p, const sn_assignment *st,
                      size_t nst, sn_error *err)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%d", r->stage, p->year);
    sn_staffing *staff = NULL;
    int cap = r->net->sc.hard_cap;
    r->net->sc.hard_cap = sn_scenario_hard_cap(&r->net->sc, p->year);
    int rc = 0;
    sn_cli_timing t = {0, p->seconds, 0, 0, 0};
    double t0 = sn_clock();
    if (r->net->nteachers > 0) {
        if (!r->tstate &&
            sn_teacher_state_new(&r->tstate, r->net, p->year) != 0)
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        r->topts.start = r->tstate;
        if (rc == 0)
            rc = sn_teachers_solve(&staff, r->net, p, &r->topts, err);
        sn_teacher_state *next = NULL;
        if (rc == 0 && sn_teacher_state_next(&next, staff) != 0)
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        if (rc == 0) {
            sn_teacher_state_free(r->tstate);
            r->tstate = next;
        }
    }
    t.teachers = sn_clock() - t0;
    if (rc == 0)
        rc = sn_stayers_write(st, nst, r->net, dir, err);
    sn_teachers_out tout = {staff, r->net};
    sn_plan_extra extra = sn_teachers_extra(&tout);
    sn_diag rdiag = SN_DIAG_INIT; /* the year's report.html, plan.xlsx */
    sn_report_out rout = {r->net, p, staff ? &extra : NULL, &rdiag};
    sn_plan_extra rextra = sn_report_extra(&rout);
    t0 = sn_clock();
    if (rc == 0)
        rc = sn_plan_write_extra(p, r->net, dir, &rextra, err);
    if (rc || (!r->quiet && p->year == r->first))
        sn_cli_print_diag(&rdiag); /* the no-GeoJSON warning once */
    sn_diag_dispose(&rdiag);
    t.write = sn_clock() - t0;
    t.total = t.allocation + t.teachers + t.write;
    if (rc == 0) /* this year's phases, the teachers included */
        rc = sn_cli_write_timing(dir, &t, err);
    r->net->sc.hard_cap = cap;
    sn_staffing_free(staff);
    return rc;
}

static int plan_year(years_run *r, int year, sn_timeline_row *rows)
{
    sn_network *net = r->net;
    int *demand = NULL, rc;
    const char *source = "history";
    sn_assignment *st = NULL;
    size_t nst = 0;
    sn_plan *w = NULL, *p = NULL;
    sn_error err = {0, ""};
    if ((rc = sn_cli_demand(&demand, net, year, &source)) != 0)
        return rc;
    if ((rc = sn_multiyear_stayers(&st, &nst, r->my, demand)) != 0) {
        err.code = rc;
        snprintf(err.msg, sizeof err.msg, "out of memory");
        rc = fail("stayers", &err, rc);
        goto done;
    }
    sn_multiyear_apply(r->my, net, year);
    for (int c = 0; r->budget && c < net->ncounties; c++)
        r->budget[c] = sn_multiyear_budget_left(r->my, c);
    sn_allocate_opts o; /* assigned apart: the goto above crosses them */
    int lrc;
    long unplaced, over56, over66, carried;
    int meet;
    char gap[32];
    o = *r->opts;
    o.stay = st;
    o.nstay = nst;
    lrc = sn_cli_plan_counties(&w, net, demand, year, &o,
                                   r->jobs > 0 ? r->jobs : 1, r->budget, &err);
    sn_multiyear_restore(r->my, net);
    if (lrc == 0)
        lrc = sn_multiyear_commit(&p, rows, r->my, w, &err);
    if (lrc == 0) {
        p->demand_source = source;
        lrc = write_year(r, p, st, nst, &err);
    }
    if (lrc) {
        rc = fail("plan", &err, lrc);
        goto done;
    }
    unplaced = over56 = over66 = carried = meet = 0;
    for (size_t i = 0; i < nst; i++)
        carried += st[i].students;
    for (int c = 0; c < net->ncounties; c++) {
        unplaced += rows[c].unplaced;
        over56 += rows[c].over_56;
        over66 += rows[c].over_66;
        meet += rows[c].meets_cap;
    }
    if (unplaced || p->status == SN_PLAN_INFEASIBLE ||
        p->status == SN_PLAN_UNSOLVED)
        r->unclean = 1;
    snprintf(gap, sizeof gap, "unknown"); /* no bound: as `plan` says */
    if (isfinite(p->gap))
        snprintf(gap, sizeof gap, "%.2f%%", 100 * p->gap);
    if (!r->quiet)
        printf("%d (%s demand): %s, gap %s, %.1f s; counties within "
               "their cap %d of %d; classes over 66: %ld, over 56: %ld; "
               "unplaced %ld; %ld pupils carried over -> %s/%d/\n", year,
               source, sn_plan_status_name(p->status), gap, w->seconds, meet,
               net->ncounties, over66, over56, unplaced, carried, r->out,
               year);
done:
    sn_plan_free(w);
    sn_plan_free(p);
    free(st);
    free(demand);
    return rc;
}

/* Counties above their own cap in the last year, and why. */
static void report_last(const years_run *r, const sn_timeline_row *rows)
{
    const sn_network *net = r->net;
    int met = 0;
    for (int c = 0; c < net->ncounties; c++)
        met += rows[c].meets_cap;
    if (met == net->ncounties) {
        printf("%d: every county within its own cap (timeline.csv: "
               "meets_cap)\n", rows[0].year);
        return;
    }
    for (int c = 0; c < net->ncounties; c++)
        if (!rows[c].meets_cap) {
            char cap[32];
            sn_scenario_cap_name(cap, sizeof cap, rows[c].hard_cap);
            printf("%d: county %s keeps %ld class%s above its cap (%s), "
                   "%ld classroom%s short (see OUT/%d/shortfall.csv; %ld "
                   "additions left at its open schools)\n", rows[c].year,
                   net->counties[c], rows[c].over_cap,
                   rows[c].over_cap == 1 ? "" : "es", cap,
                   rows[c].classrooms_short,
                   rows[c].classrooms_short == 1 ? "" : "s", rows[c].year,
                   rows[c].classrooms_left);
        }
}

int sn_cli_plan_years(sn_network *net, const char *out, int first, int last,
                      const sn_allocate_opts *opts, int jobs, int quiet)
{
    int ny = last - first + 1, nc = net->ncounties, rc = 0, done_years = 0;
    sn_allocate_opts o = *opts;
    years_run r = {net, NULL, out, NULL, &o, SN_TEACHERS_OPTS_INIT, NULL,
                   jobs, quiet, first, NULL, NULL, 0};
    sn_outtx *tx = NULL;
    sn_error err = {0, ""};
    if (net->nteachers > 0) { /* as `plan`: teachers get a quarter */
        double total = o.time_limit >= 0 ? o.time_limit : net->sc.time_limit;
        o.time_limit = 0.75 * total;
        r.topts.time_limit = 0.25 * total;
        long long work = o.work_limit > 0 ? o.work_limit
                                          : (long long)net->sc.work_limit;
        if (work > 0) { /* a year's work, split as its time */
            r.topts.work_limit = sn_teachers_work_share(work);
            o.work_limit = work - r.topts.work_limit;
            if (o.work_limit < 1) /* 0 would mean the scenario's */
                o.work_limit = 1;
        }
        r.topts.mip_gap = o.mip_gap;
        r.topts.heuristic_only = o.heuristic_only;
    }
    r.topts.stop = o.stop;
    r.rows = calloc((size_t)ny * (size_t)(nc ? nc : 1), sizeof *r.rows);
    if (net->sc.capital_budget > 0)
        r.budget = calloc((size_t)nc + 1, sizeof *r.budget);
    if (!r.rows || (net->sc.capital_budget > 0 && !r.budget) ||
        sn_multiyear_new(&r.my, net)) {
        fprintf(stderr, "schoolnet plan: out of memory\n");
        rc = SN_EXIT_INTERNAL;
        goto done;
    }
    /* every year's demand before any output: bad input writes nothing */
    for (int y = first; y <= last && rc == 0; y++) {
        int *d = NULL;
        rc = sn_cli_demand(&d, net, y, NULL);
        free(d);
    }
    if (rc || (rc = sn_cli_outtx_begin(&tx, out, "plan")) != 0)
        goto done;
    r.stage = sn_outtx_path(tx);
    /* a stop request ends the year being planned (its best plan is
     * written) and skips the later years */
    net->sc.plan_through = last; /* [classes] look_ahead sees the run's end */
    for (int y = first; y <= last && rc == 0; y++) {
        if (done_years && o.stop && *o.stop)
            break;
        rc = plan_year(&r, y, r.rows + (size_t)(y - first) * (size_t)nc);
        done_years += rc == 0;
    }
    net->sc.plan_through = 0;
    ny = done_years;
    if (rc == 0 && (rc = sn_timeline_write(r.rows, (size_t)ny * (size_t)nc,
                                           net, r.stage, &err)) != 0)
        rc = fail("timeline", &err, rc);
    if (rc == 0) { /* timeline.html from timeline.csv and the years */
        sn_diag d = SN_DIAG_INIT;
        int lrc = sn_report_timeline_write(net, r.stage, &d, &err);
        sn_cli_print_diag(&d);
        sn_diag_dispose(&d);
        if (lrc)
            rc = lrc == SN_EINPUT ? SN_EXIT_INTERNAL
                                  : fail("timeline.html", &err, lrc);
    }
    if (rc == 0) {
        rc = sn_cli_outtx_commit(tx, "plan");
        tx = NULL;
    }
    if (rc == 0 && !quiet) {
        report_last(&r, r.rows + (size_t)(ny - 1) * (size_t)nc);
        printf("timeline: %s/timeline.csv, %s/timeline.html\n", out, out);
    }
    if (rc == 0 && r.unclean)
        rc = SN_EXIT_RESULT;
    if (rc == 0 || rc == SN_EXIT_RESULT)
        rc = sn_cli_signal_exit(rc); /* 130 / 143 after a signal */
done:
    sn_teacher_state_free(r.tstate);
    sn_outtx_abort(tx);
    sn_multiyear_free(r.my);
    free(r.budget);
    free(r.rows);
    return rc;
}
