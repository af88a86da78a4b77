/* teachers_cg.c - column generation over week patterns for the walking
 * stage (method in teachers_cg.h).
 *
 * Master rows: 1..ncell cover (u + periods = residual), then one
 * convexity row per unit, then the bound rows of solved levels.  Master
 * columns: 1..ncell u, then one column per pattern.  Patterns are stored
 * as runs of (arc, periods) entries of their unit's arcs.
 */
#include "solver/teachers_cg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS
#define EPS 1e-7
#define LP_FAIL 1        /* generate(): an LP not solved (not an error) */
#define MAX_NODES 200000 /* pricing search nodes per unit and round */
#define MAXL 5           /* away schools a week can hold (one a day) */
#define ART 1e5          /* cost of a unit of an artificial column: a bound
                          * row of an earlier level may be exceeded in the
                          * LP of a restricted master, at this price, so
                          * that it always has duals to price with */

typedef struct pat {
    int k, e0, e1, links, col;
    double cost2;        /* weighted km a week (level 2) */
} pat;

/* Units of one school and number of days in pricing: runs of equal value. */
typedef struct run {
    double v;
    int arc, n;
} run;

typedef struct cgs {
    tm_model *m;
    const tm_cg_opts *o;
    glp_prob *P;
    pat *pat; int npat, patcap;
    int *ea, *ep; int nent, acap, pcap;
    int vrow0;           /* convexity row of unit k: vrow0 + k */
    int brow[2];         /* bound rows of levels 0 and 1, 0 if none */
    int acol[2];         /* their artificial columns (cost ART), 0 if none */
    int *inc;            /* per unit: pattern index of the incumbent, -1 */
    int level;
    double t0;
    /* pricing scratch */
    double *pi;          /* per cell */
    run *runs;           /* [link][days] lists, RUNS_PER each */
    int *nrun;
    long nodes;
    int exact;
    const char *skip;    /* per unit: no pricing (a dive fixed its week) */
    const int *cov;      /* per cell: periods a dive has fixed, or NULL */
    double lev[3];       /* values the solved levels are bound to */
    /* budget */
    sn_budget *b;        /* the part's (o->budget) */
    long long steps;     /* elementary steps not yet charged to b */
    sn_end end;          /* most severe limit that cut a step of the level
                          * short (SN_END_NONE: none) */
} cgs;

/* Where a step of a level must end: `t` seconds after t0 without a work
 * limit, `w` units of the budget spent with one (the clock is then the
 * budget's safety deadline only). */
typedef struct mark {
    double t;
    long long w;
} mark;

static double elapsed(const cgs *g)
{
    return sn_clock() - g->t0;
}

static int stopped(const cgs *g)
{
    return g->o->stop && *g->o->stop;
}

static int by_work(const cgs *g)
{
    return g->b->work_limit >= 0;
}

static void note_end(cgs *g, sn_end e)
{
    if (e > g->end)
        g->end = e;
}

/* Charges the steps counted so far (100 make a unit). */
static void charge(cgs *g)
{
    sn_budget_ops(g->b, g->steps);
    g->steps = 0;
}

/* Whether the step that ends at `until` must end now (the stop flag, the
 * mark, or with a work limit the safety deadline); records why. */
static int over(cgs *g, mark until)
{
    charge(g);
    if (stopped(g)) {
        note_end(g, SN_END_STOP);
        return 1;
    }
    if (by_work(g)) {
        if (g->b->work_used >= until.w) {
            note_end(g, SN_END_WORK);
            return 1;
        }
        if (sn_clock() >= g->b->deadline) {
            note_end(g, SN_END_TIME);
            return 1;
        }
        return 0;
    }
    if (elapsed(g) >= until.t) {
        note_end(g, SN_END_TIME);
        return 1;
    }
    return 0;
}

/* Work units of one simplex iteration or node of the master (mip.h). */
static long long iter_unit(const cgs *g)
{
    return 1 + (glp_get_num_rows(g->P) + (long long)glp_get_num_cols(g->P)) /
                   100;
}

static int cell_of(const tm_model *m, int a)
{
    return m->cell_of[(size_t)m->arc[a].s * NJ + (size_t)m->arc[a].j];
}

/* ---- patterns ------------------------------------------------------------ */

static int grow(void **p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? 2 * *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (!q)
        return SN_ENOMEM;
    *p = q;
    *cap = c;
    return 0;
}

/* Links and weighted km of entries [e0, e1) of unit k (fewest days). */
static void measure(const cgs *g, int k, int e0, int e1, int *links,
                    double *cost2)
{
    const tm_model *m = g->m;
    const tm_unit *q = &m->unit[k];
    *links = 0;
    *cost2 = 0;
    for (int l = q->l0; l < q->l1; l++) {
        const tm_link *L = &m->link[l];
        int p[NJ + 1] = {0}, any = 0;
        for (int e = e0; e < e1; e++)
            if (g->ea[e] >= L->a0 && g->ea[e] < L->a1) {
                p[g->ea[e] - L->a0] += g->ep[e];
                any = 1;
            }
        if (!any)
            continue;
        (*links)++;
        *cost2 += 2.0 * L->km * q->kmw * tm_days_of(m, l, p);
    }
}

static double level_coef(const cgs *g, const pat *p)
{
    return g->level == 1 ? p->cost2 : g->level == 2 ? p->links : 0.0;
}

