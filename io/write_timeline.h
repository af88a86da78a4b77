/* write_timeline.h - timeline.csv of a multi-year plan: one row per county
 * and plan year (model/timeline.h, sn_timeline_row).
 *
 * Columns: year, county, hard_cap (the county's: 66, standard, none),
 * cap_from (the key that set it: classes.hard_cap or hard_cap.YEAR[.COUNTY]),
 * students, unplaced, classes, over_66, over_56, over_standard,
 * schools_closed, schools_opened, closed_in_year, opened_in_year,
 * classrooms_added, classrooms_added_in_year, classrooms_left, cost (%.3f
 * yuan a year), over_cap (classes above the county's cap), pupils_over_cap,
 * classrooms_short (shortfall.csv's sums), meets_cap (1 when over_cap = 0).  Counts of schools and
 * classrooms are "so far" unless the name says "in_year".  Rows by year,
 * then county (input order).  Deterministic; all or nothing (io/outdir).
 */
#ifndef SN_WRITE_TIMELINE_H
#define SN_WRITE_TIMELINE_H

#include <stddef.h>

#include "model/error.h"
#include "model/network.h"
#include "model/timeline.h"

/* Writes rows[0..n) to dir/timeline.csv.  Returns 0, SN_EIO or SN_ENOMEM
 * (err filled); on failure nothing in dir changed. */
int sn_timeline_write(const sn_timeline_row *rows, size_t n,
                      const sn_network *net, const char *dir, sn_error *err);

#endif
