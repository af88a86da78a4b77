/* lagr.c - Lagrangian relaxation of one objective level: the demand rows
 * (and the rows that tie schools together: beds, earlier levels, capital)
 * move into the objective with multipliers, and what is left splits into
 * one small problem per school plus a choice of which schools open
 * (docs/search.md, "The bound").
 *
 * Per school, with y = 1: classes n[g] and added classrooms a, flows on its
 * arcs.  For a grade with n classes the best fill is a continuous knapsack
 * in tiers (up to standard size n, then up to the hard cap with e paid per
 * pupil, then above the cap with o paid too); its value V_g(n) is an LP
 * value with n in the right-hand side, so it is convex in n, and classrooms
 * are given to grades greedily by marginal gain (optimal for a separable
 * convex allocation under one sum row, classrooms beyond the existing ones
 * paying their cost).  Seat-mode schools have one tier row.  Columns of a
 * level bounded at zero (no unplaced pupil, ...) are fixed at zero instead
 * of priced.  The bed rows, earlier level rows with room left and the
 * capital budget are priced with multipliers >= 0; max_open_schools is kept
 * exactly in the choice of schools.  Rows dropped (the rounding rows, which
 * integer n implies) only weaken the bound, never break it.
 *
 * The bound is computed from the Lagrangian solution itself (objective plus
 * multipliers times the relaxed rows' violations), so a solution that is a
 * true minimiser gives a valid bound whatever the bookkeeping.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search.h"

#define EPS 1e-9
#define COVER_UNITS 256 /* the cover row's capacities in these parts */

/* One (school, grade) part: seat-mode schools have one, at grade 0. */
typedef struct part {
    int k, g;
    int a0, a1;          /* non-home arcs: arcidx[a0 .. a1) */
    int h0, h1;          /* home arcs: homeidx[h0 .. h1) */
    int s0;              /* sorted units: su[s0 .. s0 + ns), prefix p[s0 + i + pi] */
    int ns, pi;          /* pi: this part's index (prefix arrays have ns+1) */
    double lf;           /* forced load: fixed pupils + stays */
    double fcost;        /* cost of the stays at current multipliers */
    double std, cap;     /* std size and hard cap (seat mode: seats, seats) */
    int e_ok, o_ok;      /* e priced (not fixed at zero), o likewise */
    double ce, co, cn;   /* unit costs of e, o, n */
    double oub;          /* o's upper bound */
    int ncol, ecol, ocol;
} part;

typedef struct vkey {
    double v;
    int k;
} vkey;

struct am_lagr {
    const am_model *m;
    const am_stage *st;
    int ok;
    int nparts;
    part *parts;
    int *pstart;          /* [nsch + 1]: parts of school k */
    int *arcidx, *homeidx;
    /* per iteration */
    double *cost;         /* [ncols + 1] column costs */
    char *zero;           /* [ncols + 1] fixed at zero */
    double *r;            /* [narc] reduced cost */
    int *su;              /* sorted negative units (arc ids) */
    double *pq, *pc;      /* prefix units and costs */
    double *x;            /* [ncols + 1] Lagrangian solution */
    double *val;          /* [nsch] value of opening */
    char *open;           /* [nsch] */
    int *nsol;            /* [nsch * AM_G] classes of the subproblem */
    int *asol;            /* [nsch] */
    int *ssol;            /* [nsch] classes without a classroom */
    double *take;         /* [nparts] units taken beyond forced */
    /* multipliers */
    double *lam;          /* [ngrp] demand rows (free) */
    double *mubed;        /* [nsch] bed rows (>= 0) */
    double mulvl[SN_LEVELS], lvlscale[SN_LEVELS];
    int lvlpriced[SN_LEVELS];
    double nu, capscale;  /* capital budget */
    int has_budget;
    double budget_rhs;
    double *bedcap;       /* [nsch] */
    /* subgradient */
    double *sg_grp, *sg_bed;
    double sg_lvl[SN_LEVELS], sg_cap;
    /* deflected direction: d = g + beta * d_previous */
    double *d_grp, *d_bed;
    double d_lvl[SN_LEVELS], d_cap;
    /* best point */
    double best;
    double *best_lam, *best_mubed, best_mulvl[SN_LEVELS], best_nu;
    double *best_val;
    char *best_open;
    double theta;
    int stall;
    /* the cover row and its knapsack */
    double cover_need;    /* seats the decision schools must give, or <= 0 */
    double *capacity;     /* [nsch] */
    double *kbest;        /* [COVER_UNITS + 1] */
    int *kfrom;           /* [nsch * (COVER_UNITS + 1)] */
    char *kitem;          /* [nsch * (COVER_UNITS + 1)] */
    int *kschool;         /* [nsch] */
    char *scratch_open;   /* [nsch] */
    vkey *vtmp;           /* [nsch] */
};

static void *xcalloc(size_t n, size_t s) { return calloc(n ? n : 1, s); }

/* ------------------------------------------------------------- set-up */

/* Column bounds of the stage (fixings of earlier levels), else the
 * model's. */
static double col_up(const am_lagr *L, int j)
{
    return L->st->up ? L->st->up[j] : L->m->ub[j];
}

static double col_lo(const am_lagr *L, int j)
{
    return L->st->lo ? L->st->lo[j] : 0.0;
}

