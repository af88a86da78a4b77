/* local.c - local search on which schools are open (docs/search.md): drop
 * an open school, add a closed one, or swap an open school for a closed
 * one nearby, each candidate state turned into a plan by an oracle (the
 * greedy, or the exact transportation solve for seat-mode counties) and
 * kept when the plan satisfies every row and improves the level.  First
 * improvement, in a fixed order, so the result depends only on the work
 * budget.
 */
#include "solver/local.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One move: state[k] flipped for k in ks[0..n). */
static int try_move(am_local *ls, const int *ks, int n)
{
    const am_model *m = ls->m;
    char saved[2];
    for (int i = 0; i < n; i++) {
        saved[i] = ls->state[ks[i]];
        ls->state[ks[i]] = ls->state[ks[i]] == AM_OPEN ? AM_CLOSED : AM_OPEN;
    }
    int ok = ls->oracle(ls->oracle_ctx, ls->state, ls->trial);
    sn_budget_ops(ls->b, ls->oracle_ops);
    int kept = 0;
    if (ok == 0 && ls->accept(ls->accept_ctx, ls->trial)) {
        kept = 1;
        /* the oracle may close schools nobody attends: read them back */
        for (int k = 0; k < m->nsch; k++)
            if (m->sch[k].ycol && ls->fixed[k] < 0)
                ls->state[k] = ls->trial[m->sch[k].ycol] > 0.5 ? AM_OPEN
                                                                : AM_CLOSED;
    } else {
        for (int i = 0; i < n; i++)
            ls->state[ks[i]] = saved[i];
    }
    return kept;
}

/* Whether school k's decision is the search's to change. */
static int movable(const am_local *ls, int k)
{
    return ls->m->sch[k].ycol && ls->fixed[k] < 0;
}

int am_local_run(am_local *ls)
{
    const am_model *m = ls->m;
    for (int k = 0; k < m->nsch; k++)
        ls->state[k] = !m->sch[k].ycol ? AM_DEFAULT
                       : ls->x[m->sch[k].ycol] > 0.5 ? AM_OPEN
                                                    : AM_CLOSED;
    int total = 0;
    for (int improved = 1; improved && !sn_budget_out(ls->b);) {
        improved = 0;
        /* drops and adds */
        for (int k = 0; k < m->nsch && !sn_budget_out(ls->b); k++) {
            if (!movable(ls, k))
                continue;
            int ks[1] = {k};
            if (try_move(ls, ks, 1)) {
                improved++;
                total++;
            }
        }
        /* swaps: an open school for a closed one among its nearest */
        for (int k = 0; k < m->nsch && !sn_budget_out(ls->b); k++) {
            if (!movable(ls, k) || ls->state[k] != AM_OPEN)
                continue;
            const int *near = ls->near + (size_t)k * ls->nnear;
            for (int t = 1; t < ls->nnear && near[t] >= 0; t++) {
                int q = near[t];
                if (!movable(ls, q) || ls->state[q] != AM_CLOSED)
                    continue;
                int ks[2] = {k, q};
                if (try_move(ls, ks, 2)) {
                    improved++;
                    total++;
                    break;
                }
                if (sn_budget_out(ls->b))
                    break;
            }
        }
    }
    return total;
}
