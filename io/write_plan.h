/* write_plan.h - writes an allocation plan as the files of
 * docs/plan-format.md: assignments.csv, unplaced.csv, schools.csv,
 * summary.json and timing.json.
 *
 * Output is deterministic: rows in a fixed order (sn_plan_sort's), fixed
 * number formats, no time stamps outside timing.json.  All files appear at
 * once or not at all (io/outdir).
 */
#ifndef SN_WRITE_PLAN_H
#define SN_WRITE_PLAN_H

#include <stdio.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

/* Writes plan (made for net) into folder dir, creating it if needed.
 * The per-school columns are written as the plan states them
 * (plan->schools); summary.json's numbers are computed by sn_kpi_compute
 * from the assignments, the unplaced pupils and the school decisions, and
 * the status, objective, bound, gap from the plan (plan->cost is not used:
 * the cost is recomputed).  Rows with 0 students are left out.
 * Returns 0; SN_EUSAGE when the plan does not fit the network (school count,
 * an index out of range); SN_EIO or SN_ENOMEM.  On failure nothing in dir
 * has changed. */
int sn_plan_write(const sn_plan *plan, const sn_network *net, const char *dir,
                  sn_error *err);

/* More files and a summary.json section written with the plan, in the same
 * all-or-nothing set (the teacher outputs use it).  files() opens its own
 * files with sn_outdir_file and returns 0 or an error code (err filled);
 * summary() writes members of summary.json's top object, each line
 * indented two spaces, without a leading or trailing comma (it follows the
 * "cost" member).  Either may be NULL; ctx is passed to both. */
struct sn_outdir;
typedef struct sn_plan_extra {
    int (*files)(void *ctx, struct sn_outdir *od, sn_error *err);
    void (*summary)(void *ctx, FILE *f);
    void *ctx;
} sn_plan_extra;

/* As sn_plan_write, with extra outputs (extra may be NULL). */
int sn_plan_write_extra(const sn_plan *plan, const sn_network *net,
                        const char *dir, const sn_plan_extra *extra,
                        sn_error *err);

#endif
