/* swap.h - internal to solver/: fast local search for facility-location
 * data (every school counts seats, every pupil movable): drop, add and
 * swap moves priced by moving pupils greedily to their cheapest open
 * schools with room (swap.c).  A greedy reassignment is a feasible plan,
 * so a move that looks better is better; the exact transportation solve
 * (assign.h) then re-optimises the flows of the open set found. */
#ifndef SN_SWAP_H
#define SN_SWAP_H

#include "solver/alloc_model.h"
#include "solver/budget.h"

typedef struct am_swap am_swap;

/* Whether m fits: seat-mode schools, no pupil tied to a school. */
int am_swap_fits(const am_model *m);

/* cost[j] per column (the level's coefficients).  0 or SN_ENOMEM. */
int am_swap_new(am_swap **out, const am_model *m, const double *cost);
void am_swap_free(am_swap *S);

/* Loads the plan x (flows and open schools); fixed[k] >= 0 keeps school
 * k's state.  Returns its value, or INFINITY when x is not a plan of this
 * kind (then the search does nothing). */
double am_swap_load(am_swap *S, const double *x, const signed char *fixed);

/* First-improvement descent with drops, adds and swaps (a school for one
 * of its `nnear` nearest, near[k * nnear + t], -1 ending a row) within
 * max_open_schools, until no move improves or b runs out.  Returns the
 * value reached. */
double am_swap_descend(am_swap *S, const int *near, int nnear, sn_budget *b);

/* Kick number r: the r-th open free school swapped for one of its
 * nearest closed ones whatever the cost (iterated local search).
 * Returns 0 when done, 1 when no kick applies. */
int am_swap_kick(am_swap *S, int r, const int *near, int nnear);

/* The current plan into x (ncols + 1). */
void am_swap_point(const am_swap *S, double *x);

/* The current open set as oracle states (AM_OPEN / AM_CLOSED). */
void am_swap_state(const am_swap *S, char *state);

#endif
