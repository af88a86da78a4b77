/* allocate.c - the level-by-level driver: each county is an independent
 * model; each objective level is solved on its own and then bounded at its
 * value, so no objective mixes penalties of very different sizes. */
#include "solver/allocate.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_model.h"
#include "solver/search.h"

/* Share of the remaining budget each level gets, by level id (cost, with
 * the schools' states still open, is the hard one); the weighted sum gets
 * it all. */
static const double level_weight[SN_LEVELS + 1] = {1, 1, 2, 4, 2, 2, 12};

/* Share of the county's budget the constructive start may use at most
 * (a small county needs a fraction of it; a huge one stops there). */
#define HEURISTIC_SHARE 0.15
/* Subgradient steps of a level's first bound (docs/search.md). */
#define LAGR_ITER 600

/* "level 3/6 cost": position i of the solve order. */
static void phase_name(char *buf, size_t n, const am_model *m, int i)
{
    int k = m->order[i];
    snprintf(buf, n, "level %d/%d %s", i + 1, m->norder,
             k == AM_WEIGHTED ? "weighted" : sn_level_name(k));
}

/* Results of one county.  value, bound and status are by level id; the
 * weighted sum (weighted mode) has its own. */
typedef struct county_result {
    double value[SN_LEVELS], bound[SN_LEVELS];
    sn_mip_status status[SN_LEVELS + 1];
    sn_end ended_by[SN_LEVELS + 1];
    double wvalue, wbound;
    int order[SN_LEVELS], norder; /* the model's solve order */
    int solved;       /* levels of the order solved */
    int infeasible;
    int interrupted;  /* opts->stop cut the search short */
} county_result;

typedef struct run {
    const sn_allocate_opts *o;
    double t0, gap;
} run;

/* Relays progress reports to the caller's function with the county, its
 * place and the plan's time limit filled in. */
typedef struct relay {
    sn_progress_fn fn;
    void *ctx;
    const char *county;
    int county_no, counties;
    double limit;
} relay;

static void relay_progress(void *info, const sn_progress *p)
{
    const relay *rl = info;
    sn_progress q = *p;
    q.county = rl->county;
    q.county_no = rl->county_no;
    q.counties = rl->counties;
    q.limit = rl->limit;
    rl->fn(rl->ctx, &q);
}

/* Whether a signal asked the solve to stop (sn_allocate_opts.stop). */
static int stop_requested(const sn_allocate_opts *o)
{
    return o->stop && *o->stop;
}

static double level_slack(int k, double v)
{
    /* a cost bound tighter than ~1e-7 relative leaves GLPK's phase 1 at a
     * residual infeasibility of that size (seen on the UFL tests) */
    return am_integral_level(k) ? floor(v + 0.5) + 1e-6
                                : v + 1e-6 * fabs(v) + 1e-3;
}

/* Stores what level k (an id, or AM_WEIGHTED) reached. */
static void set_result(county_result *cr, int k, double value, double bound,
                       sn_mip_status st);

/* The levels at positions i..upto-1 of the order keep the start x: the
 * search was stopped. */
static void keep_start(am_model *m, int i, int upto, const double *x,
                       county_result *cr)
{
    for (int j = i; j < upto; j++) {
        set_result(cr, m->order[j], am_level_value(m, m->order[j], x),
                   -INFINITY, SN_MIP_FEASIBLE);
        cr->ended_by[m->order[j]] = SN_END_STOP;
    }
    cr->solved = upto;
    cr->interrupted = 1;
}

/* Stores what level k (an id, or AM_WEIGHTED) reached. */
static void set_result(county_result *cr, int k, double value, double bound,
                       sn_mip_status st)
{
    if (k == AM_WEIGHTED) {
        cr->wvalue = value;
        cr->wbound = bound;
    } else {
        cr->value[k] = value;
        cr->bound[k] = bound;
    }
    cr->status[k] = st;
}

static void fix_col(am_model *m, am_stage *st, int c, double v)
{
    glp_set_col_bnds(m->P, c, GLP_FX, v, v);
    st->lo[c] = st->up[c] = v;
}

/* After the cost level the open/close decisions and the classrooms built
 * are kept: diversions and student-km then only rearrange pupils and
 * classes among the schools and classrooms the cost level chose
 * (docs/model.md, "Objectives").  This turns the last two levels from
 * hard MIPs into near-network problems; with the classrooms free too, the
 * cost level's own gap left the diversion level's LP room to buy
 * classrooms fractionally, and its bound 14% below the one with them kept
 * (7,356 against 8,593 diversions on the 150-school benchmark county). */
