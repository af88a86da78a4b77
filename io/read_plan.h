/* read_plan.h - reads a written plan (docs/plan-format.md) back into an
 * sn_plan, against the network it was made for, for `schoolnet check`.
 *
 * The reader checks form, not rules: a file that cannot be parsed, an id
 * that is not in the network, a column that contradicts the inputs (county,
 * classrooms, seats, beds of a school) or the row's own totals is an input
 * error with path:line:column.  Whether the plan obeys the rules is
 * model/check's business, so values such as negative students or a closed
 * school with pupils are read as they are.
 */
#ifndef SN_READ_PLAN_H
#define SN_READ_PLAN_H

#include "model/error.h"
#include "model/kpi.h"
#include "model/network.h"
#include "model/plan.h"

/* Reads dir/assignments.csv, unplaced.csv, schools.csv, summary.json and,
 * if present, timing.json.
 *
 * On success returns 0, sets *out to a new plan (free with sn_plan_free):
 * assignments and unplaced rows in file order, every school's row from
 * schools.csv, and from summary.json the year, demand_source, status,
 * objective, bound, gap and cost (into plan->cost); seconds from
 * timing.json (0 when absent).  When `written` is not NULL it receives the
 * summary's plan numbers (students, unplaced, before/after class counts,
 * diversions, km, schools, classrooms, cost) for sn_plan_check_kpi.
 *
 * Returns SN_EINPUT with every problem found as a line in diag (a missing
 * file, a malformed field, an unknown id, a school missing or repeated in
 * schools.csv, a missing or malformed summary key), SN_EIO or SN_ENOMEM
 * with err filled.  *out is NULL on failure.  diag is borrowed. */
int sn_plan_read(sn_plan **out, sn_kpi *written, const sn_network *net,
                 const char *dir, sn_diag *diag, sn_error *err);

#endif
