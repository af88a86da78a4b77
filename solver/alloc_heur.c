/* alloc_heur.c - a constructive plan for one county, handed to GLPK as its
 * first incumbent.  Greedy and fast (linear in the arcs after sorting):
 *   1. open every school whose state is fixed and every closable school;
 *   2. seat enrolled pupils who stay, with the classes they need;
 *   3. place the movable groups, most constrained first, each at its
 *      designated school, then the nearest walking school, then the nearest
 *      boarding school, opening classes while classrooms last;
 *   4. if pupils are left over, open the candidate schools and start again;
 *   5. spend free classrooms on the grades furthest above standard size;
 *   6. close the closable schools nobody attends.
 * The point satisfies every row of the model except, possibly,
 * max_open_schools and the capital budget; am_heuristic says when it
 * breaks those, and the point is then not used.
 */
#include "solver/alloc_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct hstate {
    int *open;            /* per local school */
    int *n;               /* classes [k * AM_G + g] */
    int *load;            /* pupils [k * AM_G + g] */
    int *rooms_left, *beds_left;
    double *flow;         /* per arc */
    double *unplaced;     /* per group */
} hstate;

static int hstate_new(hstate *h, const am_model *m)
{
    size_t ns = (size_t)(m->nsch ? m->nsch : 1);
    h->open = calloc(ns, sizeof *h->open);
    h->n = calloc(ns * AM_G, sizeof *h->n);
    h->load = calloc(ns * AM_G, sizeof *h->load);
    h->rooms_left = calloc(ns, sizeof *h->rooms_left);
    h->beds_left = calloc(ns, sizeof *h->beds_left);
    h->flow = calloc((size_t)m->narc + 1, sizeof *h->flow);
    h->unplaced = calloc((size_t)m->ngrp + 1, sizeof *h->unplaced);
    return h->open && h->n && h->load && h->rooms_left && h->beds_left &&
                   h->flow && h->unplaced
               ? 0
               : SN_ENOMEM;
}

static void hstate_free(hstate *h)
{
    free(h->open);
    free(h->n);
    free(h->load);
    free(h->rooms_left);
    free(h->beds_left);
    free(h->flow);
    free(h->unplaced);
}

static int is_stay(const am_model *m, const hstate *h, int gi)
{
    const am_grp *G = &m->grp[gi];
    return G->home_arc >= 0 && h->open[m->arc[G->home_arc].sch];
}

/* Steps 1-2: reset, then seat the pupils who stay. */
static void seat_stayers(const am_model *m, hstate *h)
{
    const int H = m->sc->hard_cap;
    memset(h->n, 0, (size_t)m->nsch * AM_G * sizeof *h->n);
    memset(h->load, 0, (size_t)m->nsch * AM_G * sizeof *h->load);
    memset(h->flow, 0, ((size_t)m->narc + 1) * sizeof *h->flow);
    memset(h->unplaced, 0, ((size_t)m->ngrp + 1) * sizeof *h->unplaced);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        h->rooms_left[k] = h->open[k] ? s->rooms + s->maxnew : 0;
        h->beds_left[k] = s->beds - s->fixed_boarders;
        for (int g = 1; g <= SN_GRADES; g++)
            h->load[k * AM_G + g] = s->fixed[g];
    }
    for (int i = 0; i < m->ngrp; i++) {
        if (!is_stay(m, h, i))
            continue;
        const am_arc *a = &m->arc[m->grp[i].home_arc];
        h->flow[m->grp[i].home_arc] = m->grp[i].demand;
        h->load[a->sch * AM_G + m->grp[i].grade] += m->grp[i].demand;
        if (a->boarding)
            h->beds_left[a->sch] -= m->grp[i].demand;
    }
    for (int k = 0; k < m->nsch; k++) {
        if (!m->sch[k].class_mode || !h->open[k])
            continue;
        for (int g = 1; g <= SN_GRADES; g++) {
            int need = (h->load[k * AM_G + g] + H - 1) / H;
            if (need > h->rooms_left[k])
                need = h->rooms_left[k];
            h->n[k * AM_G + g] = need;
            h->rooms_left[k] -= need;
        }
    }
}

/* Free places for `want` more pupils of grade g at school k, opening classes
 * while classrooms last. */
static int room_for(const am_model *m, hstate *h, int k, int g, int want)
{
    const am_sch *s = &m->sch[k];
    if (!s->class_mode) {
        int used = 0;
        for (int q = 1; q <= SN_GRADES; q++)
            used += h->load[k * AM_G + q];
        return s->seats - used > 0 ? s->seats - used : 0;
    }
    const int H = m->sc->hard_cap;
    int *n = &h->n[k * AM_G + g];
    int free_ = H * *n - h->load[k * AM_G + g];
    while (free_ < want && h->rooms_left[k] > 0) {
        (*n)++;
        h->rooms_left[k]--;
        free_ += H;
    }
    return free_ > 0 ? free_ : 0;
}

typedef struct arc_key {
    int arc, rank;
    double km;
} arc_key;

static int cmp_arc_key(const void *a, const void *b)
{
    const arc_key *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    if (x->km != y->km)
        return x->km < y->km ? -1 : 1;
    return x->arc - y->arc;
}