/* Adds a pattern of unit k from the entries appended at [e0, nent). */
static int add_pattern(cgs *g, int k, int e0)
{
    if (grow((void **)&g->pat, &g->patcap, g->npat + 1, sizeof *g->pat))
        return SN_ENOMEM;
    pat *p = &g->pat[g->npat];
    p->k = k;
    p->e0 = e0;
    p->e1 = g->nent;
    measure(g, k, p->e0, p->e1, &p->links, &p->cost2);
    int n = p->e1 - p->e0 + 2; /* GLPK memory: freed by the guard too */
    int *ind = glp_alloc(n + 1, (int)sizeof *ind);
    double *val = glp_alloc(n + 1, (int)sizeof *val);
    int c = 0;
    for (int e = p->e0; e < p->e1; e++) {
        ind[++c] = cell_of(g->m, g->ea[e]) + 1;
        val[c] = g->ep[e];
    }
    ind[++c] = g->vrow0 + k;
    val[c] = 1.0;
    if (g->brow[1]) {
        ind[++c] = g->brow[1];
        val[c] = p->cost2;
    }
    p->col = glp_add_cols(g->P, 1);
    glp_set_col_bnds(g->P, p->col, GLP_DB, 0.0, 1.0);
    glp_set_mat_col(g->P, p->col, c, ind, val);
    glp_set_obj_coef(g->P, p->col, level_coef(g, p));
    glp_free(ind);
    glp_free(val);
    g->npat++;
    return 0;
}

static int push_entry(cgs *g, int arc, int periods)
{
    if (grow((void **)&g->ea, &g->acap, g->nent + 1, sizeof *g->ea) ||
        grow((void **)&g->ep, &g->pcap, g->nent + 1, sizeof *g->ep))
        return SN_ENOMEM;
    g->ea[g->nent] = arc;
    g->ep[g->nent++] = periods;
    return 0;
}

/* The incumbent x as patterns (one per unit that walks). */
static int add_incumbent(cgs *g, const double *x)
{
    const tm_model *m = g->m;
    for (int k = 0; k < m->nunit; k++) {
        const tm_unit *q = &m->unit[k];
        int e0 = g->nent;
        g->inc[k] = -1;
        for (int a = q->a0; a < q->a1; a++) {
            int p = (int)floor(x[m->arc[a].xcol] + 0.5);
            if (p > 0 && push_entry(g, a, p))
                return SN_ENOMEM;
        }
        if (g->nent == e0)
            continue;
        if (add_pattern(g, k, e0))
            return SN_ENOMEM;
        g->inc[k] = g->npat - 1;
    }
    return 0;
}

/* ---- pricing ------------------------------------------------------------- */

