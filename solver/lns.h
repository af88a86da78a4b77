/* lns.h - internal to solver/: sub-MIPs of one level's GLPK problem.
 *
 * A neighbourhood is a set of free columns; every other column stays at
 * the incumbent.  The sub-MIP keeps each row of the level's problem that
 * holds a free column, with the fixed columns' part moved into its bounds,
 * and the level's objective on the free columns; GLPK solves it from the
 * incumbent (which satisfies it) within a node and iteration limit.  Built
 * from the rows of the GLPK problem itself, so it follows any change of the
 * model without code here knowing the rows' meaning.  All functions run
 * inside the GLPK guard of the problem; scratch memory is owned by the
 * am_lns object, so a long jump out of GLPK leaks nothing (free the object
 * after releasing the guard).
 */
#ifndef SN_LNS_H
#define SN_LNS_H

#include "solver/search.h"

typedef struct am_lns am_lns;

/* Takes a snapshot of m->P (rows, bounds, kinds) and the objective of
 * stage st's level.  Call after the level's rows and fixings are in P.
 * Returns 0 or SN_ENOMEM. */
int am_lns_new(am_lns **out, am_model *m, const am_stage *st);
void am_lns_free(am_lns *N);

/* Whether x satisfies every row, bound and integrality of the snapshot
 * (relative tolerance 1e-6). */
int am_lns_feasible(const am_lns *N, const double *x);

/* Objective coefficient of column j (1..ncols). */
double am_lns_obj(const am_lns *N, int j);

/* Level value of x (the snapshot's objective, constant included). */
double am_lns_value(const am_lns *N, const double *x);

typedef struct am_lns_opts {
    int node_limit;      /* branch-and-bound nodes, > 0 */
    int iter_limit;      /* simplex iterations in all, > 0 */
    int cuts;            /* 1: GLPK's MIR cuts (for a whole level) */
    double *bound;       /* if not NULL: receives a lower bound of the
                            level over the points that agree with x on the
                            fixed columns (-INFINITY when none is proven) */
} am_lns_opts;

/* Solves the sub-MIP whose free columns are those with free[j] != 0
 * (j in 1..ncols), from the incumbent x.  On improvement (a feasible
 * point of lower level value) x is replaced and 1 returned; 0 when not
 * improved; SN_ENOMEM.  Work (iterations and nodes) is charged to b; the
 * solve stops when b runs out. */
int am_lns_solve(am_lns *N, const char *free, double *x,
                 const am_lns_opts *o, sn_budget *b);

#endif