static int build_parts(am_lagr *L)
{
    const am_model *m = L->m;
    L->pstart = xcalloc((size_t)m->nsch + 1, sizeof *L->pstart);
    L->parts = xcalloc((size_t)m->nsch * AM_G, sizeof *L->parts);
    L->arcidx = xcalloc((size_t)m->narc, sizeof *L->arcidx);
    L->homeidx = xcalloc((size_t)m->narc, sizeof *L->homeidx);
    int *cnt = xcalloc((size_t)m->nsch * AM_G, sizeof *cnt);
    int *hcnt = xcalloc((size_t)m->nsch * AM_G, sizeof *hcnt);
    int *pid = xcalloc((size_t)m->nsch * AM_G, sizeof *pid);
    if (!L->pstart || !L->parts || !L->arcidx || !L->homeidx || !cnt ||
        !hcnt || !pid) {
        free(cnt);
        free(hcnt);
        free(pid);
        return SN_ENOMEM;
    }
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        int g = m->sch[A->sch].class_mode ? m->grp[A->grp].grade : 0;
        int home = m->grp[A->grp].home_arc == a;
        (home ? hcnt : cnt)[A->sch * AM_G + g]++;
    }
    int np = 0, na = 0, nh = 0;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        L->pstart[k] = np;
        for (int g = 0; g < AM_G; g++) {
            int key = k * AM_G + g;
            pid[key] = -1;
            int wanted = s->class_mode ? (g >= 1 && s->ncol[g])
                                       : g == 0;
            if (!wanted)
                continue;
            part *p = &L->parts[np];
            p->k = k;
            p->g = g;
            p->a0 = p->a1 = na;
            p->h0 = p->h1 = nh;
            na += cnt[key];
            nh += hcnt[key];
            if (s->class_mode) {
                p->lf = s->fixed[g];
                p->std = sn_scenario_standard(m->sc, g);
                p->cap = m->cap[g];
                p->ncol = s->ncol[g];
                p->ecol = s->ecol[g];
                p->ocol = s->ocol[g];
            } else {
                for (int q = 1; q <= SN_GRADES; q++)
                    p->lf += s->fixed[q];
                p->std = p->cap = s->seats;
                p->ocol = s->seat_ocol;
            }
            p->oub = p->ocol ? col_up(L, p->ocol) : 0;
            p->pi = np;
            pid[key] = np++;
        }
    }
    L->pstart[m->nsch] = np;
    L->nparts = np;
    for (int i = 0; i < np; i++) { /* fill the index lists */
        L->parts[i].a1 = L->parts[i].a0;
        L->parts[i].h1 = L->parts[i].h0;
    }
    int bad = 0;
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        int g = m->sch[A->sch].class_mode ? m->grp[A->grp].grade : 0;
        int i = pid[A->sch * AM_G + g];
        if (i < 0) { /* an arc into a grade without classes: unknown model */
            bad = 1;
            continue;
        }
        part *p = &L->parts[i];
        if (m->grp[A->grp].home_arc == a) {
            L->homeidx[p->h1++] = a;
            p->lf += m->grp[A->grp].demand;
        } else {
            L->arcidx[p->a1++] = a;
        }
    }
    int s0 = 0;
    for (int i = 0; i < np; i++) {
        L->parts[i].s0 = s0;
        s0 += L->parts[i].a1 - L->parts[i].a0;
    }
    free(cnt);
    free(hcnt);
    free(pid);
    if (bad)
        L->ok = 0;
    return 0;
}

/* Columns of level j carry positive coefficients only and the level is
 * bounded at its constant: they are all zero in every admissible point. */
/* Whether column j is the y column of a school whose state is fixed
 * (L->x is scratch here: 1 marks those columns). */
static int fixed_y(const am_lagr *L, int j) { return L->x[j] != 0.0; }

static void mark_zero_levels(am_lagr *L)
{
    const am_model *m = L->m;
    memset(L->x, 0, ((size_t)m->ncols + 1) * sizeof *L->x);
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].ycol && L->st->ystate[k] >= 0)
            L->x[m->sch[k].ycol] = 1;
    for (int j = 0; j < SN_LEVELS; j++) {
        const am_level *l = &m->level[j];
        double rhs = L->st->rhs[j];
        L->lvlpriced[j] = 0;
        if (j == L->st->level || !isfinite(rhs) || l->n == 0)
            continue;
        int pos = 1;
        double scale = 0;
        for (int i = 0; i < l->n; i++) {
            pos &= l->t[i].coef > 0;
            scale = fmax(scale, fabs(l->t[i].coef));
        }
        if (pos && rhs - l->constant < 0.5 * scale * 1e-3 + 1e-6) {
            for (int i = 0; i < l->n; i++)
                L->zero[l->t[i].col] = 1;
        } else {
            /* the row is measured in its largest coefficient of a column
             * that can still move: a cost row with schools' states fixed
             * counts classrooms (50,000 yuan), not schools (5 M), so its
             * subgradient has the size of the demand rows' and its
             * multiplier converges with theirs */
            double mv = 0;
            for (int i = 0; i < l->n; i++)
                if (!fixed_y(L, l->t[i].col))
                    mv = fmax(mv, fabs(l->t[i].coef));
            L->lvlpriced[j] = 1;
            L->lvlscale[j] = mv > 0 ? mv : scale > 0 ? scale : 1;
        }
    }
}

static void init_cover(am_lagr *L);