static int cmp_run(const void *pa, const void *pb)
{
    const run *a = pa, *b = pb;
    if (a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return (a->arc > b->arc) - (a->arc < b->arc);
}

/* Fixed cost of d days at link l in the current level (mu2: dual of the
 * level-2 bound row, <= 0). */
static double fixed(const cgs *g, int l, int d, double mu2)
{
    const tm_model *m = g->m;
    double km = 2.0 * m->link[l].km * m->unit[m->link[l].k].kmw * d;
    return g->level == 1 ? km : g->level == 2 ? 1.0 - mu2 * km : 0.0;
}

/* Runs of link l (local index li) for d days: the best periods, at most
 * min(ppv d, cap), each arc within min(residual, daycap d, ub). */
static void link_runs(cgs *g, int l, int li, int d, int cap)
{
    const tm_model *m = g->m;
    const tm_link *L = &m->link[l];
    run *r = g->runs + ((size_t)li * SN_DAYS + (size_t)(d - 1)) * NJ;
    int n = 0;
    for (int a = L->a0; a < L->a1; a++) {
        int c = cell_of(m, a);
        double v = g->pi[c];
        if (v <= EPS)
            continue;
        int k = m->cell[c].demand - (g->cov ? g->cov[c] : 0);
        int dc = m->cell[c].daycap * d;
        if (dc < k)
            k = dc;
        if (m->arc[a].ub < k)
            k = m->arc[a].ub;
        if (k > 0) {
            run x = {v, a, k};
            r[n++] = x;
        }
    }
    qsort(r, (size_t)n, sizeof *r, cmp_run);
    g->steps += (L->a1 - L->a0) + 2 * n;
    int left = m->ppv * d < cap ? m->ppv * d : cap, keep = 0;
    for (int i = 0; i < n && left > 0; i++) {
        if (r[i].n > left)
            r[i].n = left;
        left -= r[i].n;
        keep = i + 1;
    }
    g->nrun[(size_t)li * SN_DAYS + (size_t)(d - 1)] = keep;
}

typedef struct pick {
    int li, d;
} pick;

typedef struct search {
    cgs *g;
    int k, cap, days, maxl, nl;
    int *order;          /* local links by best single value */
    double *best1;       /* per local link: best single value */
    int *l_of;           /* local -> link */
    double mu2;
    pick cur[MAXL], best[MAXL];
    int ncur, nbest;
    double bestv;
} search;

/* Value of the picks: the top cap units of their runs merged, minus the
 * fixed costs. */
static double value_of(const search *s, const pick *p, int n)
{
    cgs *g = s->g;
    int pos[MAXL] = {0}, used[MAXL] = {0}, left = s->cap;
    double v = 0;
    g->steps += n;
    for (int i = 0; i < n; i++)
        v -= fixed(g, s->l_of[p[i].li], p[i].d, s->mu2);
    while (left > 0) {
        int b = -1;
        double bv = 0;
        for (int i = 0; i < n; i++) {
            size_t base = ((size_t)p[i].li * SN_DAYS + (size_t)(p[i].d - 1));
            if (pos[i] < g->nrun[base]) {
                double rv = g->runs[base * NJ + (size_t)pos[i]].v;
                if (b < 0 || rv > bv) {
                    b = i;
                    bv = rv;
                }
            }
        }
        if (b < 0)
            break;
        size_t base = ((size_t)p[b].li * SN_DAYS + (size_t)(p[b].d - 1));
        const run *r = &g->runs[base * NJ + (size_t)pos[b]];
        int take = r->n - used[b] < left ? r->n - used[b] : left;
        g->steps += n;
        v += take * r->v;
        left -= take;
        used[b] += take;
        if (used[b] == r->n) {
            pos[b]++;
            used[b] = 0;
        }
    }
    return v;
}

static void dfs(search *s, int from, int days_left)
{
    cgs *g = s->g;
    g->steps++;
    if (++g->nodes > MAX_NODES) {
        g->exact = 0;
        return;
    }
    double cv = 0;
    if (s->ncur > 0) {
        cv = value_of(s, s->cur, s->ncur);
        if (cv > s->bestv + EPS) {
            s->bestv = cv;
            s->nbest = s->ncur;
            memcpy(s->best, s->cur, sizeof s->cur);
        }
    }
    if (s->ncur >= s->maxl || days_left <= 0)
        return;
    for (int i = from; i < s->nl; i++) {
        int li = s->order[i];
        /* bound: what is chosen plus the best singles that may follow
         * (a school adds at most its value alone) */
        double ub = cv;
        for (int j = i, n = s->ncur; j < s->nl && n < s->maxl; j++, n++)
            ub += s->best1[s->order[j]];
        if (ub <= s->bestv + EPS)
            return;
        for (int d = 1; d <= days_left; d++) {
            if (g->nrun[(size_t)li * SN_DAYS + (size_t)(d - 1)] == 0)
                continue;
            s->cur[s->ncur].li = li;
            s->cur[s->ncur++].d = d;
            dfs(s, i + 1, days_left - d);
            s->ncur--;
        }
    }
}

static int cmp_best(const void *pa, const void *pb, const double *b)
{
    int a = *(const int *)pa, c = *(const int *)pb;
    if (b[a] != b[c])
        return b[a] > b[c] ? -1 : 1;
    return (a > c) - (a < c);
}

/* Sorts order[0..n) by best1 descending (insertion: n is small). */
static void sort_links(int *order, int n, const double *best1)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && cmp_best(&order[j], &order[j - 1], best1) < 0;
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* The week of unit k with the most reduced profit; appends its entries
 * and returns the profit (0 and no entries when none is positive). */
static double price(cgs *g, int k, double mu2, int *e0, int *err)
{
    tm_model *m = g->m;
    const tm_unit *q = &m->unit[k];
    int nl = q->l1 - q->l0, days = SN_DAYS - q->hdays;
    int order[256], l_of[256];
    double best1[256];
    search s;
    memset(&s, 0, sizeof s);
    s.g = g;
    s.k = k;
    s.cap = q->cap;
    s.days = days;
    s.maxl = m->max_links < days ? m->max_links : days;
    if (s.maxl > MAXL)
        s.maxl = MAXL;
    s.mu2 = mu2;
    s.order = order;
    s.best1 = best1;
    s.l_of = l_of;
    *e0 = g->nent;
    if (nl > 256) {
        nl = 256; /* more schools in reach than the scratch holds */
        g->exact = 0;
    }
    for (int li = 0; li < nl; li++) {
        int l = q->l0 + li;
        l_of[li] = l;
        best1[li] = 0;
        for (int d = 1; d <= days; d++) {
            link_runs(g, l, li, d, q->cap);
            pick p = {li, d};
            double v = g->nrun[(size_t)li * SN_DAYS + (size_t)(d - 1)]
                           ? value_of(&s, &p, 1) : 0;
            if (v > best1[li])
                best1[li] = v;
        }
        if (best1[li] > EPS)
            order[s.nl++] = li;
    }
    sort_links(order, s.nl, best1);
    g->nodes = 0;
    dfs(&s, 0, days);
    if (s.nbest == 0)
        return 0;
    /* entries of the best picks: replay the merge */
    int pos[MAXL] = {0}, used[MAXL] = {0}, left = s.cap;
    while (left > 0) {
        int b = -1;
        double bv = 0;
        for (int i = 0; i < s.nbest; i++) {
            size_t base = (size_t)s.best[i].li * SN_DAYS + (size_t)(s.best[i].d - 1);
            if (pos[i] < g->nrun[base]) {
                double rv = g->runs[base * NJ + (size_t)pos[i]].v;
                if (b < 0 || rv > bv) {
                    b = i;
                    bv = rv;
                }
            }
        }
        if (b < 0)
            break;
        size_t base = (size_t)s.best[b].li * SN_DAYS + (size_t)(s.best[b].d - 1);
        const run *r = &g->runs[base * NJ + (size_t)pos[b]];
        int take = r->n - used[b] < left ? r->n - used[b] : left;
        if (push_entry(g, r->arc, take)) {
            *err = SN_ENOMEM;
            return 0;
        }
        left -= take;
        pos[b]++;
        used[b] = 0;
    }
    return s.bestv;
}

/* ---- levels -------------------------------------------------------------- */

static void set_objective(cgs *g)
{
    const tm_model *m = g->m;
    for (int c = 0; c < m->ncell; c++)
        glp_set_obj_coef(g->P, c + 1, g->level == 0 ? m->cell[c].weight : 0);
    for (int i = 0; i < g->npat; i++)
        glp_set_obj_coef(g->P, g->pat[i].col, level_coef(g, &g->pat[i]));
    for (int k = 0; k < 2; k++)
        if (g->acol[k])
            glp_set_obj_coef(g->P, g->acol[k], ART);
}

/* Whether the LP solution uses an artificial column. */
static int artificial(const cgs *g, int mip)
{
    for (int k = 0; k < 2; k++)
        if (g->acol[k] && (mip ? glp_mip_col_val(g->P, g->acol[k])
                               : glp_get_col_prim(g->P, g->acol[k])) > 1e-6)
            return 1;
    return 0;
}

/* One simplex run of the master within the step that ends at `until`:
 * its iterations are charged to the budget and, with a work limit, bound
 * by what the step has left (the clock only as the safety deadline).
 * Returns 0 when the LP is solved, -1 otherwise. */
static int simplex(cgs *g, mark until)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    long long unit = iter_unit(g);
    if (by_work(g)) {
        long long left = until.w - g->b->work_used;
        if (left <= 0) {
            note_end(g, SN_END_WORK);
            return -1;
        }
        sm.it_lim = (int)fmin((double)(left / unit + 1), 2e9);
        sm.tm_lim = (int)fmin(fmax(sn_budget_time_left(g->b), 0.001) * 1000.0,
                              2e9);
    } else {
        sm.tm_lim = (int)fmin(fmax(until.t - elapsed(g), 0.001) * 1000.0,
                              2e9);
    }
    int it0 = glp_get_it_cnt(g->P);
    int rc = glp_simplex(g->P, &sm);
    sn_budget_spend(g->b, (glp_get_it_cnt(g->P) - it0) * unit);
    if (rc == GLP_EITLIM)
        note_end(g, SN_END_WORK);
    else if (rc == GLP_ETMLIM)
        note_end(g, SN_END_TIME);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND)
        return 1;
    return rc == 0 && glp_get_status(g->P) == GLP_OPT ? 0 : -1;
}

