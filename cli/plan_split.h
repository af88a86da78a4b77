/* plan_split.h - one county's part of a plan in a folder of its own
 * (`schoolnet plan --county NAME`), and the parts of every county merged
 * back into one plan (`schoolnet plan --part DIR ...`, run by `schoolnet
 * collect`): the counties of a scenario solved as separate jobs, on
 * separate machines, give the plan `plan --jobs N` gives.
 *
 * A part folder holds:
 *   county.part  the part as `plan --jobs N` passes it between processes
 *                (io/plan_part.h): raw bytes, readable by the same
 *                schoolnet build on the same kind of machine only;
 *   county.json  what the part is: {"scenario", "county", "county_index",
 *                "counties", "schools", "year", "status", "gap",
 *                "students", "unplaced"}, to check a part against the
 *                scenario before merging, and for people;
 *   timing.json  written by `plan` as for any plan.
 * The scenario's teacher part (when the data have teachers) is not in the
 * county parts: `plan --part` solves it on the merged plan, as `plan
 * --jobs N` does in its parent process.
 */
#ifndef SN_PLAN_SPLIT_H
#define SN_PLAN_SPLIT_H

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

/* The index of county `name` in net.  Prints "schoolnet plan: --county:
 * ..." (with the counties there are) when there is none.  Returns 0 or
 * an exit code (2). */
int sn_cli_county_index(const sn_network *net, const char *name, int *out);

/* Writes part (county `county` of net, plan year part->year) into folder
 * dir: county.part and county.json, all or nothing (io/outdir.h).
 * Returns 0, SN_EIO or SN_ENOMEM (err filled). */
int sn_cli_part_write(const sn_plan *part, const sn_network *net, int county,
                      const char *dir, sn_error *err);

/* Reads the part folders dirs[0..n-1] (any order) for plan year `year` of
 * net into parts[c], one per county, and prints "schoolnet plan: --part
 * DIR: what is wrong" for each folder that is missing, damaged, of
 * another scenario, county set or year, or a county's second part, and
 * for each county without a part.  parts has net->ncounties entries, set
 * to NULL first; on failure every part read is freed.  Returns 0 or an
 * exit code (2 bad or missing parts, 3 out of memory). */
int sn_cli_parts_read(sn_plan **parts, const sn_network *net, int year,
                      const char *const *dirs, int n);

#endif