static void fix_school_states(am_model *m, const double *x, am_stage *st)
{
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        if (s->ycol) {
            double v = x[s->ycol] > 0.5 ? 1.0 : 0.0;
            fix_col(m, st, s->ycol, v);
            st->ystate[k] = (signed char)v;
        }
        if (s->acol)
            fix_col(m, st, s->acol, floor(x[s->acol] + 0.5));
    }
}

/* Level k by GLPK alone (no start point, or a start GLPK's rows reject).
 * Returns 0, 1 when there is no plan at all, or an error code. */
static int solve_by_glpk(am_model *m, int k, const char *phase, double *x,
                         int have_start, county_result *cr, const run *r,
                         sn_budget *lb, sn_error *err)
{
    long long work = sn_budget_work_left(lb);
    sn_mip_opts mo = {fmax(sn_budget_time_left(lb), 0.05), r->gap,
                      have_start ? x : NULL, phase,
                      r->o->progress, r->o->progress_ctx,
                      sn_clock() - r->t0, r->o->stop,
                      work == LLONG_MAX ? 0 : work + 1};
    sn_mip_result res;
    int rc = sn_mip_solve(&res, m->P, &mo, err);
    if (rc)
        return rc;
    sn_budget_spend(lb, res.work);
    cr->interrupted |= res.stopped;
    cr->ended_by[k] = res.ended_by;
    if (!have_start && (res.status == SN_MIP_INFEASIBLE ||
                        res.status == SN_MIP_NOSOL)) {
        cr->status[k] = res.status;
        cr->infeasible = res.status == SN_MIP_INFEASIBLE;
        return 1;
    }
    if (res.status == SN_MIP_NOSOL || res.status == SN_MIP_INFEASIBLE) {
        /* keep the start: it satisfies every row, so "infeasible" here
         * can only be GLPK's tolerances on the bounds of earlier
         * levels, never a reason to drop a valid plan */
        double value = am_level_value(m, k, x);
        set_result(cr, k, value,
                   res.status == SN_MIP_NOSOL ? fmin(res.bound, value)
                                              : -INFINITY,
                   SN_MIP_FEASIBLE);
        return 0;
    }
    for (int j = 1; j <= m->ncols; j++)
        x[j] = glp_mip_col_val(m->P, j);
    /* integral levels: drop GLPK's 1e-15 noise */
    set_result(cr, k, am_integral_level(k) ? floor(res.obj + 0.5) : res.obj,
               am_integral_level(k) ? ceil(res.bound - 1e-6) : res.bound,
               res.status);
    return 0;
}

/* Level k by the search (solver/search.h) from the feasible point x;
 * falls back to GLPK when GLPK's own rows reject the point. */
static int solve_by_search(am_model *m, am_stage *st, int k,
                           const char *phase, double *x, county_result *cr,
                           const run *r, sn_budget *lb, sn_error *err)
{
    st->level = k;
    am_search_opts so = {r->gap, am_integral_level(k), LAGR_ITER, phase,
                         r->o->progress, r->o->progress_ctx, r->t0};
    am_level_result lr;
    if (am_search_level(&lr, m, st, x, &so, lb) != 0)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    if (lr.status == SN_MIP_NOSOL)
        return solve_by_glpk(m, k, phase, x, 1, cr, r, lb, err);
    double v = am_level_value(m, k, x);
    v = am_integral_level(k) ? floor(v + 0.5) : v;
    double b = am_integral_level(k) ? ceil(lr.bound - 1e-6) : lr.bound;
    set_result(cr, k, v, b > v ? v : b, lr.status);
    cr->ended_by[k] = lr.ended_by;
    cr->interrupted |= lr.ended_by == SN_END_STOP;
    return 0;
}

/* Solves the levels m->order[0..upto-1] of m (built), leaving the
 * solution in x, each level within its share of the county budget cb. */