static int lp(cgs *g, mark until)
{
    int rc = simplex(g, until);
    if (rc == 1) { /* the basis left by a previous solve is unusable */
        glp_std_basis(g->P);
        rc = simplex(g, until);
    }
    return rc == 0 ? 0 : -1;
}

static void report(const cgs *g, double best, double bound)
{
    if (!g->o->progress)
        return;
    sn_progress p = {0};
    p.phase = g->o->phase ? g->o->phase[g->level] : "teachers";
    p.has_best = 1;
    p.best = best;
    p.bound = bound;
    p.gap = fabs(best - bound) / fmax(fabs(best), 1.0);
    p.elapsed = g->o->elapsed0 + elapsed(g);
    g->o->progress(g->o->progress_ctx, &p);
}

/* Column generation of the current level until no column prices out or
 * `until`; *lb gets the best Lagrangian bound (or -INFINITY).  Returns 0,
 * SN_ENOMEM, or LP_FAIL (an LP not solved within the limits, or a
 * restricted master without a solution). */
static int generate(cgs *g, mark until, double incumbent, double *lb)
{
    const tm_model *m = g->m;
    *lb = -INFINITY;
    for (;;) {
        if (lp(g, until))
            return LP_FAIL;
        double z = glp_get_obj_val(g->P), lag = z, mu2 = 0;
        for (int c = 0; c < m->ncell; c++)
            g->pi[c] = glp_get_row_dual(g->P, c + 1);
        if (g->level == 2 && g->brow[1])
            mu2 = glp_get_row_dual(g->P, g->brow[1]);
        if (mu2 > 0)
            mu2 = 0;
        int added = 0, rc = 0;
        g->exact = 1;
        for (int k = 0; k < m->nunit && rc == 0; k++) {
            if (g->skip && g->skip[k])
                continue;
            double sigma = glp_get_row_dual(g->P, g->vrow0 + k);
            int e0;
            double profit = price(g, k, mu2, &e0, &rc);
            double red = -(profit + sigma); /* reduced cost of the week */
            if (rc == 0 && red < -1e-6 && g->nent > e0) {
                rc = add_pattern(g, k, e0);
                added++;
            } else {
                g->nent = e0;
            }
            if (red < 0)
                lag += red;
        }
        charge(g);
        if (rc)
            return rc;
        if (g->exact && lag > *lb)
            *lb = lag;
        report(g, incumbent, *lb);
        if (!added) {
            if (g->exact)
                *lb = z;
            return 0;
        }
        if (over(g, until))
            return 0;
    }
}

/* Whether pattern i fits the periods the cells have left. */
static int fits(const cgs *g, int i, const int *cov)
{
    const tm_model *m = g->m;
    for (int e = g->pat[i].e0; e < g->pat[i].e1; e++) {
        int c = cell_of(m, g->ea[e]);
        if (cov[c] + g->ep[e] > m->cell[c].demand)
            return 0;
    }
    return 1;
}

static void fix(cgs *g, int i, int *cov, char *fixed_unit, int on)
{
    const tm_model *m = g->m;
    fixed_unit[g->pat[i].k] = (char)on;
    for (int e = g->pat[i].e0; e < g->pat[i].e1; e++)
        cov[cell_of(m, g->ea[e])] += on ? g->ep[e] : -g->ep[e];
    if (on)
        glp_set_col_bnds(g->P, g->pat[i].col, GLP_FX, 1.0, 1.0);
    else
        glp_set_col_bnds(g->P, g->pat[i].col, GLP_DB, 0.0, 1.0);
}

/* Diving: fixes the units whose week the LP takes at 0.9 or more (else
 * the one of the largest value) to that week when it fits the periods
 * left (a week that does not fit is forbidden; pricing in the dive only
 * offers weeks within what is left), generates columns again, until the
 * LP takes whole weeks; x gets that plan when it is no worse on the level
 * and within the earlier levels.  Undone at the end.  Returns 0 or
 * SN_ENOMEM. */
