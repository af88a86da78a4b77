/* plan_report.h - what `plan` prints and times: the progress line, the
 * before/after class table, the objective levels, and timing.json with
 * every phase of the run. */
#ifndef SN_PLAN_REPORT_H
#define SN_PLAN_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"
#include "solver/mip.h"

/* The progress line of p into buf (size n >= 80), without the carriage
 * return: at most 79 columns whatever the values, so it never wraps in an
 * 80-column terminal. */
void sn_cli_progress_format(char *buf, size_t n, const sn_progress *p);
/* An sn_progress_fn: "\r\033[K" and the line, on stderr. */
void sn_cli_progress(void *ctx, const sn_progress *p);

/* Classes before (side 0: the status quo of demand) and after (side 1:
 * the plan) in one county or all.  Only class-mode schools run classes:
 * seat-mode schools (private ones included) are left out, as in
 * summary.json (model/kpi.h), so the table and the summary agree. */
typedef struct sn_class_row {
    long classes[2], over66[2], over_cap[2], over_std[2];
    int largest[2]; /* pupils in the largest class */
} sn_class_row;

/* rows[c] for county c and rows[ncounties] for all (caller allocates
 * ncounties + 1).  0 or SN_ENOMEM. */
int sn_cli_class_rows(sn_class_row *rows, const sn_network *net,
                      const sn_plan *plan, const int *demand);

/* Prints the table to f.  0 or SN_ENOMEM. */
int sn_cli_print_table(FILE *f, const sn_network *net, const sn_plan *plan,
                       const int *demand);

/* One line per objective level: value, bound and gap. */
void sn_cli_print_levels(FILE *f, const sn_plan *plan,
                         const sn_scenario *sc);

/* Wall-clock seconds of the phases of a run. */
typedef struct sn_cli_timing {
    double read, allocation, teachers, write, total;
} sn_cli_timing;

/* Writes dir/timing.json (replacing the plan writer's, which knows the
 * allocation only): {"seconds": total, "read": ..., "allocation": ...,
 * "teachers": ..., "write": ...}.  0, SN_EIO or SN_ENOMEM. */
int sn_cli_write_timing(const char *dir, const sn_cli_timing *t,
                        sn_error *err);

#endif
