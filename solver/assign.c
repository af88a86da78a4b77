/* assign.c - minimum-cost assignment of seat-mode pupils to open schools
 * (assign.h). */
#include "solver/assign.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A group may be moved to its NEAR_OPEN cheapest open schools only: the
 * paths search a graph 10x smaller (100 x 1,000 facility location: 20 ms
 * a plan instead of 150), and the cost of a plan rises only when a
 * pupil's 16 cheapest open schools are all full. */
#define NEAR_OPEN 16

struct am_assign {
    const am_model *m;
    double *cost;        /* [narc] */
    int *sarc, *sstart;  /* arcs by school: sarc[sstart[k] .. sstart[k+1]) */
    char *open;          /* [nsch] */
    double *cap, *load;  /* [nsch] */
    double *flow;        /* [narc] */
    double *pot;         /* [nsch + ngrp]: schools first, then groups */
    double *dist;        /* [nsch + ngrp] */
    int *via;            /* [nsch + ngrp]: arc used to reach the node */
    char *done;          /* [nsch + ngrp] */
    int *heap, *hpos;    /* binary heap of nodes by dist */
    int hn;
    int *near;           /* [ngrp * NEAR_OPEN]: cheapest open arcs, -1 ends */
    /* arcs with flow into each school: fl[sstart[k] .. sstart[k] + nfl[k]),
     * fpos[a] the position of arc a there (or -1) */
    int *fl, *nfl, *fpos;
};

static void set_flow(am_assign *A, int a, double v)
{
    int k = A->m->arc[a].sch;
    if (A->flow[a] <= 0 && v > 0) {
        int p = A->sstart[k] + A->nfl[k]++;
        A->fl[p] = a;
        A->fpos[a] = p;
    } else if (A->flow[a] > 0 && v <= 0) {
        int p = A->fpos[a], last = A->sstart[k] + --A->nfl[k];
        A->fl[p] = A->fl[last];
        A->fpos[A->fl[p]] = p;
        A->fpos[a] = -1;
    }
    A->flow[a] = v;
}

int am_assign_fits(const am_model *m)
{
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].class_mode)
            return 0;
    return 1;
}

void am_assign_free(am_assign *A)
{
    if (!A)
        return;
    free(A->cost);
    free(A->sarc);
    free(A->sstart);
    free(A->open);
    free(A->cap);
    free(A->load);
    free(A->flow);
    free(A->pot);
    free(A->dist);
    free(A->via);
    free(A->done);
    free(A->heap);
    free(A->hpos);
    free(A->near);
    free(A->fl);
    free(A->nfl);
    free(A->fpos);
    free(A);
}

static void *xcalloc(size_t n, size_t s) { return calloc(n ? n : 1, s); }

int am_assign_new(am_assign **out, const am_model *m, const double *cost)
{
    *out = NULL;
    am_assign *A = calloc(1, sizeof *A);
    if (!A)
        return SN_ENOMEM;
    A->m = m;
    size_t na = (size_t)m->narc, ns = (size_t)m->nsch;
    size_t nn = ns + (size_t)m->ngrp;
    A->cost = xcalloc(na, sizeof *A->cost);
    A->sarc = xcalloc(na, sizeof *A->sarc);
    A->sstart = xcalloc(ns + 1, sizeof *A->sstart);
    A->open = xcalloc(ns, 1);
    A->cap = xcalloc(ns, sizeof *A->cap);
    A->load = xcalloc(ns, sizeof *A->load);
    A->flow = xcalloc(na, sizeof *A->flow);
    A->pot = xcalloc(nn, sizeof *A->pot);
    A->dist = xcalloc(nn, sizeof *A->dist);
    A->via = xcalloc(nn, sizeof *A->via);
    A->done = xcalloc(nn, 1);
    A->heap = xcalloc(nn, sizeof *A->heap);
    A->hpos = xcalloc(nn, sizeof *A->hpos);
    A->near = xcalloc((size_t)m->ngrp * NEAR_OPEN, sizeof *A->near);
    A->fl = xcalloc(na, sizeof *A->fl);
    A->nfl = xcalloc(ns, sizeof *A->nfl);
    A->fpos = xcalloc(na, sizeof *A->fpos);
    if (!A->near || !A->fl || !A->nfl || !A->fpos || !A->cost || !A->sarc || !A->sstart || !A->open || !A->cap ||
        !A->load || !A->flow || !A->pot || !A->dist || !A->via ||
        !A->done || !A->heap || !A->hpos) {
        am_assign_free(A);
        return SN_ENOMEM;
    }
    if (na)
        memcpy(A->cost, cost, na * sizeof *A->cost);
    for (int a = 0; a < m->narc; a++)
        A->sstart[m->arc[a].sch + 1]++;
    for (int k = 0; k < m->nsch; k++)
        A->sstart[k + 1] += A->sstart[k];
    int *fill = xcalloc(ns, sizeof *fill);
    if (!fill) {
        am_assign_free(A);
        return SN_ENOMEM;
    }
    for (int a = 0; a < m->narc; a++) {
        int k = m->arc[a].sch;
        A->sarc[A->sstart[k] + fill[k]++] = a;
    }
    free(fill);
    *out = A;
    return 0;
}

