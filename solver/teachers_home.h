/* teachers_home.h - internal: the home stage of the teacher assignment
 * (teachers_home.c): every teacher's periods at its own school, before
 * the walking stage (teachers_model.h) uses the spare capacity.
 */
#ifndef SN_TEACHERS_HOME_H
#define SN_TEACHERS_HOME_H

#include "model/staffing.h"
#include "solver/mip.h"

/* Home periods homep[t * SN_MAX_SUBJECTS + j] of every teacher whose home
 * (st->home) is in county c (rows of other teachers untouched): per open
 * school, the most priority-weighted periods its own teachers can cover,
 * spare capacity left with the teachers who may walk, itinerant ones
 * first (method in teachers_home.c).  Teachers of schools not open teach
 * nothing.  Every LP runs to its end (no limit: they are small); their
 * simplex iterations are charged to b (budget.h units).  Inside a guard.
 * Returns 0 or SN_ENOMEM. */
int th_home(int *homep, const sn_network *net, const sn_staffing *st,
            int county, sn_budget *b);

#endif
