/* teachers_cg.h - internal: the walking stage solved by column generation
 * (Dantzig-Wolfe) over week patterns, one objective level at a time.
 *
 * A pattern of unit k is a week of walking: at most max_links away
 * schools, whole days there (sum at most 5 - home days), periods per cell
 * within the residual demand, a day's periods (periods_per_visit) and the
 * subject's daycap per day, within the unit's spare capacity.  The master
 *   min  level objective
 *   s.t. sum_p periods(p, c) lambda_p + u_c = residual_c      per cell
 *        sum_{p of k} lambda_p <= 1                          per unit
 *        earlier levels <= their values                      (levels 2, 3)
 * has as LP relaxation the convex hull of each unit's weeks: a walk of two
 * periods costs a whole day there, unlike in the compact model's LP.  The
 * pricing problem of a unit (the week of most reduced profit) is solved
 * exactly by enumeration: per school and number of days the best periods
 * are a sorted merge, and the schools are combined by a depth-first
 * search with a bound.  While columns with negative reduced cost exist
 * the Lagrangian bound (master LP + the most negative reduced cost of each
 * unit) is a valid lower bound of the level; at convergence it equals the
 * master LP.  Integer plans: a dive (fix the units whose week the LP takes
 * at 0.9 or more, else the largest, to that week when it fits what the
 * cells have left; price the other units again; undo a batch that breaks
 * an earlier level and go on one week at a time), whose fixed weeks are
 * completed by the fill pass; then the master solved as a MIP over the
 * columns generated (price and branch), started from the incumbent, whose
 * weeks are columns.  A bound row of an earlier level has an artificial
 * column priced at 1e5 a unit, so a restricted master always has duals;
 * a plan that uses it is never kept.  On the km and links levels each
 * plan is then improved one walker at a time: with every other week
 * fixed, the walker's week is re-planned by enumerating its schools and
 * days, kept when it covers at least the weighted periods it covered and
 * is cheaper (km; links with km no higher), until a pass changes nothing.
 * The time of a level goes 60% to column generation, up to 85% with the
 * dive, up to 95% with the MIP, the rest to the last improvement.  With a
 * work budget (o->budget->work_limit >= 0) the same shares are shares of
 * the work, the clock is the safety stop only (the budget's deadline), and
 * every step is charged to the budget: simplex iterations and MIP nodes as
 * in solver/mip.h, pricing and re-planning by the picks they merge.
 */
#ifndef SN_TEACHERS_CG_H
#define SN_TEACHERS_CG_H

#include "solver/teachers_model.h"

typedef struct tm_cg_opts {
    double seconds;           /* for all three levels (without work) */
    double mip_gap;           /* relative gap of each level's MIP */
    const char *const *phase; /* three progress labels */
    sn_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
    double elapsed0;
    const volatile sig_atomic_t *stop; /* NULL: never */
    /* The part's budget (solver/budget.h), charged with every step: with
     * a work limit the levels share work, not seconds, and its deadline
     * is the safety stop; without one, `seconds` is shared as above.  Not
     * NULL; its stop flag is `stop`. */
    sn_budget *budget;
} tm_cg_opts;

/* Levels 0..2 of m from the feasible start x (x[1..m->ncols], completed
 * as tm_fill leaves it): each level is bounded by a valid lower bound
 * (-INFINITY when none was proven) and solved by price and branch; x
 * becomes the best point found (never worse than the start, level by
 * level), completed.  value, bound, status (sn_mip_status) and ended_by
 * per level: SN_END_GAP when proven within the gap, SN_END_NONE when
 * there was nothing to solve or every step ran to its end, else the most
 * severe limit that cut a step short (work, time, stop).
 * Installs its own GLPK guard (call it outside one).  Returns 0,
 * SN_ENOMEM or SN_ESOLVER (err). */
int tm_cg_solve(tm_model *m, double *x, double value[3], double bound[3],
                int status[3], sn_end ended_by[3], const tm_cg_opts *o,
                sn_error *err);

#endif
