/* swap.c - drop / add / swap local search for facility-location data
 * (swap.h).  Flows are kept per arc with, for each school and each group,
 * the list of its arcs that carry pupils, so a move is priced in time
 * proportional to the pupils it touches. */
#include "solver/swap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct mv {
    int from, to;     /* arcs */
    double amt;
} mv;

typedef struct cand {
    double save;      /* per pupil */
    int from, to;
} cand;

struct am_swap {
    const am_model *m;
    double *c, *f;        /* arc costs, open costs */
    int *ord;             /* arcs of each group by cost: ord[a0 .. a1) */
    int *sstart, *sarc;   /* arcs into school k: sarc[sstart[k] .. k+1) */
    double *cap, *load, *flow, *tent;
    char *open;
    signed char *fixed;
    int *sfl, *nsfl, *spos; /* flowing arcs by school */
    int *gfl, *ngfl, *gpos; /* flowing arcs by group (within a0 .. a1) */
    int *touched, ntouched;
    mv *log;
    int nlog, logcap;
    cand *cd;
    int ncd, cdcap;
    double value;
    long long ops;
};

int am_swap_fits(const am_model *m)
{
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].class_mode || m->sch[k].seat_ocol)
            return 0;
    for (int i = 0; i < m->ngrp; i++)
        if (m->grp[i].home_arc >= 0)
            return 0;
    return 1;
}

void am_swap_free(am_swap *S)
{
    if (!S)
        return;
    free(S->c);
    free(S->f);
    free(S->ord);
    free(S->sstart);
    free(S->sarc);
    free(S->cap);
    free(S->load);
    free(S->flow);
    free(S->tent);
    free(S->open);
    free(S->fixed);
    free(S->sfl);
    free(S->nsfl);
    free(S->spos);
    free(S->gfl);
    free(S->ngfl);
    free(S->gpos);
    free(S->touched);
    free(S->log);
    free(S->cd);
    free(S);
}

static void *xcalloc(size_t n, size_t s) { return calloc(n ? n : 1, s); }

/* qsort context-free: arcs of one group sorted by (cost, arc) through a
 * key array */
typedef struct akey {
    double c;
    int a;
} akey;

static int cmp_akey(const void *x, const void *y)
{
    const akey *p = x, *q = y;
    if (p->c != q->c)
        return p->c < q->c ? -1 : 1;
    return p->a - q->a;
}

static int cmp_cand(const void *x, const void *y)
{
    const cand *p = x, *q = y;
    if (p->save != q->save)
        return p->save > q->save ? -1 : 1;
    return p->from != q->from ? p->from - q->from : p->to - q->to;
}

int am_swap_new(am_swap **out, const am_model *m, const double *cost)
{
    *out = NULL;
    am_swap *S = calloc(1, sizeof *S);
    if (!S)
        return SN_ENOMEM;
    S->m = m;
    size_t na = (size_t)m->narc, ns = (size_t)m->nsch;
    S->c = xcalloc(na, sizeof *S->c);
    S->f = xcalloc(ns, sizeof *S->f);
    S->ord = xcalloc(na, sizeof *S->ord);
    S->sstart = xcalloc(ns + 1, sizeof *S->sstart);
    S->sarc = xcalloc(na, sizeof *S->sarc);
    S->cap = xcalloc(ns, sizeof *S->cap);
    S->load = xcalloc(ns, sizeof *S->load);
    S->flow = xcalloc(na, sizeof *S->flow);
    S->tent = xcalloc(ns, sizeof *S->tent);
    S->open = xcalloc(ns, 1);
    S->fixed = xcalloc(ns, 1);
    S->sfl = xcalloc(na, sizeof *S->sfl);
    S->nsfl = xcalloc(ns, sizeof *S->nsfl);
    S->spos = xcalloc(na, sizeof *S->spos);
    S->gfl = xcalloc(na, sizeof *S->gfl);
    S->ngfl = xcalloc((size_t)m->ngrp, sizeof *S->ngfl);
    S->gpos = xcalloc(na, sizeof *S->gpos);
    S->touched = xcalloc(ns, sizeof *S->touched);
    int maxa = 1;
    for (int i = 0; i < m->ngrp; i++)
        if (m->grp[i].a1 - m->grp[i].a0 > maxa)
            maxa = m->grp[i].a1 - m->grp[i].a0;
    akey *tmp = xcalloc((size_t)maxa, sizeof *tmp);
    if (!S->c || !S->f || !S->ord || !S->sstart || !S->sarc || !S->cap || !S->load ||
        !S->flow || !S->tent || !S->open || !S->fixed || !S->sfl ||
        !S->nsfl || !S->spos || !S->gfl || !S->ngfl || !S->gpos ||
        !S->touched || !tmp) {
        free(tmp);
        am_swap_free(S);
        return SN_ENOMEM;
    }
    for (int a = 0; a < m->narc; a++) {
        S->c[a] = cost[m->arc[a].col];
        S->sstart[m->arc[a].sch + 1]++;
    }
    for (int k = 0; k < m->nsch; k++) {
        S->sstart[k + 1] += S->sstart[k];
        S->f[k] = m->sch[k].ycol ? cost[m->sch[k].ycol] : 0.0;
    }
    for (int a = 0; a < m->narc; a++) { /* tent as a fill counter */
        int k = m->arc[a].sch;
        S->sarc[S->sstart[k] + (int)S->tent[k]++] = a;
    }
    memset(S->tent, 0, ns * sizeof *S->tent);
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        int n = 0;
        for (int a = G->a0; a < G->a1; a++)
            tmp[n++] = (akey){S->c[a], a};
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_akey);
        for (int t = 0; t < n; t++)
            S->ord[G->a0 + t] = tmp[t].a;
    }
    free(tmp);
    *out = S;
    return 0;
}

