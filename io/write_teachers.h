/* write_teachers.h - the teacher files of a plan (docs/teachers.md,
 * "Outputs"): teachers.csv, shortages.csv, staffing.csv, rotation.csv,
 * redeploy.csv, timetable.csv, teacher_state.csv (a year of a multi-year
 * plan) and the "teachers" section of summary.json.
 *
 * Written into the plan's own sn_outdir (io/write_plan's
 * sn_plan_write_extra), so they appear together with the plan files or
 * not at all.  Rows are sorted (teachers, moves: input order of the
 * teacher; shortages, staffing: input order of the school, then subject
 * order of curriculum.csv), numbers are integers or %.3f: byte-identical
 * output for equal inputs.
 */
#ifndef SN_WRITE_TEACHERS_H
#define SN_WRITE_TEACHERS_H

#include <stdio.h>

#include "io/outdir.h"
#include "io/write_plan.h"
#include "model/network.h"
#include "model/staffing.h"

/* Context for sn_plan_write_extra: both pointers borrowed for the call.
 * teacher_state.csv (the teachers at the start of the year) is written
 * when st->has_state (a year of a multi-year plan). */
typedef struct sn_teachers_out {
    const sn_staffing *st;
    const sn_network *net;
} sn_teachers_out;

/* Day names of timetable.csv: "mon" .. "fri" (d in 0..SN_DAYS-1). */
const char *sn_teachers_day_name(int d);

/* Opens and writes the CSV files in od.  Returns 0, or the error of
 * sn_outdir_file (err filled); od is left to the caller either way. */
int sn_teachers_write_files(void *ctx, struct sn_outdir *od, sn_error *err);
/* Writes the `"teachers": {...}` member of summary.json (no comma). */
void sn_teachers_write_summary(void *ctx, FILE *f);

/* An sn_plan_extra that writes both, for o (which must outlive the call). */
sn_plan_extra sn_teachers_extra(sn_teachers_out *o);

/* posts_needed of an uncovered amount: ceil(uncovered / standard_periods). */
int sn_teachers_posts(const sn_scenario *sc, int uncovered);

#endif
