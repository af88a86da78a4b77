/* cli.h - the schoolnet command line: one sub-command a file (cli/cmd_*.c).
 *
 * Exit codes shared by every command:
 *   0  success (validate: data valid; plan: every pupil placed; check: plan
 *      holds)
 *   1  the work ran but the result is not clean (plan: unplaced pupils or
 *      not solved; check: violations)
 *   2  bad input or bad usage: nothing written
 *   3  internal failure (out of memory, solver could not run, I/O)
 *   130, 143  plan and batch stopped by SIGINT / SIGTERM: the best plan
 *      found was written (status `interrupted`, cli/signals.h)
 * Only cli/ prints or exits; library code returns values.
 */
#ifndef SN_CLI_H
#define SN_CLI_H

#include <stdio.h>

#include "model/error.h"
#include "model/network.h"

enum { SN_EXIT_OK = 0, SN_EXIT_RESULT = 1, SN_EXIT_INPUT = 2,
       SN_EXIT_INTERNAL = 3 };

/* `schoolnet --version`; raised with each release. */
#define SN_VERSION "0.13.0"

/* Runs the command line; returns the exit code.  Tests call this directly. */
int sn_cli_run(int argc, char **argv);

/* Sub-commands: argv[0] is the sub-command's name. */
int sn_cmd_validate(int argc, char **argv);
int sn_cmd_generate(int argc, char **argv);
int sn_cmd_plan(int argc, char **argv);
int sn_cmd_check(int argc, char **argv);
int sn_cmd_project(int argc, char **argv);
int sn_cmd_export(int argc, char **argv);
int sn_cmd_batch(int argc, char **argv);
int sn_cmd_report(int argc, char **argv);
int sn_cmd_runjob(int argc, char **argv);
int sn_cmd_collect(int argc, char **argv);

/* Prints every message of d to stderr (errors and warnings, then a count of
 * suppressed errors). */
void sn_cli_print_diag(const sn_diag *d);
/* Maps a library error code to an exit code (SN_EINPUT -> 2, else 3). */
int sn_cli_exit_for(int code);

#endif