static int solve_levels(am_model *m, int upto, double *x, int have_start,
                        county_result *cr, const run *r, sn_budget *cb,
                        sn_error *err)
{
    am_stage st;
    memset(&st, 0, sizeof st);
    for (int j = 0; j < SN_LEVELS; j++)
        st.rhs[j] = INFINITY;
    st.ystate = malloc((size_t)m->nsch + 1);
    st.lo = malloc(((size_t)m->ncols + 1) * sizeof *st.lo);
    st.up = malloc(((size_t)m->ncols + 1) * sizeof *st.up);
    if (!st.ystate || !st.lo || !st.up) {
        free(st.ystate);
        free(st.lo);
        free(st.up);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    memcpy(st.lo, m->lb, ((size_t)m->ncols + 1) * sizeof *st.lo);
    memcpy(st.up, m->ub, ((size_t)m->ncols + 1) * sizeof *st.up);
    for (int k = 0; k < m->nsch; k++)
        st.ystate[k] = m->sch[k].ycol ? -1 : 1;
    int rc = 0;
    for (int i = 0; i < upto && rc == 0; i++) {
        int k = m->order[i];
        const am_level *l = &m->level[k];
        if (have_start && stop_requested(r->o)) {
            keep_start(m, i, upto, x, cr);
            break;
        }
        char phase[64];
        phase_name(phase, sizeof phase, m, i);
        cr->solved = i + 1;
        if (l->n == 0 || (have_start && am_integral_level(k) &&
                          am_level_value(m, k, x) <= l->constant + 0.5)) {
            /* nothing to decide, or the start already attains the bound */
            double v = have_start ? am_level_value(m, k, x) : l->constant;
            if (am_integral_level(k))
                v = floor(v + 0.5);
            set_result(cr, k, v, v, SN_MIP_OPTIMAL);
            cr->ended_by[k] = SN_END_NONE;
        } else {
            double wsum = 0;
            for (int j = i; j < m->norder; j++)
                wsum += level_weight[m->order[j]];
            double share = level_weight[k] / wsum;
            /* with a work budget the time limit is the county's safety
             * stop only: levels share work, not seconds, so that a plan
             * ended by work never depends on the machine's speed */
            double tshare = cb->work_limit >= 0 ? 1.0 : share;
            sn_budget lb;
            sn_budget_child(&lb, cb, share, sn_budget_time_left(cb) * tshare);
            am_set_objective(m, k);
            if (have_start)
                rc = solve_by_search(m, &st, k, phase, x, cr, r, &lb, err);
            else
                rc = solve_by_glpk(m, k, phase, x, 0, cr, r, &lb, err);
            sn_budget_close(cb, &lb);
            if (rc == 1) { /* no plan at all */
                rc = 0;
                break;
            }
            if (rc)
                break;
            have_start = 1;
        }
        if (!have_start || k == AM_WEIGHTED)
            continue;
        st.rhs[k] = level_slack(k, cr->value[k]);
        if (am_bound_level(m, k, st.rhs[k])) {
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
            break;
        }
        if (k == SN_LEVEL_COST)
            fix_school_states(m, x, &st);
    }
    free(st.ystate);
    free(st.lo);
    free(st.up);
    return rc;
}

/* The final plan: classes polished (alloc_polish.c) and every level
 * evaluated on it, so summary.json states the plan's own values (a later
 * level may have moved classrooms after an earlier one was bounded). */
static int finish_point(am_model *m, double *x, county_result *cr)
{
    if (am_polish(m, x))
        return SN_ENOMEM;

    for (int k = 0; k < SN_LEVELS; k++) {
        double v = am_level_value(m, k, x);
        cr->value[k] = am_integral_level(k) ? floor(v + 0.5) : v;
    }
    if (m->norder == 1 && m->order[0] == AM_WEIGHTED)
        cr->wvalue = am_level_value(m, AM_WEIGHTED, x);
    return 0;
}

static int iround(double v) { return (int)floor(v + 0.5); }

static void record_costs(sn_plan *p, const sn_network *net)
{
    const sn_scenario *sc = &net->sc;
    double annuity = sn_scenario_annuity(sc);
    sn_plan_cost c = {0};
    for (int i = 0; i < net->nschools; i++) {
        const sn_school *s = &net->schools[i];
        const sn_school_plan *sp = &p->schools[i];
        if (s->is_private)
            continue;
        if (sp->state == SN_SCHOOL_KEPT || sp->state == SN_SCHOOL_NEW)
            c.schools += s->annual_cost;
        if (sp->state == SN_SCHOOL_NEW)
            c.capital += annuity * s->build_cost;
        c.capital += annuity * s->classroom_cost * sp->classrooms_added;
    }
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        c.transport += sc->transport_cost_per_student_km * a->km * a->students;
        if (net->schools[a->school].is_private)
            c.private_seats += net->schools[a->school].seat_price * a->students;
    }
    for (size_t i = 0; i < p->nasg; i++)
        if (p->asg[i].boarding)
            c.boarding += p->asg[i].students *
                          (p->asg[i].grade <= 6 ? sc->boarding_cost_primary
                                                : sc->boarding_cost_junior);
    c.total = c.schools + c.capital + c.transport + c.private_seats +
              c.boarding;
    p->cost = c;
}

