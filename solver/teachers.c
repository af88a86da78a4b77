/* teachers.c - the teacher driver: staffing, redeployment, rotation, then
 * the assignment county by county: the home stage (teachers_home.h), then
 * the walking stage part by part, one objective level at a time (as
 * solver/allocate.c does for pupils), and the week of each walker. */
#include "solver/teachers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/redeploy.h"
#include "model/rotation.h"
#include "solver/teachers_cg.h"
#include "solver/teachers_home.h"
#include "solver/teachers_model.h"

#define NL SN_TEACHER_LEVELS

static const char *const level_phase[NL] = {
    "teachers 1/3 uncovered", "teachers 2/3 travel", "teachers 3/3 links"};

typedef struct tcounty {
    double value[NL], bound[NL];
    int status[NL];     /* sn_mip_status */
    sn_end ended_by[NL];
} tcounty;

typedef struct trun {
    const sn_teachers_opts *o;
    double t0, gap;
    sn_staffing *st;    /* for the model size */
} trun;

/* The search of one part (teachers_cg.h) within `seconds` (without a
 * work limit) and the budget b, its model size recorded. */
static int search_part(tm_model *m, double *x, tcounty *cr, const trun *r,
                       double seconds, sn_budget *b, sn_error *err)
{
    if (m->ncols > r->st->model_cols) {
        r->st->model_units = m->nunit;
        r->st->model_walkers = m->nunit;
        r->st->model_links = m->nlink;
        r->st->model_cols = m->ncols;
        r->st->model_rows = m->ncell + m->nunit;
    }
    tm_cg_opts co = {seconds, r->gap, level_phase, r->o->progress,
                     r->o->progress_ctx, sn_clock() - r->t0, r->o->stop, b};
    return tm_cg_solve(m, x, cr->value, cr->bound, cr->status, cr->ended_by,
                       &co, err);
}

/* Solves one part (schools linked by walking teachers) within `seconds`
 * (without a work limit) and the budget b, and adds its levels to cr. */
static int solve_part(sn_staffing *st, tcounty *cr, const sn_network *net,
                      const int *homep, int county, const int *comp, int part,
                      const trun *r, double seconds, sn_budget *b,
                      sn_error *err)
{
    tm_model m;
    tcounty pr;
    memset(&pr, 0, sizeof pr);
    int rc = tm_init(&m, net, st, homep, county, comp, part);
    double *x = rc ? NULL : calloc((size_t)m.ncols + 1, sizeof *x);
    if (rc || !x) {
        tm_dispose(&m);
        free(x);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    tm_greedy(&m, x);
    sn_budget_ops(b, m.narc + m.ncell); /* the greedy's passes, roughly */
    if (r->o->heuristic_only || m.nunit == 0 ||
        (r->o->stop && *r->o->stop)) { /* stopped: the greedy plan */
        for (int k = 0; k < NL; k++) {
            pr.value[k] = tm_level_value(&m, k, x);
            pr.bound[k] = m.nunit == 0 ? pr.value[k] : -INFINITY;
            pr.status[k] = m.nunit == 0 ? SN_MIP_OPTIMAL : SN_MIP_FEASIBLE;
            pr.ended_by[k] = m.nunit == 0 || r->o->heuristic_only
                                 ? SN_END_NONE : SN_END_STOP;
        }
    } else {
        rc = search_part(&m, x, &pr, r, seconds, b, err);
        if (rc == 0) {
            double before = tm_level_value(&m, 0, x);
            tm_fill(&m, x); /* never worse on level 1; see teachers.h */
            sn_budget_ops(b, m.narc + m.ncell);
            if (tm_level_value(&m, 0, x) < before - 0.5) /* integral */
                for (int k = 0; k < NL; k++) {
                    pr.value[k] = tm_level_value(&m, k, x);
                    pr.status[k] = SN_MIP_FEASIBLE;
                }
        }
    }
    if (rc == 0 && tm_extract(st, &m, x))
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc == 0 && (rc = tm_week(st, &m, x)) != 0)
        rc = sn_error_set(err, rc, rc == SN_ENOMEM ? "out of memory"
                          : "a walking teacher's week does not fit its "
                            "days (internal error)");
    for (int k = 0; k < NL && rc == 0; k++) {
        cr->value[k] += pr.value[k];
        cr->bound[k] += pr.bound[k];
        if (pr.status[k] > cr->status[k])
            cr->status[k] = pr.status[k];
        if (pr.ended_by[k] > cr->ended_by[k])
            cr->ended_by[k] = pr.ended_by[k];
    }
    tm_dispose(&m);
    free(x);
    return rc;
}

static int find(int *up, int a)
{
    while (up[a] != a)
        a = up[a] = up[up[a]];
    return a;
}

/* Parts of a county: schools joined by a possible walking arc (a teacher
 * with spare capacity who may walk from home h to s to teach a subject
 * left uncovered there; resid[s * NJ + j]).  comp[s] = part number (0..),
 * -1 outside the county; returns the count and the walkers of each part
 * in tsize[part]. */
