/* write_report_compare.c - comparison.html of a batch (write_report.h):
 * the comparison table, charts of the main figures side by side, the
 * trade-off of a sweep, and per-school differences against the first
 * scenario read from each scenario's schools.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/write_report_impl.h"

typedef struct cmp {
    FILE *f;
    const sn_comparison_row *rows;
    size_t n;
    const char *dir, *vary;
    sn_lang L;
    rep_table *sch;      /* n tables; cols 0 when absent */
} cmp;

static void load_schools(cmp *c)
{
    sn_diag quiet = SN_DIAG_INIT;
    for (size_t i = 0; i < c->n; i++) {
        char sub[4400];
        snprintf(sub, sizeof sub, "%s/%s", c->dir, c->rows[i].name);
        sn_report_source src = sn_report_dir_source(sub);
        char *text = NULL;
        size_t len = 0;
        sn_error err = {0, ""};
        if (c->rows[i].has_summary &&
            src.read(src.ctx, "schools.csv", &text, &len, &err) == 0)
            rep_table_parse(&c->sch[i], text, len, "schools.csv", &quiet,
                            &err); /* a table that does not parse stays
                                    * empty: the page says so */
        free(text);
    }
    sn_diag_dispose(&quiet);
}

static sn_lang pick_lang(const cmp *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (rep_is_cjk(c->rows[i].name))
            return SN_LANG_ZH;
        const rep_table *t = &c->sch[i];
        int cc = rep_table_col(t, "county");
        if (cc >= 0 && t->rows > 0 && rep_is_cjk(rep_table_get(t, 0, cc)))
            return SN_LANG_ZH;
    }
    return SN_LANG_EN;
}

static void td_num(FILE *f, const sn_comparison_row *r, double v, int dec)
{
    char buf[64];
    if (!r->has_summary || !isfinite(v)) {
        fputs("<td class=\"n\"></td>", f);
        return;
    }
    rep_fmt_num(buf, sizeof buf, v, dec);
    fprintf(f, "<td class=\"n\" data-v=\"%.3f\">%s</td>", v, buf);
}

