/* multiyear.h - plans over several years: the state that carries from one
 * plan year to the next, and the per-county timeline of the results.
 *
 * A multi-year run plans years A..B in turn.  For each year it
 *   1. computes the year's demand (sn_forecast_demand) and the pupils who
 *      move up a grade where they are (sn_multiyear_stayers);
 *   2. turns the network into that year's working network
 *      (sn_multiyear_apply): classrooms built so far are added to
 *      `classrooms` and taken from `max_new_classrooms`, schools closed so
 *      far are forced closed, candidates opened so far and schools where
 *      classrooms were built become schools that never close, a candidate the scenario keeps waits for its ready
 *      year, and the hard cap is the year's milestone;
 *   3. solves it (sn_allocate, per county with the capital budget left,
 *      sn_multiyear_budget_left), restores the network
 *      (sn_multiyear_restore) and records the plan (sn_multiyear_commit),
 *      which also restates it against the original network: a candidate
 *      opened in any year so far is `new`, `classrooms_added` counts every
 *      classroom built so far, and the cost is recomputed (capital is a
 *      yearly annuity, so it keeps counting after the building year).
 * The restated plan is what `schoolnet check SCENARIO OUT/<year>` verifies
 * against the original inputs.  Nothing here prints, forks or solves.
 */
#ifndef SN_MULTIYEAR_H
#define SN_MULTIYEAR_H

#include <stddef.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"
#include "model/timeline.h"

typedef struct sn_multiyear sn_multiyear; /* opaque */

/* sn_timeline_row (a timeline.csv row) is in model/timeline.h. */

/* A new state for net (the original network; it must outlive the state).
 * Returns 0 or SN_ENOMEM; *out NULL on failure. */
int sn_multiyear_new(sn_multiyear **out, const sn_network *net);
/* Accepts NULL. */
void sn_multiyear_free(sn_multiyear *my);

/* Pupils carried into the next plan year: each (zone, grade g, school) of
 * the last committed plan becomes (zone, g + 1, school) when g + 1 is not
 * an entry grade (1, 7) and the school teaches it; where a zone and grade
 * would carry more pupils than demand[z * (SN_GRADES + 1) + g + 1], the
 * counts are scaled down (largest remainder, ties to the school listed
 * first) so they sum to the demand.  Empty before the first commit and
 * under divert = all.  *out (owned by the caller, NULL when *n is 0) is
 * sorted by (zone, grade, school); km, boarding and diverted are 0.
 * Returns 0 or SN_ENOMEM. */
int sn_multiyear_stayers(sn_assignment **out, size_t *n,
                         const sn_multiyear *my, const int *demand);

/* Makes net the working network of `year` (see above), saving what it
 * changes.  Returns 0, or SN_EUSAGE when already applied. */
int sn_multiyear_apply(sn_multiyear *my, sn_network *net, int year);
/* Capital budget for county c in the applied year: capital_budget minus
 * what earlier years spent there, at least 1e-9 (0 means no limit, as in
 * the scenario). */
double sn_multiyear_budget_left(const sn_multiyear *my, int county);
/* Undoes sn_multiyear_apply.  No effect when not applied. */
void sn_multiyear_restore(sn_multiyear *my, sn_network *net);

/* Records `working` (made on the applied network of its year) once the
 * network is restored, and returns in *out the plan restated against the
 * original network (owned by the caller; sn_plan_free), its rows sorted and
 * one per (zone, grade, school) (sn_allocate may give pupils who stay and
 * pupils placed anew at one school as two rows).  rows (if not NULL)
 * receives net->ncounties timeline rows for the year.  Returns 0,
 * SN_EUSAGE (network still applied, or the plan does not fit it) or
 * SN_ENOMEM; on failure nothing is recorded and *out is NULL. */
int sn_multiyear_commit(sn_plan **out, sn_timeline_row *rows,
                        sn_multiyear *my, const sn_plan *working,
                        sn_error *err);

#endif