static int dive(cgs *g, double *x, mark until)
{
    tm_model *m = g->m;
    char *fixed_unit = calloc((size_t)m->nunit + 1, 1);
    int *cov = calloc((size_t)m->ncell + 1, sizeof *cov);
    double *y = malloc(((size_t)m->ncols + 1) * sizeof *y);
    int *batch = malloc(((size_t)m->nunit + 1) * sizeof *batch);
    int rc = 0, nfixed = 0, nbatch = 0, single = 0, fails = 0;
    if (!fixed_unit || !cov || !y || !batch) {
        rc = SN_ENOMEM;
        goto done;
    }
    g->skip = fixed_unit;
    g->cov = cov;
    for (int iter = 0; nfixed < m->nunit && iter < 4 * m->nunit; iter++) {
        double lb;
        rc = generate(g, until, tm_level_value(m, g->level, x), &lb);
        if (rc) {
            rc = rc == LP_FAIL ? 0 : rc; /* an LP not solved in the time */
            break;
        }
        if (artificial(g, 0) && nbatch > 0) {
            /* the last fixings broke an earlier level: undo them; from now
             * on fix one week at a time, and forbid a single one that
             * breaks it (a few in a row: give up) */
            for (int b = 0; b < nbatch; b++)
                fix(g, batch[b], cov, fixed_unit, 0);
            nfixed -= nbatch;
            if (single) {
                glp_set_col_bnds(g->P, g->pat[batch[0]].col, GLP_FX, 0, 0);
                if (++fails > 8)
                    break;
            }
            single = 1;
            nbatch = 0;
            continue;
        }
        if (artificial(g, 0))
            break; /* broken by forbidden weeks alone: nothing to undo */
        fails = 0;
        nbatch = 0;
        int top = -1, whole = 1, changed = 0;
        double tv = 0;
        for (int i = 0; i < g->npat; i++) {
            const pat *p = &g->pat[i];
            double v = glp_get_col_prim(g->P, p->col);
            if (fixed_unit[p->k] || v < 1e-6)
                continue;
            whole &= v > 1 - 1e-6;
            if (!fits(g, i, cov)) {
                glp_set_col_bnds(g->P, p->col, GLP_FX, 0.0, 0.0);
                changed = 1;
            } else if (v >= 0.9 && !single) {
                fix(g, i, cov, fixed_unit, 1);
                batch[nbatch++] = i;
                nfixed++;
                changed = 1;
            } else if (v > tv) {
                tv = v;
                top = i;
            }
        }
        g->steps += g->npat;
        if (whole && !changed)
            break;
        if (!changed && top >= 0) {
            fix(g, top, cov, fixed_unit, 1);
            batch[nbatch++] = top;
            nfixed++;
        } else if (!changed) {
            break; /* the LP takes no week of the units left */
        }
        if (over(g, until))
            break;
    }
    if (rc == 0) {
        /* the fixed weeks, the rest filled greedily: kept when no earlier
         * level gets worse and this one better */
        memset(y + 1, 0, (size_t)m->ncols * sizeof *y);
        for (int i = 0; i < g->npat; i++)
            if (glp_get_col_type(g->P, g->pat[i].col) == GLP_FX &&
                glp_get_col_lb(g->P, g->pat[i].col) > 0.5)
                for (int e = g->pat[i].e0; e < g->pat[i].e1; e++)
                    y[m->arc[g->ea[e]].xcol] += g->ep[e];
        tm_fill(m, y);
        int ok = tm_level_value(m, g->level, y) <
                 tm_level_value(m, g->level, x) - 1e-9;
        for (int k = 0; k < g->level && ok; k++)
            ok = tm_level_value(m, k, y) <= g->lev[k] + 1e-6 * fabs(g->lev[k]) +
                                                 1e-6;
        if (ok)
            memcpy(x, y, ((size_t)m->ncols + 1) * sizeof *x);
    }
    for (int i = 0; i < g->npat; i++)
        if (glp_get_col_type(g->P, g->pat[i].col) == GLP_FX)
            glp_set_col_bnds(g->P, g->pat[i].col, GLP_DB, 0.0, 1.0);
    g->skip = NULL;
    g->cov = NULL;
done:
    free(fixed_unit);
    free(cov);
    free(y);
    free(batch);
    return rc;
}

/* ---- one walker at a time ---------------------------------------------- */

typedef struct onew {
    search s;
    int level, have;
    double cov0, km0;    /* the walker's current week */
    int links0;
    double bcov, bkm;    /* best week found */
    int blinks;
    pick best[MAXL];
    int nbest;
} onew;

/* Every set of schools and days of the walker: the most weighted periods
 * the days hold (value_of at level 0: no fixed costs), its km and links;
 * keeps the week that covers at least as much as the current one and is
 * cheaper on the level (km; links, then km no higher). */