/* ------------------------------------------------------------ flows */

static void set_flow(am_swap *S, int a, double v)
{
    const am_model *m = S->m;
    int k = m->arc[a].sch, g = m->arc[a].grp;
    if (S->flow[a] <= 0 && v > 0) {
        int p = S->sstart[k] + S->nsfl[k]++;
        S->sfl[p] = a;
        S->spos[a] = p;
        int q = m->grp[g].a0 + S->ngfl[g]++;
        S->gfl[q] = a;
        S->gpos[a] = q;
    } else if (S->flow[a] > 0 && v <= 0) {
        int p = S->spos[a], last = S->sstart[k] + --S->nsfl[k];
        S->sfl[p] = S->sfl[last];
        S->spos[S->sfl[p]] = p;
        int q = S->gpos[a], glast = m->grp[g].a0 + --S->ngfl[g];
        S->gfl[q] = S->gfl[glast];
        S->gpos[S->gfl[q]] = q;
        v = 0;
    }
    S->load[k] += v - S->flow[a];
    S->flow[a] = v;
}

static int log_move(am_swap *S, int from, int to, double amt)
{
    if (S->nlog == S->logcap) {
        int ncap = S->logcap ? 2 * S->logcap : 256;
        mv *p = realloc(S->log, (size_t)ncap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        S->log = p;
        S->logcap = ncap;
    }
    S->log[S->nlog++] = (mv){from, to, amt};
    return 0;
}

/* Applies log entries [from, nlog) to the flows (forward). */
static void apply_log(am_swap *S, int from)
{
    for (int i = from; i < S->nlog; i++) {
        const mv *v = &S->log[i];
        set_flow(S, v->from, S->flow[v->from] - v->amt);
        set_flow(S, v->to, S->flow[v->to] + v->amt);
    }
}

/* Undoes log entries [from, nlog) (backward) and drops them. */
static void undo_log(am_swap *S, int from)
{
    for (int i = S->nlog - 1; i >= from; i--) {
        const mv *v = &S->log[i];
        set_flow(S, v->to, S->flow[v->to] - v->amt);
        set_flow(S, v->from, S->flow[v->from] + v->amt);
    }
    S->nlog = from;
}

static void touch(am_swap *S, int k, double amt)
{
    if (S->tent[k] == 0)
        S->touched[S->ntouched++] = k;
    S->tent[k] += amt;
}

static void clear_tent(am_swap *S)
{
    for (int i = 0; i < S->ntouched; i++)
        S->tent[S->touched[i]] = 0;
    S->ntouched = 0;
}

/* ------------------------------------------------------------ moves */

/* Pupils of school k moved to their cheapest open schools with room (k
 * closing): logs the moves and returns the change of value, INFINITY when
 * some cannot be placed.  Nothing is applied. */
static double price_drop(am_swap *S, int k)
{
    const am_model *m = S->m;
    double delta = -S->f[k];
    for (int t = S->sstart[k]; t < S->sstart[k] + S->nsfl[k]; t++) {
        int a = S->sfl[t];
        const am_grp *G = &m->grp[m->arc[a].grp];
        double amt = S->flow[a];
        for (int u = G->a0; u < G->a1 && amt > 1e-9; u++) {
            int b = S->ord[u], h = m->arc[b].sch;
            S->ops++;
            if (h == k || !S->open[h])
                continue;
            double room = S->cap[h] - S->load[h] - S->tent[h];
            if (room <= 1e-9)
                continue;
            double take = room < amt ? room : amt;
            touch(S, h, take);
            delta += take * (S->c[b] - S->c[a]);
            if (log_move(S, a, b, take))
                return INFINITY;
            amt -= take;
        }
        if (amt > 1e-9) {
            clear_tent(S);
            return INFINITY;
        }
    }
    clear_tent(S);
    return delta;
}

/* School q opening: pupils for whom q is cheaper than where they are move
 * there, largest saving first, while q has room.  Logs the moves and
 * returns the change of value. */
static double price_add(am_swap *S, int q)
{
    const am_model *m = S->m;
    S->ncd = 0;
    for (int t = S->sstart[q]; t < S->sstart[q + 1]; t++) {
        int bq = S->sarc[t], i = m->arc[bq].grp;
        const am_grp *G = &m->grp[i];
        S->ops += 1 + S->ngfl[i];
        for (int p = G->a0; p < G->a0 + S->ngfl[i]; p++) {
            int a = S->gfl[p];
            double save = S->c[a] - S->c[bq];
            if (save <= 1e-12)
                continue;
            if (S->ncd == S->cdcap) {
                int ncap = S->cdcap ? 2 * S->cdcap : 256;
                cand *np = realloc(S->cd, (size_t)ncap * sizeof *np);
                if (!np)
                    return INFINITY;
                S->cd = np;
                S->cdcap = ncap;
            }
            S->cd[S->ncd++] = (cand){save, a, bq};
        }
    }
    if (S->ncd > 1)
        qsort(S->cd, (size_t)S->ncd, sizeof *S->cd, cmp_cand);
    double room = S->cap[q] - S->load[q], delta = S->f[q];
    for (int i = 0; i < S->ncd && room > 1e-9; i++) {
        double take = S->flow[S->cd[i].from];
        if (take > room)
            take = room;
        delta -= take * S->cd[i].save;
        room -= take;
        if (log_move(S, S->cd[i].from, S->cd[i].to, take))
            return INFINITY;
    }
    S->ops += S->ncd;
    return delta;
}

static int improves(double delta, double value)
{
    return delta < -1e-9 * fmax(1.0, fabs(value)) - 1e-9;
}

static int try_drop(am_swap *S, int k)
{
    int mark = S->nlog;
    double d = price_drop(S, k);
    if (isfinite(d) && improves(d, S->value)) {
        apply_log(S, mark);
        S->open[k] = 0;
        S->value += d;
        S->nlog = 0;
        return 1;
    }
    S->nlog = mark;
    return 0;
}

static int try_add(am_swap *S, int q)
{
    int mark = S->nlog;
    double d = price_add(S, q);
    if (isfinite(d) && improves(d, S->value)) {
        S->open[q] = 1;
        apply_log(S, mark);
        S->value += d;
        S->nlog = 0;
        return 1;
    }
    S->nlog = mark;
    return 0;
}

/* q opens (its pupils moved in for real), then k's pupils are priced out;
 * kept when the two together improve, else undone. */
static int try_swap(am_swap *S, int k, int q)
{
    int mark = S->nlog;
    double d1 = price_add(S, q);
    if (!isfinite(d1)) {
        S->nlog = mark;
        return 0;
    }
    S->open[q] = 1;
    apply_log(S, mark);
    int mark2 = S->nlog;
    double d2 = price_drop(S, k);
    if (isfinite(d2) && improves(d1 + d2, S->value)) {
        apply_log(S, mark2);
        S->open[k] = 0;
        S->value += d1 + d2;
        S->nlog = 0;
        return 1;
    }
    S->nlog = mark2;
    undo_log(S, mark);
    S->open[q] = 0;
    return 0;
}

/* ------------------------------------------------------------ search */

double am_swap_load(am_swap *S, const double *x, const signed char *fixed)
{
    const am_model *m = S->m;
    memset(S->nsfl, 0, (size_t)m->nsch * sizeof *S->nsfl);
    memset(S->ngfl, 0, (size_t)m->ngrp * sizeof *S->ngfl);
    memset(S->flow, 0, (size_t)m->narc * sizeof *S->flow);
    S->value = 0;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        S->open[k] = !s->ycol || x[s->ycol] > 0.5;
        S->fixed[k] = s->ycol ? fixed[k] : 1;
        double fx = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            fx += s->fixed[g];
        S->cap[k] = s->seats - fx;
        S->load[k] = 0;
        S->tent[k] = 0;
        if (S->open[k])
            S->value += S->f[k];
    }
    for (int i = 0; i < m->ngrp; i++)
        if (x[m->grp[i].ucol] > 0.5)
            return INFINITY; /* unplaced pupils: not this kind of plan */
    for (int a = 0; a < m->narc; a++) {
        double v = x[m->arc[a].col];
        if (v > 0) {
            set_flow(S, a, v);
            S->value += v * S->c[a];
        }
    }
    S->nlog = 0;
    S->ntouched = 0;
    return S->value;
}

