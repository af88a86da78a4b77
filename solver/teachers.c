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

/* RINS: solves the LP of P's objective (level k), fixes every column
 * where the LP and the incumbent x agree, and runs the MIP left from x for
 * `seconds`; x takes the result when it is better on level k.  The column
 * bounds are restored.  Out of memory or an LP not solved in the time
 * leave x as it is.  Returns 0 or the code of sn_mip_solve. */
static int rins(tm_model *m, double *x, int k, const sn_mip_opts *base,
                double seconds, sn_error *err)
{
    glp_prob *P = m->P;
    int n = m->ncols, rc = 0;
    double t0 = sn_clock();
    int *type = malloc(((size_t)n + 1) * sizeof *type);
    double *lb = malloc(((size_t)n + 1) * sizeof *lb);
    double *ub = malloc(((size_t)n + 1) * sizeof *ub);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.tm_lim = (int)fmin(fmax(seconds, 0.001) * 1000.0, 2e9);
    if (!type || !lb || !ub || glp_simplex(P, &sm) != 0 ||
        glp_get_status(P) != GLP_OPT)
        goto done;
    for (int j = 1; j <= n; j++) {
        type[j] = glp_get_col_type(P, j);
        lb[j] = glp_get_col_lb(P, j);
        ub[j] = glp_get_col_ub(P, j);
        if (fabs(glp_get_col_prim(P, j) - x[j]) < 1e-6)
            glp_set_col_bnds(P, j, GLP_FX, x[j], x[j]);
    }
    sn_mip_opts mo = *base;
    mo.time_limit = fmax(seconds - (sn_clock() - t0), 0.05);
    sn_mip_result res;
    rc = sn_mip_solve(&res, P, &mo, err);
    if (rc == 0 && (res.status == SN_MIP_OPTIMAL ||
                    res.status == SN_MIP_FEASIBLE) &&
        res.obj < tm_level_value(m, k, x) - 1e-9)
        for (int j = 1; j <= n; j++)
            x[j] = glp_mip_col_val(P, j);
    for (int j = 1; j <= n; j++)
        glp_set_col_bnds(P, j, type[j], lb[j], ub[j]);
done:
    free(type);
    free(lb);
    free(ub);
    return rc;
}

