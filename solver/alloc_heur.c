/* alloc_heur.c - a constructive plan for one county, handed to GLPK as its
 * first incumbent.  Greedy and fast (linear in the arcs after sorting):
 *   1. open every school whose state is fixed and every closable school;
 *   2. seat enrolled pupils who stay, with the classes they need (at least
 *      one per grade with pupils, even without a classroom);
 *   3. place the movable groups, most constrained first, each at its
 *      designated school, then the nearest walking school, then the nearest
 *      bus or boarding school, opening classes while classrooms last (run
 *      twice: classes filled to the hard cap, or to standard size first
 *      with a second pass to the cap; the better point wins); pupils left
 *      then sit above the cap at the first day school in that order, else
 *      above the beds at the first boarding school (a seat for every child
 *      in reach); only pupils with no existing public class-mode school in
 *      reach may stay unplaced;
 *   4. if pupils are left unplaced or above the cap, open the candidate
 *      schools and start again, keeping the better point;
 *   5. spend free classrooms on the grades above the cap, then existing
 *      free ones on the grades above standard size;
 *   6. close the closable schools nobody attends.
 * The point satisfies every row of the model except, possibly,
 * max_open_schools and the capital budget; am_heuristic says when it
 * breaks those, and the point is then not used.
 */
#include "solver/alloc_model.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct hstate {
    int *open;            /* per local school */
    int *n;               /* classes [k * AM_G + g] */
    int *load;            /* pupils [k * AM_G + g] */
    int *rooms_left, *beds_left;
    double *flow;         /* per arc */
    double *unplaced;     /* per group: pupils still to place */
    double *scratch;      /* a second point (ncols + 1) */
    int std_first;        /* fill classes to standard size before the cap */
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
    h->scratch = calloc((size_t)m->ncols + 1, sizeof *h->scratch);
    return h->open && h->n && h->load && h->rooms_left && h->beds_left &&
                   h->flow && h->unplaced && h->scratch
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
    free(h->scratch);
}

static int is_stay(const am_model *m, const hstate *h, int gi)
{
    const am_grp *G = &m->grp[gi];
    return G->home_arc >= 0 && h->open[m->arc[G->home_arc].sch];
}

/* Steps 1-2: reset, then seat the pupils who stay. */
static void seat_stayers(const am_model *m, hstate *h)
{
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
        if (!is_stay(m, h, i)) {
            h->unplaced[i] = m->grp[i].demand;
            continue;
        }
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
            int L = h->load[k * AM_G + g], H = m->cap[g];
            int need = (L + H - 1) / H;
            if (need > h->rooms_left[k])
                need = h->rooms_left[k];
            if (L > 0 && need < 1)
                need = 1; /* never 0 classes: one without a classroom */
            h->n[k * AM_G + g] = need;
            h->rooms_left[k] -= need;
        }
    }
}

/* Free places for `want` more pupils of grade g at school k in classes of
 * at most `size`, opening classes while classrooms last (keeping `keep`
 * of them: the additions, when cost comes first). */