int am_lagr_new(am_lagr **out, const am_model *m, const am_stage *st)
{
    *out = NULL;
    am_lagr *L = calloc(1, sizeof *L);
    if (!L)
        return SN_ENOMEM;
    L->m = m;
    L->st = st;
    L->ok = 1;
    size_t nc = (size_t)m->ncols + 1, ns = (size_t)m->nsch + 1;
    size_t na = (size_t)m->narc + 1, ng = (size_t)m->ngrp + 1, np;
    L->cost = xcalloc(nc, sizeof *L->cost);
    L->zero = xcalloc(nc, 1);
    L->x = xcalloc(nc, sizeof *L->x);
    L->r = xcalloc(na, sizeof *L->r);
    L->su = xcalloc(na, sizeof *L->su);
    L->val = xcalloc(ns, sizeof *L->val);
    L->open = xcalloc(ns, 1);
    L->nsol = xcalloc(ns * AM_G, sizeof *L->nsol);
    L->asol = xcalloc(ns, sizeof *L->asol);
    L->ssol = xcalloc(ns, sizeof *L->ssol);
    L->lam = xcalloc(ng, sizeof *L->lam);
    L->mubed = xcalloc(ns, sizeof *L->mubed);
    L->bedcap = xcalloc(ns, sizeof *L->bedcap);
    L->sg_grp = xcalloc(ng, sizeof *L->sg_grp);
    L->sg_bed = xcalloc(ns, sizeof *L->sg_bed);
    L->d_grp = xcalloc(ng, sizeof *L->d_grp);
    L->d_bed = xcalloc(ns, sizeof *L->d_bed);
    L->best_lam = xcalloc(ng, sizeof *L->best_lam);
    L->best_mubed = xcalloc(ns, sizeof *L->best_mubed);
    L->best_val = xcalloc(ns, sizeof *L->best_val);
    L->best_open = xcalloc(ns, 1);
    if (!L->cost || !L->zero || !L->x || !L->r || !L->su || !L->val ||
        !L->open || !L->nsol || !L->asol || !L->ssol || !L->lam || !L->mubed ||
        !L->bedcap || !L->sg_grp || !L->sg_bed || !L->d_grp || !L->d_bed || !L->best_lam ||
        !L->best_mubed || !L->best_val || !L->best_open ||
        build_parts(L) != 0)
        goto fail;
    L->capacity = xcalloc(ns, sizeof *L->capacity);
    L->kbest = xcalloc(COVER_UNITS + 1, sizeof *L->kbest);
    L->kfrom = xcalloc(ns * (COVER_UNITS + 1), sizeof *L->kfrom);
    L->kitem = xcalloc(ns * (COVER_UNITS + 1), 1);
    L->kschool = xcalloc(ns, sizeof *L->kschool);
    L->scratch_open = xcalloc(ns, 1);
    L->vtmp = xcalloc(ns, sizeof *L->vtmp);
    if (!L->capacity || !L->kbest || !L->kfrom || !L->kitem ||
        !L->kschool || !L->scratch_open || !L->vtmp)
        goto fail;
    np = (size_t)L->nparts + 1;
    L->pq = xcalloc(na + np, sizeof *L->pq);
    L->pc = xcalloc(na + np, sizeof *L->pc);
    L->take = xcalloc(np, sizeof *L->take);
    if (!L->pq || !L->pc || !L->take)
        goto fail;
    mark_zero_levels(L);
    init_cover(L);
    for (int k = 0; k < m->nsch; k++)
        L->bedcap[k] = m->sch[k].beds - m->sch[k].fixed_boarders;
    L->has_budget = m->sc->capital_budget > 0;
    L->budget_rhs = m->sc->capital_budget - m->fixed_capital;
    L->capscale = 1;
    for (int k = 0; k < m->nsch; k++) {
        const sn_school *s = &m->net->schools[m->sch[k].school];
        L->capscale = fmax(L->capscale, s->classroom_cost);
        if (m->sch[k].is_candidate)
            L->capscale = fmax(L->capscale, s->build_cost);
    }
    L->best = -INFINITY;
    L->theta = 2.0;
    *out = L;
    return 0;
fail:
    am_lagr_free(L);
    return SN_ENOMEM;
}

void am_lagr_free(am_lagr *L)
{
    if (!L)
        return;
    free(L->parts);
    free(L->pstart);
    free(L->arcidx);
    free(L->homeidx);
    free(L->cost);
    free(L->zero);
    free(L->r);
    free(L->su);
    free(L->pq);
    free(L->pc);
    free(L->x);
    free(L->val);
    free(L->open);
    free(L->nsol);
    free(L->asol);
    free(L->ssol);
    free(L->take);
    free(L->lam);
    free(L->mubed);
    free(L->bedcap);
    free(L->sg_grp);
    free(L->sg_bed);
    free(L->d_grp);
    free(L->d_bed);
    free(L->best_lam);
    free(L->best_mubed);
    free(L->best_val);
    free(L->best_open);
    free(L->capacity);
    free(L->kbest);
    free(L->kfrom);
    free(L->kitem);
    free(L->kschool);
    free(L->scratch_open);
    free(L->vtmp);
    free(L);
}

/* ------------------------------------------------- costs at multipliers */

static int is_candidate_build(const am_model *m, int k)
{
    return m->sch[k].is_candidate &&
           m->net->schools[m->sch[k].school].build_cost > 0;
}

/* Column costs: level `level`, plus priced earlier levels and capital. */
static void set_costs(am_lagr *L)
{
    const am_model *m = L->m;
    memset(L->cost, 0, ((size_t)m->ncols + 1) * sizeof *L->cost);
    const am_level *l = &m->level[L->st->level];
    for (int i = 0; i < l->n; i++)
        L->cost[l->t[i].col] += l->t[i].coef;
    for (int j = 0; j < SN_LEVELS; j++) {
        if (!L->lvlpriced[j] || L->mulvl[j] <= 0)
            continue;
        const am_level *lj = &m->level[j];
        double w = L->mulvl[j] / L->lvlscale[j];
        for (int i = 0; i < lj->n; i++)
            L->cost[lj->t[i].col] += w * lj->t[i].coef;
    }
    if (L->has_budget && L->nu > 0) {
        double w = L->nu / L->capscale;
        for (int k = 0; k < m->nsch; k++) {
            const am_sch *s = &m->sch[k];
            const sn_school *sc = &m->net->schools[s->school];
            if (s->ycol && is_candidate_build(m, k))
                L->cost[s->ycol] += w * sc->build_cost;
            if (s->acol && sc->classroom_cost > 0)
                L->cost[s->acol] += w * sc->classroom_cost;
        }
    }
}

typedef struct rkey {
    double r;
    int arc;
} rkey;

static int cmp_rkey(const void *a, const void *b)
{
    const rkey *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    return x->arc - y->arc;
}

