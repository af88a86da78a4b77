/* budget.h - how long a solve may go on: a deterministic work budget, a
 * wall-clock deadline and a stop flag, checked together by every search
 * loop.
 *
 * Work is counted in units that do not depend on the machine, each about
 * 100 elementary steps: our own loops count their steps (an arc looked
 * at, a flow pushed), a simplex iteration or a branch-and-bound node
 * counts (rows + columns) / 100 + 1 units of its problem.  A solve that
 * ends by its work budget gives the same result on any machine under any
 * load; the deadline is the safety stop for when the work takes longer
 * than the user can wait, and a solve that ends by it depends on the
 * machine.  Budgets nest: a level's budget is carved out of its county's,
 * and the work it spends is charged to the parent when it closes.
 *
 * Plain data, no allocation; NULL stop flag means "never".
 */
#ifndef SN_BUDGET_H
#define SN_BUDGET_H

#include <signal.h>

#include "model/plan.h" /* sn_end */

typedef struct sn_budget {
    double deadline;        /* sn_clock() value; INFINITY: none */
    long long work_limit;   /* units; < 0: none */
    long long work_used;    /* units spent so far */
    long long ops;          /* elementary steps not yet made units */
    const volatile sig_atomic_t *stop; /* NULL: never */
    sn_end ended_by;        /* first limit seen exhausted, else SN_END_NONE */
} sn_budget;

/* A budget of `seconds` from now (<= 0 or infinite: no deadline) and
 * `work` units (< 0: none). */
void sn_budget_init(sn_budget *b, double seconds, long long work,
                    const volatile sig_atomic_t *stop);

/* A child budget: `share` (0..1] of the parent's remaining work and
 * `seconds` from now, never beyond the parent's deadline.  Charge the
 * child's work back with sn_budget_close. */
void sn_budget_child(sn_budget *child, const sn_budget *parent, double share,
                     double seconds);
void sn_budget_close(sn_budget *parent, const sn_budget *child);

/* Adds `units` of work. */
void sn_budget_spend(sn_budget *b, long long units);
/* Adds `ops` elementary steps (100 make a unit). */
void sn_budget_ops(sn_budget *b, long long ops);

/* Whether any limit is exhausted; records the first one in ended_by. */
int sn_budget_out(sn_budget *b);

/* Work units left (LLONG_MAX when there is no work limit), and seconds
 * left (INFINITY without a deadline; never negative). */
long long sn_budget_work_left(const sn_budget *b);
double sn_budget_time_left(const sn_budget *b);

#endif
