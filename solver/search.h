/* search.h - internal to solver/: the matheuristic that solves one
 * objective level of one county around GLPK (docs/search.md).
 *
 * A level is "min level_k(x)" over the model's rows, the earlier levels
 * bounded by rows "level_j(x) <= rhs[j]".  The search keeps an incumbent
 * point x (every row holds), a proven lower bound, and the state of each
 * school's open/close decision (free, or fixed by an earlier level or by
 * the bound's reduced costs).  Modules:
 *   lagr.c   - Lagrangian relaxation of the demand rows: bound, multipliers,
 *              per-school values for fixing and for the heuristics;
 *   assign.c - the plan for a given set of open schools (greedy or exact
 *              min-cost flow), used by the local search;
 *   local.c  - add / drop / swap on the open set;
 *   lns.c    - sub-MIPs of a neighbourhood solved by GLPK;
 *   search.c - the driver of one level.
 */
#ifndef SN_SEARCH_H
#define SN_SEARCH_H

#include "solver/alloc_model.h"
#include "solver/budget.h"

/* What the earlier levels left for level `level`. */
typedef struct am_stage {
    int level;
    double rhs[SN_LEVELS];   /* level j <= rhs[j] (j < level), or INFINITY */
    signed char *ystate;     /* [nsch]: -1 free, 0 closed, 1 open (schools
                                without a y column: 1); owned by caller */
    double *lo, *up;         /* [ncols + 1] column bounds as in the GLPK
                                problem (fixings of earlier levels), or
                                NULL for the model's (0 and m->ub) */
} am_stage;

/* ---------------------------------------------------------- Lagrangian */

typedef struct am_lagr am_lagr;

/* Called with the open set of a Lagrangian solution (open[k] for each local
 * school); returns the incumbent value after trying it (INFINITY if none). */
typedef double (*am_lagr_heur_fn)(void *ctx, const char *open);

typedef struct am_lagr_opts {
    int max_iter;            /* subgradient steps, > 0 */
    int heur_every;          /* try the open set every n steps (0: never) */
    am_lagr_heur_fn heur;
    void *heur_ctx;
    double target_gap;       /* stop when (ub - lb) / |ub| <= this */
} am_lagr_opts;

/* Prepares the relaxation of stage st of m (st->ystate is read at every
 * call of am_lagr_run, so fixings made between runs are honoured).
 * Returns 0 or SN_ENOMEM. */
int am_lagr_new(am_lagr **out, const am_model *m, const am_stage *st);
void am_lagr_free(am_lagr *L);

/* Subgradient steps from the current multipliers; ub is the incumbent's
 * level value (INFINITY if none).  Returns the best bound found so far
 * (-INFINITY when the relaxation cannot give one: see am_lagr_ok). */
double am_lagr_run(am_lagr *L, double ub, const am_lagr_opts *o,
                   sn_budget *b);
/* Best bound so far, and whether the relaxation fits the model (a model
 * with rows the relaxation does not know gives no bound). */
double am_lagr_bound(const am_lagr *L);
int am_lagr_ok(const am_lagr *L);

/* At the best multipliers: the value of opening school k (its part of the
 * Lagrangian with y = 1; INFINITY when it cannot open), and whether the
 * Lagrangian solution opens it.  For schools without y column the value is
 * included in the bound whatever. */
double am_lagr_open_value(const am_lagr *L, int k);
int am_lagr_opened(const am_lagr *L, int k);
/* Reduced-cost fixing at the best multipliers: for each free school whose
 * opposite state would lift the bound above `cutoff`, sets ystate to the
 * state of the Lagrangian solution.  ystate must be the stage's own array
 * (the one am_lagr_new was given).  Returns how many were fixed. */
int am_lagr_fix(am_lagr *L, double cutoff, signed char *ystate);
/* The Lagrangian reduced cost of each arc at the best multipliers
 * (rc[a] for a in [0, narc)): small is attractive. */
void am_lagr_arc_costs(const am_lagr *L, double *rc);
/* Multipliers of the demand rows at the best point, per group. */
const double *am_lagr_duals(const am_lagr *L);

/* -------------------------------------------------------- the driver */

typedef struct am_search_opts {
    double gap;              /* relative gap at which the level is proven */
    int integral;            /* level values are whole numbers */
    int lagr_iter;           /* subgradient steps of the first bound */
    const char *phase;       /* for progress reports */
    sn_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    double t0;               /* sn_clock() at the start of the plan */
} am_search_opts;

typedef struct am_level_result {
    sn_mip_status status;    /* OPTIMAL (within gap), FEASIBLE, or NOSOL
                                when the start is not feasible in GLPK's
                                rows (the caller then lets GLPK solve) */
    double value, bound;
    sn_end ended_by;         /* which limit ended the search */
} am_level_result;

/* Solves level st->level of m (GLPK problem built, earlier level rows in
 * place, objective set) from the feasible point x, which is replaced by
 * every better point found.  Must run inside the GLPK guard.  Returns 0 or
 * SN_ENOMEM. */
int am_search_level(am_level_result *res, am_model *m, const am_stage *st,
                    double *x, const am_search_opts *o, sn_budget *b);

#endif
