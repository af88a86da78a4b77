/* search.c - the driver of one objective level (search.h, docs/search.md):
 * a Lagrangian bound, then neighbourhoods of nearby schools solved exactly
 * by GLPK from the incumbent, the bound refreshed as the incumbent
 * improves, until the gap is proven or the budget ends.
 */
#include "solver/search.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/assign.h"
#include "solver/lns.h"
#include "solver/local.h"
#include "solver/swap.h"

#define MAX_NEAR 64
/* Columns up to which a level goes to GLPK's branch and cut at once. */
#define SMALL_MODEL 3000
/* Passes of neighbourhoods in a row without a gain before GLPK takes the
 * whole level (each pass looks wider). */
#define STALL_PASSES 2

typedef struct dkey {
    double km;
    int k;
} dkey;

typedef struct ctx {
    am_model *m;
    am_stage st;             /* local copy: ystate gets the fixings */
    const am_search_opts *o;
    sn_budget *b;
    am_lns *N;
    am_lagr *L;
    am_greedy *G;
    am_assign *A;            /* exact plans for seat-mode data, or NULL */
    am_swap *S;              /* fast moves for facility-location data */
    double *x;               /* incumbent (the caller's array) */
    double ub, lb;           /* incumbent value, proven bound */
    double fix_cutoff;       /* points the fixings exclude are worth at
                                least this */
    int ylevel;              /* open/close decisions still free */
    int integral;            /* level values are whole numbers */
    /* neighbourhoods */
    int *near;               /* [nsch * MAX_NEAR] nearest schools, -1 ends */
    char *in, *touch, *freecol, *state;
    double *trial, *cur;
    double *lp;              /* [ncols + 1] the LP solution, when solved */
    int has_lp;
    int *order;
    dkey *keys;
    double last_report;
} ctx;

static void *xcalloc(size_t n, size_t s) { return calloc(n ? n : 1, s); }

static double rel_gap(double ub, double lb)
{
    if (!isfinite(ub) || !isfinite(lb))
        return INFINITY;
    return fmax(0.0, ub - lb) / fmax(fabs(ub), 1.0);
}

static void report(ctx *c, int force)
{
    const am_search_opts *o = c->o;
    if (!o->progress)
        return;
    double now = sn_clock();
    if (!force && now - c->last_report < 0.25)
        return;
    c->last_report = now;
    sn_progress p = {0};
    p.phase = o->phase;
    p.has_best = isfinite(c->ub);
    p.best = c->ub;
    p.bound = c->lb;
    p.gap = rel_gap(c->ub, c->lb);
    p.elapsed = now - o->t0;
    o->progress(o->progress_ctx, &p);
}

/* Folds a Lagrangian bound (over the region the fixings leave) into the
 * proven bound. */
static void take_bound(ctx *c, double v)
{
    if (!isfinite(v)) /* none, or "no point" where the incumbent is one:
                         numerical trouble, never a proof */
        return;
    double lb = fmin(v, c->fix_cutoff);
    if (c->integral && isfinite(lb))
        lb = ceil(lb - 1e-6);
    if (lb > c->lb)
        c->lb = fmin(lb, c->ub);
}

static int closed_enough(const ctx *c)
{
    /* 1e-6: GLPK's own tolerances on a proven sub-MIP */
    return rel_gap(c->ub, c->lb) <= c->o->gap + 1e-6;
}

/* Tries point y: kept when it satisfies every row and improves. */
static int offer(ctx *c, const double *y)
{
    double v = am_lns_value(c->N, y);
    if (!(v < c->ub - 1e-9 * fmax(1.0, fabs(c->ub)) - 1e-9))
        return 0;
    if (!am_lns_feasible(c->N, y))
        return 0;
    memcpy(c->x, y, ((size_t)c->m->ncols + 1) * sizeof *y);
    c->ub = v;
    report(c, 0);
    return 1;
}

static int plan_oracle(void *info, const char *state, double *x);

