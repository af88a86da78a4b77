/* alloc_polish.c - the last step of every county's plan: classes repaired
 * so that the rules of docs/checker.md ("Class mode") hold however the
 * solve ended (a time limit, a gap, the heuristic alone), and every slack
 * set to its least value so the level values are the plan's own.
 *
 * Each move makes the point better in the level order or leaves it as it
 * is, so polishing an optimal point changes nothing that matters:
 *   - a free classroom (existing, or an addition already paid for) goes
 *     to the grade furthest above the cap, then above the standard size;
 *   - a class without a classroom is turned into an addition when the cap
 *     comes before cost, and (cap before standard size) a grade with two
 *     or more classes gives one up while classes lack a classroom (such a
 *     class weighs more than any class's pupils above the cap);
 *   - when the cap comes before the standard size, a grade with more
 *     classes than the cap needs gives one to a grade above the cap;
 *   - when the cap comes before cost, additions left within the capital
 *     budget go to grades above the cap.
 * Weighted mode makes only the first move, which improves every level
 * (and gives up classes only where the model's bound on classes without a
 * classroom requires it: the heuristic's start).
 */
#include "solver/alloc_model.h"

#include <stdlib.h>
#include <string.h>

typedef struct school_state {
    int L[AM_G], n[AM_G];  /* pupils and classes per grade */
    int a;                 /* classrooms added */
} school_state;

static int ceil_div(int a, int b) { return a <= 0 ? 0 : (a + b - 1) / b; }

/* Whether level a is solved before level b (lexicographic mode only). */
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

static int classes(const school_state *st)
{
    int c = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        c += st->n[g];
    return c;
}

/* Grade furthest above size (cap when std = 0, else standard), or 0. */
static int worst(const am_model *m, const am_sch *h, const school_state *st,
                 int std)
{
    int best = 0, top = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int size = std ? sn_scenario_standard(m->sc, g) : m->cap[g];
        int ex = st->L[g] - size * st->n[g];
        if (h->ncol[g] && ex > top) {
            top = ex;
            best = g;
        }
    }
    return best;
}

/* Classes grade g needs within the cap (at least one with pupils). */
static int needed(const am_model *m, const school_state *st, int g)
{
    int need = ceil_div(st->L[g], m->cap[g]);
    return st->L[g] > 0 && need < 1 ? 1 : need;
}

/* Pupils above the cap that grade g gains when it loses one class. */
static int loss(const am_model *m, const school_state *st, int g)
{
    int before_ = st->L[g] - m->cap[g] * st->n[g];
    int after = st->L[g] - m->cap[g] * (st->n[g] - 1);
    return (after > 0 ? after : 0) - (before_ > 0 ? before_ : 0);
}

/* A grade that can give up a class: an empty grade with classes, else the
 * grade with two or more classes (or more than it needs, when `excess`)
 * that loses least; 0 when none. */
static int donor(const am_model *m, const school_state *st, int excess)
{
    int best = 0, least = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        if (st->n[g] <= 0)
            continue;
        if (st->L[g] == 0)
            return g;
        if (st->n[g] < 2 || (excess && st->n[g] <= needed(m, st, g)))
            continue;
        int l = loss(m, st, g);
        if (!best || l < least) {
            best = g;
            least = l;
        }
    }
    return best;
}

/* Capital the county has committed in x (for the budget). */
static double capital_of(const am_model *m, const double *x)
{
    double c = m->fixed_capital;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *h = &m->sch[k];
        const sn_school *s = &m->net->schools[h->school];
        if (h->ycol && h->is_candidate && x[h->ycol] > 0.5)
            c += s->build_cost;
        if (h->acol)
            c += s->classroom_cost * (double)(int)(x[h->acol] + 0.5);
    }
    return c;
}

/* One more classroom at s within the budget?  Updates *capital. */
static int may_add(const am_model *m, const am_sch *h, const school_state *st,
                   double *capital)
{
    double cost = m->net->schools[h->school].classroom_cost;
    double budget = m->sc->capital_budget;
    if (st->a >= h->maxnew ||
        (budget > 0 && *capital + cost > budget + 1e-6))
        return 0;
    *capital += cost;
    return 1;
}

