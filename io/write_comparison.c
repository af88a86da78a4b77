/* write_comparison.c - the batch comparison (write_comparison.h). */
#include "io/write_comparison.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json.h"
#include "io/outdir.h"
#include "io/write_report.h"

typedef struct field_map {
    const char *key;
    size_t off;
    int is_long;
} field_map;

#define L(f) offsetof(sn_comparison_row, f), 1
#define D(f) offsetof(sn_comparison_row, f), 0
static const field_map fields[] = {
    {"gap", D(gap)},
    {"students", L(students)},
    {"unplaced", L(unplaced)},
    {"classes_over_hard_cap.before", L(over_cap_before)},
    {"classes_over_hard_cap.after", L(over_cap)},
    {"classes_over_standard.after", L(over_standard)},
    {"students_diverted", L(diverted)},
    {"mean_km", D(mean_km)},
    {"max_km", D(max_km)},
    {"schools_closed", L(closed)},
    {"schools_opened", L(opened)},
    {"classrooms_added", L(classrooms_added)},
    {"cost.total", D(cost)},
    {"teachers.periods_uncovered", D(teacher_uncovered)},
    {"teachers.posts_needed", D(teacher_posts)},
};
#undef L
#undef D

static void on_value(void *ctx, const char *key, const sn_json_value *v)
{
    sn_comparison_row *r = ctx;
    if (!strncmp(key, "teachers.", 9))
        r->has_teachers = 1;
    if (!strcmp(key, "status") && v->kind == SN_JSON_STRING) {
        snprintf(r->status, sizeof r->status, "%s", v->str);
        return;
    }
    if (v->kind != SN_JSON_NUMBER)
        return;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!strcmp(fields[i].key, key)) {
            char *p = (char *)r + fields[i].off;
            if (fields[i].is_long)
                *(long *)(void *)p = (long)v->num;
            else
                *(double *)(void *)p = v->num;
        }
}

int sn_comparison_read_summary(sn_comparison_row *row, const char *path,
                               sn_diag *diag, sn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sn_diag_error(diag, path, 0, 0, "cannot open (%s)", strerror(errno));
        return SN_EINPUT;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) {
            cap = 2 * cap + 4096;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return sn_error_set(err, SN_ENOMEM, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return sn_error_set(err, SN_EIO, "%s: read error", path);
    }
    row->gap = NAN; /* summary.json writes null when the gap is unknown */
    int rc = sn_json_scan(buf, n, path, on_value, row, diag, err);
    free(buf);
    if (rc == 0)
        row->has_summary = 1;
    return rc;
}

static const char *const header[] = {
    "scenario", "exit", "status", "gap", "students", "unplaced",
    "over_hard_cap_before", "over_hard_cap", "over_standard", "diverted",
    "mean_km", "max_km", "schools_closed", "schools_opened",
    "classrooms_added", "cost", "teacher_periods_uncovered",
    "teacher_posts_needed", "note"};
#define NCOLS (sizeof header / sizeof *header)

/* The cells of a row as text; empty where there is no value. */
static void cells(char out[NCOLS][512], const sn_comparison_row *r)
{
    memset(out, 0, NCOLS * 512);
    snprintf(out[0], 512, "%s", r->name);
    snprintf(out[1], 512, "%d", r->exit_code);
    snprintf(out[18], 512, "%s", r->note);
    if (!r->has_summary)
        return;
    snprintf(out[2], 512, "%s", r->status);
    if (isfinite(r->gap)) /* else empty: no bound, gap unknown */
        snprintf(out[3], 512, "%.6f", r->gap);
    const long ls[] = {r->students, r->unplaced, r->over_cap_before,
                       r->over_cap, r->over_standard, r->diverted};
    for (int i = 0; i < 6; i++)
        snprintf(out[4 + i], 512, "%ld", ls[i]);
    snprintf(out[10], 512, "%.3f", r->mean_km);
    snprintf(out[11], 512, "%.3f", r->max_km);
    snprintf(out[12], 512, "%ld", r->closed);
    snprintf(out[13], 512, "%ld", r->opened);
    snprintf(out[14], 512, "%ld", r->classrooms_added);
    snprintf(out[15], 512, "%.3f", r->cost);
    if (r->has_teachers) {
        snprintf(out[16], 512, "%.0f", r->teacher_uncovered);
        snprintf(out[17], 512, "%.0f", r->teacher_posts);
    }
}

static void csv_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void md_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

int sn_comparison_write(const sn_comparison_row *rows, size_t n,
                        const char *dir, sn_error *err)
{
    return sn_comparison_write_vary(rows, n, dir, NULL, err);
}

int sn_comparison_write_vary(const sn_comparison_row *rows, size_t n,
                             const char *dir, const char *vary,
                             sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *c = sn_outdir_file(od, "comparison.csv", err);
    FILE *m = c ? sn_outdir_file(od, "comparison.md", err) : NULL;
    FILE *h = m ? sn_outdir_file(od, "comparison.html", err) : NULL;
    char (*cell)[512] = malloc(NCOLS * 512);
    if (!c || !m || !h || !cell) {
        free(cell);
        sn_outdir_abort(od);
        return cell ? err->code : sn_error_set(err, SN_ENOMEM,
                                               "out of memory");
    }
    fputs("# Scenario comparison\n\nOne row per scenario (its plan in the "
          "folder of the same name).  Classes are counted over each "
          "scenario's own hard cap; cost is yuan a year.\n\n|", m);
    for (size_t k = 0; k < NCOLS; k++) {
        fprintf(c, "%s%s", k ? "," : "", header[k]);
        fprintf(m, " %s |", header[k]);
    }
    fputs("\n", c);
    fputs("\n|", m);
    for (size_t k = 0; k < NCOLS; k++)
        fputs(k == 0 || k == 2 || k == NCOLS - 1 ? " --- |" : " ---: |", m);
    fputs("\n", m);
    for (size_t i = 0; i < n; i++) {
        cells(cell, &rows[i]);
        fputs("|", m);
        for (size_t k = 0; k < NCOLS; k++) {
            if (k)
                fputc(',', c);
            csv_cell(c, cell[k]);
            fputc(' ', m);
            md_cell(m, cell[k]);
            fputs(" |", m);
        }
        fputc('\n', c);
        fputc('\n', m);
    }
    free(cell);
    if ((rc = sn_report_comparison(h, rows, n, dir, vary, err)) != 0) {
        sn_outdir_abort(od);
        return rc;
    }
    return sn_outdir_commit(od, err);
}
