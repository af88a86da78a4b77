/* teachers.c - the teacher driver: staffing, rotation, then the walking-
 * teacher assignment county by county, one objective level at a time
 * (as solver/allocate.c does for pupils). */
#include "solver/teachers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/rotation.h"
#include "solver/teachers_model.h"

#define NL SN_TEACHER_LEVELS

static const double level_weight[NL] = {3, 2, 1};
static const char *const level_phase[NL] = {
    "teachers 1/3 uncovered", "teachers 2/3 travel", "teachers 3/3 links"};

typedef struct tcounty {
    double value[NL], bound[NL];
    int status[NL];     /* sn_mip_status */
} tcounty;

typedef struct trun {
    const sn_teachers_opts *o;
    double t0, gap;
} trun;

static double level_slack(int k, double v)
{
    return k == 1 ? v + 1e-6 * fabs(v) + 1e-3 : floor(v + 0.5) + 1e-6;
}

static int solve_levels(tm_model *m, double *x, tcounty *cr, const trun *r,
                        double budget, sn_error *err)
{
    double t_start = sn_clock();
    for (int k = 0; k < NL; k++) {
        double v = tm_level_value(m, k, x);
        if (v <= 1e-9) { /* the start attains the trivial bound 0 */
            cr->value[k] = cr->bound[k] = 0;
            cr->status[k] = SN_MIP_OPTIMAL;
            tm_bound_level(m, k, level_slack(k, 0));
            continue;
        }
        double wsum = 0;
        for (int j = k; j < NL; j++)
            wsum += level_weight[j];
        double left = budget - (sn_clock() - t_start);
        tm_set_objective(m, k);
        /* level 1 is nearly a transportation problem whose LP bound is
         * attained: a tight gap costs little and leaves no period behind;
         * the others aim at half the gap, as GLPK's own gap test uses a
         * bound our callback may not have seen */
        double gap = k == 0 ? r->gap * 1e-3 : r->gap * 0.5;
        sn_mip_opts mo = {fmax(left * level_weight[k] / wsum, 0.05), gap,
                          x, level_phase[k], r->o->progress,
                          r->o->progress_ctx, sn_clock() - r->t0};
        sn_mip_result res;
        int rc = sn_mip_solve(&res, m->P, &mo, err);
        if (rc)
            return rc;
        if (res.status == SN_MIP_OPTIMAL || res.status == SN_MIP_FEASIBLE) {
            double nv = res.obj;
            if (nv <= v + 1e-9) {
                for (int j = 1; j <= m->ncols; j++)
                    x[j] = glp_mip_col_val(m->P, j);
                v = tm_level_value(m, k, x);
            }
            cr->bound[k] = fmin(k == 1 ? res.bound : ceil(res.bound - 1e-6), v);
            cr->status[k] = res.status;
        } else { /* no better point in the time: keep the start */
            cr->bound[k] = isfinite(res.bound) ? fmin(res.bound, v) : -INFINITY;
            cr->status[k] = SN_MIP_FEASIBLE;
        }
        if (k == 0) { /* periods a spare teacher can still give */
            tm_fill(m, x);
            v = tm_level_value(m, k, x);
            cr->bound[k] = fmin(cr->bound[k], v);
        }
        cr->value[k] = v;
        tm_bound_level(m, k, level_slack(k, v));
    }
    return 0;
}

static int solve_guarded(tm_model *m, double *x, tcounty *cr, const trun *r,
                         double budget, sn_error *err)
{
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        m->P = NULL;
        return sn_error_set(err, SN_ESOLVER, "GLPK failed: %s", guard.last);
    }
    tm_build(m);
    glp_scale_prob(m->P, GLP_SF_AUTO);
    int rc = solve_levels(m, x, cr, r, budget, err);
    sn_glpk_guard_release();
    m->P = NULL;
    return rc;
}

