/* local.h - internal to solver/: local search on the open/close decisions
 * (local.c).  The caller supplies an oracle that turns a state of the
 * schools into a plan and an acceptance test (every row holds and the
 * level improves; on acceptance the caller keeps the point as its new
 * incumbent). */
#ifndef SN_LOCAL_H
#define SN_LOCAL_H

#include "solver/search.h"

/* Plan for state[k] (AM_DEFAULT / AM_CLOSED / AM_OPEN per local school)
 * into x; returns 0, or nonzero when the state gives no plan. */
typedef int (*am_oracle_fn)(void *ctx, const char *state, double *x);
/* Whether x is kept (then it is the new incumbent). */
typedef int (*am_accept_fn)(void *ctx, const double *x);

typedef struct am_local {
    const am_model *m;
    const double *x;            /* incumbent (read at the start) */
    const signed char *fixed;   /* [nsch]: -1 free, else fixed */
    const int *near;            /* [nsch * nnear]: nearest schools, -1 ends
                                   (entry 0 is the school itself) */
    int nnear;
    am_oracle_fn oracle;
    void *oracle_ctx;
    long long oracle_ops;       /* work of one oracle call */
    am_accept_fn accept;
    void *accept_ctx;
    sn_budget *b;
    char *state;                /* [nsch] scratch */
    double *trial;              /* [ncols + 1] scratch */
} am_local;

/* Drops, adds and nearby swaps until none improves or the budget ends.
 * Returns the number of moves kept. */
int am_local_run(am_local *ls);

#endif