static int parts(int *comp, int *tsize, const sn_network *net,
                 const sn_staffing *st, const int *homep, const int *resid,
                 int county)
{
    int ns = net->nschools;
    for (int s = 0; s < ns; s++)
        comp[s] = s;
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        int h = st->home[t];
        if (net->schools[h].county != county ||
            net->sc.max_schools_per_teacher < 2 || tm_spare(net, homep, t) <= 0)
            continue;
        for (int s = 0; s < ns; s++) {
            if (s == h || net->schools[s].county != county ||
                !st->school[s].open)
                continue;
            double km = sn_staffing_km(net, h, s);
            if (km < 0 || km > net->sc.max_itinerant_km + 1e-9)
                continue;
            int teaches = 0;
            for (int j = 0; j < net->nsubjects && !teaches; j++)
                teaches = sn_staffing_may_walk(net, T, j) &&
                          resid[(size_t)s * SN_MAX_SUBJECTS + j] > 0;
            if (teaches)
                comp[find(comp, s)] = find(comp, h);
        }
    }
    int n = 0;
    int *id = tsize; /* reuse: root -> part number, then sizes */
    for (int s = 0; s < ns; s++)
        id[s] = -1;
    for (int s = 0; s < ns; s++)
        comp[s] = find(comp, s); /* every school points at its root */
    for (int s = 0; s < ns; s++)
        if (net->schools[s].county == county && id[comp[s]] < 0)
            id[comp[s]] = n++;
    for (int s = 0; s < ns; s++)
        comp[s] = net->schools[s].county == county ? id[comp[s]] : -1;
    for (int p = 0; p < n; p++)
        tsize[p] = 0;
    for (int t = 0; t < net->nteachers; t++)
        if (comp[st->home[t]] >= 0 && tm_spare(net, homep, t) > 0)
            tsize[comp[st->home[t]]]++;
    return n;
}

/* The home stage of county c inside its own guard, charged to b; its
 * rows into st and the periods it leaves uncovered into resid. */
static int home_stage(sn_staffing *st, int *homep, int *resid,
                      const sn_network *net, int county, sn_budget *b,
                      sn_error *err)
{
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        return sn_error_set(err, SN_ESOLVER, "GLPK failed: %s", guard.last);
    }
    int rc = th_home(homep, net, st, county, b);
    sn_glpk_guard_release();
    if (rc)
        return sn_error_set(err, rc, "out of memory");
    memcpy(resid, st->demand,
           (size_t)net->nschools * SN_MAX_SUBJECTS * sizeof *resid);
    for (int t = 0; t < net->nteachers; t++) {
        int h = st->home[t];
        if (net->schools[h].county != county)
            continue;
        for (int j = 0; j < net->nsubjects; j++) {
            int p = homep[(size_t)t * SN_MAX_SUBJECTS + (size_t)j];
            if (p <= 0)
                continue;
            resid[(size_t)h * SN_MAX_SUBJECTS + (size_t)j] -= p;
            sn_teach_row row = {t, h, j, p, 0.0};
            if (sn_staffing_add_row(st, &row))
                return sn_error_set(err, SN_ENOMEM, "out of memory");
        }
    }
    return 0;
}

/* Plans one county within the budget cb: the home stage, then part by
 * part, each part a share by its walkers of the work left (with a work
 * limit: the clock is then cb's safety stop only) or else of the time
 * left. */
static int solve_county(sn_staffing *st, tcounty *cr, const sn_network *net,
                        int *homep, int county, const trun *r, sn_budget *cb,
                        sn_error *err)
{
    memset(cr, 0, sizeof *cr);
    double end = cb->deadline;
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    int *comp = malloc(ns * sizeof *comp), *tsize = malloc(ns * sizeof *tsize);
    int *resid = malloc(ns * SN_MAX_SUBJECTS * sizeof *resid);
    int rc = 0;
    if (!comp || !tsize || !resid)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc == 0)
        rc = home_stage(st, homep, resid, net, county, cb, err);
    int np = rc ? 0 : parts(comp, tsize, net, st, homep, resid, county);
    int left_t = 0;
    for (int p = 0; p < np; p++)
        left_t += tsize[p];
    for (int p = 0; p < np && rc == 0; p++) {
        double w = (tsize[p] + 1.0) / (left_t + 1.0);
        double seconds = fmax((end - sn_clock()) * w, 0.05);
        left_t -= tsize[p];
        sn_budget pb;
        if (cb->work_limit >= 0) /* work shared, the whole time as safety */
            sn_budget_child(&pb, cb, w, sn_budget_time_left(cb));
        else
            sn_budget_child(&pb, cb, 1.0, seconds);
        rc = solve_part(st, cr, net, homep, county, comp, p, r, seconds, &pb,
                        err);
        sn_budget_close(cb, &pb);
    }
    free(comp);
    free(tsize);
    free(resid);
    return rc;
}

