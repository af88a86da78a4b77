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
 *   path:L:C: [scenario] base: cannot open FILE (reason) (got 'v')
 *   path:L:C: [scenario] base: the scenarios inherit in a cycle:
 *             a.ini -> b.ini -> a.ini (got 'v')
 *   path:L:C: [scenario] base: more than 8 files inherit from each other
 *   path:L:C: unknown key 'x' in section [milestones] (expected
 *             hard_cap.YEAR, YEAR from 1949 to 2100)
 *   path:L:C: too many milestones (at most 16) (got 'hard_cap.2031')
 *   path: [milestones] hard_cap.Y must be at least the standard class
 *         sizes A and B (got 'v')
 * plus the syntax messages of io/ini.h.  `[scenario] base = FILE` (relative
 * to the ini's folder) reads FILE first, then this file's keys override
 * its values; `data` not given anywhere in the chain is the folder of the
 * first file (the one without a base).  [overrides] is skipped here: it
 * names schools and is read against the network (io/read_overrides.h).
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

/* The `[scenario] base` value of the ini at path, owned by the caller in
 * *out (NULL when there is none), with its line and column.  Syntax errors
 * are not reported here.  Returns 0, SN_ENOMEM or SN_EIO. */
int sn_scenario_find_base(char **out, long *line, long *col,
                          const char *path, sn_error *err);
/* The path of base as written in the ini at `ini`: as is when absolute,
 * else relative to the ini's folder.  *out owned.  0 or SN_ENOMEM. */
int sn_scenario_base_path(char **out, const char *ini, const char *base);

#endif
