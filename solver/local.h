/* local.h - internal to solver/: local search on the open/close decisions
 * (local.c).  The caller supplies an oracle that turns a state of the
 * schools into a plan, a test that a plan satisfies every row, its level
 * value, and where to hand a plan better than the incumbent. */
#ifndef SN_LOCAL_H
#define SN_LOCAL_H

#include "solver/search.h"

/* Plan for state[k] (AM_DEFAULT / AM_CLOSED / AM_OPEN per local school)
 * into x; returns 0, or nonzero when the state gives no plan. */
typedef int (*am_oracle_fn)(void *ctx, const char *state, double *x);
/* Whether x satisfies every row (earlier levels included). */
typedef int (*am_feasible_fn)(void *ctx, const double *x);
/* The level's value of x. */
typedef double (*am_value_fn)(void *ctx, const double *x);
/* x beats the incumbent: the caller keeps it. */
typedef void (*am_better_fn)(void *ctx, const double *x);

typedef struct am_local {
    const am_model *m;
    const double *x;            /* incumbent (read at the start) */
    const signed char *fixed;   /* [nsch]: -1 free, else fixed */
    const int *near;            /* [nsch * nnear]: nearest schools, -1 ends
                                   (entry 0 is the school itself) */
    int nnear;
    am_oracle_fn oracle;
    am_feasible_fn feasible;
    am_value_fn value;
    am_better_fn better;
    void *ctx;                  /* for the four functions */
    sn_budget *b;
    char *state;                /* [nsch] scratch */
    double *trial, *cur;        /* [ncols + 1] scratch */
} am_local;

/* Drops, adds and nearby swaps from the incumbent until none improves or
 * the budget ends; then, while the budget lasts and up to `kicks` times,
 * an iterated local search: a kick (the next open school closed and its
 * nearest closed neighbour opened) and a descent from there, kept when it
 * ends below the point it started from.  Returns the moves kept. */
int am_local_run(am_local *ls, int kicks);

#endif