/* Reduced costs, sorted attractive units and prefix sums of every part. */
static long long refresh_parts(am_lagr *L, rkey *tmp)
{
    const am_model *m = L->m;
    long long ops = 0;
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        L->r[a] = L->cost[A->col] - L->lam[A->grp] +
                  (A->boarding ? L->mubed[A->sch] : 0.0);
    }
    for (int i = 0; i < L->nparts; i++) {
        part *p = &L->parts[i];
        p->fcost = 0;
        for (int h = p->h0; h < p->h1; h++) {
            int a = L->homeidx[h];
            p->fcost += L->r[a] * m->grp[m->arc[a].grp].demand;
        }
        int n = 0;
        for (int t = p->a0; t < p->a1; t++) {
            int a = L->arcidx[t];
            if (L->r[a] < -EPS && !L->zero[m->arc[a].col])
                tmp[n++] = (rkey){L->r[a], a};
        }
        if (n > 1)
            qsort(tmp, (size_t)n, sizeof *tmp, cmp_rkey);
        p->ns = n;
        int base = p->s0 + p->pi;
        L->pq[base] = L->pc[base] = 0;
        for (int t = 0; t < n; t++) {
            double d = m->grp[m->arc[tmp[t].arc].grp].demand;
            L->su[p->s0 + t] = tmp[t].arc;
            L->pq[base + t + 1] = L->pq[base + t] + d;
            L->pc[base + t + 1] = L->pc[base + t] + d * tmp[t].r;
        }
        ops += (p->a1 - p->a0) * 4 + (p->h1 - p->h0);
        const am_sch *s = &m->sch[p->k];
        if (s->class_mode) {
            p->e_ok = p->ecol && !L->zero[p->ecol];
            p->ce = p->ecol ? L->cost[p->ecol] : 0;
            p->cn = p->ncol ? L->cost[p->ncol] : 0;
        } else {
            p->e_ok = 1; /* one tier row: seats, then over-capacity */
            p->ce = 0;
            p->cn = 0;
        }
        p->o_ok = p->ocol && !L->zero[p->ocol] && p->oub > 0;
        p->co = p->ocol ? L->cost[p->ocol] : 0;
    }
    return ops + m->narc;
}

/* Units of part p with reduced cost below v. */
static double units_below(const am_lagr *L, const part *p, double v)
{
    int lo = 0, hi = p->ns; /* first index with r >= v */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (L->r[L->su[p->s0 + mid]] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return L->pq[p->s0 + p->pi + lo];
}

/* Cost of the q cheapest units of part p (q <= all units). */
static double cost_of(const am_lagr *L, const part *p, double q)
{
    const double *pq = L->pq + p->s0 + p->pi;
    const double *pc = L->pc + p->s0 + p->pi;
    if (q <= 0)
        return 0;
    int lo = 0, hi = p->ns; /* largest i with pq[i] <= q */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (pq[mid] <= q)
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo >= p->ns)
        return pc[p->ns];
    return pc[lo] + (q - pq[lo]) * L->r[L->su[p->s0 + lo]];
}

/* Most pupils part p can hold with n classes. */
static double max_load(const part *p, int n)
{
    if (!p->e_ok)
        return p->std * n;
    return p->cap * n + (p->o_ok ? p->oub : 0.0);
}

/* V_g(n): best value of part p with n classes (seat mode: n = 1), the
 * units taken in *q; INFINITY when the forced load does not fit. */
static double part_value(const am_lagr *L, const part *p, int n, double *q)
{
    double lf = p->lf, sn = p->std * n, hn = p->cap * n;
    *q = 0;
    if (lf > max_load(p, n) + EPS)
        return INFINITY;
    if (p->ncol && n == 0) /* x <= d n: no pupil in no class */
        return lf > EPS ? INFINITY : 0.0;
    double v = p->fcost + p->cn * n;
    if (lf > sn)
        v += p->ce * (lf - sn);
    if (lf > hn)
        v += p->co * (lf - hn);
    double t1 = fmax(0.0, sn - lf);
    double t2 = p->e_ok ? fmax(t1, hn - lf) : t1;
    double t3 = p->e_ok && p->o_ok ? fmax(t2, hn + p->oub - lf) : t2;
    double s2 = p->ce, s3 = p->ce + p->co;
    double q1 = fmin(t1, units_below(L, p, 0.0));
    double take = q1, extra = 0;
    if (q1 >= t1 - EPS && t2 > t1) {
        double q2 = fmax(t1, fmin(t2, units_below(L, p, -s2)));
        extra += s2 * (q2 - t1);
        take = q2;
        if (q2 >= t2 - EPS && t3 > t2) {
            double q3 = fmax(t2, fmin(t3, units_below(L, p, -s3)));
            extra += s2 * (q3 - q2) + (s3 - s2) * (q3 - t2);
            take = q3;
        }
    }
    *q = take;
    return v + cost_of(L, p, take) + extra;
}

/* Smallest class count at which part p's forced load fits (at least
 * one class for any pupil, x <= d n). */
static int min_classes(const part *p)
{
    double room = p->e_ok ? p->cap : p->std;
    double over = p->e_ok && p->o_ok ? p->oub : 0.0;
    if (p->lf <= EPS)
        return 0;
    if (p->lf <= over + EPS || room <= 0)
        return 1;
    int n = (int)ceil((p->lf - over) / room - 1e-9);
    return n > 1 ? n : 1;
}

/* The classroom row of a class-mode school: classes up to rooms plus the
 * added classrooms a and the classes without one (short), each between
 * its bounds at its own unit cost. */
typedef struct roomset {
    int base, alo, aup, slo, sup;
    double ca, cs;
} roomset;

static void room_set(const am_lagr *L, const am_sch *s, roomset *r)
{
    r->base = s->rooms;
    r->alo = s->acol ? (int)ceil(col_lo(L, s->acol) - 1e-9) : 0;
    r->aup = s->acol ? (int)floor(col_up(L, s->acol) + 1e-9) : 0;
    r->ca = s->acol ? L->cost[s->acol] : 0.0;
    int sz = s->scol && L->zero[s->scol];
    r->slo = s->scol && !sz ? (int)ceil(col_lo(L, s->scol) - 1e-9) : 0;
    r->sup = s->scol && !sz ? (int)floor(col_up(L, s->scol) + 1e-9) : 0;
    r->cs = s->scol ? L->cost[s->scol] : 0.0;
}

