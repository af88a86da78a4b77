/* write_report_pages.c - the pages over several plans: timeline.html of a
 * multi-year plan and comparison.html of a batch (write_report.h).
 *
 * Both read the plans' own files (timeline.csv; each scenario's schools.csv)
 * and use the same frame, charts and escapes as report.html.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "io/write_report_impl.h"

static int slurp(const char *dir, const char *name, rep_table *t,
                 sn_diag *diag, sn_error *err)
{
    sn_report_source src = sn_report_dir_source(dir);
    char *text = NULL, path[4400];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = src.read(src.ctx, name, &text, &len, err);
    if (rc == 1) {
        sn_diag_error(diag, path, 0, 0, "cannot open (No such file or "
                      "directory)");
        return SN_EINPUT;
    }
    if (rc)
        return rc;
    rc = rep_table_parse(t, text, len, path, diag, err);
    free(text);
    return rc;
}

/* ---- timeline.html ------------------------------------------------------- */

typedef struct year_tot {
    int year;
    char cap[48];     /* the year's caps over the counties: "66", "66/56" */
    long students, over66, over56, overcap, overstd, closed, opened, rooms;
    double cost;
} year_tot;

static void timeline_tables(FILE *f, sn_lang L, const rep_table *t,
                            const long *county_over, const year_tot *yt,
                            int ny)
{
    int cy = rep_table_col(t, "year"), cc = rep_table_col(t, "county");
    int c66 = rep_table_col(t, "over_66"), c56 = rep_table_col(t, "over_56");
    int ccap = rep_table_col(t, "hard_cap");
    char buf[64];
    fprintf(f, "<section id=\"years\">\n<h2>%s</h2>\n<table id=\"year-table\">"
               "<thead><tr><th>%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th>"
               "<th class=\"n\">%s (%s)</th><th></th></tr></thead><tbody>\n",
            rep_t(L, T_KEY_FIGURES), rep_t(L, T_YEAR), rep_t(L, T_HARD_CAP),
            rep_t(L, T_PUPILS), rep_t(L, T_OVER66), rep_t(L, T_OVER56),
            rep_t(L, T_OVERCAP), rep_t(L, T_OVERSTD), rep_t(L, T_CLOSED),
            rep_t(L, T_OPENED), rep_t(L, T_ANNUAL), rep_money_unit(L));
    for (int y = 0; y < ny; y++) {
        const year_tot *v = &yt[y];
        rep_fmt_int(buf, sizeof buf, v->students);
        fprintf(f, "<tr class=\"year\"><td>%d</td><td class=\"n\">%s</td>"
                   "<td class=\"n\">%s</td><td class=\"n\">%ld</td>"
                   "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                   "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                   "<td class=\"n\">%ld</td>", v->year, v->cap, buf,
                v->over66, v->over56, v->overcap, v->overstd, v->closed,
                v->opened);
        rep_fmt_money(buf, sizeof buf, v->cost, L);
        fprintf(f, "<td class=\"n\">%s</td><td><a href=\"%d/report.html\">"
                   "%s</a></td></tr>\n", buf, v->year,
                rep_t(L, T_REPORT_OF_YEAR));
    }
    fputs("</tbody></table>\n</section>\n", f);
    /* milestone status: counties down, years across */
    fprintf(f, "<section id=\"milestones\">\n<h2>%s</h2>\n<div class=\"scroll\">"
               "<table id=\"milestone-table\"><thead><tr><th>%s</th>",
            rep_t(L, T_MILESTONES), rep_t(L, T_COUNTY));
    for (int y = 0; y < ny; y++)
        fprintf(f, "<th>%d</th>", yt[y].year);
    fputs("</tr></thead><tbody>\n", f);
    for (int i = 0; i < t->rows; i++) {
        if (atoi(rep_table_get(t, i, cy)) != yt[0].year)
            continue;
        const char *county = rep_table_get(t, i, cc);
        fputs("<tr><td>", f);
        rep_put_html(f, county);
        fputs("</td>", f);
        for (int j = 0; j < t->rows; j++) {
            if (strcmp(rep_table_get(t, j, cc), county) != 0)
                continue;
            long over = county_over[j];
            fputs("<td class=\"ms\">≤", f);
            rep_put_html(f, rep_table_get(t, j, ccap));
            if (over == 0)
                fprintf(f, ": <span class=\"met\">%s</span>", rep_t(L, T_MET));
            else
                fprintf(f, ": <span class=\"notmet\">%s (%ld)</span>",
                        rep_t(L, T_NOT_MET), over);
            fprintf(f, "<br><small>&gt;66: %s · &gt;56: %s</small></td>",
                    rep_table_get(t, j, c66), rep_table_get(t, j, c56));
        }
        fputs("</tr>\n", f);
    }
    fprintf(f, "</tbody></table></div>\n<p class=\"note\">%s</p>\n"
               "</section>\n", rep_t(L, T_NOTE_BEFORE));
}