/* Lagrangian heuristic: the plan of the relaxation's open set. */
static double lagr_heur(void *info, const char *open)
{
    ctx *c = info;
    const am_model *m = c->m;
    for (int k = 0; k < m->nsch; k++) {
        int st = m->sch[k].ycol ? c->st.ystate[k] : 1;
        c->state[k] = !m->sch[k].ycol ? AM_DEFAULT
                      : st == 0       ? AM_CLOSED
                      : st == 1       ? AM_OPEN
                      : open[k]       ? AM_OPEN
                                      : AM_CLOSED;
    }
    if (plan_oracle(c, c->state, c->trial) == 0)
        offer(c, c->trial);
    return c->ub;
}

/* Subgradient steps (at most iters, and at most `share` of what is left
 * of the level's budget), then the bound and the fixings they allow. */
static void run_lagr(ctx *c, int iters, double share)
{
    if (!c->L || !am_lagr_ok(c->L))
        return;
    int every = iters / 8 > 20 ? iters / 8 : 20; /* a plan costs */
    am_lagr_opts lo = {iters, c->ylevel && c->G ? every : 0,
                       c->ylevel && c->G ? lagr_heur : NULL, c, c->o->gap};
    sn_budget lb;
    sn_budget_child(&lb, c->b, share, sn_budget_time_left(c->b) * share);
    double v = am_lagr_run(c->L, c->ub, &lo, &lb);
    sn_budget_close(c->b, &lb);
    take_bound(c, v);
    if (c->ylevel && isfinite(c->ub)) {
        /* a point that improves must lie below the incumbent */
        double cutoff = c->integral ? c->ub - 1 + 1e-6 : c->ub;
        /* points the fixings exclude are worth more than the cutoff, so
         * (whole numbers) at least the incumbent's value */
        if (am_lagr_fix(c->L, cutoff, c->st.ystate) > 0)
            c->fix_cutoff = fmin(c->fix_cutoff, c->integral ? c->ub : cutoff);
    }
    report(c, 0);
}

/* The plan of a state of the schools: exact for seat-mode data, else the
 * greedy. */
static int plan_oracle(void *info, const char *state, double *x)
{
    ctx *c = info;
    if (c->A) {
        long long ops = 0;
        int rc = am_assign_plan(c->A, state, x, &ops);
        sn_budget_ops(c->b, ops);
        return rc;
    }
    sn_budget_ops(c->b, am_greedy_ops(c->m));
    return am_greedy_plan(c->G, state, x);
}

static int feasible_point(void *info, const double *x)
{
    ctx *c = info;
    return am_lns_feasible(c->N, x);
}

static double point_value(void *info, const double *x)
{
    ctx *c = info;
    return am_lns_value(c->N, x);
}

static void better_point(void *info, const double *x)
{
    offer(info, x);
}

/* Facility-location data: greedy-priced drops, adds and swaps from the
 * incumbent, the exact transportation plan of the open set reached, again
 * until neither improves; then kicks (a forced swap) and descents. */
static void swap_search(ctx *c, int kicks)
{
    const am_model *m = c->m;
    for (int r = -1; r < kicks && !sn_budget_out(c->b); r++) {
        double base = c->ub;
        if (!isfinite(am_swap_load(c->S, c->x, c->st.ystate)))
            return;
        if (r >= 0 && am_swap_kick(c->S, r, c->near, MAX_NEAR) != 0)
            continue;
        for (;;) {
            am_swap_descend(c->S, c->near, MAX_NEAR, c->b);
            am_swap_point(c->S, c->trial);
            double v = am_lns_value(c->N, c->trial);
            am_swap_state(c->S, c->state);
            /* the exact flows of this open set */
            if (plan_oracle(c, c->state, c->cur) == 0 &&
                am_lns_value(c->N, c->cur) < v - 1e-9 * fmax(1.0, fabs(v)))
                memcpy(c->trial, c->cur,
                       ((size_t)m->ncols + 1) * sizeof *c->cur);
            if (!offer(c, c->trial) || sn_budget_out(c->b))
                break;
            if (!isfinite(am_swap_load(c->S, c->x, c->st.ystate)))
                return;
        }
        (void)base;
    }
}

/* Drops, adds and swaps of open schools, each planned by the oracle, then
 * kicks and descents while they pay. */