/* Rows of the county's solution x into st. */
static int extract(sn_staffing *st, const tm_model *m, const double *x)
{
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        int p = (int)floor(x[A->xcol] + 0.5);
        if (p <= 0)
            continue;
        sn_teach_row row = {m->tch[A->t].t, A->s, A->j, p, 0.0};
        if (A->link >= 0)
            row.km_per_week = 2.0 * A->km * ceil((double)p / m->ppv);
        if (sn_staffing_add_row(st, &row))
            return SN_ENOMEM;
    }
    return 0;
}

static int solve_county(sn_staffing *st, tcounty *cr, const sn_network *net,
                        int county, const trun *r, double budget,
                        sn_error *err)
{
    tm_model m;
    memset(cr, 0, sizeof *cr);
    int rc = tm_init(&m, net, st, county);
    double *x = rc ? NULL : calloc((size_t)m.ncols + 1, sizeof *x);
    if (rc || !x) {
        tm_dispose(&m);
        free(x);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    tm_greedy(&m, x);
    if (r->o->heuristic_only || m.ncols == 0) {
        for (int k = 0; k < NL; k++) {
            cr->value[k] = tm_level_value(&m, k, x);
            cr->bound[k] = m.ncols == 0 ? cr->value[k] : -INFINITY;
            cr->status[k] = m.ncols == 0 ? SN_MIP_OPTIMAL : SN_MIP_FEASIBLE;
        }
    } else {
        rc = solve_guarded(&m, x, cr, r, budget, err);
        if (rc == 0) {
            double before = tm_level_value(&m, 0, x);
            tm_fill(&m, x); /* never worse on level 1; see teachers.h */
            if (tm_level_value(&m, 0, x) < before - 0.5) /* integral */
                for (int k = 0; k < NL; k++) {
                    cr->value[k] = tm_level_value(&m, k, x);
                    cr->status[k] = SN_MIP_FEASIBLE;
                }
        }
    }
    if (rc == 0 && extract(st, &m, x))
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    tm_dispose(&m);
    free(x);
    return rc;
}

static void merge(sn_staffing *st, const tcounty *cr, double gap_tol,
                  int *worst)
{
    int s = SN_PLAN_OPTIMAL;
    for (int k = 0; k < NL; k++) {
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

int sn_teachers_solve(sn_staffing **out, const sn_network *net,
                      const sn_plan *plan, const sn_teachers_opts *opts,
                      sn_error *err)
{
    sn_teachers_opts dflt = SN_TEACHERS_OPTS_INIT;
    const sn_teachers_opts *o = opts ? opts : &dflt;
    trun r = {o, sn_clock(), o->mip_gap >= 0 ? o->mip_gap : net->sc.mip_gap};
    double limit = o->time_limit >= 0 ? o->time_limit : net->sc.time_limit;
    double deadline = r.t0 + limit;
    *out = NULL;
    sn_staffing *st;
    int rc = sn_staffing_new(&st, net, plan, err);
    if (rc)
        return rc;
    if ((rc = sn_rotation_plan(st, net, err)) != 0) {
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
        per[net->schools[st->home[t]].county]++;
    int left_t = net->nteachers > 0 ? net->nteachers : 1;
    int worst = SN_PLAN_OPTIMAL;
    for (int c = 0; c < net->ncounties && rc == 0; c++) {
        double left = deadline - sn_clock();
        double budget = fmax(left * (per[c] > 0 ? per[c] : 1) /
                                 (left_t > 0 ? left_t : 1), 0.1);
        left_t -= per[c];
        tcounty cr;
        rc = solve_county(st, &cr, net, c, &r, budget, err);
        if (rc == 0)
            merge(st, &cr, r.gap, &worst);
    }
    free(per);
    if (rc) {
        sn_staffing_free(st);
        return rc;
    }
    st->status = o->heuristic_only ? SN_PLAN_FEASIBLE : (sn_plan_status)worst;
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
    *out = st;
    return 0;
}
