/* plan_part.h - one county's part of a plan, passed between processes, and
 * the merge of the parts into one plan.
 *
 * `schoolnet plan --jobs N` solves each county in a child process
 * (sn_allocate with opts.county); the child writes its part with
 * sn_plan_part_write to a private temporary file and the parent reads it
 * back (sn_plan_part_read) and merges the parts in county order
 * (sn_plan_part_merge, then sn_plan_part_finish).  The format is the raw
 * bytes of the structs, for the same binary only: a magic number and the
 * sizes guard against reading anything else.
 */
#ifndef SN_PLAN_PART_H
#define SN_PLAN_PART_H

#include <stdio.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

/* Writes the schools of `county`, all assignments, unplaced rows, status,
 * objective, bound and gap of part (a plan of that county alone).
 * Returns 0 or SN_EIO (err filled). */
int sn_plan_part_write(FILE *f, const sn_plan *part, const sn_network *net,
                       int county, sn_error *err);

/* Reads what sn_plan_part_write wrote into a new plan for net (*out, owned
 * by the caller).  Returns 0, SN_EIO (short or foreign file) or SN_ENOMEM;
 * *out is NULL on failure. */
int sn_plan_part_read(sn_plan **out, FILE *f, const sn_network *net,
                      sn_error *err);

/* Adds part (county `county` only) to dst: the county's school rows, the
 * assignments and unplaced rows, objective and bound (summed), and the
 * worse status (first: the first part, whose status replaces dst's).  Call
 * in county order for results identical to one sn_allocate over all
 * counties.  Returns 0 or SN_ENOMEM. */
int sn_plan_part_merge(sn_plan *dst, const sn_plan *part,
                       const sn_network *net, int county, int first);

/* After the last merge: gap (worst level, as sn_allocate computes it),
 * sorted rows (rows of the same zone, grade and school summed into one)
 * and the recomputed cost.  Returns 0 or SN_ENOMEM. */
int sn_plan_part_finish(sn_plan *dst, const sn_network *net, sn_error *err);

#endif
