/* write_comparison.h - comparison.csv and comparison.md of a batch run:
 * one row per scenario with the key numbers of its summary.json side by
 * side.
 *
 * Columns (both files, same order): scenario, exit (the plan command's
 * exit code), status, gap, students, unplaced, over_hard_cap_before,
 * over_hard_cap, over_standard, diverted, mean_km, max_km, schools_closed,
 * schools_opened, classrooms_added, cost (yuan a year), teacher_periods_
 * uncovered and teacher_posts_needed (empty when the plan has no teacher
 * part), note (why a scenario failed).  A scenario without a summary has
 * empty numbers.  Rows in the order given.  Numbers: integers, km and yuan
 * %.3f, gap %.6f.  All or nothing (io/outdir).
 */
#ifndef SN_WRITE_COMPARISON_H
#define SN_WRITE_COMPARISON_H

#include <stddef.h>

#include "model/error.h"

typedef struct sn_comparison_row {
    char name[256];
    int exit_code;
    int has_summary;          /* the numbers below were read */
    char status[32];
    double gap;
    long students, unplaced;
    long over_cap_before, over_cap, over_standard;
    long diverted;
    double mean_km, max_km;
    long closed, opened, classrooms_added;
    double cost;
    int has_teachers;
    double teacher_uncovered, teacher_posts;
    char note[512];
} sn_comparison_row;

/* Fills the numbers of row from the summary.json at path (has_summary 1,
 * has_teachers when it holds a "teachers" object).  Returns 0, SN_EINPUT
 * (unreadable or not JSON: message in diag), SN_EIO or SN_ENOMEM. */
int sn_comparison_read_summary(sn_comparison_row *row, const char *path,
                               sn_diag *diag, sn_error *err);

/* Writes comparison.csv, comparison.md and comparison.html (the page of
 * io/write_report.h, which reads dir/<name>/schools.csv) into dir.
 * Returns 0, SN_EIO or SN_ENOMEM (err filled); on failure nothing in dir
 * changed. */
int sn_comparison_write(const sn_comparison_row *rows, size_t n,
                        const char *dir, sn_error *err);
/* As sn_comparison_write for a `--vary KEY=V1,V2,...` sweep (vary is the
 * option's value; NULL: not a sweep), which comparison.html draws as a
 * trade-off. */
int sn_comparison_write_vary(const sn_comparison_row *rows, size_t n,
                             const char *dir, const char *vary,
                             sn_error *err);

#endif