static int add_asg(sn_plan *p, const sn_network *net, int zone, int grade,
                   int school, int students, double km, int boarding,
                   int diverted)
{
    sn_assignment a = {zone, grade, school, students, km, boarding, diverted};
    sn_school_plan *sp = &p->schools[school];
    sp->students[grade] += students;
    if (boarding)
        sp->boarders += students;
    if (diverted) {
        sp->diverted_in += students;
        const sn_zone *z = &net->zones[zone];
        int h = grade <= 6 ? z->primary_school : z->junior_school;
        p->schools[h].diverted_out += students;
    }
    return sn_plan_add_assignment(p, &a);
}

/* Copies the county's solution x into the plan. */
static int extract(sn_plan *p, const am_model *m, const double *x)
{
    const sn_network *net = m->net;
    for (int i = 0; i < net->nschools; i++) /* schools outside the model */
        if (net->schools[i].county == m->county)
            p->schools[i].state =
                net->schools[i].status == SN_CANDIDATE ? SN_SCHOOL_NOT_BUILT
                : net->schools[i].force == SN_FORCE_CLOSED ? SN_SCHOOL_CLOSED
                                                           : SN_SCHOOL_KEPT;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        sn_school_plan *sp = &p->schools[s->school];
        int open = !s->ycol || x[s->ycol] > 0.5;
        if (s->is_candidate)
            sp->state = open ? SN_SCHOOL_NEW : SN_SCHOOL_NOT_BUILT;
        else
            sp->state = open ? SN_SCHOOL_KEPT : SN_SCHOOL_CLOSED;
        sp->classrooms_added = s->acol ? iround(x[s->acol]) : 0;
        for (int g = 1; g <= SN_GRADES; g++)
            sp->classes[g] = s->ncol[g] ? iround(x[s->ncol[g]]) : 0;
    }
    for (int i = 0; i < net->nschools; i++)
        if (net->schools[i].county == m->county) {
            sn_school_plan *sp = &p->schools[i];
            sp->opened_year = sp->state == SN_SCHOOL_NEW ? p->year : 0;
            sp->closed_year = sp->state == SN_SCHOOL_CLOSED ? p->year : 0;
        }
    for (int i = 0; i < m->nfix; i++) {
        const am_fixed *f = &m->fix[i];
        if (add_asg(p, net, f->zone, f->grade, m->sch[f->sch].school,
                    f->students, f->km, f->boarding, f->diverted))
            return SN_ENOMEM;
    }
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        int v = iround(x[A->col]);
        if (v > 0 && add_asg(p, net, m->grp[A->grp].zone, m->grp[A->grp].grade,
                             m->sch[A->sch].school, v, A->km, A->boarding,
                             A->diverted))
            return SN_ENOMEM;
    }
    for (int i = 0; i < m->ngrp; i++) {
        int v = iround(x[m->grp[i].ucol]);
        sn_unplaced u = {m->grp[i].zone, m->grp[i].grade, v,
                         SN_UNPLACED_NO_CAPACITY};
        if (v > 0 && sn_plan_add_unplaced(p, &u))
            return SN_ENOMEM;
    }
    for (int i = 0; i < m->nunreach; i++)
        if (sn_plan_add_unplaced(p, &m->unreach[i]))
            return SN_ENOMEM;
    return 0;
}

/* Builds and solves m inside a GLPK guard; nothing of GLPK outlives it. */
static int solve_guarded(am_model *m, double *x, int have_start,
                         county_result *cr, const run *r, sn_budget *cb,
                         sn_error *err)
{
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        m->P = NULL;
        return sn_error_set(err, SN_ESOLVER, "GLPK failed: %s", guard.last);
    }
    am_build_glp(m);
    glp_scale_prob(m->P, GLP_SF_AUTO);
    int rc = solve_levels(m, m->norder, x, have_start, cr, r, cb, err);
    sn_glpk_guard_release();
    m->P = NULL;
    return rc;
}

