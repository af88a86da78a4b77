/* plan_common.h - what `plan`, `export` and `check` share on the command
 * line: reading a scenario with its errors printed, and the plan year's
 * demand. */
#ifndef SN_PLAN_COMMON_H
#define SN_PLAN_COMMON_H

#include "io/outtx.h"
#include "model/network.h"

/* Reads SCENARIO (ini or folder); prints errors. Returns 0 or an exit
 * code; *out is NULL on failure. */
int sn_cli_read_network(sn_network **out, const char *path);

/* The plan year: year_arg if > 0, else the scenario's year, else the year
 * after the last history year. */
int sn_cli_plan_year(const sn_network *net, int year_arg);

/* Allocates and fills the demand of `year` (nzones x (SN_GRADES + 1)).
 * Prints errors. Returns 0 or an exit code; *out owned by the caller. */
int sn_cli_demand(int **out, const sn_network *net, int year,
                  const char **source);

/* Warns on stderr about scenario keys that have no effect in plan years
 * first..last (issue 9: a what-if never silently does nothing): a
 * `[classes] hard_cap` every county's milestones override in every one of
 * those years, weights given in lexicographic mode. */
void sn_cli_warn_scenario(const sn_network *net, int first, int last);

/* Starts the output transaction of folder out (io/outtx.h), before any
 * solve, so an unwritable or busy -o is an error at once.  Prints
 * "schoolnet CMD: message" on failure.  Returns 0 or an exit code; *tx is
 * NULL on failure. */
int sn_cli_outtx_begin(sn_outtx **tx, const char *out, const char *cmd);

/* Commits tx; prints on failure.  Returns 0 or an exit code. */
int sn_cli_outtx_commit(sn_outtx *tx, const char *cmd);

#endif