double am_swap_descend(am_swap *S, const int *near, int nnear, sn_budget *b)
{
    const am_model *m = S->m;
    int slots = m->sc->max_open_schools > 0
                    ? m->sc->max_open_schools - m->fixed_open_public
                    : m->nsch + 1;
    for (int improved = 1; improved && !sn_budget_out(b);) {
        improved = 0;
        int nopen = 0;
        for (int k = 0; k < m->nsch; k++)
            nopen += m->sch[k].ycol && S->open[k];
        for (int k = 0; k < m->nsch && !sn_budget_out(b); k++) {
            if (S->fixed[k] >= 0)
                continue;
            if (S->open[k])
                improved += try_drop(S, k);
            else if (nopen < slots && try_add(S, k)) {
                improved++;
                nopen++;
            }
            sn_budget_ops(b, S->ops);
            S->ops = 0;
        }
        for (int k = 0; k < m->nsch && !sn_budget_out(b); k++) {
            if (S->fixed[k] >= 0 || !S->open[k])
                continue;
            const int *row = near + (size_t)k * nnear;
            for (int t = 1; t < nnear && row[t] >= 0; t++) {
                int q = row[t];
                if (S->fixed[q] >= 0 || S->open[q])
                    continue;
                int ok = try_swap(S, k, q);
                sn_budget_ops(b, S->ops);
                S->ops = 0;
                if (ok) {
                    improved++;
                    break;
                }
                if (sn_budget_out(b))
                    break;
            }
        }
    }
    return S->value;
}

