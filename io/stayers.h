/* stayers.h - stayers.csv of a multi-year plan year: the enrolled pupils
 * carried over from the year before, who move up a grade at their school.
 *
 * Columns: county, zone, grade, school, students; rows sorted by zone
 * (input order), grade, school.  `schoolnet check SCENARIO OUT/<year>`
 * reads the file when present (model/check.h, sn_plan_check_stayers).
 * Reader messages (besides those of io/table.h):
 *   path:L:C: unknown zone: not in zones.csv (got 'z')
 *   path:L:C: unknown school: not in schools.csv (got 's')
 *   path:L:C: duplicate row for zone 'Z', grade G, school 'S' (first on
 *             line N)
 */
#ifndef SN_STAYERS_H
#define SN_STAYERS_H

#include <stddef.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

/* Writes stay[0..n) (sorted as above) to dir/stayers.csv, all or nothing
 * (io/outdir).  Returns 0, SN_EIO or SN_ENOMEM (err filled). */
int sn_stayers_write(const sn_assignment *stay, size_t n,
                     const sn_network *net, const char *dir, sn_error *err);

/* Reads dir/stayers.csv.  *present is 0 (and *out NULL, *n 0) when the
 * file does not exist.  Returns 0, SN_EINPUT (messages in diag), SN_EIO or
 * SN_ENOMEM; *out (owned) is NULL on failure. */
int sn_stayers_read(sn_assignment **out, size_t *n, int *present,
                    const sn_network *net, const char *dir, sn_diag *diag,
                    sn_error *err);

#endif