/* Least cost of the extras that give N classes a room (the lower bounds
 * paid whatever), the amounts in *a and *sh; INFINITY beyond them all. */
static double rooms_cost(const roomset *r, int N, int *a, int *sh)
{
    *a = r->alo;
    *sh = r->slo;
    double c = r->ca * r->alo + r->cs * r->slo;
    int need = N - r->base - r->alo - r->slo;
    if (need <= 0)
        return c;
    int first_a = r->ca <= r->cs;
    for (int pass = 0; pass < 2 && need > 0; pass++) {
        int use_a = pass == 0 ? first_a : !first_a;
        int room = use_a ? r->aup - *a : r->sup - *sh;
        int take = room < need ? room : need;
        if (take <= 0)
            continue;
        if (use_a)
            *a += take;
        else
            *sh += take;
        c += take * (use_a ? r->ca : r->cs);
        need -= take;
    }
    return need > 0 ? INFINITY : c;
}

/* Value of opening school k (y = 1), classes in nsol, rooms added in asol,
 * units taken in take[]; INFINITY when it cannot open. */
static double school_value(am_lagr *L, int k, long long *ops)
{
    const am_model *m = L->m;
    const am_sch *s = &m->sch[k];
    int p0 = L->pstart[k], p1 = L->pstart[k + 1];
    double v = s->ycol ? L->cost[s->ycol] : 0.0;
    if (!s->class_mode) {
        if (p1 == p0)
            return v;
        double q;
        double pv = part_value(L, &L->parts[p0], 1, &q);
        L->take[p0] = q;
        *ops += 8;
        return v + pv;
    }
    /* classrooms: sum n <= rooms + a + short, each extra in its bounds */
    roomset rs;
    room_set(L, s, &rs);
    int N = 0, a = rs.alo, sh = rs.slo, na, ns;
    double cur[AM_G], delta[AM_G];
    int n[AM_G];
    for (int i = p0; i < p1; i++) {
        const part *p = &L->parts[i];
        int t = i - p0;
        n[t] = min_classes(p);
        int nlo = (int)ceil(col_lo(L, p->ncol) - 1e-9);
        if (n[t] < nlo)
            n[t] = nlo;
        int nub = (int)floor(col_up(L, p->ncol) + 1e-9);
        if (n[t] > nub)
            return INFINITY;
        N += n[t];
        cur[t] = part_value(L, p, n[t], &L->take[i]);
        if (!isfinite(cur[t]))
            return INFINITY;
        v += cur[t];
    }
    double rc = rooms_cost(&rs, N, &a, &sh);
    if (!isfinite(rc))
        return INFINITY;
    v += rc;
    for (int i = p0; i < p1; i++) {
        int t = i - p0;
        double q;
        int nub = (int)floor(col_up(L, L->parts[i].ncol) + 1e-9);
        delta[t] = n[t] < nub ? part_value(L, &L->parts[i], n[t] + 1, &q) -
                                    cur[t]
                              : INFINITY;
    }
    for (;;) {
        int best = -1;
        for (int t = 0; t < p1 - p0; t++)
            if (best < 0 || delta[t] < delta[best])
                best = t;
        if (best < 0)
            break;
        double rc1 = rooms_cost(&rs, N + 1, &na, &ns);
        if (!isfinite(rc1) || !(delta[best] + rc1 - rc < -EPS))
            break; /* the room costs are convex too: no later gain */
        int i = p0 + best;
        n[best]++;
        N++;
        v += delta[best] + rc1 - rc;
        rc = rc1;
        a = na;
        sh = ns;
        cur[best] = part_value(L, &L->parts[i], n[best], &L->take[i]);
        double q;
        int nub = (int)floor(col_up(L, L->parts[i].ncol) + 1e-9);
        delta[best] = n[best] < nub ? part_value(L, &L->parts[i], n[best] + 1,
                                                 &q) - cur[best]
                                    : INFINITY;
        *ops += 16;
    }
    for (int i = p0; i < p1; i++)
        L->nsol[k * AM_G + L->parts[i].g] = n[i - p0];
    L->asol[k] = a;
    L->ssol[k] = sh;
    *ops += 16 * (p1 - p0);
    return v;
}

static int cmp_vkey(const void *a, const void *b)
{
    const vkey *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->k - y->k;
}

/* Schools the max_open_schools row still allows among the free ones (at
 * most nsch; INT_MAX without the row). */
static int free_slots(const am_lagr *L)
{
    const am_model *m = L->m;
    if (m->sc->max_open_schools <= 0)
        return INT_MAX;
    int p = m->sc->max_open_schools - m->fixed_open_public;
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].ycol && L->st->ystate[k] == 1)
            p--;
    return p;
}

/* Seats a school can fill at most (the cover row's coefficient). */
static double school_capacity(const am_lagr *L, int k)
{
    const am_model *m = L->m;
    const am_sch *s = &m->sch[k];
    double c = 0;
    if (!s->class_mode) {
        c = s->seats;
        if (s->seat_ocol && !L->zero[s->seat_ocol])
            c += col_up(L, s->seat_ocol);
    } else {
        int amax = s->acol ? (int)floor(col_up(L, s->acol) + 1e-9) : 0;
        int smax = s->scol && !L->zero[s->scol]
                       ? (int)floor(col_up(L, s->scol) + 1e-9)
                       : 0;
        int top = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            if (!s->ncol[g])
                continue;
            if (s->ocol[g] && !L->zero[s->ocol[g]])
                return INFINITY; /* a seat above the cap for anyone */
            if (m->cap[g] > top)
                top = m->cap[g];
        }
        c = (double)(s->rooms + amax + smax) * top;
    }
    return c;
}

/* The cover row (Cornuejols, Sridharan and Thizy 1991): the open schools
 * must seat every pupil the earlier levels allow to be placed.  Kept
 * exactly (on capacities rounded up to COVER_UNITS parts of the need, a
 * relaxation) when max_open_schools does not bind the choice. */