static int room_for(const am_model *m, hstate *h, int k, int g, int want,
                    int size, int keep)
{
    const am_sch *s = &m->sch[k];
    if (!s->class_mode) {
        int used = 0;
        for (int q = 1; q <= SN_GRADES; q++)
            used += h->load[k * AM_G + q];
        return s->seats - used > 0 ? s->seats - used : 0;
    }
    int *n = &h->n[k * AM_G + g];
    if (h->rooms_left[k] < 0)
        return 0; /* classes without rooms already */
    int free_ = size * *n - h->load[k * AM_G + g];
    while (free_ < want && h->rooms_left[k] > keep) {
        (*n)++;
        h->rooms_left[k]--;
        free_ += size;
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

static int before(const am_model *m, int a, int b);

/* Puts `left` pupils of group gi above the cap at the first open
 * class-mode day school in key order (else, above its beds, at the first
 * such boarding school), opening their grade's first class if it has
 * none.  Returns the pupils still left (0, or all when there is no such
 * school). */
static int seat_over_cap(const am_model *m, hstate *h, int gi,
                         const arc_key *keys, int nk, int left)
{
    const am_grp *G = &m->grp[gi];
    for (int i = 0; i < 2 * nk; i++) {
        const am_arc *A = &m->arc[keys[i % nk].arc];
        const am_sch *s = &m->sch[A->sch];
        if (A->boarding != (i >= nk) || !s->class_mode ||
            m->net->schools[s->school].is_private)
            continue;
        if (A->boarding)
            h->beds_left[A->sch] -= left;
        int *n = &h->n[A->sch * AM_G + G->grade];
        if (*n == 0) {
            (*n)++;
            h->rooms_left[A->sch]--; /* below 0: a class without a room */
        }
        h->flow[keys[i % nk].arc] += left;
        h->load[A->sch * AM_G + G->grade] += left;
        return 0;
    }
    return left;
}

static void place_group(const am_model *m, hstate *h, int gi, arc_key *keys,
                        int size, int last)
{
    const am_grp *G = &m->grp[gi];
    int nk = 0;
    for (int a = G->a0; a < G->a1; a++) {
        const am_arc *A = &m->arc[a];
        if (!h->open[A->sch])
            continue;
        int rank = !A->diverted ? 0 : A->mode == AM_WALK ? 1 : 2;
        /* bought private seats cost ten times a classroom's share per
         * pupil: the last resort, after every public school in reach */
        if (m->net->schools[m->sch[A->sch].school].seat_price > 0)
            rank = 3;
        keys[nk++] = (arc_key){a, rank, A->km};
    }
    qsort(keys, (size_t)nk, sizeof *keys, cmp_arc_key);
    int left = (int)h->unplaced[gi];
    int add = before(m, last ? SN_LEVEL_OVER_CAP : SN_LEVEL_OVER_STANDARD,
                     SN_LEVEL_COST);
    for (int i = 0; i < nk && left > 0; i++) {
        const am_arc *A = &m->arc[keys[i].arc];
        int take = room_for(m, h, A->sch, G->grade, left, size,
                            add ? 0 : m->sch[A->sch].maxnew);
        if (A->boarding && take > h->beds_left[A->sch])
            take = h->beds_left[A->sch] > 0 ? h->beds_left[A->sch] : 0;
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
    if (left > 0 && last)
        left = seat_over_cap(m, h, gi, keys, nk, left);
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

/* The grade of school k furthest above `limit` x classes (limit 0: the
 * hard cap, else the standard size), or 0 when none is above. */
static int worst_grade(const am_model *m, const hstate *h, int k, int std)
{
    int best = 0, worst = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int size = std ? sn_scenario_standard(m->sc, g) : m->cap[g];
        int ex = h->load[k * AM_G + g] - size * h->n[k * AM_G + g];
        if (ex > worst && m->sch[k].ncol[g]) {
            worst = ex;
            best = g;
        }
    }
    return best;
}

/* Whether level a comes before level b in the solve order (lexicographic
 * mode; in weighted mode every trade is left to the solver: no). */
static int before(const am_model *m, int a, int b)
{
    for (int i = 0; i < m->norder; i++) {
        if (m->order[i] == a)
            return 1;
        if (m->order[i] == b)
            return 0;
    }
    return 0;
}

/* Step 5: classrooms go to the grades furthest above the cap (additions
 * only when the cap comes before cost), then existing free classrooms to
 * the grades furthest above standard size (additions too when standard
 * comes before cost). */
static void split_large_classes(const am_model *m, hstate *h)
{
    for (int pass = 0; pass < 2; pass++) {
        int add = before(m, pass ? SN_LEVEL_OVER_STANDARD : SN_LEVEL_OVER_CAP,
                         SN_LEVEL_COST);
        for (int k = 0; k < m->nsch; k++) {
            const am_sch *s = &m->sch[k];
            if (!s->class_mode || !h->open[k])
                continue;
            while (h->rooms_left[k] > (add ? 0 : s->maxnew)) {
                int g = worst_grade(m, h, k, pass);
                if (!g)
                    break;
                h->n[k * AM_G + g]++;
                h->rooms_left[k]--;
            }
        }
    }
}

/* Step 3: returns the number of pupils left unplaced.  With std_first the
 * stayers get standard-size classes first and movable pupils fill classes
 * to standard size, then a second pass fills them to the hard cap. */
static long place_all(const am_model *m, hstate *h, grp_key *order,
                      arc_key *keys)
{
    seat_stayers(m, h);
    if (h->std_first)
        split_large_classes(m, h);
    long left = 0;
    for (int pass = h->std_first ? 0 : 1; pass < 2; pass++) {
        left = 0;
        for (int i = 0; i < m->ngrp; i++) {
            int gi = order[i].grp;
            if (h->unplaced[gi] <= 0)
                continue;
            int g = m->grp[gi].grade;
            place_group(m, h, gi, keys,
                        pass == 0 ? sn_scenario_standard(m->sc, g)
                                  : m->cap[g], pass == 1);
            left += (long)h->unplaced[gi];
        }
    }
    return left;
}

/* Step 6, then the column vector: flows, states, classes and unplaced;
 * am_polish sets additions and slacks (and repairs the classes). */
static int fill_point(const am_model *m, hstate *h, double *x)
{
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        int load = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            load += h->load[k * AM_G + g];
        if (s->ycol && load == 0) {
            h->open[k] = 0;
            for (int g = 1; g <= SN_GRADES; g++)
                h->n[k * AM_G + g] = 0;
        }
        if (s->ycol)
            x[s->ycol] = h->open[k];
        int classes = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            if (s->ncol[g]) {
                x[s->ncol[g]] = h->n[k * AM_G + g];
                classes += h->n[k * AM_G + g];
            }
        if (s->acol) /* the additions the classes use; polish trims them */
            x[s->acol] = classes <= s->rooms ? 0
                         : classes - s->rooms < s->maxnew ? classes - s->rooms
                                                          : s->maxnew;
    }
    for (int a = 0; a < m->narc; a++)
        x[m->arc[a].col] = h->flow[a];
    for (int i = 0; i < m->ngrp; i++)
        x[m->grp[i].ucol] = h->unplaced[i];
    return am_polish(m, x);
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
    for (int i = 0; i < m->ngrp; i++) /* a seat exists: none unplaced */
        if (x[m->grp[i].ucol] > m->ub[m->grp[i].ucol] + 0.5)
            return 0;
    return m->sc->capital_budget <= 0 ||
           capital <= m->sc->capital_budget + 1e-6;
}

/* Steps 1-3, 5, 6 with schools open as h->open says, into x.  Returns 0
 * (limits kept), 1 (limits broken) or SN_ENOMEM. */
static int run_once(const am_model *m, hstate *h, grp_key *order,
                    arc_key *keys, double *x)
{
    place_all(m, h, order, keys);
    split_large_classes(m, h);
    if (fill_point(m, h, x))
        return SN_ENOMEM;
    return limits_ok(m, x) ? 0 : 1;
}

/* One greedy run (steps 1-6) with the given strategy into x: candidates
 * closed, then (step 4) open when pupils are left unplaced or above the
 * cap, keeping the better point.  Returns run_once's code. */
static int greedy(const am_model *m, hstate *h, grp_key *order,
                  arc_key *keys, int std_first, const char *closed, double *x)
{
    h->std_first = std_first;
    int any = 0;
    for (int k = 0; k < m->nsch; k++) {
        h->open[k] = !m->sch[k].ycol || closed[k] == AM_OPEN ||
                     (!m->sch[k].is_candidate && closed[k] == AM_DEFAULT);
        any |= m->sch[k].ycol && m->sch[k].is_candidate &&
               closed[k] == AM_DEFAULT;
    }
    int rc = run_once(m, h, order, keys, x);
    if (rc < 0 || !any ||
        am_level_value(m, SN_LEVEL_UNPLACED, x) +
                am_level_value(m, SN_LEVEL_OVER_CAP, x) < 0.5)
        return rc;
    for (int k = 0; k < m->nsch; k++)
        h->open[k] = !m->sch[k].ycol || closed[k] != AM_CLOSED;
    int rc2 = run_once(m, h, order, keys, h->scratch);
    if (rc2 < 0)
        return rc2;
    if (rc2 < rc || (rc2 == rc && am_better(m, h->scratch, x))) {
        memcpy(x, h->scratch, ((size_t)m->ncols + 1) * sizeof *x);
        rc = rc2;
    }
    return rc;
}

/* Both strategies (classes filled to the cap; to standard size first) into
 * x, keeping the better point that respects the limits; y is scratch.
 * Returns greedy()'s code for the point kept (SN_ENOMEM on failure). */
static int best_greedy(const am_model *m, hstate *h, grp_key *order,
                       arc_key *keys, const char *closed, double *x,
                       double *y)
{
    int rc_cap = greedy(m, h, order, keys, 0, closed, x);
    int rc_std = rc_cap < 0 ? rc_cap : greedy(m, h, order, keys, 1, closed, y);
    if (rc_cap < 0 || rc_std < 0)
        return SN_ENOMEM;
    if ((rc_std == 0 && rc_cap != 0) ||
        (rc_std == rc_cap && am_better(m, y, x))) {
        memcpy(x, y, ((size_t)m->ncols + 1) * sizeof *x);
        return rc_std;
    }
    return rc_cap;
}

/* ------------------------------------------------ the greedy as a tool */

struct am_greedy {
    const am_model *m;
    hstate h;
    grp_key *order;
    arc_key *keys;
    double *y;
};

void am_greedy_free(am_greedy *g)
{
    if (!g)
        return;
    hstate_free(&g->h);
    free(g->order);
    free(g->keys);
    free(g->y);
    free(g);
}

int am_greedy_new(am_greedy **out, const am_model *m)
{
    *out = NULL;
    am_greedy *g = calloc(1, sizeof *g);
    if (!g)
        return SN_ENOMEM;
    g->m = m;
    int maxarcs = 1;
    for (int i = 0; i < m->ngrp; i++)
        if (m->grp[i].a1 - m->grp[i].a0 > maxarcs)
            maxarcs = m->grp[i].a1 - m->grp[i].a0;
    g->order = malloc(((size_t)m->ngrp + 1) * sizeof *g->order);
    g->keys = malloc((size_t)maxarcs * sizeof *g->keys);
    g->y = malloc(((size_t)m->ncols + 1) * sizeof *g->y);
    if (!g->order || !g->keys || !g->y || hstate_new(&g->h, m) != 0) {
        am_greedy_free(g);
        return SN_ENOMEM;
    }
    for (int i = 0; i < m->ngrp; i++)
        g->order[i] = (grp_key){i, m->grp[i].a1 - m->grp[i].a0};
    qsort(g->order, (size_t)m->ngrp, sizeof *g->order, cmp_grp_key);
    *out = g;
    return 0;
}

int am_greedy_plan(am_greedy *g, const char *state, double *x)
{
    return best_greedy(g->m, &g->h, g->order, g->keys, state, x, g->y);
}

long long am_greedy_ops(const am_model *m)
{
    return 2LL * (4LL * m->narc + (long long)m->ncols + 16LL * m->ngrp);
}

/* Pupils at each local school in point x (constant loads included). */
static void school_loads(const am_model *m, const double *x, int *load)
{
    for (int k = 0; k < m->nsch; k++) {
        load[k] = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            load[k] += m->sch[k].fixed[g];
    }
    for (int a = 0; a < m->narc; a++)
        load[m->arc[a].sch] += (int)x[m->arc[a].col];
}

/* The open closable, non-candidate school with the fewest pupils not yet
 * tried (load INT_MAX), or -1. */
static int least_loaded(const am_model *m, const double *x,
                        const char *closed, const int *load)
{
    int best = -1;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *s = &m->sch[k];
        if (!s->ycol || s->is_candidate || closed[k] || x[s->ycol] < 0.5 ||
            load[k] == INT_MAX)
            continue;
        if (best < 0 || load[k] < load[best])
            best = k;
    }
    return best;
}

/* Open schools with a y column in x. */
static int open_count(const am_model *m, const double *x)
{
    int n = 0;
    for (int k = 0; k < m->nsch; k++)
        n += m->sch[k].ycol && x[m->sch[k].ycol] > 0.5;
    return n;
}

/* Whether x leaves pupils unplaced who have a seat somewhere (a closure
 * took their last school in reach). */
static int strands(const am_model *m, const double *x)
{
    for (int i = 0; i < m->ngrp; i++)
        if (x[m->grp[i].ucol] > m->ub[m->grp[i].ucol] + 0.5)
            return 1;
    return 0;
}

/* max_open_schools: close the least-loaded open schools until the plan
 * respects the row, in halving batches (log many greedy runs even when
 * hundreds must close).  A batch that takes some pupils' last school in
 * reach is undone and tried again smaller; a single school that does is
 * kept open for good.  Without this there is no feasible plan at all, so
 * it runs to the end whatever the start's share of the budget (its work
 * is still charged); only the stop flag ends it early.  Returns the
 * greedy code of the point in x. */
static int close_to_limit(am_greedy *g, char *closed, int *load, double *x,
                          int rc, sn_budget *b)
{
    const am_model *m = g->m;
    int cap = m->sc->max_open_schools - m->fixed_open_public;
    double *y = malloc(((size_t)m->ncols + 1) * sizeof *y);
    int *batch = malloc(((size_t)m->nsch + 1) * sizeof *batch);
    if (!y || !batch) {
        free(y);
        free(batch);
        return rc;
    }
    int most = m->nsch;
    while (m->sc->max_open_schools > 0 && !(b->stop && *b->stop)) {
        int over = open_count(m, x) - cap;
        if (over <= 0)
            break;
        school_loads(m, x, load);
        int want = over > 1 ? (over + 1) / 2 : 1, n = 0;
        if (want > most)
            want = most;
        for (; n < want; n++) {
            int best = -1;
            for (int k = 0; k < m->nsch; k++) {
                const am_sch *s = &m->sch[k];
                if (!s->ycol || closed[k] != AM_DEFAULT || x[s->ycol] < 0.5)
                    continue;
                if (best < 0 || load[k] < load[best])
                    best = k;
            }
            if (best < 0)
                break;
            closed[best] = AM_CLOSED;
            load[best] = INT_MAX;
            batch[n] = best;
        }
        if (n == 0)
            break;
        int rc2 = am_greedy_plan(g, closed, y);
        sn_budget_ops(b, am_greedy_ops(m));
        if (rc2 < 0) {
            rc = rc2;
            break;
        }
        if (strands(m, y)) { /* undo; smaller, or keep the one school */
            for (int t = 0; t < n; t++)
                closed[batch[t]] = n == 1 ? AM_OPEN : AM_DEFAULT;
            most = n > 1 ? n / 2 : most;
            continue;
        }
        memcpy(x, y, ((size_t)m->ncols + 1) * sizeof *x);
        rc = rc2;
    }
    free(y);
    free(batch);
    return rc;
}

int am_heuristic(const am_model *m, double *x, sn_budget *b)
{
    am_greedy *g = NULL;
    int rc = SN_ENOMEM;
    double *y = malloc(((size_t)m->ncols + 1) * sizeof *y);
    char *closed = calloc((size_t)m->nsch + 1, 1);
    int *load = malloc(((size_t)m->nsch + 1) * sizeof *load);
    if (!y || !closed || !load || am_greedy_new(&g, m) != 0)
        goto done;
    rc = am_greedy_plan(g, closed, x);
    sn_budget_ops(b, am_greedy_ops(m));
    if (rc < 0)
        goto done;
    rc = close_to_limit(g, closed, load, x, rc, b);
    if (rc < 0)
        goto done;
    /* DROP: close the least-used closable school while that makes the plan
     * lexicographically better (the greedy keeps every school open, and
     * closures are where most of the cost level lies).  Every trial is
     * charged to the budget, so the loop stops with it; under a work
     * budget the result never depends on the machine's speed. */
    for (int improved = 1; improved && !sn_budget_out(b);) {
        improved = 0;
        school_loads(m, x, load);
        for (int t = 0; t < m->nsch && !sn_budget_out(b); t++) {
            int k = least_loaded(m, x, closed, load);
            if (k < 0)
                break;
            load[k] = INT_MAX; /* tried in this round */
            closed[k] = AM_CLOSED;
            int rc2 = am_greedy_plan(g, closed, y);
            sn_budget_ops(b, am_greedy_ops(m));
            if (rc2 < 0) {
                rc = rc2;
                goto done;
            }
            if (rc2 <= rc && (rc2 < rc || am_better(m, y, x))) {
                memcpy(x, y, ((size_t)m->ncols + 1) * sizeof *x);
                rc = rc2;
                improved = 1;
                break;
            }
            closed[k] = AM_DEFAULT;
        }
    }
done:
    am_greedy_free(g);
    free(y);
    free(closed);
    free(load);
    return rc;
}