static void timeline_draw(FILE *f, sn_lang L, const year_tot *yt, int ny,
                          double *x, double *y, double *b, char (*lab)[16],
                          const char **cat)
{
    for (int i = 0; i < ny; i++) {
        x[i] = yt[i].year;
        y[i] = (double)yt[i].over66;
        y[ny + i] = (double)yt[i].over56;
        y[2 * ny + i] = (double)yt[i].overcap;
        y[3 * ny + i] = (double)yt[i].overstd;
        b[i] = (double)yt[i].closed;
        b[ny + i] = (double)yt[i].opened;
        snprintf(lab[i], sizeof lab[i], "%d", yt[i].year);
        cat[i] = lab[i];
    }
    fputs("<section id=\"charts\">\n<div class=\"grid2\">\n", f);
    const char *series[4] = {rep_t(L, T_OVER66), rep_t(L, T_OVER56),
                             rep_t(L, T_OVERCAP), rep_t(L, T_OVERSTD)};
    const char *col[4] = {"#e45756", "#f58518", "#b279a2", "#4c78a8"};
    rep_xy c = {"chart-over", rep_t(L, T_OVER_BY_YEAR), rep_t(L, T_YEAR),
                rep_t(L, T_CLASSES), ny, 4, 1, x, y, NULL, series, col, 1, 0};
    rep_chart_xy(f, &c);
    const char *bs[2] = {rep_t(L, T_CLOSED), rep_t(L, T_OPENED)};
    const char *bc[2] = {"#e45756", "#54a24b"};
    rep_bars bars = {"chart-closing", rep_t(L, T_CLOSING_BY_YEAR),
                     rep_t(L, T_SCHOOLS), ny, 2, cat, bs, bc, b, NULL, 0};
    rep_chart_bars(f, &bars);
    fputs("</div>\n</section>\n", f);
}

static int timeline_charts(FILE *f, sn_lang L, const year_tot *yt, int ny)
{
    double *x = calloc((size_t)ny, sizeof *x);
    double *y = calloc((size_t)ny * 4, sizeof *y);
    double *b = calloc((size_t)ny * 2, sizeof *b);
    char (*lab)[16] = calloc((size_t)ny, sizeof *lab);
    const char **cat = calloc((size_t)ny, sizeof *cat);
    int rc = x && y && b && lab && cat ? 0 : SN_ENOMEM;
    if (rc == 0)
        timeline_draw(f, L, yt, ny, x, y, b, lab, cat);
    free(x);
    free(y);
    free(b);
    free(lab);
    free(cat);
    return rc;
}

/* Adds cap to the "/"-joined list in buf when it is not there yet. */
static void add_cap(char *buf, size_t n, const char *cap)
{
    char item[64];
    snprintf(item, sizeof item, "/%s/", cap);
    char have[64];
    snprintf(have, sizeof have, "/%s/", buf);
    if (buf[0] && strstr(have, item))
        return;
    size_t len = strlen(buf);
    if (len + strlen(cap) + 2 < n)
        snprintf(buf + len, n - len, "%s%s", len ? "/" : "", cap);
}

