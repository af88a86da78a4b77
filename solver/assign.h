/* assign.h - internal to solver/: the exact plan for a given set of open
 * schools when every school counts seats (facility-location data): a
 * transportation problem, solved by placing every group at its cheapest
 * open school and then moving the overload along shortest augmenting
 * paths (successive shortest paths with potentials, which keep the
 * uncapacitated optimum's reduced costs non-negative), so the result is
 * the minimum-cost assignment for the arc costs given. */
#ifndef SN_ASSIGN_H
#define SN_ASSIGN_H

#include "solver/alloc_model.h"

typedef struct am_assign am_assign;

/* Whether m fits: seat-mode schools only (class mode needs the greedy). */
int am_assign_fits(const am_model *m);

/* cost[a] for each arc a (its objective coefficient); copied.  Returns 0
 * or SN_ENOMEM. */
int am_assign_new(am_assign **out, const am_model *m, const double *cost);
void am_assign_free(am_assign *A);

/* The plan for state[k] (AM_OPEN / AM_CLOSED; AM_DEFAULT: open) into x:
 * flows, y (schools nobody attends are closed), unplaced pupils zero.
 * Returns 0, or 1 when the open schools cannot seat everyone (x is then
 * not a plan).  *ops receives the elementary steps spent. */
int am_assign_plan(am_assign *A, const char *state, double *x,
                   long long *ops);

#endif