/* The county's start: the constructive heuristic within its share of the
 * budget.  Returns am_heuristic's code. */
static int start_point(const am_model *m, double *x, const run *r,
                       sn_budget *cb)
{
    sn_budget hb;
    sn_budget_child(&hb, cb, HEURISTIC_SHARE,
                    sn_budget_time_left(cb) *
                        (cb->work_limit >= 0 ? 1.0 : HEURISTIC_SHARE));
    int heur = am_heuristic(m, x, &hb);
    sn_budget_close(cb, &hb);
    if (heur >= 0 && r->o->progress) {
        sn_progress pr = {"heuristic", heur == 0,
                          am_level_value(m, SN_LEVEL_COST, x), -INFINITY,
                          INFINITY, sn_clock() - r->t0, NULL, 0, 0, 0};
        r->o->progress(r->o->progress_ctx, &pr);
    }
    return heur;
}

/* Plans one county within its budget. */
static int solve_county(sn_plan *p, county_result *cr, const sn_network *net,
                        int county, const int *demand, const run *r,
                        sn_budget *cb, sn_error *err)
{
    am_model m;
    memset(cr, 0, sizeof *cr);
    int rc = am_model_init(&m, net, county, p->year, demand, r->o->stay,
                           r->o->nstay);
    double *x = rc ? NULL : calloc((size_t)m.ncols + 1, sizeof *x);
    if (rc || !x) {
        am_model_dispose(&m);
        free(x);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    int heur = start_point(&m, x, r, cb);
    if (heur < 0) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    if (r->o->heuristic_only || stop_requested(r->o)) {
        cr->interrupted = !r->o->heuristic_only; /* stopped before GLPK */
        for (int i = 0; i < m.norder; i++)
            set_result(cr, m.order[i], am_level_value(&m, m.order[i], x),
                       -INFINITY,
                       heur == 0 ? SN_MIP_FEASIBLE : SN_MIP_NOSOL);
        cr->solved = m.norder;
        cr->norder = m.norder;
        memcpy(cr->order, m.order, sizeof cr->order);
        if (heur == 0 && (rc = finish_point(&m, x, cr)) == 0)
            rc = extract(p, &m, x);
        if (rc == SN_ENOMEM)
            rc = sn_error_set(err, rc, "out of memory");
        goto done;
    }
    cr->norder = m.norder;
    memcpy(cr->order, m.order, sizeof cr->order);
    rc = solve_guarded(&m, x, heur == 0, cr, r, cb, err);
    if (rc == 0 && !cr->infeasible &&
        cr->status[m.order[m.norder - 1]] != SN_MIP_NOSOL) {
        rc = finish_point(&m, x, cr);
        if (rc == 0)
            rc = extract(p, &m, x);
        if (rc == SN_ENOMEM)
            rc = sn_error_set(err, rc, "out of memory");
    }
done:
    am_model_dispose(&m);
    free(x);
    return rc;
}

static void merge_result(sn_plan *p, const county_result *cr, double gap_tol,
                         int *worst)
{
    int st = SN_PLAN_OPTIMAL;
    if (cr->infeasible)
        st = SN_PLAN_INFEASIBLE;
    else if (cr->solved < cr->norder ||
             cr->status[cr->order[cr->solved - 1]] == SN_MIP_NOSOL)
        st = SN_PLAN_UNSOLVED;
    for (int i = 0; i < cr->solved && st == SN_PLAN_OPTIMAL; i++) {
        int k = cr->order[i];
        double v = k == AM_WEIGHTED ? cr->wvalue : cr->value[k];
        double b = k == AM_WEIGHTED ? cr->wbound : cr->bound[k];
        /* the final plan may exceed a level's optimum by the slack its
         * bound row allowed the later levels (level_slack) */
        double slack = 1e-6 * fabs(v) + 1e-3;
        if (cr->status[k] != SN_MIP_OPTIMAL ||
            v - b > (gap_tol + 1e-6) * fmax(fabs(v), 1.0) + slack)
            st = SN_PLAN_FEASIBLE;
    }
    if (cr->interrupted && st < SN_PLAN_INTERRUPTED)
        st = SN_PLAN_INTERRUPTED;
    if (st > *worst)
        *worst = st;
    int weighted = cr->norder == 1 && cr->order[0] == AM_WEIGHTED;
    for (int k = 0; k < SN_LEVELS; k++) {
        p->objective[k] += cr->value[k];
        p->bound[k] += weighted ? -INFINITY : cr->bound[k];
        sn_end e = weighted ? cr->ended_by[AM_WEIGHTED] : cr->ended_by[k];
        if (e > p->ended_by[k])
            p->ended_by[k] = e;
    }
    if (weighted) {
        p->weighted = 1;
        p->wvalue += cr->wvalue;
        p->wbound += cr->wbound;
    }
}

long long sn_allocate_work_share(long long work, int zones, int ztotal)
{
    if (work <= 0 || ztotal <= 0)
        return work;
    double w = floor((double)work * (double)zones / (double)ztotal);
    return w < 1 ? 1 : (long long)w;
}

int sn_allocate(sn_plan **out, const sn_network *net, const int *demand,
                int year, const sn_allocate_opts *opts, sn_error *err)
{
    sn_allocate_opts dflt = SN_ALLOCATE_OPTS_INIT;
    const sn_allocate_opts *o = opts ? opts : &dflt;
    double limit = o->time_limit >= 0 ? o->time_limit : net->sc.time_limit;
    relay rl = {o->progress, o->progress_ctx, NULL, 0, 0, limit};
    sn_allocate_opts ro = *o;
    if (o->progress) {
        ro.progress = relay_progress;
        ro.progress_ctx = &rl;
    }
    run r = {&ro, sn_clock(),
             o->mip_gap >= 0 ? o->mip_gap : net->sc.mip_gap};
    long long work = o->work_limit > 0 ? o->work_limit
                                       : (long long)net->sc.work_limit;
    *out = NULL;
    sn_plan *p;
    if (sn_plan_new(&p, net->nschools, year))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    /* time and work are shared by county size (zones), fixed before any
     * solve */
    int *zones = calloc((size_t)net->ncounties + 1, sizeof *zones);
    if (!zones) {
        sn_plan_free(p);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    int ztotal = 0;
    for (int z = 0; z < net->nzones; z++)
        zones[net->zones[z].county]++;
    for (int c = 0; c < net->ncounties; c++)
        if (o->county < 0 || o->county == c)
            ztotal += zones[c] > 0 ? zones[c] : 1;
    int worst = SN_PLAN_OPTIMAL;
    rl.counties = o->county >= 0 ? 1 : net->ncounties;
    for (int c = 0; c < net->ncounties; c++) {
        if (o->county >= 0 && c != o->county)
            continue;
        rl.county = net->counties[c];
        rl.county_no++;
        int zc = zones[c] > 0 ? zones[c] : 1;
        sn_budget cb;
        sn_budget_init(&cb, fmax(limit * zc / ztotal, 0.1),
                       work > 0 ? sn_allocate_work_share(work, zc, ztotal)
                                : -1,
                       o->stop);
        county_result cr;
        int rc = solve_county(p, &cr, net, c, demand, &r, &cb, err);
        if (rc) {
            free(zones);
            sn_plan_free(p);
            return rc;
        }
        merge_result(p, &cr, r.gap, &worst);
    }
    free(zones);
    p->status = (sn_plan_status)worst;
    sn_plan_update_gap(p);
    p->seconds = sn_clock() - r.t0;
    sn_plan_sort(p);
    record_costs(p, net);
    *out = p;
    return 0;
}

static void name_columns(am_model *m)
{
    char buf[96];
    const sn_network *net = m->net;
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        snprintf(buf, sizeof buf, "x_%s_%d_%s", net->zones[m->grp[A->grp].zone].id,
                 m->grp[A->grp].grade, net->schools[m->sch[A->sch].school].id);
        glp_set_col_name(m->P, A->col, buf);
    }
    for (int i = 0; i < m->ngrp; i++) {
        snprintf(buf, sizeof buf, "u_%s_%d", net->zones[m->grp[i].zone].id,
                 m->grp[i].grade);
        glp_set_col_name(m->P, m->grp[i].ucol, buf);
    }
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].scol) {
            snprintf(buf, sizeof buf, "short_%s",
                     net->schools[m->sch[k].school].id);
            glp_set_col_name(m->P, m->sch[k].scol, buf);
        }
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        const char *id = net->schools[s->school].id;
        if (s->ycol) {
            snprintf(buf, sizeof buf, "y_%s", id);
            glp_set_col_name(m->P, s->ycol, buf);
        }
        if (s->acol) {
            snprintf(buf, sizeof buf, "a_%s", id);
            glp_set_col_name(m->P, s->acol, buf);
        }
        if (s->seat_ocol) {
            snprintf(buf, sizeof buf, "o_%s", id);
            glp_set_col_name(m->P, s->seat_ocol, buf);
        }
        for (int g = 1; g <= SN_GRADES; g++) {
            static const char pre[3] = {'n', 'e', 'o'};
            const int cols[3] = {s->ncol[g], s->ecol[g], s->ocol[g]};
            for (int q = 0; q < 3; q++) {
                if (!cols[q])
                    continue;
                snprintf(buf, sizeof buf, "%c_%s_%d", pre[q], id, g);
                glp_set_col_name(m->P, cols[q], buf);
            }
        }
    }
}