static void enumerate(onew *w, int from, int days_left)
{
    search *s = &w->s;
    cgs *g = s->g;
    g->steps++;
    if (++g->nodes > MAX_NODES)
        return;
    if (s->ncur > 0) {
        double cov = value_of(s, s->cur, s->ncur), km = 0;
        for (int i = 0; i < s->ncur; i++) {
            const tm_link *L = &g->m->link[s->l_of[s->cur[i].li]];
            km += 2.0 * L->km * g->m->unit[L->k].kmw * s->cur[i].d;
        }
        int better = cov >= w->cov0 - 1e-9 &&
                     (w->level == 1 ? km < w->bkm - 1e-9
                                    : s->ncur < w->blinks ||
                                          (s->ncur == w->blinks &&
                                           km < w->bkm - 1e-9)) &&
                     (w->level == 1 || km <= w->km0 + 1e-9);
        if (better) {
            w->have = 1;
            w->bcov = cov;
            w->bkm = km;
            w->blinks = s->ncur;
            w->nbest = s->ncur;
            memcpy(w->best, s->cur, sizeof s->cur);
        }
    }
    if (s->ncur >= s->maxl || days_left <= 0)
        return;
    for (int i = from; i < s->nl; i++)
        for (int d = 1; d <= days_left; d++) {
            int li = s->order[i];
            if (g->nrun[(size_t)li * SN_DAYS + (size_t)(d - 1)] == 0)
                continue;
            s->cur[s->ncur].li = li;
            s->cur[s->ncur++].d = d;
            enumerate(w, i + 1, days_left - d);
            s->ncur--;
        }
}

/* Re-plans unit k's week with the others fixed (cov: their periods per
 * cell): a week covering at least the weighted periods of its current
 * one, cheaper on the level (1: km; 2: links, km no higher).  Returns 1
 * when x changed. */
static int replan(cgs *g, double *x, int k, int *cov)
{
    tm_model *m = g->m;
    const tm_unit *q = &m->unit[k];
    int nl = q->l1 - q->l0, days = SN_DAYS - q->hdays;
    if (nl > 256 || nl == 0)
        return 0;
    int order[256], l_of[256];
    double best1[256];
    onew w;
    memset(&w, 0, sizeof w);
    w.level = g->level;
    search *s = &w.s;
    s->g = g;
    s->k = k;
    s->cap = q->cap;
    s->maxl = m->max_links < days ? m->max_links : days;
    if (s->maxl > MAXL)
        s->maxl = MAXL;
    s->order = order;
    s->best1 = best1;
    s->l_of = l_of;
    /* the walker's week now */
    for (int l = q->l0; l < q->l1; l++) {
        const tm_link *L = &m->link[l];
        double p = 0;
        for (int a = L->a0; a < L->a1; a++) {
            double v = x[m->arc[a].xcol];
            p += v;
            w.cov0 += v * m->cell[cell_of(m, a)].weight;
            cov[cell_of(m, a)] -= (int)v;
        }
        if (p > 0) {
            w.links0++;
            w.km0 += 2.0 * L->km * q->kmw * x[L->vcol];
        }
    }
    w.bkm = w.km0;
    w.blinks = w.links0;
    int saved = g->level;
    g->level = 0; /* value_of without fixed costs */
    g->cov = cov;
    for (int c = 0; c < m->ncell; c++)
        g->pi[c] = m->cell[c].weight;
    for (int li = 0; li < nl; li++) {
        l_of[li] = q->l0 + li;
        best1[li] = 1;
        for (int d = 1; d <= days; d++)
            link_runs(g, q->l0 + li, li, d, q->cap);
        order[s->nl++] = li;
    }
    g->nodes = 0;
    enumerate(&w, 0, days);
    g->level = saved;
    g->cov = NULL;
    if (w.have) { /* the new week's periods: replay the merge */
        for (int a = q->a0; a < q->a1; a++)
            x[m->arc[a].xcol] = 0;
        int pos[MAXL] = {0}, left = s->cap;
        while (left > 0) {
            int b = -1;
            double bv = 0;
            for (int i = 0; i < w.nbest; i++) {
                size_t base = (size_t)w.best[i].li * SN_DAYS +
                              (size_t)(w.best[i].d - 1);
                if (pos[i] < g->nrun[base]) {
                    double rv = g->runs[base * NJ + (size_t)pos[i]].v;
                    if (b < 0 || rv > bv) {
                        b = i;
                        bv = rv;
                    }
                }
            }
            if (b < 0)
                break;
            size_t base = (size_t)w.best[b].li * SN_DAYS +
                          (size_t)(w.best[b].d - 1);
            const run *r = &g->runs[base * NJ + (size_t)pos[b]];
            int take = r->n < left ? r->n : left;
            x[m->arc[r->arc].xcol] += take;
            left -= take;
            pos[b]++;
        }
    }
    for (int a = q->a0; a < q->a1; a++) /* the others' view again */
        cov[cell_of(m, a)] += (int)x[m->arc[a].xcol];
    if (w.have) {
        tm_complete(m, x);
        return 1;
    }
    return 0;
}

/* Passes of replan over every walker until none improves or `until`. */
static int improve(cgs *g, double *x, mark until)
{
    tm_model *m = g->m;
    int *cov = calloc((size_t)m->ncell + 1, sizeof *cov);
    if (!cov)
        return SN_ENOMEM;
    for (int a = 0; a < m->narc; a++)
        cov[cell_of(m, a)] += (int)x[m->arc[a].xcol];
    g->steps += m->narc;
    int out = 0;
    for (int pass = 0; pass < 20 && !out; pass++) {
        int changed = 0;
        for (int k = 0; k < m->nunit; k++) {
            if ((out = over(g, until)) != 0)
                break;
            changed += replan(g, x, k, cov);
        }
        if (!changed)
            break;
    }
    charge(g);
    free(cov);
    return 0;
}

/* The master as a MIP over the columns generated, from the incumbent,
 * until `until`; x gets its solution when it is no worse on the level.
 * Returns 0 or the code of sn_mip_solve. */
