/* check_teachers.h - the teacher checker: verifies the teacher files of a
 * written plan (teachers.csv, shortages.csv, staffing.csv, rotation.csv,
 * redeploy.csv, timetable.csv, teacher_state.csv, the "teachers" section
 * of summary.json, and, for a year of a multi-year plan, the previous
 * year's files beside it) against the inputs and the plan's classes, with
 * code that shares nothing with solver/teachers or model/staffing:
 * demand, required staff, quotas, capacity, distances, days, funds and
 * rotation quotas are recomputed here from their definitions
 * (docs/teachers.md).
 *
 * Violations are results, not errors; they are appended to an
 * sn_check_report (model/check.h) as one line each.
 */
#ifndef SN_CHECK_TEACHERS_H
#define SN_CHECK_TEACHERS_H

#include <stddef.h>

#include "model/check.h"
#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

/* The teacher files as read (io/read_teachers), indices into the network. */
typedef struct sn_tf_row {
    int teacher, home, school, subject, periods;
    double km_per_week;
} sn_tf_row;
typedef struct sn_tf_short {
    int school, subject, uncovered, posts;
} sn_tf_short;
typedef struct sn_tf_staff {
    int school, required, quota, actual;
    int status;                /* sn_staff_status */
    int actual_after, surplus, shortage;
} sn_tf_staff;
typedef struct sn_tf_move {
    int teacher, from, to, subject, strong, exchange;
} sn_tf_move;
typedef struct sn_tf_redeploy {
    int teacher, from, to;
    int subject;               /* -1: empty */
    int reason;                /* sn_redeploy_reason */
} sn_tf_redeploy;
typedef struct sn_tf_day {
    int teacher, day, school, subject, periods;
} sn_tf_day;
typedef struct sn_tf_county {
    int seen, eligible, movers, strong_movers, swaps;
    int redeployed_closed, redeployed_surplus;
    int quota, actual, actual_after, hires, releases;
    double funds, allowance;
} sn_tf_county;

typedef struct sn_teacher_files {
    int nteachers;
    sn_tf_row *rows; size_t nrows, rows_cap;
    sn_tf_short *shorts; size_t nshorts, shorts_cap;
    sn_tf_staff *staff; size_t nstaff, staff_cap;
    sn_tf_move *moves; size_t nmoves, moves_cap;
    sn_tf_redeploy *redeploys; size_t nredeploys, redeploys_cap;
    sn_tf_day *days; size_t ndays, days_cap;
    /* teacher_state.csv: the teachers at the start of the year */
    int has_state;
    int *state_home, *state_years, *state_last; /* nteachers; last: 0 */
    char *state_seen;
    /* the previous plan year's files (OUT/<year - 1>/ beside a year of a
     * multi-year plan), or NULL; owned */
    struct sn_teacher_files *prev;
    int has_summary;           /* summary.json has a "teachers" section */
    double periods_uncovered, km_per_week, public_funds, allowance, movers;
    double redeployed, swaps, quota, hires, releases;
    sn_tf_county *county;      /* ncounties entries */
    int ncounties;
} sn_teacher_files;

/* An empty set for net's counties and teachers (state arrays allocated,
 * has_state 0).  0 or SN_ENOMEM; free with _free. */
int sn_teacher_files_new(sn_teacher_files **out, int ncounties,
                         int nteachers);
void sn_teacher_files_free(sn_teacher_files *f); /* accepts NULL */

/* Checks the teacher files tf of plan (made for net) and appends every
 * violation to rep (initialised by the caller, e.g. by sn_plan_check), and
 * adds the checks made to rep->rules_checked.  Rules (docs/teachers.md,
 * "Checker rules"): the teachers' state at the start of the year (the
 * input, or what the previous year's files leave), staffing rows and the
 * quota shares, redeployment (every teacher of a closed school, surplus
 * only from over-staffed schools to schools with room lacking the
 * subject), rotation (eligibility and memory, 只出不进 / 出一进一 /
 * under-staffed never weaker, coverage kept, subject, quotas per county),
 * each assignment row (home after redeployment and rotation,
 * qualification, who may walk, reach, km a week against the days of the
 * timetable, capacity, schools per teacher, home first, no more than the
 * demand), the week of each walking teacher, shortages exactly the
 * uncovered demand, no period left uncovered that a teacher with spare
 * capacity could teach within its week, and the summary numbers.
 * Returns 0, or SN_ENOMEM. */
int sn_teachers_check(sn_check_report *rep, const sn_network *net,
                      const sn_plan *plan, const sn_teacher_files *tf,
                      sn_error *err);

#endif