void am_swap_point(const am_swap *S, double *x)
{
    const am_model *m = S->m;
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    for (int a = 0; a < m->narc; a++)
        x[m->arc[a].col] = S->flow[a];
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].ycol)
            x[m->sch[k].ycol] = S->open[k] && S->nsfl[k] > 0 ? 1.0 : 0.0;
}

void am_swap_state(const am_swap *S, char *state)
{
    const am_model *m = S->m;
    for (int k = 0; k < m->nsch; k++)
        state[k] = !m->sch[k].ycol ? AM_DEFAULT
                   : S->open[k] && S->nsfl[k] > 0 ? AM_OPEN
                                                   : AM_CLOSED;
}

int am_swap_kick(am_swap *S, int r, const int *near, int nnear)
{
    const am_model *m = S->m;
    int nopen = 0;
    for (int k = 0; k < m->nsch; k++)
        nopen += S->fixed[k] < 0 && S->open[k];
    if (nopen == 0)
        return 1;
    int want = r % nopen, seen = 0;
    for (int k = 0; k < m->nsch; k++) {
        if (S->fixed[k] >= 0 || !S->open[k] || seen++ != want)
            continue;
        const int *row = near + (size_t)k * nnear;
        for (int t = 1 + (r / nopen) % 3; t < nnear && row[t] >= 0; t++) {
            int q = row[t];
            if (S->fixed[q] >= 0 || S->open[q])
                continue;
            /* the swap whatever it costs */
            int mark = S->nlog;
            double d1 = price_add(S, q);
            if (!isfinite(d1)) {
                S->nlog = mark;
                return 1;
            }
            S->open[q] = 1;
            apply_log(S, mark);
            int mark2 = S->nlog;
            double d2 = price_drop(S, k);
            if (!isfinite(d2)) {
                S->nlog = mark2;
                undo_log(S, mark);
                S->open[q] = 0;
                return 1;
            }
            apply_log(S, mark2);
            S->open[k] = 0;
            S->value += d1 + d2;
            S->nlog = 0;
            return 0;
        }
        return 1;
    }
    return 1;
}