static void local_search(ctx *c, int kicks, double share)
{
    if (!c->ylevel || !c->G)
        return;
    /* at most `share` of what is left: on a 600-school county a greedy
     * plan takes 0.3 s, and a descent over 306 schools ate the level */
    sn_budget lb, *parent = c->b;
    sn_budget_child(&lb, parent, share, sn_budget_time_left(parent) * share);
    c->b = &lb;
    if (c->S) {
        swap_search(c, kicks);
    } else {
        am_local ls = {c->m, c->x, c->st.ystate, c->near, MAX_NEAR,
                       plan_oracle, feasible_point, point_value,
                       better_point, c, c->b, c->state, c->trial, c->cur};
        am_local_run(&ls, kicks);
    }
    c->b = parent;
    sn_budget_close(parent, &lb);
}

/* ------------------------------------------------------ neighbourhoods */

static int cmp_dkey(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->km != y->km)
        return x->km < y->km ? -1 : 1;
    return x->k - y->k;
}

/* Nearest schools of each school, seen from the zone group nearest to it
 * (the group's arcs give km to its other schools): no coordinates needed,
 * and for p-median data, where zones and schools share nodes, exact. */
static int build_near(ctx *c)
{
    const am_model *m = c->m;
    int *rep = malloc(((size_t)m->nsch + 1) * sizeof *rep);
    double *best = malloc(((size_t)m->nsch + 1) * sizeof *best);
    dkey *tmp = malloc(((size_t)m->nsch + 1) * sizeof *tmp);
    c->near = malloc(((size_t)m->nsch * MAX_NEAR + 1) * sizeof *c->near);
    if (!rep || !best || !tmp || !c->near) {
        free(rep);
        free(best);
        free(tmp);
        return SN_ENOMEM;
    }
    for (int k = 0; k < m->nsch; k++) {
        rep[k] = -1;
        best[k] = INFINITY;
    }
    for (int a = 0; a < m->narc; a++)
        if (m->arc[a].km < best[m->arc[a].sch]) {
            best[m->arc[a].sch] = m->arc[a].km;
            rep[m->arc[a].sch] = m->arc[a].grp;
        }
    for (int k = 0; k < m->nsch; k++) {
        int n = 0;
        tmp[n++] = (dkey){-1.0, k};
        if (rep[k] >= 0) {
            const am_grp *G = &m->grp[rep[k]];
            for (int a = G->a0; a < G->a1; a++)
                if (m->arc[a].sch != k)
                    tmp[n++] = (dkey){m->arc[a].km, m->arc[a].sch};
        }
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_dkey);
        int *row = c->near + (size_t)k * MAX_NEAR;
        for (int t = 0; t < MAX_NEAR; t++)
            row[t] = t < n ? tmp[t].k : -1;
        sn_budget_ops(c->b, 8LL * n);
    }
    free(rep);
    free(best);
    free(tmp);
    return 0;
}

static void free_school_cols(ctx *c, int k)
{
    const am_sch *s = &c->m->sch[k];
    if (s->acol)
        c->freecol[s->acol] = 1;
    if (s->seat_ocol)
        c->freecol[s->seat_ocol] = 1;
    for (int g = 1; g <= SN_GRADES; g++) {
        if (s->ncol[g])
            c->freecol[s->ncol[g]] = 1;
        if (s->ecol[g])
            c->freecol[s->ecol[g]] = 1;
        if (s->ocol[g])
            c->freecol[s->ocol[g]] = 1;
    }
}

/* Marks the free columns of the neighbourhood of `seed` with `size`
 * schools: their decisions and classes, the pupil groups at them (and,
 * once the schools' states are fixed, the groups able to walk to them: a
 * diversion or a long trip is undone by pulling pupils in), all arcs of
 * those groups (for groups with very many arcs, the arcs in the cluster
 * and those in use), and the classes of the schools those arcs reach.
 * While schools may still close, groups that could merely walk in are
 * left out: on the 150-school benchmark county the smaller sub-MIPs ran
 * 4x faster and reached a better cost in the same time.  Returns the
 * number of free columns. */
