/* check_teachers.h - the teacher checker: verifies the teacher files of a
 * written plan (teachers.csv, shortages.csv, staffing.csv, rotation.csv,
 * the "teachers" section of summary.json) against the inputs and the
 * plan's classes, with code that shares nothing with solver/teachers or
 * model/staffing: demand, required staff, capacity, distances, funds and
 * quotas are recomputed here from their definitions (docs/teachers.md).
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
    int school, required, actual, status; /* status: sn_staff_status */
} sn_tf_staff;
typedef struct sn_tf_move {
    int teacher, from, to, subject, strong;
} sn_tf_move;
typedef struct sn_tf_county {
    int seen, eligible, movers, strong_movers;
    double funds, allowance;
} sn_tf_county;

typedef struct sn_teacher_files {
    sn_tf_row *rows; size_t nrows, rows_cap;
    sn_tf_short *shorts; size_t nshorts, shorts_cap;
    sn_tf_staff *staff; size_t nstaff, staff_cap;
    sn_tf_move *moves; size_t nmoves, moves_cap;
    int has_summary;           /* summary.json has a "teachers" section */
    double periods_uncovered, km_per_week, public_funds, allowance, movers;
    sn_tf_county *county;      /* ncounties entries */
    int ncounties;
} sn_teacher_files;

/* An empty set for net's counties.  0 or SN_ENOMEM; free with _free. */
int sn_teacher_files_new(sn_teacher_files **out, int ncounties);
void sn_teacher_files_free(sn_teacher_files *f); /* accepts NULL */

/* Checks the teacher files tf of plan (made for net) and appends every
 * violation to rep (initialised by the caller, e.g. by sn_plan_check), and
 * adds the checks made to rep->rules_checked.  Rules: staffing rows,
 * rotation (eligibility, school rules 只出不进 / 出一进一 / under-staffed
 * never weaker, subject, quotas per county), each assignment row (home
 * after rotation, qualification, reach, km a week, capacity, schools per
 * teacher, no more than the demand), shortages exactly the uncovered
 * demand, no period left uncovered that a teacher with spare capacity
 * could teach, and the summary numbers.  Returns 0, or SN_ENOMEM. */
int sn_teachers_check(sn_check_report *rep, const sn_network *net,
                      const sn_plan *plan, const sn_teacher_files *tf,
                      sn_error *err);

#endif