static int solve_levels(tm_model *m, double *x, tcounty *cr, const trun *r,
                        double budget, sn_error *err)
{
    double t_start = sn_clock();
    /* scratch for the LP rounding of level 1; NULL: no rounding */
    double *xr = malloc(((size_t)m->ncols + 1) * sizeof *xr);
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
        double t_level = sn_clock(), share = left * level_weight[k] / wsum;
        /* level 1 is a transportation problem but for the school limit:
         * its LP rounding lands within a few periods of the LP bound, so a
         * tenth of the gap is met at once and the time goes to the levels
         * that need it (the fill pass then gives any period a spare
         * teacher may still teach); levels 2-3 start from a RINS pass and
         * aim at half the gap, as GLPK's own gap test uses a bound our
         * callback may not have seen */
        double gap = k == 0 ? r->gap * 0.1 : r->gap * 0.5;
        if (k == 0 && xr) {
            memcpy(xr, x, ((size_t)m->ncols + 1) * sizeof *xr);
            if (tm_round_lp(m, xr, share) == 0 &&
                tm_level_value(m, 0, xr) < v - 0.5) {
                memcpy(x, xr, ((size_t)m->ncols + 1) * sizeof *x);
                v = tm_level_value(m, 0, x);
            }
        }
        sn_mip_opts mo = {fmax(share - (sn_clock() - t_level), 0.05), gap,
                          x, level_phase[k], r->o->progress,
                          r->o->progress_ctx, sn_clock() - r->t0, 0, NULL};
        sn_mip_result res;
        int rc = 0;
        if (k > 0) { /* half the level's time to improve its start */
            rc = rins(m, x, k, &mo, 0.5 * share, err);
            v = tm_level_value(m, k, x);
            mo.time_limit = fmax(share - (sn_clock() - t_level), 0.05);
            mo.elapsed0 = sn_clock() - r->t0;
        }
        if (rc == 0)
            rc = sn_mip_solve(&res, m->P, &mo, err);
        if (rc) {
            free(xr);
            return rc;
        }
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
    free(xr);
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

/* Solves one part (a set of schools linked by itinerant teachers) and
 * adds its levels to cr. */
static int solve_part(sn_staffing *st, tcounty *cr, const sn_network *net,
                      int county, const int *comp, int part, const trun *r,
                      double budget, sn_error *err)
{
    tm_model m;
    tcounty pr;
    memset(&pr, 0, sizeof pr);
    int rc = tm_init(&m, net, st, county, comp, part);
    double *x = rc ? NULL : calloc((size_t)m.ncols + 1, sizeof *x);
    if (rc || !x) {
        tm_dispose(&m);
        free(x);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    tm_greedy(&m, x);
    if (r->o->heuristic_only || m.ncols == 0) {
        for (int k = 0; k < NL; k++) {
            pr.value[k] = tm_level_value(&m, k, x);
            pr.bound[k] = m.ncols == 0 ? pr.value[k] : -INFINITY;
            pr.status[k] = m.ncols == 0 ? SN_MIP_OPTIMAL : SN_MIP_FEASIBLE;
        }
    } else {
        rc = solve_guarded(&m, x, &pr, r, budget, err);
        if (rc == 0) {
            double before = tm_level_value(&m, 0, x);
            tm_fill(&m, x); /* never worse on level 1; see teachers.h */
            if (tm_level_value(&m, 0, x) < before - 0.5) /* integral */
                for (int k = 0; k < NL; k++) {
                    pr.value[k] = tm_level_value(&m, k, x);
                    pr.status[k] = SN_MIP_FEASIBLE;
                }
        }
    }
    if (rc == 0 && extract(st, &m, x))
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    for (int k = 0; k < NL && rc == 0; k++) {
        cr->value[k] += pr.value[k];
        cr->bound[k] += pr.bound[k];
        if (pr.status[k] > cr->status[k])
            cr->status[k] = pr.status[k];
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

/* Parts of a county: schools joined by a possible itinerant arc (a
 * teacher who may walk from home h to s to teach a subject taught there).
 * comp[s] = part number (0..), -1 outside the county; returns the count
 * and the teachers of each part in tsize[part]. */
static int parts(int *comp, int *tsize, const sn_network *net,
                 const sn_staffing *st, int county)
{
    int ns = net->nschools;
    for (int s = 0; s < ns; s++)
        comp[s] = s;
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        int h = st->home[t];
        if (!T->itinerant || net->schools[h].county != county ||
            net->sc.max_schools_per_teacher < 2 ||
            sn_staffing_capacity(&net->sc, T) <= 0)
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
                teaches = (T->subjects >> j & 1) &&
                          st->demand[(size_t)s * SN_MAX_SUBJECTS + j] > 0;
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
        if (comp[st->home[t]] >= 0)
            tsize[comp[st->home[t]]]++;
    return n;
}

/* Plans one county part by part within `budget` seconds: each part gets
 * a share by its teachers of the time left. */
static int solve_county(sn_staffing *st, tcounty *cr, const sn_network *net,
                        int county, const trun *r, double budget,
                        sn_error *err)
{
    memset(cr, 0, sizeof *cr);
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    int *comp = malloc(ns * sizeof *comp), *tsize = malloc(ns * sizeof *tsize);
    if (!comp || !tsize) {
        free(comp);
        free(tsize);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    int np = parts(comp, tsize, net, st, county), left_t = 0, rc = 0;
    for (int p = 0; p < np; p++)
        left_t += tsize[p];
    double end = sn_clock() + budget;
    for (int p = 0; p < np && rc == 0; p++) {
        double share = fmax((end - sn_clock()) * (tsize[p] + 1.0) /
                                (left_t + 1.0), 0.05);
        left_t -= tsize[p];
        rc = solve_part(st, cr, net, county, comp, p, r, share, err);
    }
    free(comp);
    free(tsize);
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
        if (o->county < 0 || net->schools[st->home[t]].county == o->county)
            per[net->schools[st->home[t]].county]++;
    int left_t = 0;
    for (int c = 0; c < net->ncounties; c++)
        left_t += per[c];
    int worst = SN_PLAN_OPTIMAL;
    for (int c = 0; c < net->ncounties && rc == 0; c++) {
        if (o->county >= 0 && c != o->county)
            continue;
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