static int mark_hood(ctx *c, int seed, int size)
{
    const am_model *m = c->m;
    memset(c->freecol, 0, (size_t)m->ncols + 1);
    memset(c->in, 0, (size_t)m->nsch);
    memset(c->touch, 0, (size_t)m->nsch);
    const int *row = c->near + (size_t)seed * MAX_NEAR;
    for (int t = 0; t < size && t < MAX_NEAR && row[t] >= 0; t++)
        c->in[row[t]] = 1;
    long long ops = 0;
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        int hit = 0;
        for (int a = G->a0; a < G->a1 && !hit; a++) {
            const am_arc *A = &m->arc[a];
            hit = c->in[A->sch] && (c->x[A->col] > 0.5 || a == G->home_arc ||
                                    (!A->boarding && !c->ylevel));
        }
        ops += G->a1 - G->a0;
        if (!hit)
            continue;
        c->freecol[G->ucol] = 1;
        int many = G->a1 - G->a0 > 40;
        for (int a = G->a0; a < G->a1; a++) {
            const am_arc *A = &m->arc[a];
            if (many && !c->in[A->sch] && c->x[A->col] < 0.5)
                continue;
            c->freecol[A->col] = 1;
            c->touch[A->sch] = 1;
        }
    }
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        if (c->in[k] && s->ycol && c->st.ystate[k] < 0)
            c->freecol[s->ycol] = 1;
        if (c->in[k] || c->touch[k])
            free_school_cols(c, k);
    }
    int n = 0;
    for (int j = 1; j <= m->ncols; j++)
        n += c->freecol[j];
    sn_budget_ops(c->b, ops + m->ncols);
    return n;
}

static int cmp_dkey_desc(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->km != y->km)
        return x->km > y->km ? -1 : 1;
    return x->k - y->k;
}

/* Seeds in the order of a pass: first the schools whose decision the
 * Lagrangian solution would flip, then every school by its part of the
 * level's value (its decision, classes and the pupils it receives), the
 * largest first: that is where a neighbourhood has most to gain. */
static void seed_order(ctx *c)
{
    const am_model *m = c->m;
    dkey *key = c->keys;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        double v = 0;
        int cols[3 * AM_G + 3], nc = 0;
        cols[nc++] = s->ycol;
        cols[nc++] = s->acol;
        cols[nc++] = s->seat_ocol;
        for (int g = 1; g <= SN_GRADES; g++) {
            cols[nc++] = s->ncol[g];
            cols[nc++] = s->ecol[g];
            cols[nc++] = s->ocol[g];
        }
        for (int t = 0; t < nc; t++)
            if (cols[t])
                v += am_lns_obj(c->N, cols[t]) * c->x[cols[t]];
        int flip = c->ylevel && c->L && s->ycol && c->st.ystate[k] < 0 &&
                   am_lagr_opened(c->L, k) != (c->x[s->ycol] > 0.5);
        key[k] = (dkey){flip ? INFINITY : v, k};
    }
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        key[A->sch].km += am_lns_obj(c->N, A->col) * c->x[A->col];
    }
    qsort(key, (size_t)m->nsch, sizeof *key, cmp_dkey_desc);
    for (int k = 0; k < m->nsch; k++)
        c->order[k] = key[k].k;
    sn_budget_ops(c->b, (long long)m->narc + 40LL * m->nsch);
}

/* One pass over all seeds; returns the improvements made. */
static int lns_pass(ctx *c, int size, int nodes)
{
    const am_model *m = c->m;
    am_lns_opts lo = {nodes, 50000, 0, NULL};
    int improved = 0;
    seed_order(c);
    for (int t = 0; t < m->nsch; t++) {
        if (sn_budget_out(c->b) || closed_enough(c))
            break;
        int seed = c->order[t];
        if (c->ylevel && !m->sch[seed].ycol && size <= 1)
            continue;
        if (mark_hood(c, seed, size) == 0)
            continue;
        int r = am_lns_solve(c->N, c->freecol, c->x, &lo, c->b);
        if (r < 0)
            return r;
        if (r > 0) {
            c->ub = am_lns_value(c->N, c->x);
            improved++;
        }
        report(c, 0);
        /* the bound goes on converging between neighbourhoods, and the
         * better incumbent aims its steps better */
        if ((t + 1) % 25 == 0 && !closed_enough(c))
            run_lagr(c, c->o->lagr_iter / 6 + 1, 0.1);
    }
    return improved;
}

