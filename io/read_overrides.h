/* read_overrides.h - the [overrides] section of scenario.ini: per-school
 * decisions a what-if scenario takes out of the planner's hands.
 *
 * Keys (docs/scenarios.md):
 *   close = S1, S2            force these schools closed (a candidate: not
 *                             built); a remote school is never closed
 *   keep = S3, S4             force these schools open (a candidate: built,
 *                             from its ready year in multi-year plans)
 *   ready_year.S5 = 2019      a candidate's ready year
 *   add_classrooms.S6 = 6     classrooms built before the plan (class mode)
 *   close_below = 50          force closed every rural (urban = 0), open,
 *                             public, non-remote school with fewer
 *                             pupils than that in the last history year
 *                             (zones designated to it, grades it teaches)
 *   keep_below = 50           force open the same rural schools (remote
 *                             ones included)
 * Schools named by close / keep are left alone by the *_below keys.
 * The files of a `base` chain are read base first; a key given again in a
 * later file replaces the earlier value (a later `close` replaces the whole
 * earlier list).  Messages, at the offending id or value:
 *   path:L:C: unknown school: not in schools.csv (got 'S9')
 *   path:L:C: a remote school cannot be closed (got 'S1')
 *   path:L:C: school 'S1' is both closed and kept (got 'S1')
 *   path:L:C: empty school id in the list (got 'S1,,S2')
 *   path:L:C: ready_year applies to candidate schools; 'S1' is open (got
 *             'ready_year.S1')
 *   path:L:C: [overrides] ready_year.S5 must be a year from 1949 to 2100
 *             (got 'v')
 *   path:L:C: add_classrooms applies to class-mode schools; 'S1' has seats
 *             (got 'add_classrooms.S1')
 *   path:L:C: [overrides] add_classrooms.S6 must be a whole number from 0
 *             to 10000 (got 'v')
 *   path:L:C: [overrides] close_below must be a whole number from 0 to
 *             1000000 (got 'v')
 *   path:L:C: unknown key 'x' in section [overrides] (known: close, keep,
 *             close_below, keep_below, ready_year.SCHOOL,
 *             add_classrooms.SCHOOL)
 *   path:L:C: duplicate key 'x' in section [overrides] (first given on
 *             line N)
 *   path:L:C: unknown county in [milestones]: not in schools.csv (known:
 *             A, B) (got 'X')     (a hard_cap.YEAR.COUNTY key)
 * and warnings, for what-ifs that would silently do nothing:
 *   path:L:C: close_below = 50 matches no school: the smallest rural open
 *             public school not remote, S7, had 63 pupils in 2017
 *   path:L:C: add_classrooms.S1 has no effect: 'close' closes S1
 */
#ifndef SN_READ_OVERRIDES_H
#define SN_READ_OVERRIDES_H

#include "model/error.h"
#include "model/network.h"

/* Applies the [overrides] of the scenario.ini at path (and of its base
 * files) to net, whose schools have been read: sets sn_school.force,
 * ready_year, classrooms.  A folder path has no overrides (returns 0).
 * Returns 0; SN_EINPUT when diag received errors (net is then partly
 * changed and meant to be discarded); SN_ENOMEM / SN_EIO in err. */
int sn_overrides_apply(sn_network *net, const char *path, sn_diag *diag,
                       sn_error *err);

#endif