static void polish_school(const am_model *m, const am_sch *h,
                          school_state *st, double *capital)
{
    int add_for_cap = before(m, SN_LEVEL_OVER_CAP, SN_LEVEL_COST);
    int add_for_std = before(m, SN_LEVEL_OVER_STANDARD, SN_LEVEL_COST);
    for (int g = 1; g <= SN_GRADES; g++)
        if (st->L[g] > 0 && st->n[g] < 1)
            st->n[g] = 1; /* never pupils in 0 classes */
    /* classes without a classroom: additions, else fewer classes */
    while (add_for_cap && classes(st) > h->rooms + st->a &&
           may_add(m, h, st, capital))
        st->a++;
    /* (a class without a room weighs more than any class's pupils above
     * the cap, so giving one up is better when the cap comes before the
     * standard size; always when the model's bound on them demands it) */
    int most = h->scol ? (int)m->ub[h->scol] : 0;
    if (before(m, SN_LEVEL_OVER_CAP, SN_LEVEL_OVER_STANDARD))
        most = 0;
    for (int g; classes(st) > h->rooms + st->a + most &&
                (g = donor(m, st, 0));)
        st->n[g]--;
    /* free classrooms to grades above the cap */
    for (int g; classes(st) < h->rooms + st->a && (g = worst(m, h, st, 0));)
        st->n[g]++;
    if (before(m, SN_LEVEL_OVER_CAP, SN_LEVEL_OVER_STANDARD))
        for (int g, d; (g = worst(m, h, st, 0)) && (d = donor(m, st, 1)) &&
                       d != g;) {
            st->n[d]--;
            st->n[g]++;
        }
    for (int g; add_for_cap && (g = worst(m, h, st, 0)) &&
                may_add(m, h, st, capital);) {
        st->a++;
        st->n[g]++;
    }
    /* free classrooms (and, before cost, additions) above standard size */
    for (int g; (g = worst(m, h, st, 1));) {
        if (classes(st) >= h->rooms + st->a &&
            !(add_for_std && may_add(m, h, st, capital)))
            break;
        if (classes(st) >= h->rooms + st->a)
            st->a++;
        st->n[g]++;
    }
    /* additions not used are not built */
    int used = classes(st) - h->rooms;
    if (used < st->a) {
        double cost = m->net->schools[h->school].classroom_cost;
        int drop = st->a - (used > 0 ? used : 0);
        st->a -= drop;
        *capital -= cost * drop;
    }
}

static void write_school(const am_model *m, const am_sch *h,
                         const school_state *st, double *x)
{
    int c = classes(st);
    for (int g = 1; g <= SN_GRADES; g++) {
        if (!h->ncol[g])
            continue;
        int std = sn_scenario_standard(m->sc, g);
        int o = st->L[g] - m->cap[g] * st->n[g];
        int e = st->L[g] - std * st->n[g];
        x[h->ncol[g]] = st->n[g];
        x[h->ocol[g]] = o > 0 ? o : 0;
        x[h->ecol[g]] = e > 0 ? e : 0;
    }
    if (h->acol)
        x[h->acol] = st->a;
    int s = c - h->rooms - st->a;
    if (h->scol)
        x[h->scol] = s > 0 ? s : 0;
}

int am_polish(const am_model *m, double *x)
{
    school_state *st = calloc((size_t)(m->nsch ? m->nsch : 1), sizeof *st);
    if (!st)
        return SN_ENOMEM;
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *h = &m->sch[k];
        for (int g = 1; g <= SN_GRADES; g++) {
            st[k].L[g] = h->fixed[g];
            st[k].n[g] = h->ncol[g] ? (int)(x[h->ncol[g]] + 0.5) : 0;
        }
        st[k].a = h->acol ? (int)(x[h->acol] + 0.5) : 0;
    }
    int *board = calloc((size_t)(m->nsch ? m->nsch : 1), sizeof *board);
    if (!board) {
        free(st);
        return SN_ENOMEM;
    }
    for (int a = 0; a < m->narc; a++) {
        int v = (int)(x[m->arc[a].col] + 0.5);
        st[m->arc[a].sch].L[m->grp[m->arc[a].grp].grade] += v;
        if (m->arc[a].boarding)
            board[m->arc[a].sch] += v;
    }
    double capital = capital_of(m, x);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *h = &m->sch[k];
        if (h->bcol) { /* boarders above the beds */
            int over = board[k] - (h->beds - h->fixed_boarders);
            x[h->bcol] = over > 0 ? over : 0;
        }
        if (h->class_mode) {
            if (h->ycol && x[h->ycol] < 0.5) {
                capital -= st[k].a * m->net->schools[h->school].classroom_cost;
                memset(&st[k], 0, sizeof st[k]); /* closed: nobody there */
            } else {
                polish_school(m, h, &st[k], &capital);
            }
            write_school(m, h, &st[k], x);
        } else if (h->seat_ocol) {
            int load = 0;
            for (int g = 1; g <= SN_GRADES; g++)
                load += st[k].L[g];
            x[h->seat_ocol] = load > h->seats ? load - h->seats : 0;
        }
    }
    free(st);
    free(board);
    return 0;
}