/* The whole level with what the earlier levels and the bound fixed: GLPK's
 * branch and cut from the incumbent, within the budget.  Small models are
 * proven here; its bound counts only where the fixings hold, so it is
 * capped by their cutoff. */
static int exact_rest(ctx *c)
{
    const am_model *m = c->m;
    memset(c->freecol, 1, (size_t)m->ncols + 1);
    c->freecol[0] = 0;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        if (!s->ycol || c->st.ystate[k] < 0)
            continue;
        c->freecol[s->ycol] = 0;
        if (c->st.ystate[k] == 0) { /* closed: nothing goes there */
            if (s->acol)
                c->freecol[s->acol] = 0;
            if (s->seat_ocol)
                c->freecol[s->seat_ocol] = 0;
            for (int g = 1; g <= SN_GRADES; g++) {
                if (s->ncol[g])
                    c->freecol[s->ncol[g]] = 0;
                if (s->ecol[g])
                    c->freecol[s->ecol[g]] = 0;
                if (s->ocol[g])
                    c->freecol[s->ocol[g]] = 0;
            }
        }
    }
    for (int a = 0; a < m->narc; a++)
        if (m->sch[m->arc[a].sch].ycol && c->st.ystate[m->arc[a].sch] == 0)
            c->freecol[m->arc[a].col] = 0;
    double bound = -INFINITY;
    am_lns_opts lo = {1 << 30, 1 << 30, 1, &bound};
    int r = am_lns_solve(c->N, c->freecol, c->x, &lo, c->b);
    if (r < 0)
        return r;
    if (r > 0)
        c->ub = am_lns_value(c->N, c->x);
    take_bound(c, bound);
    report(c, 1);
    return 0;
}

/* The level's LP relaxation by GLPK's simplex from the basis the previous
 * solve left, within `share` of the budget (iterations counted as work).
 * A bound valid for every point (no fixing involved), and the LP point
 * for the RINS neighbourhood.  On the 150-school county after issue 9 the
 * LP took 2.4 s and bounded the cost level at 207.13 M, the Lagrangian
 * dual only at 199.2 M (its steps cannot price the groups a closure leaves
 * without a school: 14 more schools closed in its solution). */
static void lp_bound(ctx *c, double share)
{
    glp_prob *P = c->m->P;
    sn_budget lb;
    sn_budget_child(&lb, c->b, share, sn_budget_time_left(c->b) * share);
    long long unit = 1 + (glp_get_num_rows(P) + (long long)glp_get_num_cols(P)) / 100;
    long long left = sn_budget_work_left(&lb);
    double tleft = sn_budget_time_left(&lb);
    if (sn_budget_out(&lb)) {
        sn_budget_close(c->b, &lb);
        return;
    }
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    if (left != LLONG_MAX)
        sm.it_lim = (int)fmin((double)(left / unit + 1), 2e9);
    if (isfinite(tleft))
        sm.tm_lim = (int)fmax(1.0, fmin(tleft * 1000.0, 2e9));
    int it0 = glp_get_it_cnt(P);
    if (!glp_bf_exists(P) && glp_get_it_cnt(P) == 0)
        glp_adv_basis(P, 0); /* Bixby's crash: 6.4 s -> 2.4 s first time */
    int rc = glp_simplex(P, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_std_basis(P); /* the basis left by an earlier solve is unusable */
        rc = glp_simplex(P, &sm);
    }
    sn_budget_spend(&lb, (long long)(glp_get_it_cnt(P) - it0) * unit);
    sn_budget_close(c->b, &lb);
    if (rc != 0 || glp_get_status(P) != GLP_OPT)
        return;
    double v = glp_get_obj_val(P);
    if (c->integral)
        v = ceil(v - 1e-6);
    if (v > c->lb)
        c->lb = fmin(v, c->ub);
    for (int j = 1; j <= c->m->ncols; j++)
        c->lp[j] = glp_get_col_prim(P, j);
    c->has_lp = 1;
    report(c, 0);
}

/* RINS: the integer columns where the incumbent and the LP solution agree
 * stay, everything else is free - a neighbourhood drawn by the LP over the
 * whole county. */
