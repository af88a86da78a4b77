/* allocate.c - the level-by-level driver: each county is an independent
 * model; each objective level is solved on its own and then bounded at its
 * value, so no objective mixes penalties of very different sizes. */
#include "solver/allocate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_model.h"

/* Share of the remaining time each level gets (cost is the hard one), by
 * level id; the weighted sum gets it all. */
static const double level_weight[SN_LEVELS + 1] = {1, 1, 2, 6, 1, 1, 12};

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
    for (int j = i; j < upto; j++)
        set_result(cr, m->order[j], am_level_value(m, m->order[j], x),
                   -INFINITY, SN_MIP_FEASIBLE);
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

/* After the cost level the open/close decisions are kept: diversions and
 * student-km then only rearrange pupils and classes among the schools the
 * cost level chose (docs/model.md, "Objectives").  This turns the last two
 * levels from hard MIPs into near-network problems. */
static void fix_school_states(am_model *m, const double *x)
{
    for (int k = 0; k < m->nsch; k++) {
        int c = m->sch[k].ycol;
        if (c) {
            double v = x[c] > 0.5 ? 1.0 : 0.0;
            glp_set_col_bnds(m->P, c, GLP_FX, v, v);
        }
    }
}

/* Solves the levels m->order[0..upto-1] of m (built), leaving the
 * solution in x. */
static int solve_levels(am_model *m, int upto, double *x, int have_start,
                        county_result *cr, const run *r, double budget,
                        sn_error *err)
{
    double t_start = sn_clock();
    for (int i = 0; i < upto; i++) {
        int k = m->order[i];
        const am_level *l = &m->level[k];
        if (have_start && stop_requested(r->o)) {
            keep_start(m, i, upto, x, cr);
            return 0;
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
            if (have_start && am_bound_level(m, k, level_slack(k, v)))
                return sn_error_set(err, SN_ENOMEM, "out of memory");
            continue;
        }
        double wsum = 0;
        for (int j = i; j < m->norder; j++)
            wsum += level_weight[m->order[j]];
        double left = budget - (sn_clock() - t_start);
        am_set_objective(m, k);
        sn_mip_opts mo = {fmax(left * level_weight[k] / wsum, 0.05), r->gap,
                          have_start ? x : NULL, phase,
                          r->o->progress, r->o->progress_ctx,
                          sn_clock() - r->t0, r->o->stop};
        sn_mip_result res;
        int rc = sn_mip_solve(&res, m->P, &mo, err);
        if (rc)
            return rc;
        cr->interrupted |= res.stopped;
        if (!have_start && (res.status == SN_MIP_INFEASIBLE ||
                            res.status == SN_MIP_NOSOL)) {
            cr->status[k] = res.status;
            cr->infeasible = res.status == SN_MIP_INFEASIBLE;
            return 0;
        }
        double value;
        if (res.status == SN_MIP_NOSOL || res.status == SN_MIP_INFEASIBLE) {
            /* keep the start: it satisfies every row, so "infeasible" here
             * can only be GLPK's tolerances on the bounds of earlier
             * levels, never a reason to drop a valid plan */
            value = am_level_value(m, k, x);
            set_result(cr, k, value,
                       res.status == SN_MIP_NOSOL ? fmin(res.bound, value)
                                                  : -INFINITY,
                       SN_MIP_FEASIBLE);
        } else {
            for (int j = 1; j <= m->ncols; j++)
                x[j] = glp_mip_col_val(m->P, j);
            /* integral levels: drop GLPK's 1e-15 noise */
            value = am_integral_level(k) ? floor(res.obj + 0.5) : res.obj;
            set_result(cr, k, value,
                       am_integral_level(k) ? ceil(res.bound - 1e-6)
                                            : res.bound,
                       res.status);
            have_start = 1;
        }
        if (am_bound_level(m, k, level_slack(k, value)))
            return sn_error_set(err, SN_ENOMEM, "out of memory");
        if (k == SN_LEVEL_COST)
            fix_school_states(m, x);
    }
    return 0;
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
                         county_result *cr, const run *r, double budget,
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
    int rc = solve_levels(m, SN_LEVELS, x, have_start, cr, r, budget, err);
    sn_glpk_guard_release();
    m->P = NULL;
    return rc;
}

/* Plans one county within `budget` seconds. */
static int solve_county(sn_plan *p, county_result *cr, const sn_network *net,
                        int county, const int *demand, const run *r,
                        double budget, sn_error *err)
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
    int heur = am_heuristic(&m, x);
    if (heur < 0) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    if (r->o->progress) {
        sn_progress pr = {"heuristic", heur == 0,
                          am_level_value(&m, SN_LEVEL_COST, x), -INFINITY,
                          INFINITY, sn_clock() - r->t0};
        r->o->progress(r->o->progress_ctx, &pr);
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
    rc = solve_guarded(&m, x, heur == 0, cr, r, budget, err);
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
            v - b > gap_tol * fmax(fabs(v), 1.0) + slack + 1e-9)
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
    }
    if (weighted) {
        p->weighted = 1;
        p->wvalue += cr->wvalue;
        p->wbound += cr->wbound;
    }
}

int sn_allocate(sn_plan **out, const sn_network *net, const int *demand,
                int year, const sn_allocate_opts *opts, sn_error *err)
{
    sn_allocate_opts dflt = SN_ALLOCATE_OPTS_INIT;
    const sn_allocate_opts *o = opts ? opts : &dflt;
    run r = {o, sn_clock(),
             o->mip_gap >= 0 ? o->mip_gap : net->sc.mip_gap};
    double limit = o->time_limit >= 0 ? o->time_limit : net->sc.time_limit;
    *out = NULL;
    sn_plan *p;
    if (sn_plan_new(&p, net->nschools, year))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    /* time is shared by county size (zones), fixed before any solve */
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
    for (int c = 0; c < net->ncounties; c++) {
        if (o->county >= 0 && c != o->county)
            continue;
        double budget =
            fmax(limit * (zones[c] > 0 ? zones[c] : 1) / ztotal, 0.1);
        county_result cr;
        int rc = solve_county(p, &cr, net, c, demand, &r, budget, err);
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
                          double budget, sn_error *err)
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
    double budget = o->time_limit >= 0 ? o->time_limit : net->sc.time_limit;
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
    int heur = am_heuristic(&m, x);
    if (heur < 0)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    else
        rc = export_guarded(&m, x, heur == 0, level, format, path, &r, budget,
                            err);
    am_model_dispose(&m);
    free(x);
    return rc;
}
