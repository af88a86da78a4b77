/* local.c - local search on which schools are open (docs/search.md): drop
 * an open school, add a closed one, or swap an open school for a closed
 * one nearby, each candidate state turned into a plan by an oracle (the
 * greedy, or the exact transportation solve for seat-mode data) and kept
 * when the plan satisfies every row and improves; then kicks and descents
 * (iterated local search) to leave the first local optimum.  First
 * improvement in a fixed order: the result depends only on the budget.
 */
#include "solver/local.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct walk {
    am_local *ls;
    double cur_val;  /* value of ls->cur, the point the descent is at */
    double best_val; /* incumbent's value */
} walk;

static int movable(const am_local *ls, int k)
{
    return ls->m->sch[k].ycol && ls->fixed[k] < 0;
}

/* The state of point x. */
static void state_of(am_local *ls, const double *x)
{
    const am_model *m = ls->m;
    for (int k = 0; k < m->nsch; k++)
        ls->state[k] = !m->sch[k].ycol ? AM_DEFAULT
                       : x[m->sch[k].ycol] > 0.5 ? AM_OPEN
                                                : AM_CLOSED;
}

static int improves(double v, double ref)
{
    return v < ref - 1e-9 * fmax(1.0, fabs(ref)) - 1e-9;
}

/* Flips state[ks[i]]; keeps the plan when it is feasible and better than
 * the current point (handing it on when it beats the incumbent). */
static int try_move(walk *w, const int *ks, int n)
{
    am_local *ls = w->ls;
    const am_model *m = ls->m;
    char saved[2];
    for (int i = 0; i < n; i++) {
        saved[i] = ls->state[ks[i]];
        ls->state[ks[i]] = ls->state[ks[i]] == AM_OPEN ? AM_CLOSED : AM_OPEN;
    }
    int kept = 0;
    if (ls->oracle(ls->ctx, ls->state, ls->trial) == 0) {
        double v = ls->value(ls->ctx, ls->trial);
        if (improves(v, w->cur_val) && ls->feasible(ls->ctx, ls->trial)) {
            kept = 1;
            w->cur_val = v;
            memcpy(ls->cur, ls->trial, ((size_t)m->ncols + 1) * sizeof *ls->cur);
            if (improves(v, w->best_val)) {
                w->best_val = v;
                ls->better(ls->ctx, ls->cur);
            }
            /* the oracle closes schools nobody attends: read them back */
            state_of(ls, ls->cur);
        }
    }
    if (!kept)
        for (int i = 0; i < n; i++)
            ls->state[ks[i]] = saved[i];
    return kept;
}

/* Descent from ls->cur until no move improves. */
static int descend(walk *w)
{
    am_local *ls = w->ls;
    const am_model *m = ls->m;
    int total = 0;
    for (int improved = 1; improved && !sn_budget_out(ls->b);) {
        improved = 0;
        for (int k = 0; k < m->nsch && !sn_budget_out(ls->b); k++) {
            if (!movable(ls, k))
                continue;
            int ks[1] = {k};
            improved += try_move(w, ks, 1);
        }
        for (int k = 0; k < m->nsch && !sn_budget_out(ls->b); k++) {
            if (!movable(ls, k) || ls->state[k] != AM_OPEN)
                continue;
            const int *near = ls->near + (size_t)k * ls->nnear;
            for (int t = 1; t < ls->nnear && near[t] >= 0; t++) {
                int q = near[t];
                if (!movable(ls, q) || ls->state[q] != AM_CLOSED)
                    continue;
                int ks[2] = {k, q};
                if (try_move(w, ks, 2)) {
                    improved++;
                    break;
                }
                if (sn_budget_out(ls->b))
                    break;
            }
        }
        total += improved;
    }
    return total;
}

/* Kick number r: the r-th open movable school closes, its nearest closed
 * movable neighbour opens.  Returns 0 when the state changed. */
static int kick(am_local *ls, int r)
{
    const am_model *m = ls->m;
    int nopen = 0;
    for (int k = 0; k < m->nsch; k++)
        nopen += movable(ls, k) && ls->state[k] == AM_OPEN;
    if (nopen == 0)
        return 1;
    int want = r % nopen, seen = 0;
    for (int k = 0; k < m->nsch; k++) {
        if (!movable(ls, k) || ls->state[k] != AM_OPEN || seen++ != want)
            continue;
        ls->state[k] = AM_CLOSED;
        const int *near = ls->near + (size_t)k * ls->nnear;
        for (int t = 1; t < ls->nnear && near[t] >= 0; t++)
            if (movable(ls, near[t]) && ls->state[near[t]] == AM_CLOSED &&
                near[t] != k) {
                ls->state[near[t]] = AM_OPEN;
                break;
            }
        return 0;
    }
    return 1;
}

int am_local_run(am_local *ls, int kicks)
{
    const am_model *m = ls->m;
    size_t bytes = ((size_t)m->ncols + 1) * sizeof *ls->cur;
    memcpy(ls->cur, ls->x, bytes);
    walk w = {ls, ls->value(ls->ctx, ls->cur), 0};
    w.best_val = w.cur_val;
    state_of(ls, ls->cur);
    int total = descend(&w);
    for (int r = 0; r < kicks && !sn_budget_out(ls->b); r++) {
        /* from the best point: kick, plan, descend */
        double base = w.best_val;
        if (kick(ls, r))
            break;
        if (ls->oracle(ls->ctx, ls->state, ls->trial) != 0 ||
            !ls->feasible(ls->ctx, ls->trial)) {
            state_of(ls, ls->cur);
            continue;
        }
        memcpy(ls->cur, ls->trial, bytes);
        w.cur_val = ls->value(ls->ctx, ls->cur);
        state_of(ls, ls->cur);
        if (improves(w.cur_val, w.best_val)) {
            w.best_val = w.cur_val;
            ls->better(ls->ctx, ls->cur);
        }
        total += descend(&w);
        if (!improves(w.best_val, base)) {
            /* no better end: back to the incumbent for the next kick */
            memcpy(ls->cur, ls->x, bytes);
            w.cur_val = w.best_val;
            state_of(ls, ls->cur);
        }
    }
    return total;
}