static void init_cover(am_lagr *L)
{
    const am_model *m = L->m;
    L->cover_need = 0;
    if (m->sc->max_open_schools > 0)
        return;
    double need = 0, fixed_cap = 0;
    for (int i = 0; i < m->ngrp; i++)
        need += m->grp[i].demand;
    if (m->grp && L->zero[m->grp[0].ucol] == 0) {
        /* unplaced pupils allowed: only what the earlier level forces */
        double rhs = L->st->rhs[0], lc = m->level[0].constant;
        if (L->st->level == 0 || !isfinite(rhs))
            return;
        need -= fmax(0.0, rhs - lc);
    }
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        for (int g = 1; g <= SN_GRADES; g++)
            need += s->fixed[g];
        L->capacity[k] = school_capacity(L, k);
        if (!s->ycol)
            fixed_cap += L->capacity[k];
    }
    L->cover_need = need - fixed_cap;
}

/* Which schools open at the values val: fixed ones as fixed (school fk
 * forced to state fs when fk >= 0), free ones with negative value within
 * the free slots, then the cheapest cover of the seats still missing.
 * Fills open[]; returns the sum of val over the free schools opened, or
 * INFINITY when the fixings leave no feasible choice. */
static double choose(am_lagr *L, const double *val, char *open, vkey *tmp,
                     int fk, int fs)
{
    const am_model *m = L->m;
    int slots = free_slots(L), nf = 0;
    if (slots < 0)
        return INFINITY;
    double sum = 0, have = 0;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        int st = s->ycol ? (k == fk ? fs : L->st->ystate[k]) : 1;
        open[k] = st == 1;
        if (st == 1 && !isfinite(val[k]))
            return INFINITY;
        if (s->ycol && st == 1) {
            have += L->capacity[k];
            if (k == fk && L->st->ystate[k] < 0) {
                sum += val[k];
                slots--;
            }
        }
        if (st < 0 && val[k] < 0)
            tmp[nf++] = (vkey){val[k], k};
    }
    if (nf > slots)
        qsort(tmp, (size_t)nf, sizeof *tmp, cmp_vkey);
    for (int i = 0; i < nf && i < slots; i++) {
        open[tmp[i].k] = 1;
        sum += tmp[i].v;
        have += L->capacity[tmp[i].k];
    }
    double deficit = L->cover_need - have;
    if (deficit <= 1e-9)
        return sum;
    /* min sum of val over closed free schools with capacity >= deficit,
     * capacities rounded up to units of deficit / COVER_UNITS */
    double unit = deficit / COVER_UNITS;
    double *best = L->kbest;
    for (int w = 0; w <= COVER_UNITS; w++)
        best[w] = w == 0 ? 0.0 : INFINITY;
    int nitem = 0;
    for (int k = 0; k < m->nsch; k++) {
        if (!m->sch[k].ycol || open[k] || !isfinite(val[k]) ||
            (k == fk ? fs : L->st->ystate[k]) >= 0)
            continue;
        int w = (int)ceil(L->capacity[k] / unit - 1e-9);
        if (w <= 0)
            continue;
        /* 0/1: go down the array; record the item taken at each weight */
        char *took = L->kitem + (size_t)nitem * (COVER_UNITS + 1);
        memset(took, 0, COVER_UNITS + 1);
        for (int t = COVER_UNITS; t >= 0; t--) {
            if (!isfinite(best[t]))
                continue;
            int u = t + w > COVER_UNITS ? COVER_UNITS : t + w;
            if (best[t] + val[k] < best[u]) {
                best[u] = best[t] + val[k];
                L->kfrom[(size_t)nitem * (COVER_UNITS + 1) + u] = t;
                took[u] = 1;
            }
        }
        L->kschool[nitem++] = k;
    }
    if (!isfinite(best[COVER_UNITS]))
        return INFINITY; /* the free schools cannot seat them all */
    /* the schools of the optimum: walk the items backwards */
    int w = COVER_UNITS;
    for (int it = nitem - 1; it >= 0 && w > 0; it--) {
        if (!L->kitem[(size_t)it * (COVER_UNITS + 1) + w])
            continue;
        open[L->kschool[it]] = 1;
        w = L->kfrom[(size_t)it * (COVER_UNITS + 1) + w];
    }
    return sum + best[COVER_UNITS];
}

/* Which schools open at the current values.  Returns 0, or -1 when the
 * fixings leave no feasible choice. */
static int choose_open(am_lagr *L, vkey *tmp)
{
    return isfinite(choose(L, L->val, L->open, tmp, -1, 0)) ? 0 : -1;
}

/* Lagrangian solution x from the choices; returns L(multipliers) computed
 * from x and fills the subgradients. */