/* ------------------------------------------------------ a binary heap */

static void sift_up(am_assign *A, int i)
{
    int v = A->heap[i];
    while (i > 0) {
        int p = (i - 1) / 2;
        if (A->dist[A->heap[p]] <= A->dist[v])
            break;
        A->heap[i] = A->heap[p];
        A->hpos[A->heap[i]] = i;
        i = p;
    }
    A->heap[i] = v;
    A->hpos[v] = i;
}

static void sift_down(am_assign *A, int i)
{
    int v = A->heap[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= A->hn)
            break;
        if (c + 1 < A->hn && A->dist[A->heap[c + 1]] < A->dist[A->heap[c]])
            c++;
        if (A->dist[A->heap[c]] >= A->dist[v])
            break;
        A->heap[i] = A->heap[c];
        A->hpos[A->heap[i]] = i;
        i = c;
    }
    A->heap[i] = v;
    A->hpos[v] = i;
}

static void relax(am_assign *A, int v, double d, int arc)
{
    if (A->done[v] || d >= A->dist[v])
        return;
    int fresh = !isfinite(A->dist[v]);
    A->dist[v] = d;
    A->via[v] = arc;
    if (fresh) {
        A->heap[A->hn] = v;
        A->hpos[v] = A->hn++;
    }
    sift_up(A, A->hpos[v]);
}

static int pop(am_assign *A)
{
    int v = A->heap[0];
    A->heap[0] = A->heap[--A->hn];
    A->hpos[A->heap[0]] = 0;
    if (A->hn > 0)
        sift_down(A, 0);
    return v;
}

/* One shortest augmenting path from the overloaded schools to a school
 * with room, in reduced costs; moves as much as the path allows.  Returns
 * 0, or 1 when no school with room can be reached. */
static int augment(am_assign *A, long long *ops)
{
    const am_model *m = A->m;
    int ns = m->nsch, nn = ns + m->ngrp;
    for (int v = 0; v < nn; v++) {
        A->dist[v] = INFINITY;
        A->done[v] = 0;
    }
    A->hn = 0;
    for (int k = 0; k < ns; k++)
        if (A->open[k] && A->load[k] > A->cap[k] + 1e-9)
            relax(A, k, 0.0, -1);
    int target = -1;
    while (A->hn > 0) {
        int v = pop(A);
        A->done[v] = 1;
        if (v < ns) {
            if (A->load[v] < A->cap[v] - 1e-9) {
                target = v;
                break;
            }
            /* school v -> groups sending pupils to it (take them away) */
            for (int t = A->sstart[v]; t < A->sstart[v] + A->nfl[v]; t++) {
                int a = A->fl[t];
                if (m->grp[m->arc[a].grp].home_arc == a)
                    continue; /* pupils who stay are not moved */
                int g = ns + m->arc[a].grp;
                double rc = -A->cost[a] + A->pot[v] - A->pot[g];
                relax(A, g, A->dist[v] + fmax(rc, 0.0), a);
            }
            *ops += A->nfl[v];
        } else {
            /* group -> its cheapest open schools (send them there) */
            const int *near = A->near + (size_t)(v - ns) * NEAR_OPEN;
            for (int t = 0; t < NEAR_OPEN && near[t] >= 0; t++) {
                int a = near[t], k = m->arc[a].sch;
                double rc = A->cost[a] + A->pot[v] - A->pot[k];
                relax(A, k, A->dist[v] + fmax(rc, 0.0), a);
            }
            *ops += NEAR_OPEN;
        }
    }
    if (target < 0)
        return 1;
    double dt = A->dist[target];
    for (int v = 0; v < nn; v++) /* keep reduced costs non-negative */
        A->pot[v] += A->done[v] ? A->dist[v] - dt : 0.0;
    /* bottleneck: the source's overload, the target's room, the flows
     * taken back along the way */
    double amt = A->cap[target] - A->load[target];
    int v = target, src = target;
    while (A->via[v] >= 0) {
        int a = A->via[v];
        if (v < ns) { /* reached school v from group grp(a) */
            v = ns + m->arc[a].grp;
        } else {      /* reached group v from school sch(a): flow back */
            amt = fmin(amt, A->flow[a]);
            v = m->arc[a].sch;
        }
        src = v;
    }
    amt = fmin(amt, A->load[src] - A->cap[src]);
    v = target;
    while (A->via[v] >= 0) {
        int a = A->via[v];
        if (v < ns) {
            set_flow(A, a, A->flow[a] + amt);
            A->load[v] += amt;
            v = ns + m->arc[a].grp;
        } else {
            set_flow(A, a, A->flow[a] - amt);
            int k = m->arc[a].sch;
            A->load[k] -= amt;
            v = k;
        }
    }
    return amt > 0 ? 0 : 1;
}