static void merge(sn_staffing *st, int county, const tcounty *cr,
                  double gap_tol, int *worst)
{
    int s = SN_PLAN_OPTIMAL;
    for (int k = 0; k < NL; k++) {
        if (cr->ended_by[k] > st->ended_by[k])
            st->ended_by[k] = cr->ended_by[k];
        st->county[county].objective[k] = cr->value[k];
        st->county[county].bound[k] = cr->bound[k];
        double g = fabs(cr->value[k] - cr->bound[k]) /
                   fmax(fabs(cr->value[k]), 1.0);
        if (cr->status[k] != SN_MIP_OPTIMAL || !(g <= gap_tol + 1e-9))
            s = SN_PLAN_FEASIBLE;
        st->objective[k] += cr->value[k];
        st->bound[k] += cr->bound[k];
    }
    if (s > *worst)
        *worst = s;
}

long long sn_teachers_work_share(long long work)
{
    if (work <= 0)
        return work;
    double w = floor((double)work * SN_TEACHERS_WORK_SHARE);
    return w < 1 ? 1 : (long long)w;
}

/* The work share of a county with n teachers out of `total` (each county
 * counted as at least 1), fixed before any solve. */
static long long county_work(long long work, int n, int total)
{
    double w = floor((double)work * (double)(n > 0 ? n : 1) /
                     (double)(total > 0 ? total : 1));
    return w < 1 ? 1 : (long long)w;
}

int sn_teachers_solve(sn_staffing **out, const sn_network *net,
                      const sn_plan *plan, const sn_teachers_opts *opts,
                      sn_error *err)
{
    sn_teachers_opts dflt = SN_TEACHERS_OPTS_INIT;
    const sn_teachers_opts *o = opts ? opts : &dflt;
    trun r = {o, sn_clock(), o->mip_gap >= 0 ? o->mip_gap : net->sc.mip_gap,
              NULL};
    double limit = o->time_limit >= 0 ? o->time_limit : net->sc.time_limit;
    double deadline = r.t0 + limit;
    long long work = o->work_limit > 0 ? o->work_limit
                                       : (long long)net->sc.work_limit;
    sn_budget tb; /* the whole stage: its work, and time as safety stop */
    sn_budget_init(&tb, limit, work > 0 ? work : -1, o->stop);
    *out = NULL;
    sn_staffing *st;
    int rc = sn_staffing_new(&st, net, plan, o->start, err);
    if (rc)
        return rc;
    r.st = st;
    if ((rc = sn_redeploy_plan(st, net, err)) != 0 ||
        (rc = sn_rotation_plan(st, net, err)) != 0) {
        sn_staffing_free(st);
        return rc;
    }
    /* time is shared by county size (teachers) */
    int *per = calloc((size_t)net->ncounties + 1, sizeof *per);
    if (!per) {
        sn_staffing_free(st);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (int t = 0; t < net->nteachers; t++)
        if (o->county < 0 || net->schools[st->home[t]].county == o->county)
            per[net->schools[st->home[t]].county]++;
    int left_t = 0, wtotal = 0;
    for (int c = 0; c < net->ncounties; c++) {
        left_t += per[c];
        if (o->county < 0 || c == o->county)
            wtotal += per[c] > 0 ? per[c] : 1;
    }
    int worst = SN_PLAN_OPTIMAL;
    int *homep = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                        SN_MAX_SUBJECTS * sizeof *homep);
    if (!homep)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    for (int c = 0; c < net->ncounties && rc == 0; c++) {
        if (o->county >= 0 && c != o->county)
            continue;
        double left = deadline - sn_clock();
        double seconds = fmax(left * (per[c] > 0 ? per[c] : 1) /
                                  (left_t > 0 ? left_t : 1), 0.1);
        left_t -= per[c];
        /* with a work limit, counties get fixed shares of it by teachers
         * (a county's plan does not depend on the others') and the stage's
         * time left as the safety stop */
        sn_budget cb;
        if (work > 0)
            sn_budget_init(&cb, sn_budget_time_left(&tb),
                           county_work(work, per[c], wtotal), o->stop);
        if (work > 0)
            cb.deadline = tb.deadline;
        else
            sn_budget_init(&cb, seconds, -1, o->stop);
        tcounty cr;
        rc = solve_county(st, &cr, net, homep, c, &r, &cb, err);
        sn_budget_close(&tb, &cb);
        if (rc == 0)
            merge(st, c, &cr, r.gap, &worst);
    }
    free(per);
    free(homep);
    if (rc) {
        sn_staffing_free(st);
        return rc;
    }
    st->status = o->heuristic_only ? SN_PLAN_FEASIBLE : (sn_plan_status)worst;
    if (o->stop && *o->stop && st->status < SN_PLAN_INTERRUPTED)
        st->status = SN_PLAN_INTERRUPTED;
    st->gap = 0;
    for (int k = 0; k < NL; k++) {
        double g = fabs(st->objective[k] - st->bound[k]) /
                   fmax(fabs(st->objective[k]), 1.0);
        if (!isfinite(g))
            g = 1.0;
        if (g > st->gap)
            st->gap = g;
    }
    sn_staffing_sort(st);
    sn_staffing_tally(st, net);
    st->seconds = sn_clock() - r.t0;
    st->work = tb.work_used;
    st->work_limit = work > 0 ? work : 0;
    *out = st;
    return 0;
}