static int export_guarded(am_model *m, double *x, int have_start, int level,
                          int format, const char *path, const run *r,
                          sn_budget *budget, sn_error *err)
{
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        m->P = NULL;
        return sn_error_set(err, SN_ESOLVER, "GLPK failed: %s", guard.last);
    }
    am_build_glp(m);
    char phase[64];
    phase_name(phase, sizeof phase, m, level);
    glp_set_prob_name(m->P, "schoolnet");
    glp_set_obj_name(m->P, phase);
    name_columns(m);
    county_result cr;
    memset(&cr, 0, sizeof cr);
    int rc = solve_levels(m, level, x, have_start, &cr, r, budget, err);
    if (rc == 0 && cr.infeasible) {
        phase_name(phase, sizeof phase, m, cr.solved - 1);
        rc = sn_error_set(err, SN_EUSAGE, "the model is infeasible at %s",
                          phase);
    }
    if (rc == 0) {
        am_set_objective(m, m->order[level]);
        /* MPS readers disagree on the sign of an objective constant, so the
         * file has none; sn_allocate_export's caller reports it */
        glp_set_obj_coef(m->P, 0, 0.0);
        int w = format == 0 ? glp_write_lp(m->P, NULL, path)
                            : glp_write_mps(m->P, GLP_MPS_FILE, NULL, path);
        if (w != 0)
            rc = sn_error_set(err, SN_EIO, "%s: cannot write the model", path);
    }
    sn_glpk_guard_release();
    m->P = NULL;
    return rc;
}