int am_assign_plan(am_assign *A, const char *state, double *x,
                   long long *ops)
{
    const am_model *m = A->m;
    int ns = m->nsch;
    for (int k = 0; k < ns; k++) {
        const am_sch *s = &m->sch[k];
        A->open[k] = !s->ycol || state[k] != AM_CLOSED;
        double fixed = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            fixed += s->fixed[g];
        A->cap[k] = A->open[k] ? s->seats - fixed : 0;
        A->load[k] = 0;
        A->pot[k] = 0;
    }
    memset(A->flow, 0, (size_t)m->narc * sizeof *A->flow);
    memset(A->nfl, 0, (size_t)ns * sizeof *A->nfl);
    for (int a = 0; a < m->narc; a++)
        A->fpos[a] = -1;
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        A->pot[ns + i] = 0;
        if (G->home_arc >= 0 && A->open[m->arc[G->home_arc].sch]) {
            set_flow(A, G->home_arc, G->demand); /* stays: x = d y */
            A->cap[m->arc[G->home_arc].sch] -= G->demand;
            continue;
        }
        /* the NEAR_OPEN cheapest open arcs, cheapest first (insertion) */
        int *near = A->near + (size_t)i * NEAR_OPEN, nn = 0;
        for (int a = G->a0; a < G->a1; a++) {
            if (!A->open[m->arc[a].sch] || a == G->home_arc)
                continue;
            if (nn == NEAR_OPEN && A->cost[a] >= A->cost[near[nn - 1]])
                continue;
            int t = nn < NEAR_OPEN ? nn++ : nn - 1;
            while (t > 0 && A->cost[near[t - 1]] > A->cost[a]) {
                near[t] = near[t - 1];
                t--;
            }
            near[t] = a;
        }
        for (int t = nn; t < NEAR_OPEN; t++)
            near[t] = -1;
        *ops += G->a1 - G->a0;
        if (nn == 0)
            return 1;
        int best = near[0];
        set_flow(A, best, G->demand);
        A->load[m->arc[best].sch] += G->demand;
        A->pot[ns + i] = -A->cost[best];
    }
    double room = 0, need = 0;
    for (int k = 0; k < ns; k++) {
        room += A->cap[k] > 0 ? A->cap[k] : 0;
        need += A->load[k];
    }
    if (need > room + 1e-9)
        return 1; /* not enough seats: no path search can help */
    for (;;) {
        int over = 0;
        for (int k = 0; k < ns && !over; k++)
            over = A->open[k] && A->load[k] > A->cap[k] + 1e-9;
        if (!over)
            break;
        if (augment(A, ops))
            return 1;
    }
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    for (int a = 0; a < m->narc; a++)
        x[m->arc[a].col] = A->flow[a];
    for (int k = 0; k < ns; k++) {
        const am_sch *s = &m->sch[k];
        if (!s->ycol)
            continue;
        x[s->ycol] = A->open[k] && A->nfl[k] > 0 ? 1.0 : 0.0;
    }
    *ops += m->narc + m->ncols;
    return 0;
}