static double lagr_value(am_lagr *L)
{
    const am_model *m = L->m;
    double *x = L->x;
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        if (!L->open[k])
            continue;
        if (s->ycol)
            x[s->ycol] = 1;
        if (s->acol)
            x[s->acol] = L->asol[k];
        if (s->scol)
            x[s->scol] = L->ssol[k];
        for (int i = L->pstart[k]; i < L->pstart[k + 1]; i++) {
            const part *p = &L->parts[i];
            int n = s->class_mode ? L->nsol[k * AM_G + p->g] : 1;
            for (int h = p->h0; h < p->h1; h++) {
                int a = L->homeidx[h];
                x[m->arc[a].col] = m->grp[m->arc[a].grp].demand;
            }
            double left = L->take[i];
            for (int t = 0; t < p->ns && left > EPS; t++) {
                int a = L->su[p->s0 + t];
                double d = m->grp[m->arc[a].grp].demand;
                x[m->arc[a].col] = d < left ? d : left;
                left -= d;
            }
            double load = p->lf + L->take[i];
            if (s->class_mode) {
                x[p->ncol] = n;
                if (p->ecol)
                    x[p->ecol] = fmax(0.0, load - p->std * n);
                if (p->ocol)
                    x[p->ocol] = fmax(0.0, load - p->cap * n);
            } else if (p->ocol) {
                x[p->ocol] = fmax(0.0, load - p->std);
            }
        }
    }
    for (int i = 0; i < m->ngrp; i++) {
        int c = m->grp[i].ucol;
        if (!L->zero[c] && L->cost[c] - L->lam[i] < 0)
            x[c] = fmin(m->grp[i].demand, col_up(L, c));
    }
    /* the function itself, from x */
    const am_stage *st = L->st;
    double v = am_level_value(m, st->level, x);
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        double g = G->demand - x[G->ucol];
        for (int a = G->a0; a < G->a1; a++)
            g -= x[m->arc[a].col];
        L->sg_grp[i] = g;
        v += L->lam[i] * g;
    }
    for (int k = 0; k < m->nsch; k++)
        L->sg_bed[k] = -L->bedcap[k];
    for (int a = 0; a < m->narc; a++)
        if (m->arc[a].boarding)
            L->sg_bed[m->arc[a].sch] += x[m->arc[a].col];
    for (int k = 0; k < m->nsch; k++)
        v += L->mubed[k] * L->sg_bed[k];
    for (int j = 0; j < SN_LEVELS; j++) {
        L->sg_lvl[j] = 0;
        if (!L->lvlpriced[j])
            continue;
        L->sg_lvl[j] = (am_level_value(m, j, x) - st->rhs[j]) / L->lvlscale[j];
        v += L->mulvl[j] * L->sg_lvl[j];
    }
    L->sg_cap = 0;
    if (L->has_budget) {
        double c = 0;
        for (int k = 0; k < m->nsch; k++) {
            const am_sch *s = &m->sch[k];
            const sn_school *sc = &m->net->schools[s->school];
            if (s->ycol && is_candidate_build(m, k))
                c += sc->build_cost * x[s->ycol];
            if (s->acol)
                c += sc->classroom_cost * x[s->acol];
        }
        L->sg_cap = (c - L->budget_rhs) / L->capscale;
        v += L->nu * L->sg_cap;
    }
    return v;
}

/* The most a bed row's multiplier may be: a boarder above the beds (the
 * column bcol) costs cost[bcol], so a higher price would make bcol
 * unbounded below; INFINITY without such a column. */
static double bed_cap(const am_lagr *L, int k)
{
    int c = L->m->sch[k].bcol;
    if (!c || L->zero[c])
        return INFINITY;
    return fmax(0.0, L->cost[c]);
}

/* L at the current multipliers (costs, parts, schools, choice, value). */
static double evaluate(am_lagr *L, rkey *rk, vkey *vk, long long *ops)
{
    const am_model *m = L->m;
    set_costs(L);
    for (int k = 0; k < m->nsch; k++)
        L->mubed[k] = fmin(L->mubed[k], bed_cap(L, k));
    *ops += refresh_parts(L, rk) + m->ncols;
    for (int k = 0; k < m->nsch; k++) {
        int st = m->sch[k].ycol ? L->st->ystate[k] : 1;
        L->val[k] = st == 0 ? INFINITY : school_value(L, k, ops);
    }
    if (choose_open(L, vk) != 0)
        return INFINITY; /* no admissible choice: the region is empty */
    *ops += 2LL * m->ncols + 2LL * m->narc;
    return lagr_value(L);
}

/* ------------------------------------------------------- subgradient */

static void save_best(am_lagr *L, double v)
{
    const am_model *m = L->m;
    L->best = v;
    memcpy(L->best_lam, L->lam, (size_t)m->ngrp * sizeof *L->lam);
    memcpy(L->best_mubed, L->mubed, (size_t)m->nsch * sizeof *L->mubed);
    memcpy(L->best_mulvl, L->mulvl, sizeof L->mulvl);
    L->best_nu = L->nu;
    memcpy(L->best_val, L->val, (size_t)m->nsch * sizeof *L->val);
    memcpy(L->best_open, L->open, (size_t)m->nsch);
}

static void load_best(am_lagr *L)
{
    const am_model *m = L->m;
    memcpy(L->lam, L->best_lam, (size_t)m->ngrp * sizeof *L->lam);
    memcpy(L->mubed, L->best_mubed, (size_t)m->nsch * sizeof *L->mubed);
    memcpy(L->mulvl, L->best_mulvl, sizeof L->mulvl);
    L->nu = L->best_nu;
}

/* First multipliers: each group at its cheapest arc's cost, so that no
 * school looks attractive before the steps say who is short of a place. */
static void start_multipliers(am_lagr *L)
{
    const am_model *m = L->m;
    set_costs(L);
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        double lo = INFINITY;
        for (int a = G->a0; a < G->a1; a++)
            lo = fmin(lo, L->cost[m->arc[a].col]);
        L->lam[i] = isfinite(lo) ? lo : 0.0;
    }
}

/* The direction d = g + beta d (deflected subgradient, which damps the
 * zig-zag of plain steps), projected on the multipliers' signs; returns
 * its squared norm. */
static double direction(am_lagr *L, double beta)
{
    const am_model *m = L->m;
    double s2 = 0;
    for (int i = 0; i < m->ngrp; i++) {
        L->d_grp[i] = L->sg_grp[i] + beta * L->d_grp[i];
        s2 += L->d_grp[i] * L->d_grp[i];
    }
    for (int k = 0; k < m->nsch; k++) {
        double d = L->sg_bed[k] + beta * L->d_bed[k];
        L->d_bed[k] = L->mubed[k] > 0 || d > 0 ? d : 0.0;
        s2 += L->d_bed[k] * L->d_bed[k];
    }
    for (int j = 0; j < SN_LEVELS; j++) {
        if (!L->lvlpriced[j])
            continue;
        double d = L->sg_lvl[j] + beta * L->d_lvl[j];
        L->d_lvl[j] = L->mulvl[j] > 0 || d > 0 ? d : 0.0;
        s2 += L->d_lvl[j] * L->d_lvl[j];
    }
    if (L->has_budget) {
        double d = L->sg_cap + beta * L->d_cap;
        L->d_cap = L->nu > 0 || d > 0 ? d : 0.0;
        s2 += L->d_cap * L->d_cap;
    }
    return s2;
}