int sn_allocate_export(const sn_network *net, const int *demand, int year,
                       int county, int level, int format, const char *path,
                       const sn_allocate_opts *opts, double *constant,
                       sn_error *err)
{
    if (county < 0 && net->ncounties == 1)
        county = 0;
    if (county < 0 || county >= net->ncounties)
        return sn_error_set(err, SN_EUSAGE,
                            "the data have %d counties: name one", net->ncounties);
    if (level < 0 || level >= SN_LEVELS)
        return sn_error_set(err, SN_EUSAGE, "level must be 1..%d", SN_LEVELS);
    sn_allocate_opts dflt = SN_ALLOCATE_OPTS_INIT;
    const sn_allocate_opts *o = opts ? opts : &dflt;
    run r = {o, sn_clock(), o->mip_gap >= 0 ? o->mip_gap : net->sc.mip_gap};
    sn_budget budget;
    long long work = o->work_limit > 0 ? o->work_limit
                                       : (long long)net->sc.work_limit;
    sn_budget_init(&budget,
                   o->time_limit >= 0 ? o->time_limit : net->sc.time_limit,
                   work > 0 ? work : -1, o->stop);
    am_model m;
    int rc = am_model_init(&m, net, county, year, demand, o->stay, o->nstay);
    double *x = rc ? NULL : calloc((size_t)m.ncols + 1, sizeof *x);
    if (rc || !x) {
        am_model_dispose(&m);
        free(x);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    if (level >= m.norder) {
        am_model_dispose(&m);
        free(x);
        return sn_error_set(err, SN_EUSAGE, "level must be 1..%d in %s mode",
                            m.norder, m.norder == 1 ? "weighted"
                                                    : "lexicographic");
    }
    if (constant)
        *constant = m.level[m.order[level]].constant;
    int heur = start_point(&m, x, &r, &budget);
    if (heur < 0)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    else
        rc = export_guarded(&m, x, heur == 0, level, format, path, &r,
                            &budget, err);
    am_model_dispose(&m);
    free(x);
    return rc;
}
