/* plan_jobs.h - one plan year solved county by county, in this process or
 * in up to N child processes at once (`schoolnet plan --jobs N`).
 *
 * GLPK is never shared: each child has its own copy of everything after
 * fork(2) and sends its county's part back through an unlinked temporary
 * file (io/plan_part.h).  The parent merges the parts in county order, so
 * the plan is the same whatever N, and the same as one sn_allocate over all
 * counties when the solves end by gap or optimality (each county gets the
 * time share sn_allocate would give it).
 */
#ifndef SN_PLAN_JOBS_H
#define SN_PLAN_JOBS_H

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"
#include "solver/allocate.h"

/* Plans `year` for every county of net.  jobs 0: one sn_allocate call;
 * jobs 1: county by county in this process; jobs > 1: that many child
 * processes at most.  budget (may be NULL) gives each county's
 * capital_budget (net->sc.capital_budget is set to it while that county is
 * solved, then restored).  opts->county must be -1.  On success *out is
 * the merged plan (sn_plan_free).  Returns 0, or the first failing
 * county's code (SN_ENOMEM, SN_ESOLVER, SN_EIO for a child that died);
 * every child has been waited for on return; *out NULL on failure. */
int sn_cli_plan_counties(sn_plan **out, sn_network *net, const int *demand,
                         int year, const sn_allocate_opts *opts, int jobs,
                         const double *budget, sn_error *err);

/* County `county` alone, solved exactly as sn_cli_plan_counties solves it
 * with jobs >= 1 and no budget (the same time share), for `plan --county`:
 * a separate process, on any machine, gives the part a `plan --jobs N`
 * child would.  On success *out is that county's part (sn_plan_free).
 * Returns 0, SN_EUSAGE (no such county), SN_ENOMEM or SN_ESOLVER; *out
 * NULL on failure. */
int sn_cli_plan_county(sn_plan **out, sn_network *net, const int *demand,
                       int year, const sn_allocate_opts *opts, int county,
                       sn_error *err);

/* Merges parts[0..ncounties-1] (parts[c] made for county c of net) in
 * county order into a new plan of `year`, as sn_cli_plan_counties does
 * after its children: the same bytes when the parts are the same.  The
 * parts stay the caller's.  Returns 0 or SN_ENOMEM; *out NULL on
 * failure. */
int sn_cli_plan_merge(sn_plan **out, const sn_network *net, int year,
                      sn_plan *const *parts, sn_error *err);

/* `schoolnet plan --years A-B`: plans A..B in turn (solver/multiyear.h)
 * into OUT/<year>/ (plan files + stayers.csv) and OUT/timeline.csv, each
 * county with the capital budget left, `jobs` as above (0: 1).  Prints one
 * line a year and, for the last year, where classes above 56 remain.
 * Returns an exit code (cli.h). */
int sn_cli_plan_years(sn_network *net, const char *out, int first, int last,
                      const sn_allocate_opts *opts, int jobs, int quiet);

#endif