static void table(const cmp *c)
{
    FILE *f = c->f;
    sn_lang L = c->L;
    fprintf(f, "<section id=\"table\">\n<h2>%s</h2>\n<div class=\"scroll\">"
               "<table class=\"sortable\" id=\"comparison-table\"><thead><tr>"
               "<th>%s</th><th class=\"n\">%s</th><th>%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s (%s)</th><th class=\"n\">%s (%s)</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s (%s)</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
            rep_t(L, T_COMPARISON), rep_t(L, T_SCENARIO), rep_t(L, T_EXIT),
            rep_t(L, T_STATUS), rep_t(L, T_PUPILS), rep_t(L, T_UNPLACED),
            rep_t(L, T_OVERCAP), rep_t(L, T_BEFORE), rep_t(L, T_OVERCAP),
            rep_t(L, T_AFTER), rep_t(L, T_OVERSTD), rep_t(L, T_DIVERTED),
            rep_t(L, T_MEANKM), rep_t(L, T_CLOSED), rep_t(L, T_OPENED),
            rep_t(L, T_ROOMS), rep_t(L, T_ANNUAL), rep_money_unit(L),
            rep_t(L, T_UNCOVERED), rep_t(L, T_TEACHERS_SHORT),
            rep_t(L, T_NOTE));
    for (size_t i = 0; i < c->n; i++) {
        const sn_comparison_row *r = &c->rows[i];
        fputs("<tr class=\"scenario\"><td>", f);
        if (r->has_summary) {
            fputs("<a href=\"", f);
            rep_put_html(f, r->name);
            fputs("/report.html\">", f);
            rep_put_html(f, r->name);
            fputs("</a>", f);
        } else {
            rep_put_html(f, r->name);
        }
        fprintf(f, "</td><td class=\"n\">%d</td><td>", r->exit_code);
        rep_put_html(f, r->has_summary ? r->status : "");
        fputs("</td>", f);
        td_num(f, r, (double)r->students, 0);
        td_num(f, r, (double)r->unplaced, 0);
        td_num(f, r, (double)r->over_cap_before, 0);
        td_num(f, r, (double)r->over_cap, 0);
        td_num(f, r, (double)r->over_standard, 0);
        td_num(f, r, (double)r->diverted, 0);
        td_num(f, r, r->mean_km, 2);
        td_num(f, r, (double)r->closed, 0);
        td_num(f, r, (double)r->opened, 0);
        td_num(f, r, (double)r->classrooms_added, 0);
        td_num(f, r, L == SN_LANG_ZH ? r->cost / 1e4 : r->cost / 1e6,
               L == SN_LANG_ZH ? 1 : 2);
        td_num(f, r, r->has_teachers ? r->teacher_uncovered : NAN, 0);
        td_num(f, r, r->has_teachers ? r->teacher_posts : NAN, 0);
        fputs("<td>", f);
        rep_put_html(f, r->note);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table></div>\n</section>\n", f);
}

/* One horizontal bar chart of a figure over the scenarios with plans. */
static int figure_chart(const cmp *c, const char *id, const char *title,
                        size_t off, int is_long, int dec, double scale)
{
    size_t n = 0;
    const char **lab = calloc(c->n + 1, sizeof *lab);
    const char **tp = calloc(c->n + 1, sizeof *tp);
    const char **col = calloc(c->n + 1, sizeof *col);
    double *v = calloc(c->n + 1, sizeof *v);
    char (*text)[48] = calloc(c->n + 1, sizeof *text);
    int rc = lab && tp && col && v && text ? 0 : SN_ENOMEM;
    for (size_t i = 0; rc == 0 && i < c->n; i++) {
        const sn_comparison_row *r = &c->rows[i];
        if (!r->has_summary)
            continue;
        const char *p = (const char *)r + off;
        double x = is_long ? (double)*(const long *)(const void *)p
                           : *(const double *)(const void *)p;
        v[n] = x / scale;
        rep_fmt_num(text[n], sizeof text[n], v[n], dec);
        lab[n] = r->name;
        tp[n] = text[n];
        col[n] = i == 0 ? "#1d3557" : "#4c78a8";
        n++;
    }
    if (rc == 0) {
        rep_hbars b = {id, title, (int)n, lab, v, tp, col};
        rep_chart_hbars(c->f, &b);
    }
    free(lab);
    free(tp);
    free(col);
    free(v);
    free(text);
    return rc;
}

/* Annual cost against mean km; a sweep joins each scenario's values. */
static int tradeoff(const cmp *c)
{
    sn_lang L = c->L;
    const char *eq = c->vary ? strchr(c->vary, '=') : NULL;
    size_t nval = 1;
    for (const char *p = eq ? eq + 1 : ""; *p; p++)
        nval += *p == ',';
    int sweep = eq && c->n % nval == 0;
    if (!sweep)
        nval = c->n; /* not a sweep: one series of every scenario */
    size_t ns = c->n / nval;
    double *x = calloc(c->n + 1, sizeof *x), *y = calloc(c->n + 1, sizeof *y);
    const char **lab = calloc(c->n + 1, sizeof *lab);
    const char **ser = calloc(ns + 1, sizeof *ser);
    const char **col = calloc(ns + 1, sizeof *col);
    char (*val)[64] = calloc(nval + 1, sizeof *val);
    int rc = x && y && lab && ser && col && val ? 0 : SN_ENOMEM;
    static const char *const palette[] = {"#4c78a8", "#f58518", "#54a24b",
                                          "#e45756", "#72b7b2", "#b279a2"};
    const char *v = eq ? eq + 1 : "";
    for (size_t k = 0; rc == 0 && sweep && k < nval; k++) {
        size_t len = strcspn(v, ",");
        snprintf(val[k], sizeof val[k], "%.*s", (int)len, v);
        v += len + (v[len] == ',');
    }
    for (size_t i = 0; rc == 0 && i < c->n; i++) {
        const sn_comparison_row *r = &c->rows[i];
        x[i] = r->has_summary ? r->mean_km : NAN;
        y[i] = r->has_summary ? r->cost / (L == SN_LANG_ZH ? 1e4 : 1e6) : NAN;
        lab[i] = sweep ? val[i % nval] : r->name;
        if (i % nval == 0) {
            ser[i / nval] = sweep ? r->name : rep_t(L, T_SCENARIO);
            col[i / nval] = palette[(i / nval) % 6];
        }
    }
    if (rc == 0) {
        char xl[64], yl[96], title[256];
        snprintf(xl, sizeof xl, "%s (km)", rep_t(L, T_MEANKM));
        snprintf(yl, sizeof yl, "%s (%s)", rep_t(L, T_ANNUAL),
                 rep_money_unit(L));
        snprintf(title, sizeof title, "%s%s%.*s", rep_t(L, T_TRADEOFF),
                 eq ? ": " : "", eq ? (int)(eq - c->vary) : 0,
                 eq ? c->vary : "");
        rep_xy xy = {"chart-tradeoff", title, xl, yl, (int)nval, (int)ns,
                     sweep, x, y, lab, ser, col, 0, 1};
        rep_chart_xy(c->f, &xy);
    }
    free(x);
    free(y);
    free(lab);
    free(ser);
    free(col);
    free(val);
    return rc;
}

static int charts(const cmp *c)
{
    sn_lang L = c->L;
    char t1[128];
    snprintf(t1, sizeof t1, "%s (%s)", rep_t(L, T_ANNUAL), rep_money_unit(L));
    fprintf(c->f, "<section id=\"charts\">\n<h2>%s</h2>\n<div class=\"grid2\">"
                  "\n", rep_t(L, T_CHARTS));
    int rc = tradeoff(c);
    if (rc == 0)
        rc = figure_chart(c, "chart-cost", t1,
                          offsetof(sn_comparison_row, cost), 0,
                          L == SN_LANG_ZH ? 1 : 2, L == SN_LANG_ZH ? 1e4 : 1e6);
    if (rc == 0)
        rc = figure_chart(c, "chart-km", rep_t(L, T_MEANKM),
                          offsetof(sn_comparison_row, mean_km), 0, 2, 1);
    if (rc == 0)
        rc = figure_chart(c, "chart-overcap", rep_t(L, T_OVERCAP),
                          offsetof(sn_comparison_row, over_cap), 1, 0, 1);
    if (rc == 0)
        rc = figure_chart(c, "chart-closed", rep_t(L, T_CLOSED),
                          offsetof(sn_comparison_row, closed), 1, 0, 1);
    if (rc == 0)
        rc = figure_chart(c, "chart-rooms", rep_t(L, T_ROOMS),
                          offsetof(sn_comparison_row, classrooms_added), 1, 0,
                          1);
    fputs("</div>\n</section>\n", c->f);
    return rc;
}

/* Row of id in t, trying row `hint` first; -1 when absent. */
static int find_row(const rep_table *t, int col, const char *id, int hint)
{
    if (!strcmp(rep_table_get(t, hint, col), id))
        return hint;
    for (int i = 0; i < t->rows; i++)
        if (!strcmp(rep_table_get(t, i, col), id))
            return i;
    return -1;
}

static void diff_cell(FILE *f, const char *a, const char *b)
{
    fputs(strcmp(a, b) ? "<td class=\"chg\">" : "<td>", f);
    rep_put_html(f, a);
    if (strcmp(a, b)) {
        fputs(" → ", f);
        rep_put_html(f, b);
    }
    fputs("</td>", f);
}

static void diff_table(const cmp *c, size_t k)
{
    FILE *f = c->f;
    sn_lang L = c->L;
    const rep_table *a = &c->sch[0], *b = &c->sch[k];
    static const char *const keys[] = {"state", "classes", "students",
                                       "classrooms_added"};
    int ia = rep_table_col(a, "school"), ib = rep_table_col(b, "school");
    int na = rep_table_col(b, "name");
    int ca[4], cb[4];
    for (int j = 0; j < 4; j++) {
        ca[j] = rep_table_col(a, keys[j]);
        cb[j] = rep_table_col(b, keys[j]);
    }
    fputs("<div class=\"diff\" data-scenario=\"", f);
    rep_put_html(f, c->rows[k].name);
    fprintf(f, "\"><table class=\"sortable\"><thead><tr><th>%s</th>%s<th>%s"
               "</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
            rep_t(L, T_SCHOOL), na >= 0 ? "<th></th>" : "", rep_t(L, T_STATE),
            rep_t(L, T_CLASSES), rep_t(L, T_PUPILS), rep_t(L, T_ROOMS));
    int shown = 0;
    for (int i = 0; ia >= 0 && ib >= 0 && i < b->rows; i++) {
        const char *id = rep_table_get(b, i, ib);
        int j = find_row(a, ia, id, i);
        int differs = j < 0;
        for (int m = 0; m < 4 && !differs; m++)
            differs = strcmp(rep_table_get(a, j, ca[m]),
                             rep_table_get(b, i, cb[m])) != 0;
        if (!differs)
            continue;
        shown++;
        fputs("<tr class=\"diffrow\"><td>", f);
        rep_put_html(f, id);
        fputs("</td>", f);
        if (na >= 0) {
            fputs("<td>", f);
            rep_put_html(f, rep_table_get(b, i, na));
            fputs("</td>", f);
        }
        for (int m = 0; m < 4; m++)
            diff_cell(f, j < 0 ? "" : rep_table_get(a, j, ca[m]),
                      rep_table_get(b, i, cb[m]));
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>", f);
    if (!shown)
        fprintf(f, "<p class=\"note\">%s</p>", rep_t(L, T_DIFF_NONE));
    fputs("</div>\n", f);
}

static void diffs(const cmp *c)
{
    FILE *f = c->f;
    sn_lang L = c->L;
    if (c->n < 2 || c->sch[0].cols == 0)
        return;
    fprintf(f, "<section id=\"differences\">\n<h2>%s</h2>\n<p>%s "
               "<select id=\"diff-pick\">", rep_t(L, T_DIFF),
            rep_t(L, T_SCENARIO));
    for (size_t k = 1; k < c->n; k++)
        if (c->sch[k].cols > 0) {
            fputs("<option value=\"", f);
            rep_put_html(f, c->rows[k].name);
            fputs("\">", f);
            rep_put_html(f, c->rows[k].name);
            fputs("</option>", f);
        }
    fprintf(f, "</select> %s ", rep_t(L, T_VS_FIRST));
    rep_put_html(f, c->rows[0].name);
    fputs("</p>\n<div class=\"scroll\">\n", f);
    for (size_t k = 1; k < c->n; k++)
        if (c->sch[k].cols > 0)
            diff_table(c, k);
    fputs("</div>\n</section>\n", f);
}

int sn_report_comparison(FILE *f, const sn_comparison_row *rows, size_t n,
                         const char *dir, const char *vary, sn_error *err)
{
    cmp c = {f, rows, n, dir, vary, SN_LANG_EN, NULL};
    c.sch = calloc(n + 1, sizeof *c.sch);
    if (!c.sch)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    load_schools(&c);
    c.L = pick_lang(&c);
    char title[256];
    snprintf(title, sizeof title, "%s · %zu", rep_t(c.L, T_COMPARISON), n);
    rep_page_begin(f, c.L, title);
    fprintf(f, "<header><h1>%s</h1><div class=\"sub\">%zu %s",
            rep_t(c.L, T_COMPARISON), n, rep_t(c.L, T_SCENARIO));
    if (vary) {
        fputs(" · --vary ", f);
        rep_put_html(f, vary);
    }
    fputs("</div></header>\n<main>\n", f);
    table(&c);
    int rc = charts(&c);
    if (rc == 0) {
        diffs(&c);
        fputs("</main>\n", f);
        rep_page_end(f);
    } else {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        rep_table_dispose(&c.sch[i]);
    free(c.sch);
    return rc;
}