static int rins(ctx *c)
{
    const am_model *m = c->m;
    if (!c->has_lp)
        return 0;
    int nfree = 0;
    memset(c->freecol, 0, (size_t)m->ncols + 1);
    for (int j = 1; j <= m->ncols; j++)
        if (!m->is_int[j] || fabs(c->x[j] - c->lp[j]) > 1e-6) {
            c->freecol[j] = 1;
            nfree += m->is_int[j];
        }
    if (nfree == 0)
        return 0;
    am_lns_opts lo = {2000, 200000, 0, NULL};
    int r = am_lns_solve(c->N, c->freecol, c->x, &lo, c->b);
    if (r > 0) {
        c->ub = am_lns_value(c->N, c->x);
        report(c, 0);
    }
    return r;
}

/* ---------------------------------------------------------- the driver */

/* Schools that must open: a group that cannot stay unplaced (its unplaced
 * column bounded at zero, or the unplaced level already at zero) and
 * whose arcs all lead to one school that may close forces that school
 * open (x <= d y and the demand row).  Logically implied, so no bound
 * depends on it; the young pupils of a village whose only school in
 * walking reach it is (they do not board) make most such cases, and the
 * Lagrangian otherwise closes those schools and prices the stranded
 * pupils far too slowly. */
static int force_needed(ctx *c)
{
    const am_model *m = c->m;
    double urhs = c->st.rhs[SN_LEVEL_UNPLACED];
    int none_unplaced = c->st.level != SN_LEVEL_UNPLACED && isfinite(urhs) &&
                        urhs - m->level[SN_LEVEL_UNPLACED].constant < 0.5;
    int n = 0;
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        if (!none_unplaced && c->st.up[G->ucol] > 0)
            continue;
        int only = -1, many = 0;
        for (int a = G->a0; a < G->a1 && !many; a++) {
            int k = m->arc[a].sch;
            if (m->sch[k].ycol && c->st.ystate[k] == 0)
                continue; /* closed: no way there */
            if (only >= 0 && only != k)
                many = 1;
            only = k;
        }
        if (many || only < 0 || !m->sch[only].ycol ||
            c->st.ystate[only] >= 0)
            continue;
        c->st.ystate[only] = 1;
        n++;
    }
    return n;
}

static int new_swap(ctx *c)
{
    const am_model *m = c->m;
    double *cost = malloc(((size_t)m->ncols + 1) * sizeof *cost);
    if (!cost)
        return SN_ENOMEM;
    for (int j = 0; j <= m->ncols; j++)
        cost[j] = j ? am_lns_obj(c->N, j) : 0.0;
    int rc = am_swap_new(&c->S, m, cost);
    free(cost);
    return rc;
}

static int new_assign(ctx *c)
{
    const am_model *m = c->m;
    double *cost = malloc(((size_t)m->narc + 1) * sizeof *cost);
    if (!cost)
        return SN_ENOMEM;
    for (int a = 0; a < m->narc; a++)
        cost[a] = am_lns_obj(c->N, m->arc[a].col);
    int rc = am_assign_new(&c->A, m, cost);
    free(cost);
    return rc;
}

static void ctx_free(ctx *c)
{
    am_lns_free(c->N);
    am_lagr_free(c->L);
    am_greedy_free(c->G);
    am_assign_free(c->A);
    am_swap_free(c->S);
    free(c->st.ystate);
    free(c->near);
    free(c->in);
    free(c->touch);
    free(c->freecol);
    free(c->state);
    free(c->trial);
    free(c->cur);
    free(c->lp);
    free(c->order);
    free(c->keys);
}

