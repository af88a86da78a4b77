/* check.h - the plan checker: an independent verifier of an allocation plan
 * against the network and scenario it was made for.
 *
 * It shares no code with the model builder (solver/): every rule of
 * docs/checker.md is recomputed from the inputs (schools, zones, distances,
 * the scenario, the plan year's demand) and the plan's decisions, and every
 * derived number the plan states is compared with the recomputed one.  The
 * only shared code is the set of definitions in model/kpi.h (designated
 * school, status quo, even class split).  A violation is one line of
 * English such as
 *   school S0012 grade 1: 63 students above hard cap 56 in 1 classes while 2 classrooms are free
 * Violations are results, not errors: sn_plan_check returns 0 when the
 * check ran, whatever it found.
 */
#ifndef SN_CHECK_H
#define SN_CHECK_H

#include <stddef.h>

#include "model/error.h"
#include "model/kpi.h"
#include "model/network.h"
#include "model/plan.h"

typedef struct sn_check_report {
    char **violations;  /* one line each, in a fixed order; owned */
    size_t nviolations, cap;
    size_t lost;        /* violations whose line could not be stored (out
                         * of memory): the plan fails if lost > 0 too */
    size_t rules_checked; /* elementary checks made (holding or not) */
    long over_hard_cap_before, over_hard_cap_after;  /* classes */
    long over_standard_before, over_standard_after;  /* classes */
    long reported_over_cap; /* classes above the hard cap (allowed: a seat
                             * for every child; shortfall.csv says what
                             * would fix them) */
} sn_check_report;

/* Empties rep (no allocation). */
void sn_check_report_init(sn_check_report *rep);
/* Frees the lines; rep may be re-initialised after.  Accepts NULL. */
void sn_check_report_dispose(sn_check_report *rep);

/* Checks plan against net (rules and scenario in net->sc) for plan->year,
 * with the demand of sn_forecast_demand.  rep is initialised here (its old
 * contents are not freed) and receives the violations and counts; call
 * sn_check_report_dispose afterwards, whatever the return value.  Checked:
 * demand conservation, plan shape (indices, duplicates, negative counts),
 * school states (candidates, ready years, closures, max_open_schools),
 * county, reach (distance recomputed, walking/bus/boarding limits, the
 * boarding grade, beds of seat-mode schools), class mode (classrooms,
 * added classrooms, grades above the cap only as a last resort, classes
 * without a classroom), seat mode (seats), intake (enrolled pupils keep
 * their school), unplaced reasons (a seat for every child in reach), each
 * school's derived numbers (students, classes of untaught grades,
 * boarders, diversions, opened/closed years), the assignment flags, and
 * plan->cost against the recomputed cost; with plan->shortfall (read from
 * shortfall.csv) its rows and plan->county_short against their
 * recomputation.
 * Schools the scenario forces (sn_school.force) must have that state; a
 * forced closure needs neither allow_closures nor closable (never a remote
 * school); with capital_budget > 0 each county's one-off capital (build_cost
 * of new schools + classroom_cost x classrooms added) stays within it.  The
 * hard cap is each school's county's of plan->year (sn_scenario_cap).
 * Returns 0 when the check ran; SN_EUSAGE when the plan has a different
 * number of schools than net; SN_ENOMEM; or the error of
 * sn_forecast_demand (err filled). */
int sn_plan_check(sn_check_report *rep, const sn_network *net,
                  const sn_plan *plan, sn_error *err);

/* As sn_plan_check, and also compares the summary numbers `written` (as
 * read from summary.json) with their recomputation.  written may be NULL
 * (then exactly sn_plan_check). */
int sn_plan_check_summary(sn_check_report *rep, const sn_network *net,
                          const sn_plan *plan, const sn_kpi *written,
                          sn_error *err);

/* As sn_plan_check_summary, for a year of a multi-year plan: stay[0..nstay)
 * (zone, grade, school, students; other fields ignored) are the enrolled
 * pupils carried over from the year before (stayers.csv).  Under divert =
 * intake, each is clamped to its zone and grade's demand in school order
 * (as the solver does); the carried pupils must be at their school when it
 * is open (at any known distance), count as enrolled pupils who stay
 * there, and are exempt from the designated-school rule, which applies to
 * the rest.  stay may be NULL. */
int sn_plan_check_stayers(sn_check_report *rep, const sn_network *net,
                          const sn_plan *plan, const sn_kpi *written,
                          const sn_assignment *stay, size_t nstay,
                          sn_error *err);

#endif
