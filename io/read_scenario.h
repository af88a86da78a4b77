/* read_scenario.h - scenario.ini into an sn_scenario.
 *
 * Sections and keys are those of model/scenario.h (docs/data-format.md
 * lists each with its default).  Messages, all at the offending position:
 *   path:L:C: unknown section [x] (known: scenario, classes, ...)
 *   path:L:C: unknown key 'x' in section [s]
 *   path:L:C: duplicate key 'x' in section [s] (first given on line N)
 *   path:L:C: [s] key must be a whole number from A to B (got 'v')
 *   path:L:C: [s] key must be a number from A to B (got 'v')
 *   path:L:C: [s] key must be 0 or 1 (got 'v')
 *   path:L:C: [s] key must be one of a, b (got 'v')
 *   path:L:C: [scenario] year must be 0 or from 1949 to 2100 (got 'v')
 *   path:L:C: [classes] hard_cap must be at least the standard class
 *             sizes (got '40')
 * plus the syntax messages of io/ini.h.
 */
#ifndef SN_READ_SCENARIO_H
#define SN_READ_SCENARIO_H

#include "model/error.h"
#include "model/scenario.h"

/* Overrides the fields of sc (initialised by the caller, usually with
 * sn_scenario_init) with the keys of the ini file at path.  `data` is made
 * relative to the ini's folder (kept as is when absolute).
 * Returns 0; SN_EINPUT when diag received errors (sc is then partly
 * updated but still owns valid strings); SN_ENOMEM / SN_EIO in err. */
int sn_scenario_read(sn_scenario *sc, const char *path, sn_diag *diag,
                     sn_error *err);

#endif