static void place_group(const am_model *m, hstate *h, int gi, arc_key *keys)
{
    const am_grp *G = &m->grp[gi];
    int nk = 0;
    for (int a = G->a0; a < G->a1; a++) {
        const am_arc *A = &m->arc[a];
        if (!h->open[A->sch])
            continue;
        int rank = !A->diverted ? 0 : A->boarding ? 2 : 1;
        keys[nk++] = (arc_key){a, rank, A->km};
    }
    qsort(keys, (size_t)nk, sizeof *keys, cmp_arc_key);
    int left = G->demand;
    for (int i = 0; i < nk && left > 0; i++) {
        const am_arc *A = &m->arc[keys[i].arc];
        int take = room_for(m, h, A->sch, G->grade, left);
        if (A->boarding && take > h->beds_left[A->sch])
            take = h->beds_left[A->sch];
        if (take > left)
            take = left;
        if (take <= 0)
            continue;
        h->flow[keys[i].arc] += take;
        h->load[A->sch * AM_G + G->grade] += take;
        if (A->boarding)
            h->beds_left[A->sch] -= take;
        left -= take;
    }
    h->unplaced[gi] = left;
}

typedef struct grp_key {
    int grp, narcs;
} grp_key;

static int cmp_grp_key(const void *a, const void *b)
{
    const grp_key *x = a, *y = b;
    if (x->narcs != y->narcs)
        return x->narcs - y->narcs;
    return x->grp - y->grp;
}

/* Step 3: returns the number of pupils left unplaced. */
static long place_all(const am_model *m, hstate *h, grp_key *order,
                      arc_key *keys)
{
    seat_stayers(m, h);
    long left = 0;
    for (int i = 0; i < m->ngrp; i++) {
        int gi = order[i].grp;
        if (is_stay(m, h, gi))
            continue;
        place_group(m, h, gi, keys);
        left += (long)h->unplaced[gi];
    }
    return left;
}

/* Step 5: free classrooms go where classes are furthest above standard. */
static void split_large_classes(const am_model *m, hstate *h)
{
    for (int k = 0; k < m->nsch; k++) {
        if (!m->sch[k].class_mode || !h->open[k])
            continue;
        while (h->rooms_left[k] > 0) {
            int best = 0, worst = 0;
            for (int g = 1; g <= SN_GRADES; g++) {
                int ex = h->load[k * AM_G + g] -
                         sn_scenario_standard(m->sc, g) * h->n[k * AM_G + g];
                if (ex > worst && m->sch[k].ncol[g]) {
                    worst = ex;
                    best = g;
                }
            }
            if (!best)
                break;
            h->n[k * AM_G + best]++;
            h->rooms_left[k]--;
        }
    }
}

/* Step 6, then the column vector. */
static void fill_point(const am_model *m, hstate *h, double *x)
{
    const int H = m->sc->hard_cap;
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        int load = 0, classes = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            load += h->load[k * AM_G + g];
            classes += h->n[k * AM_G + g];
        }
        if (s->ycol && load == 0) {
            h->open[k] = 0;
            for (int g = 1; g <= SN_GRADES; g++)
                h->n[k * AM_G + g] = 0;
            classes = 0;
        }
        if (s->ycol)
            x[s->ycol] = h->open[k];
        if (s->acol)
            x[s->acol] = classes > s->rooms ? classes - s->rooms : 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            if (!s->ncol[g])
                continue;
            int L = h->load[k * AM_G + g], n = h->n[k * AM_G + g];
            x[s->ncol[g]] = n;
            int ex = L - sn_scenario_standard(m->sc, g) * n;
            x[s->ecol[g]] = ex > 0 ? ex : 0;
            if (s->ocol[g])
                x[s->ocol[g]] = L - H * n > 0 ? L - H * n : 0;
        }
        if (s->seat_ocol)
            x[s->seat_ocol] = load - s->seats > 0 ? load - s->seats : 0;
    }
    for (int a = 0; a < m->narc; a++)
        x[m->arc[a].col] = h->flow[a];
    for (int i = 0; i < m->ngrp; i++)
        x[m->grp[i].ucol] = h->unplaced[i];
}

/* Whether the point respects max_open_schools and the capital budget,
 * the two rows the greedy does not steer by. */
static int limits_ok(const am_model *m, const double *x)
{
    int open = m->fixed_open_public;
    double capital = m->fixed_capital;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        const sn_school *sc = &m->net->schools[s->school];
        if (s->ycol && x[s->ycol] > 0.5) {
            open++;
            if (s->is_candidate)
                capital += sc->build_cost;
        }
        if (s->acol)
            capital += sc->classroom_cost * x[s->acol];
    }
    if (m->sc->max_open_schools > 0 && open > m->sc->max_open_schools)
        return 0;
    return m->sc->capital_budget <= 0 ||
           capital <= m->sc->capital_budget + 1e-6;
}

int am_heuristic(const am_model *m, double *x)
{
    hstate h = {0};
    int maxarcs = 1, rc = SN_ENOMEM;
    for (int i = 0; i < m->ngrp; i++)
        if (m->grp[i].a1 - m->grp[i].a0 > maxarcs)
            maxarcs = m->grp[i].a1 - m->grp[i].a0;
    grp_key *order = malloc(((size_t)m->ngrp + 1) * sizeof *order);
    arc_key *keys = malloc((size_t)maxarcs * sizeof *keys);
    if (!order || !keys || hstate_new(&h, m) != 0)
        goto done;
    for (int i = 0; i < m->ngrp; i++)
        order[i] = (grp_key){i, m->grp[i].a1 - m->grp[i].a0};
    qsort(order, (size_t)m->ngrp, sizeof *order, cmp_grp_key);
    for (int k = 0; k < m->nsch; k++)
        h.open[k] = !m->sch[k].ycol || !m->sch[k].is_candidate;
    if (place_all(m, &h, order, keys) > 0) {
        int any = 0;
        for (int k = 0; k < m->nsch; k++)
            if (m->sch[k].is_candidate && !h.open[k])
                h.open[k] = any = 1;
        if (any)
            place_all(m, &h, order, keys);
    }
    split_large_classes(m, &h);
    fill_point(m, &h, x);
    rc = limits_ok(m, x) ? 0 : 1;
done:
    hstate_free(&h);
    free(order);
    free(keys);
    return rc;
}