int am_search_level(am_level_result *res, am_model *m, const am_stage *st,
                    double *x, const am_search_opts *o, sn_budget *b)
{
    ctx c;
    memset(&c, 0, sizeof c);
    memset(res, 0, sizeof *res);
    c.m = m;
    c.st = *st;
    c.o = o;
    c.b = b;
    c.x = x;
    c.lb = -INFINITY;
    c.fix_cutoff = INFINITY;
    c.integral = o->integral;
    c.last_report = -INFINITY;
    c.st.ystate = xcalloc((size_t)m->nsch, 1);
    c.in = xcalloc((size_t)m->nsch, 1);
    c.touch = xcalloc((size_t)m->nsch, 1);
    c.freecol = xcalloc((size_t)m->ncols + 1, 1);
    c.state = xcalloc((size_t)m->nsch, 1);
    c.trial = xcalloc((size_t)m->ncols + 1, sizeof *c.trial);
    c.cur = xcalloc((size_t)m->ncols + 1, sizeof *c.cur);
    c.lp = xcalloc((size_t)m->ncols + 1, sizeof *c.lp);
    c.order = xcalloc((size_t)m->nsch, sizeof *c.order);
    c.keys = xcalloc((size_t)m->nsch, sizeof *c.keys);
    int rc = SN_ENOMEM, size, nodes, stalled;
    if (!c.st.ystate || !c.in || !c.touch || !c.freecol || !c.state ||
        !c.trial || !c.cur || !c.lp || !c.order || !c.keys)
        goto done;
    memcpy(c.st.ystate, st->ystate, (size_t)m->nsch);
    if (c.st.up)
        while (force_needed(&c) > 0)
            ;
    for (int k = 0; k < m->nsch; k++)
        c.ylevel |= m->sch[k].ycol && c.st.ystate[k] < 0;
    if (am_lns_new(&c.N, m, &c.st) != 0 || build_near(&c) != 0)
        goto done;
    rc = 0;
    if (!am_lns_feasible(c.N, x)) { /* GLPK's tolerances: let GLPK go on */
        res->status = SN_MIP_NOSOL;
        res->value = am_lns_value(c.N, x);
        res->bound = -INFINITY;
        goto done;
    }
    c.ub = am_lns_value(c.N, x);
    report(&c, 1);
    if (am_lagr_new(&c.L, m, &c.st) != 0 ||
        (c.ylevel && am_greedy_new(&c.G, m) != 0) ||
        (c.ylevel && am_assign_fits(m) && new_assign(&c) != 0) ||
        (c.ylevel && am_swap_fits(m) && new_swap(&c) != 0)) {
        rc = SN_ENOMEM;
        goto done;
    }
    /* the bound first (cheap, and its plans may improve the start), a
     * descent, the LP when the bound leaves a gap, RINS, then kicks */
    run_lagr(&c, o->lagr_iter, 0.15);
    if (!closed_enough(&c))
        local_search(&c, 0, 0.2);
    if (!closed_enough(&c))
        lp_bound(&c, 0.5);
    if (!closed_enough(&c) && rins(&c) < 0) {
        rc = SN_ENOMEM;
        goto done;
    }
    if (!closed_enough(&c))
        local_search(&c, m->nsch, 0.3);
    size = 3;
    nodes = 200;
    stalled = 0;
    /* a small model is GLPK's to prove outright (the 2-county test set's
     * km level: three passes of neighbourhoods took 13 s and proved
     * nothing; branch and cut on the whole level, a second) */
    if (m->ncols <= SMALL_MODEL)
        stalled = STALL_PASSES;
    while (!closed_enough(&c) && !sn_budget_out(b) && stalled < STALL_PASSES) {
        int r = lns_pass(&c, size, nodes);
        if (r < 0) {
            rc = r;
            goto done;
        }
        if (r == 0) { /* a local optimum for this size: look wider */
            stalled++;
            size += 3;
        }
        if (size > MAX_NEAR)
            break;
        run_lagr(&c, o->lagr_iter / 3 + 1, 0.2);
    }
    /* the neighbourhoods found nothing more and budget is left */
    if (!closed_enough(&c) && !sn_budget_out(b) && (rc = exact_rest(&c)) != 0)
        goto done;
    res->status = closed_enough(&c) ? SN_MIP_OPTIMAL : SN_MIP_FEASIBLE;
    res->value = c.ub;
    res->bound = c.lb;
    report(&c, 1);
done:
    if (rc == 0 && res->status != SN_MIP_NOSOL) {
        sn_budget_out(b); /* records a limit spent inside the last step */
        res->ended_by = closed_enough(&c) ? SN_END_GAP : b->ended_by;
    }
    ctx_free(&c);
    return rc;
}