/* One projected step of length t along the direction. */
static void step(am_lagr *L, double t)
{
    const am_model *m = L->m;
    for (int i = 0; i < m->ngrp; i++)
        L->lam[i] += t * L->d_grp[i];
    for (int k = 0; k < m->nsch; k++)
        L->mubed[k] = fmin(bed_cap(L, k),
                           fmax(0.0, L->mubed[k] + t * L->d_bed[k]));
    for (int j = 0; j < SN_LEVELS; j++)
        if (L->lvlpriced[j])
            L->mulvl[j] = fmax(0.0, L->mulvl[j] + t * L->d_lvl[j]);
    if (L->has_budget)
        L->nu = fmax(0.0, L->nu + t * L->d_cap);
}

static unsigned long long open_hash(const char *open, int n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (int k = 0; k < n; k++)
        h = (h ^ (unsigned char)open[k]) * 1099511628211ULL;
    return h;
}

double am_lagr_run(am_lagr *L, double ub, const am_lagr_opts *o, sn_budget *b)
{
    const am_model *m = L->m;
    if (!L->ok)
        return -INFINITY;
    int maxp = 1;
    for (int i = 0; i < L->nparts; i++)
        if (L->parts[i].a1 - L->parts[i].a0 > maxp)
            maxp = L->parts[i].a1 - L->parts[i].a0;
    rkey *rk = malloc((size_t)maxp * sizeof *rk);
    vkey *vk = malloc(((size_t)m->nsch + 1) * sizeof *vk);
    char *tried = malloc((size_t)m->nsch + 1);
    if (!rk || !vk || !tried) {
        free(rk);
        free(vk);
        free(tried);
        return L->best;
    }
    if (!isfinite(L->best))
        start_multipliers(L);
    else
        load_best(L);
    unsigned long long last = 0;
    for (int it = 0; it < o->max_iter && !sn_budget_out(b); it++) {
        long long ops = 0;
        double v = evaluate(L, rk, vk, &ops);
        sn_budget_ops(b, ops);
        if (!isfinite(v)) { /* the fixings leave nothing: bound is +inf */
            L->best = v;
            break;
        }
        if (!isfinite(L->best) || v > L->best + 1e-9 * fmax(1.0, fabs(L->best))) {
            save_best(L, v);
            L->stall = 0;
        } else if (++L->stall >= 20) { /* no progress: shorter steps */
            L->theta /= 2;
            L->stall = 0;
        }
        if (o->heur && o->heur_every > 0 && it % o->heur_every == 0) {
            unsigned long long h = open_hash(L->open, m->nsch);
            if (h != last) {
                last = h;
                memcpy(tried, L->open, (size_t)m->nsch);
                ub = fmin(ub, o->heur(o->heur_ctx, tried));
            }
        }
        double gap = isfinite(ub) ? (ub - L->best) / fmax(1.0, fabs(ub))
                                  : INFINITY;
        if (gap <= o->target_gap || L->theta < 1e-4)
            break;
        double g2 = 0;
        for (int i = 0; i < m->ngrp; i++)
            g2 += L->sg_grp[i] * L->sg_grp[i];
        for (int k = 0; k < m->nsch; k++)
            g2 += L->sg_bed[k] > 0 ? L->sg_bed[k] * L->sg_bed[k] : 0.0;
        if (g2 <= 1e-12) /* the relaxed rows hold: x is optimal for it */
            break;
        /* beta 0.3: 183.4 M after 600 steps on the benchmark county's
         * cost level against 182.9 M with plain steps (0.2-0.4 alike) */
        double n2 = direction(L, 0.3);
        if (n2 <= 1e-12)
            n2 = direction(L, 0.0);
        double target = isfinite(ub) ? ub : v + fabs(v) * 0.05 + 1.0;
        if (target <= v)
            target = v + 1e-3 * fmax(1.0, fabs(v));
        step(L, L->theta * (target - v) / n2);
    }
    /* leave the state at the best multipliers for the getters */
    if (isfinite(L->best)) {
        load_best(L);
        long long ops = 0;
        evaluate(L, rk, vk, &ops);
        sn_budget_ops(b, ops);
    }
    free(rk);
    free(vk);
    free(tried);
    return L->best;
}

double am_lagr_bound(const am_lagr *L) { return L->ok ? L->best : -INFINITY; }
int am_lagr_ok(const am_lagr *L) { return L->ok; }

double am_lagr_open_value(const am_lagr *L, int k) { return L->best_val[k]; }
int am_lagr_opened(const am_lagr *L, int k) { return L->best_open[k]; }

int am_lagr_fix(am_lagr *L, double cutoff, signed char *ystate)
{
    const am_model *m = L->m;
    if (!L->ok || !isfinite(L->best) || ystate != L->st->ystate)
        return 0;
    /* the exact effect of forcing each free school the other way on the
     * choice of schools (slots and cover included), at the best values */
    double base = choose(L, L->best_val, L->scratch_open, L->vtmp, -1, 0);
    if (!isfinite(base))
        return 0;
    int nfix = 0;
    for (int k = 0; k < m->nsch; k++) {
        if (!m->sch[k].ycol || ystate[k] >= 0)
            continue;
        int other = L->best_open[k] ? 0 : 1;
        double v = choose(L, L->best_val, L->scratch_open, L->vtmp, k, other);
        if (L->best + (v - base) > cutoff) {
            ystate[k] = (signed char)(1 - other);
            nfix++;
        }
    }
    return nfix;
}

void am_lagr_arc_costs(const am_lagr *L, double *rc)
{
    memcpy(rc, L->r, (size_t)L->m->narc * sizeof *rc);
}

const double *am_lagr_duals(const am_lagr *L) { return L->best_lam; }