static int branch(cgs *g, double *x, mark until, int *status, sn_error *err)
{
    tm_model *m = g->m;
    glp_prob *P = g->P;
    long long work = 0;     /* sn_mip_opts: 0 is none */
    double seconds = until.t - elapsed(g);
    if (by_work(g)) {
        work = until.w - g->b->work_used;
        if (work <= 0) {
            note_end(g, SN_END_WORK);
            return 0;
        }
        seconds = sn_budget_time_left(g->b); /* the safety stop */
    }
    int n = glp_get_num_cols(P);
    double *start = calloc((size_t)n + 1, sizeof *start);
    if (!start)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    for (int i = 0; i < g->npat; i++)
        glp_set_col_kind(P, g->pat[i].col, GLP_BV);
    for (int k = 0; k < 2; k++)
        if (g->acol[k])
            glp_set_col_bnds(P, g->acol[k], GLP_FX, 0.0, 0.0);
    for (int c = 0; c < m->ncell; c++)
        start[c + 1] = x[m->cell[c].ucol];
    for (int k = 0; k < m->nunit; k++)
        if (g->inc[k] >= 0)
            start[g->pat[g->inc[k]].col] = 1.0;
    sn_mip_opts mo = {.time_limit = fmax(seconds, 0.05),
                      .mip_gap = g->o->mip_gap * 0.5,
                      .start = start,
                      .phase = g->o->phase ? g->o->phase[g->level] : NULL,
                      .progress = g->o->progress,
                      .progress_ctx = g->o->progress_ctx,
                      .elapsed0 = g->o->elapsed0 + elapsed(g),
                      .stop = g->o->stop,
                      .work_limit = work};
    sn_mip_result res;
    int rc = sn_mip_solve(&res, P, &mo, err);
    if (rc == 0) {
        sn_budget_spend(g->b, res.work);
        if (res.ended_by >= SN_END_WORK)
            note_end(g, res.ended_by);
    }
    double before = tm_level_value(m, g->level, x);
    if (rc == 0 && (res.status == SN_MIP_OPTIMAL ||
                    res.status == SN_MIP_FEASIBLE) &&
        res.obj <= before + 1e-9) {
        memset(x + 1, 0, (size_t)m->ncols * sizeof *x);
        for (int i = 0; i < g->npat; i++) {
            const pat *p = &g->pat[i];
            int on = glp_mip_col_val(P, p->col) > 0.5;
            if (on)
                g->inc[p->k] = i;
            else if (g->inc[p->k] == i)
                g->inc[p->k] = -1;
            for (int e = p->e0; e < p->e1 && on; e++)
                x[m->arc[g->ea[e]].xcol] += g->ep[e];
        }
        tm_complete(m, x);
    }
    if (rc == 0)
        *status = res.status == SN_MIP_OPTIMAL ? SN_MIP_OPTIMAL
                                               : SN_MIP_FEASIBLE;
    for (int i = 0; i < g->npat; i++)
        glp_set_col_kind(P, g->pat[i].col, GLP_CV);
    for (int k = 0; k < 2; k++)
        if (g->acol[k])
            glp_set_col_bnds(P, g->acol[k], GLP_LO, 0.0, 0.0);
    free(start);
    return rc;
}

/* Row "level k <= v" (k 0: over u; k 1: over the patterns' km). */
static void bound_level(cgs *g, int k, double v)
{
    const tm_model *m = g->m;
    int row = glp_add_rows(g->P, 1);
    int n = k == 0 ? m->ncell : g->npat;
    int *ind = glp_alloc(n + 1, (int)sizeof *ind);
    double *val = glp_alloc(n + 1, (int)sizeof *val);
    for (int i = 0; i < n; i++) {
        ind[i + 1] = k == 0 ? i + 1 : g->pat[i].col;
        val[i + 1] = k == 0 ? m->cell[i].weight : g->pat[i].cost2;
    }
    glp_set_mat_row(g->P, row, n, ind, val);
    glp_set_row_bnds(g->P, row, GLP_UP, 0.0,
                     k == 0 ? floor(v + 0.5) + 1e-6
                            : v + 1e-6 * fabs(v) + 1e-3);
    glp_free(ind);
    glp_free(val);
    g->brow[k] = row;
    int col = g->acol[k] = glp_add_cols(g->P, 1), ai[2] = {0, row};
    double av[2] = {0, -1.0};
    glp_set_col_bnds(g->P, col, GLP_LO, 0.0, 0.0);
    glp_set_mat_col(g->P, col, 1, ai, av);
}

static void build_master(cgs *g)
{
    const tm_model *m = g->m;
    glp_prob *P = g->P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    if (m->ncell) {
        glp_add_rows(P, m->ncell);
        glp_add_cols(P, m->ncell);
    }
    for (int c = 0; c < m->ncell; c++) {
        int ind[2] = {0, c + 1};
        double val[2] = {0, 1.0};
        glp_set_row_bnds(P, c + 1, GLP_FX, m->cell[c].demand,
                         m->cell[c].demand);
        glp_set_col_bnds(P, c + 1, GLP_DB, 0, m->cell[c].demand);
        glp_set_mat_col(P, c + 1, 1, ind, val);
    }
    g->vrow0 = glp_add_rows(P, m->nunit > 0 ? m->nunit : 1);
    for (int k = 0; k < (m->nunit > 0 ? m->nunit : 1); k++)
        glp_set_row_bnds(P, g->vrow0 + k, GLP_UP, 0, 1);
}

static void cg_free(cgs *g)
{
    free(g->pat);
    free(g->ea);
    free(g->ep);
    free(g->inc);
    free(g->pi);
    free(g->runs);
    free(g->nrun);
}

/* The mark at fraction f of a level that started at t_level seconds and
 * w0 units with `share` seconds and `wshare` units (never beyond the
 * budget's work limit). */
