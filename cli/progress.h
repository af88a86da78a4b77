/* progress.h - the one-line progress report of `plan` on a terminal:
 * county k/n, level, incumbent, bound, gap and elapsed/limit, in fewer
 * than 80 columns, rewritten in place on stderr. */
#ifndef SN_CLI_PROGRESS_H
#define SN_CLI_PROGRESS_H

#include <stddef.h>

#include "solver/mip.h"

/* Formats p into buf (at most 79 display columns; county names are cut
 * at a character boundary).  Returns buf. */
char *sn_cli_progress_line(char *buf, size_t n, const sn_progress *p);

/* sn_progress_fn printing the line on stderr (ctx unused). */
void sn_cli_progress(void *ctx, const sn_progress *p);

/* Clears the line. */
void sn_cli_progress_clear(void);

#endif