/* Totals by year, and each row's classes over its county's cap of the
 * year (timeline.csv's over_cap). */
static int timeline_numbers(year_tot **out, int *ny, long **over,
                            const rep_table *t, sn_diag *diag, sn_error *err)
{
    static const char *const cols[] = {"year", "county", "hard_cap",
                                       "students", "over_66", "over_56",
                                       "over_standard", "closed_in_year",
                                       "opened_in_year",
                                       "classrooms_added_in_year", "cost",
                                       "over_cap"};
    int ci[12];
    for (int k = 0; k < 12; k++)
        if ((ci[k] = rep_table_col(t, cols[k])) < 0) {
            sn_diag_error(diag, "timeline.csv", 1, 0, "missing column '%s'",
                          cols[k]);
            return SN_EINPUT;
        }
    year_tot *yt = calloc((size_t)t->rows + 1, sizeof *yt);
    long *ov = calloc((size_t)t->rows + 1, sizeof *ov);
    if (!yt || !ov) {
        free(yt);
        free(ov);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    int n = 0;
    for (int i = 0; i < t->rows; i++) {
        int year = atoi(rep_table_get(t, i, ci[0]));
        if (n == 0 || yt[n - 1].year != year)
            yt[n++].year = year;
        year_tot *v = &yt[n - 1];
        add_cap(v->cap, sizeof v->cap, rep_table_get(t, i, ci[2]));
        v->students += atol(rep_table_get(t, i, ci[3]));
        v->over66 += atol(rep_table_get(t, i, ci[4]));
        v->over56 += atol(rep_table_get(t, i, ci[5]));
        v->overstd += atol(rep_table_get(t, i, ci[6]));
        v->closed += atol(rep_table_get(t, i, ci[7]));
        v->opened += atol(rep_table_get(t, i, ci[8]));
        v->rooms += atol(rep_table_get(t, i, ci[9]));
        v->cost += strtod(rep_table_get(t, i, ci[10]), NULL);
        ov[i] = atol(rep_table_get(t, i, ci[11]));
        v->overcap += ov[i];
    }
    *out = yt;
    *ny = n;
    *over = ov;
    return 0;
}

int sn_report_timeline_write(const sn_network *net, const char *dir,
                             sn_diag *diag, sn_error *err)
{
    rep_table t;
    year_tot *yt = NULL;
    long *over = NULL;
    int ny = 0;
    int rc = slurp(dir, "timeline.csv", &t, diag, err);
    if (rc)
        return rc;
    if ((rc = timeline_numbers(&yt, &ny, &over, &t, diag, err)) != 0 ||
        ny == 0) {
        rep_table_dispose(&t);
        if (rc == 0)
            sn_diag_error(diag, "timeline.csv", 0, 0, "no year");
        return rc ? rc : SN_EINPUT;
    }
    sn_outdir *od = NULL;
    if ((rc = sn_outdir_open(&od, dir, err)) == 0) {
        FILE *f = sn_outdir_file(od, "timeline.html", err);
        if (!f) {
            rc = err->code ? err->code : SN_EIO;
            sn_outdir_abort(od);
        } else {
            sn_lang L = rep_pick_lang(net);
            char title[512];
            snprintf(title, sizeof title, "%s · %s %d-%d", rep_t(L, T_TIMELINE),
                     net->sc.name ? net->sc.name : "", yt[0].year,
                     yt[ny - 1].year);
            rep_page_begin(f, L, title);
            fputs("<header><h1>", f);
            rep_put_html(f, title);
            fputs("</h1></header>\n<main>\n", f);
            timeline_tables(f, L, &t, over, yt, ny);
            if (timeline_charts(f, L, yt, ny) != 0) {
                rc = sn_error_set(err, SN_ENOMEM, "out of memory");
                sn_outdir_abort(od);
            } else {
                fputs("</main>\n", f);
                rep_page_end(f);
                rc = sn_outdir_commit(od, err);
            }
        }
    }
    rep_table_dispose(&t);
    free(yt);
    free(over);
    return rc;
}