static mark at(const cgs *g, double t_level, double share, long long w0,
               long long wshare, double f)
{
    mark k = {t_level + f * share, 0};
    if (by_work(g)) {
        k.w = w0 + (long long)floor(f * (double)wshare);
        if (k.w > g->b->work_limit)
            k.w = g->b->work_limit;
    }
    return k;
}

static int solve(cgs *gp, tm_model *m, double *x, double value[3],
                 double bound[3], int status[3], sn_end ended_by[3],
                 const tm_cg_opts *o, sn_error *err)
{
    static const double weight[3] = {3, 2, 1};
    cgs *g = gp;
    build_master(g);
    int rc = add_incumbent(g, x);
    for (int k = 0; k < 3; k++) {
        value[k] = tm_level_value(m, k, x);
        bound[k] = -INFINITY;
        status[k] = SN_MIP_FEASIBLE;
        ended_by[k] = SN_END_NONE;
    }
    for (int k = 0; k < 3 && rc == 0; k++) {
        g->level = k;
        g->end = SN_END_NONE;
        set_objective(g);
        value[k] = tm_level_value(m, k, x);
        double wsum = 0;
        for (int j = k; j < 3; j++)
            wsum += weight[j];
        double left = o->seconds - elapsed(g);
        double share = left * weight[k] / wsum, lb = -INFINITY;
        double t_level = elapsed(g);
        /* with a work limit the levels share work 3 : 2 : 1 the same way,
         * and nothing below looks at the clock but the safety stop */
        long long w0 = g->b->work_used, wshare = 0;
        if (by_work(g))
            wshare = (long long)floor((double)sn_budget_work_left(g->b) *
                                      weight[k] / wsum);
        if (value[k] <= 1e-9) {
            bound[k] = 0;
            status[k] = SN_MIP_OPTIMAL;
        } else if (stopped(g)) {
            ended_by[k] = SN_END_STOP;
        } else {
            rc = generate(g, at(g, t_level, share, w0, wshare, 0.6), value[k],
                          &lb);
            if (rc == LP_FAIL)
                rc = 0; /* an LP not solved in the time: no bound */
            if (k != 1 && isfinite(lb))
                lb = ceil(lb - 1e-6); /* integral objective */
            int done_k = isfinite(lb) && value[k] <= lb + 1e-9;
            if (rc == 0 && !done_k)
                rc = dive(g, x, at(g, t_level, share, w0, wshare, 0.85));
            if (rc == 0 && !done_k && k > 0)
                rc = improve(g, x, at(g, t_level, share, w0, wshare, 1.0));
            if (rc == 0 && !done_k && !(isfinite(lb) &&
                                        tm_level_value(m, k, x) <= lb + 1e-9)) {
                if (add_incumbent(g, x) == 0)
                    rc = branch(g, x, at(g, t_level, share, w0, wshare, 0.95),
                                &status[k], err);
                else
                    rc = SN_ENOMEM;
            }
            if (rc == 0 && k > 0)
                rc = improve(g, x, at(g, t_level, share, w0, wshare, 1.05));
            if (rc == 0 && k == 0)
                tm_fill(m, x); /* periods a spare teacher may still give */
            value[k] = tm_level_value(m, k, x);
            bound[k] = isfinite(lb) ? fmin(lb, value[k]) : -INFINITY;
            double gap = fabs(value[k] - bound[k]) / fmax(fabs(value[k]), 1);
            status[k] = isfinite(lb) && gap <= o->mip_gap + 1e-9
                            ? SN_MIP_OPTIMAL
                            : SN_MIP_FEASIBLE;
            ended_by[k] = status[k] == SN_MIP_OPTIMAL ? SN_END_GAP : g->end;
        }
        charge(g);
        g->lev[k] = value[k];
        if (rc == 0 && k < 2)
            bound_level(g, k, value[k]);
    }
    for (int k = 0; k < 3 && rc == 0; k++)
        value[k] = tm_level_value(m, k, x);
    return rc;
}

int tm_cg_solve(tm_model *m, double *x, double value[3], double bound[3],
                int status[3], sn_end ended_by[3], const tm_cg_opts *o,
                sn_error *err)
{
    /* on the heap: the pointer stays valid across a GLPK error's jump */
    cgs *g = calloc(1, sizeof *g);
    if (!g)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    g->m = m;
    g->o = o;
    g->b = o->budget;
    g->t0 = sn_clock();
    int maxlinks = 1;
    for (int k = 0; k < m->nunit; k++)
        if (m->unit[k].l1 - m->unit[k].l0 > maxlinks)
            maxlinks = m->unit[k].l1 - m->unit[k].l0;
    if (maxlinks > 256)
        maxlinks = 256;
    size_t nrl = (size_t)maxlinks * SN_DAYS;
    g->inc = malloc(((size_t)m->nunit + 1) * sizeof *g->inc);
    g->pi = calloc((size_t)m->ncell + 1, sizeof *g->pi);
    g->runs = malloc(nrl * NJ * sizeof *g->runs);
    g->nrun = calloc(nrl, sizeof *g->nrun);
    if (!g->inc || !g->pi || !g->runs || !g->nrun) {
        cg_free(g);
        free(g);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        cg_free(g);
        free(g);
        return sn_error_set(err, SN_ESOLVER, "GLPK failed: %s", guard.last);
    }
    int rc = solve(g, m, x, value, bound, status, ended_by, o, err);
    sn_glpk_guard_release();
    cg_free(g);
    free(g);
    if (rc == 0 || rc == LP_FAIL)
        return 0;
    return err->code ? rc : sn_error_set(err, rc, "out of memory");
}
