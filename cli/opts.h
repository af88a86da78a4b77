/* opts.h - command-line options of the sub-commands: getopt_long(3) with
 * schoolnet's own messages.
 *
 * Conventions (GNU): `--year=2020` or `--year 2020`, `-o/dir` or `-o /dir`,
 * options and operands in any order, `--` ends the options, a long
 * option may be shortened to any unambiguous prefix.  Messages, each
 * followed by the command's synopsis and a pointer to its --help:
 *   schoolnet plan: option '--year' needs a value
 *   schoolnet plan: unknown option '--yaer' (did you mean '--year'?)
 *   schoolnet plan: bad value for --year (got '20x'): a year from 1949
 *                   to 2100
 * Numbers are strict decimals (io/number.h): `--gap 0x1p-3` is refused.
 */
#ifndef SN_OPTS_H
#define SN_OPTS_H

#include <getopt.h>

/* One sub-command's options. */
typedef struct sn_cli_optset {
    const char *cmd;               /* "plan": for messages */
    const char *shortopts;         /* getopt's string, e.g. "ho:q" */
    const struct option *longopts; /* terminated by {0, 0, 0, 0} */
    const char *usage;             /* the synopsis line, printed to stderr
                                    * after an error */
} sn_cli_optset;

/* Starts parsing argv (argv[0] is the sub-command); call before the first
 * sn_cli_next_opt (getopt keeps global state, reset here). */
void sn_cli_opts_begin(void);

/* The next option: its key (the short letter or the long option's val),
 * with *arg its value or NULL; 0 when the options are done (operands are
 * then argv[optind..argc-1]); -1 after printing an error (unknown option,
 * missing value). */
int sn_cli_next_opt(const sn_cli_optset *s, int argc, char **argv,
                    const char **arg);

/* Prints "schoolnet CMD: bad value for --NAME (got 'v'): what" and the
 * usage; returns SN_EXIT_INPUT. */
int sn_cli_bad_value(const sn_cli_optset *s, int key, const char *v,
                     const char *what);

/* Prints "schoolnet CMD: MESSAGE" and the usage; returns SN_EXIT_INPUT. */
int sn_cli_usage_error(const sn_cli_optset *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The one operand SCENARIO: argv[optind..argc-1] must hold exactly one,
 * stored in *scen; else prints "unexpected argument" or "missing
 * SCENARIO" with the usage and returns SN_EXIT_INPUT. */
int sn_cli_scenario_operand(const sn_cli_optset *s, int argc, char **argv,
                            const char **scen);

/* Strict decimal numbers in [lo, hi]: 0, or -1 (bad or out of range). */
int sn_cli_int(const char *v, long lo, long hi, int *out);
int sn_cli_double(const char *v, double lo, double hi, double *out);

#endif
