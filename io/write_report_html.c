/* write_report_html.c - report.html of one plan: header, headline
 * figures, counties with milestone status, charts, the map and the school
 * table (write_report_impl.h).
 *
 * Headline figures that summary.json holds are printed from it, each in a
 * <span class="fig" data-key="PATH" data-value="V"> where PATH is the
 * summary's key path and V its number as written, so a test can compare
 * the page with the summary; figures the summary lacks are computed from
 * the plan and carry data-key="derived.NAME".
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "io/write_report_impl.h"
#include "model/kpi.h"

#define NG REP_NG

/* ---- headline ----------------------------------------------------------- */

typedef enum { FMT_INT, FMT_KM, FMT_MONEY } fig_fmt;

/* One figure: from the summary at key when it has it, else `derived`
 * under data-key="derived.<name>". */
static void fig(FILE *f, const sn_rep *r, const char *key, const char *name,
                double derived, fig_fmt fmt, const char *cls)
{
    double v = derived;
    const rep_kv *kv = key ? rep_summary_get(&r->sum, key) : NULL;
    char raw[64], text[64];
    if (kv && kv->is_num) {
        v = kv->num;
        snprintf(raw, sizeof raw, "%s", kv->str);
        fputs("<span class=\"fig", f);
        if (cls)
            fprintf(f, " %s", cls);
        fputs("\" data-key=\"", f);
        rep_put_html(f, key);
    } else {
        if (fmt == FMT_INT)
            snprintf(raw, sizeof raw, "%.0f", derived);
        else
            snprintf(raw, sizeof raw, "%.3f", derived);
        fprintf(f, "<span class=\"fig%s%s\" data-key=\"derived.%s", cls ? " "
                                                                          : "",
                cls ? cls : "", name);
    }
    if (fmt == FMT_INT)
        rep_fmt_num(text, sizeof text, v, 0);
    else if (fmt == FMT_KM)
        rep_fmt_num(text, sizeof text, v, 2);
    else
        rep_fmt_money(text, sizeof text, v, r->lang);
    fprintf(f, "\" data-value=\"%s\">%s</span>", raw, text);
}

/* A card: the label (with its unit, if any) over the value. */
static void card_begin(FILE *f, const char *label, const char *unit,
                       const char *cls)
{
    fprintf(f, "<div class=\"card%s%s\"><div class=\"lab\">", cls ? " " : "",
            cls ? cls : "");
    rep_put_html(f, label);
    if (unit && *unit) {
        fputs(" <span class=\"unit\">", f);
        rep_put_html(f, unit);
        fputs("</span>", f);
    }
    fputs("</div><div class=\"val\">", f);
}

static void card_end(FILE *f) { fputs("</div></div>\n", f); }

static void card(FILE *f, const sn_rep *r, const char *label, const char *key,
                 const char *name, double derived, fig_fmt fmt,
                 const char *unit)
{
    card_begin(f, label, unit, NULL);
    fig(f, r, key, name, derived, fmt, NULL);
    card_end(f);
}

/* before -> after, green when after is 0, red when above. */
static void card_pair(FILE *f, const sn_rep *r, const char *label,
                      const char *kb, const char *ka, const char *name,
                      long before, long after)
{
    double a = (double)after;
    if (ka)
        rep_summary_num(&r->sum, ka, &a);
    card_begin(f, label, NULL, a > 0 ? "bad" : "good");
    char nb[64], na[64];
    snprintf(nb, sizeof nb, "%s.before", name);
    snprintf(na, sizeof na, "%s.after", name);
    fig(f, r, kb, nb, (double)before, FMT_INT, "before");
    fputs("<span class=\"arrow\">→</span>", f);
    fig(f, r, ka, na, (double)after, FMT_INT, "after");
    card_end(f);
}

static long sum_county(const sn_rep *r, size_t off, int side)
{
    long t = 0;
    for (int c = 0; c < r->net->ncounties; c++)
        t += ((const long *)(const void *)((const char *)&r->county[c] +
                                           off))[side];
    return t;
}

#define CSUM(field, side) sum_county(r, offsetof(rep_county, field), side)

static int has_teachers(const sn_rep *r)
{
    return rep_summary_get(&r->sum, "teachers.posts_needed") != NULL;
}

static void rotation_card(FILE *f, const sn_rep *r)
{
    int n = 0, met = 0;
    for (int c = 0; c < r->net->ncounties; c++) {
        const rep_county *rc = &r->county[c];
        if (!rc->has_rotation)
            continue;
        n++;
        met += rc->movers >= rc->quota_movers && rc->strong >= rc->quota_strong;
    }
    if (!n)
        return;
    card_begin(f, rep_t(r->lang, T_ROTATION),
               r->lang == SN_LANG_ZH ? "达标县数" : "counties meeting it",
               met == n ? "good" : "bad");
    fprintf(f, "<span class=\"fig after\" data-key=\"derived.rotation_met\" "
               "data-value=\"%d\">%d</span><span class=\"arrow\">/</span>%d",
            met, met, n);
    card_end(f);
}

void rep_html_headline(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    const char *cap_key_b = "classes_over_hard_cap.before";
    const char *cap_key_a = "classes_over_hard_cap.after";
    fprintf(f, "<section id=\"headline\">\n<h2>%s</h2>\n<div class=\"cards\">"
               "\n", rep_t(L, T_KEY_FIGURES));
    card(f, r, rep_t(L, T_PUPILS), "students", "students", 0, FMT_INT, NULL);
    double unplaced = 0;
    if (rep_summary_num(&r->sum, "unplaced", &unplaced) && unplaced > 0)
        card(f, r, rep_t(L, T_UNPLACED), "unplaced", "unplaced", 0, FMT_INT,
             NULL);
    /* the summary counts classes over each county's cap of each grade:
     * the same as over 66 or 56 only when every cap is that number */
    int u = r->uniform_cap;
    card_pair(f, r, rep_t(L, T_OVER66), u == 66 ? cap_key_b : NULL,
              u == 66 ? cap_key_a : NULL, "over66", CSUM(over66, 0),
              CSUM(over66, 1));
    card_pair(f, r, rep_t(L, T_OVER56), u == 56 ? cap_key_b : NULL,
              u == 56 ? cap_key_a : NULL, "over56", CSUM(over56, 0),
              CSUM(over56, 1));
    if (u != 56 && u != 66) {
        char lab[128];
        if (u > 0 && u < SN_CAP_UNLIMITED)
            snprintf(lab, sizeof lab, "%s (%d)", rep_t(L, T_OVERCAP), u);
        else
            snprintf(lab, sizeof lab, "%s", rep_t(L, T_OVERCAP));
        card_pair(f, r, lab, cap_key_b, cap_key_a, "overcap",
                  CSUM(overcap, 0), CSUM(overcap, 1));
    }
    card_pair(f, r, rep_t(L, T_OVERSTD), "classes_over_standard.before",
              "classes_over_standard.after", "overstd", CSUM(overstd, 0),
              CSUM(overstd, 1));
    card(f, r, rep_t(L, T_CLOSED), "schools_closed", "closed", 0, FMT_INT,
         NULL);
    card(f, r, rep_t(L, T_OPENED), "schools_opened", "opened", 0, FMT_INT,
         NULL);
    card(f, r, rep_t(L, T_ROOMS), "classrooms_added", "rooms", 0, FMT_INT,
         NULL);
    if (rep_summary_get(&r->sum, "classrooms_short"))
        card(f, r, rep_t(L, T_ROOMS_SHORT), "classrooms_short", "rooms_short",
             0, FMT_INT, NULL);
    card(f, r, rep_t(L, T_CAPITAL), NULL, "capital_oneoff", r->capital_oneoff,
         FMT_MONEY, rep_money_unit(L));
    char unit[64];
    snprintf(unit, sizeof unit, "%s%s%s", rep_money_unit(L),
             L == SN_LANG_ZH ? "" : " ", rep_t(L, T_YUAN_YEAR));
    card(f, r, rep_t(L, T_ANNUAL), "cost.total", "cost", 0, FMT_MONEY, unit);
    card(f, r, rep_t(L, T_DIVERTED), "students_diverted", "diverted",
         (double)r->diverted, FMT_INT, NULL);
    card(f, r, rep_t(L, T_BOARDERS),
         rep_summary_get(&r->sum, "boarders.total") ? "boarders.total"
                                                    : "boarders",
         "boarders", (double)r->boarders, FMT_INT, NULL);
    card(f, r, rep_t(L, T_MEANKM), "mean_km", "mean_km", 0, FMT_KM, "km");
    card(f, r, rep_t(L, T_MAXKM), "max_km", "max_km", 0, FMT_KM, "km");
    if (has_teachers(r)) {
        card(f, r, rep_t(L, T_TEACHERS_SHORT), "teachers.posts_needed",
             "posts", 0, FMT_INT, NULL);
        card(f, r, rep_t(L, T_WALKING), "teachers.walking_teachers",
             "walking", 0, FMT_INT, NULL);
        rotation_card(f, r);
    }
    fprintf(f, "</div>\n<p class=\"note\">%s</p>\n</section>\n",
            rep_t(L, T_NOTE_BEFORE));
}

/* ---- counties ------------------------------------------------------------ */

/* Classes of county c above the limits of cap code `code` after the
 * plan (per grade: sn_scenario_cap_size). */
static long county_over(const sn_rep *r, int c, int code)
{
    long n = 0;
    for (int s = 0; s < r->net->nschools; s++) {
        if (r->net->schools[s].county != c || r->net->schools[s].classrooms < 0)
            continue;
        for (int g = 1; g <= SN_GRADES; g++)
            n += sn_kpi_classes_over(r->school[s].students_after[g],
                                     r->plan->schools[s].classes[g],
                                     sn_scenario_cap_size(&r->net->sc, code,
                                                          g));
    }
    return n;
}

static void num_td(FILE *f, long v)
{
    char buf[32];
    rep_fmt_int(buf, sizeof buf, v);
    fprintf(f, "<td class=\"n\" data-v=\"%ld\">%s</td>", v, buf);
}

static void pair_td(FILE *f, long before, long after)
{
    char b[32], a[32];
    rep_fmt_int(b, sizeof b, before);
    rep_fmt_int(a, sizeof a, after);
    fprintf(f, "<td class=\"n\" data-v=\"%ld\">%s → %s</td>", after, b, a);
}

/* One milestone of a county: "2019 ≤56: met". */
static void milestone_item(FILE *f, const sn_rep *r, int c, int year,
                           int code, int first)
{
    sn_lang L = r->lang;
    char cap[32];
    sn_scenario_cap_name(cap, sizeof cap, code);
    fprintf(f, "%s%d ≤%s: ", first ? "" : "<br>", year, cap);
    if (code == SN_CAP_NONE) {
        fputs("-", f);
        return;
    }
    long over = county_over(r, c, code);
    if (year > r->plan->year)
        fprintf(f, "<span class=\"due\">%s %d (%ld)</span>", rep_t(L, T_DUE),
                year, over);
    else if (over == 0)
        fprintf(f, "<span class=\"met\">%s</span>", rep_t(L, T_MET));
    else
        fprintf(f, "<span class=\"notmet\">%s (%ld)</span>",
                rep_t(L, T_NOT_MET), over);
}

/* The milestones that apply to county c (city-wide or its own), or the
 * plan year's cap when there are none. */
static void milestone_td(FILE *f, const sn_rep *r, int c)
{
    const sn_scenario *sc = &r->net->sc;
    const char *name = r->net->counties[c];
    int shown = 0;
    fputs("<td>", f);
    for (int k = 0; k < sc->nmilestones; k++) {
        const sn_milestone *m = &sc->milestones[k];
        int dup = 0;
        for (int j = 0; j < k && !dup; j++)
            dup = sc->milestones[j].year == m->year &&
                  (!sc->milestones[j].county[0] ||
                   !strcmp(sc->milestones[j].county, name));
        if (dup || (m->county[0] && strcmp(m->county, name) != 0))
            continue;
        /* the cap that decides the year (a county's own beats the city's) */
        milestone_item(f, r, c, m->year,
                       sn_scenario_cap_code(sc, name, m->year, NULL),
                       !shown++);
    }
    if (!shown)
        milestone_item(f, r, c, r->plan->year,
                       sn_scenario_cap_code(sc, name, r->plan->year, NULL), 1);
    fputs("</td>", f);
}

static void county_row(FILE *f, const sn_rep *r, const char *name,
                       const rep_county *c, int idx)
{
    char buf[32];
    fputs("<tr><td>", f);
    rep_put_html(f, name);
    rep_fmt_int(buf, sizeof buf, c->students);
    fprintf(f, "</td><td class=\"n\" data-v=\"%ld\">%s</td>", c->students, buf);
    pair_td(f, c->classes[0], c->classes[1]);
    pair_td(f, c->over66[0], c->over66[1]);
    pair_td(f, c->over56[0], c->over56[1]);
    if (r->uniform_cap != 56 && r->uniform_cap != 66)
        pair_td(f, c->overcap[0], c->overcap[1]);
    pair_td(f, c->overstd[0], c->overstd[1]);
    num_td(f, c->closed);
    num_td(f, c->opened);
    num_td(f, c->rooms);
    num_td(f, c->diverted);
    if (idx >= 0)
        milestone_td(f, r, idx);
    else
        fputs("<td></td>", f);
    if (has_teachers(r)) {
        if (c->has_rotation) {
            int met = c->movers >= c->quota_movers &&
                      c->strong >= c->quota_strong;
            fprintf(f, "<td class=\"n\">%d / %d <span class=\"%s\">%s</span>"
                       "</td>", c->movers, c->quota_movers,
                    met ? "met" : "notmet",
                    rep_t(r->lang, met ? T_QUOTA_MET : T_QUOTA_NOT_MET));
        } else {
            fputs("<td></td>", f);
        }
    }
    fputs("</tr>\n", f);
}

void rep_html_counties(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    fprintf(f, "<section id=\"counties\">\n<h2>%s</h2>\n<div class=\"scroll\">"
               "<table class=\"sortable\" id=\"county-table\"><thead><tr>"
               "<th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>",
            rep_t(L, T_COUNTIES), rep_t(L, T_COUNTY), rep_t(L, T_PUPILS),
            rep_t(L, T_CLASSES), rep_t(L, T_OVER66), rep_t(L, T_OVER56));
    if (r->uniform_cap != 56 && r->uniform_cap != 66)
        fprintf(f, "<th class=\"n\">%s</th>", rep_t(L, T_OVERCAP));
    fprintf(f, "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th>%s</th>",
            rep_t(L, T_OVERSTD), rep_t(L, T_CLOSED), rep_t(L, T_OPENED),
            rep_t(L, T_ROOMS), rep_t(L, T_DIVERTED), rep_t(L, T_MILESTONES));
    if (has_teachers(r))
        fprintf(f, "<th class=\"n\">%s</th>", rep_t(L, T_ROTATION));
    fputs("</tr></thead>\n<tbody>\n", f);
    rep_county tot;
    memset(&tot, 0, sizeof tot);
    for (int c = 0; c < r->net->ncounties; c++) {
        const rep_county *rc = &r->county[c];
        county_row(f, r, r->net->counties[c], rc, c);
        tot.students += rc->students;
        for (int s = 0; s < 2; s++) {
            tot.classes[s] += rc->classes[s];
            tot.over66[s] += rc->over66[s];
            tot.over56[s] += rc->over56[s];
            tot.overcap[s] += rc->overcap[s];
            tot.overstd[s] += rc->overstd[s];
        }
        tot.closed += rc->closed;
        tot.opened += rc->opened;
        tot.rooms += rc->rooms;
        tot.diverted += rc->diverted;
    }
    fputs("</tbody>\n", f);
    if (r->net->ncounties > 1) {
        fputs("<tfoot>", f);
        county_row(f, r, L == SN_LANG_ZH ? "合计" : "All", &tot, -1);
        fputs("</tfoot>", f);
    }
    fputs("</table></div>\n</section>\n", f);
}

/* ---- charts -------------------------------------------------------------- */

static void chart_hist(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    char lab[REP_NBINS][24];
    const char *cat[REP_NBINS];
    double v[2 * REP_NBINS];
    int hi[REP_NBINS];
    for (int k = 0; k < REP_NBINS; k++) {
        int lo = k ? rep_bin_hi[k - 1] + 1 : 0;
        if (k == 0)
            snprintf(lab[k], sizeof lab[k], "≤%d", rep_bin_hi[k]);
        else if (k == REP_NBINS - 1)
            snprintf(lab[k], sizeof lab[k], "%d+", lo);
        else
            snprintf(lab[k], sizeof lab[k], "%d–%d", lo, rep_bin_hi[k]);
        cat[k] = lab[k];
        v[k] = (double)r->hist[0][k];
        v[REP_NBINS + k] = (double)r->hist[1][k];
        hi[k] = lo > r->hard_cap;
    }
    const char *series[2] = {rep_t(L, T_BEFORE), rep_t(L, T_AFTER)};
    const char *col[2] = {"#b8c2cc", "#4c78a8"};
    rep_bars b = {"chart-hist", rep_t(L, T_HIST), rep_t(L, T_CLASSES),
                  REP_NBINS, 2, cat, series, col, v, hi, 0};
    rep_chart_bars(f, &b);
}

/* Every part of summary.json's cost but the total, in its order. */
static void chart_cost(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    static const struct {
        const char *key;
        rep_text label;
        const char *col;
    } known[] = {{"cost.schools", T_COST_SCHOOLS, "#4c78a8"},
                 {"cost.capital", T_COST_CAPITAL, "#f58518"},
                 {"cost.transport", T_COST_TRANSPORT, "#72b7b2"},
                 {"cost.private_seats", T_COST_PRIVATE, "#b279a2"},
                 {"cost.boarding", T_COST_BOARDING, "#e45756"}};
    enum { MAXP = 12 };
    const char *label[MAXP], *col[MAXP], *tp[MAXP];
    double v[MAXP];
    char text[MAXP][64];
    int n = 0;
    for (size_t i = 0; i < r->sum.n && n < MAXP; i++) {
        const rep_kv *kv = &r->sum.kv[i];
        if (strncmp(kv->key, "cost.", 5) != 0 || !kv->is_num ||
            !strcmp(kv->key, "cost.total"))
            continue;
        label[n] = kv->key + 5;
        col[n] = "#9aa5b1";
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            if (!strcmp(known[k].key, kv->key)) {
                label[n] = rep_t(L, known[k].label);
                col[n] = known[k].col;
            }
        v[n] = kv->num;
        char m[48];
        rep_fmt_money(m, sizeof m, v[n], L);
        snprintf(text[n], sizeof text[n], "%s %s", m, rep_money_unit(L));
        tp[n] = text[n];
        n++;
    }
    rep_hbars b = {"chart-cost", rep_t(L, T_COST), n, label, v, tp, col};
    rep_chart_hbars(f, &b);
}

static void chart_bands(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    char lab[REP_NBANDS][48];
    const char *cat[REP_NBANDS];
    double v[4 * REP_NBANDS];
    for (int k = 0; k < REP_NBANDS; k++) {
        double lo = k ? rep_band_hi[k - 1] : 0;
        if (k == REP_NBANDS - 1)
            snprintf(lab[k], sizeof lab[k], ">%g km", lo);
        else
            snprintf(lab[k], sizeof lab[k], "%g–%g", lo, rep_band_hi[k]);
        cat[k] = lab[k];
        for (int t = 0; t < 4; t++)
            v[t * REP_NBANDS + k] = (double)r->band[t][k];
    }
    const char *series[4] = {rep_t(L, T_WALK), rep_t(L, T_BUS),
                             rep_t(L, T_BOARD), rep_t(L, T_FAR)};
    const char *col[4] = {"#72b7b2", "#4c78a8", "#e45756", "#9d755d"};
    char title[160];
    snprintf(title, sizeof title, "%s (km)", rep_t(L, T_BANDS));
    rep_bars b = {"chart-bands", title, rep_t(L, T_PUPILS), REP_NBANDS, 4, cat,
                  series, col, v, NULL, 1};
    rep_chart_bars(f, &b);
}

static int chart_uncovered(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    int n = r->nsubj < 12 ? r->nsubj : 12;
    if (n == 0) {
        fprintf(f, "<div class=\"chart\"><h3>%s</h3><p class=\"note\">0 %s"
                   "</p></div>\n", rep_t(L, T_UNCOVERED), rep_t(L, T_PERIODS));
        return 0;
    }
    const char **label = calloc((size_t)n, sizeof *label);
    const char **tp = calloc((size_t)n, sizeof *tp);
    const char **col = calloc((size_t)n, sizeof *col);
    double *v = calloc((size_t)n, sizeof *v);
    char (*text)[48] = calloc((size_t)n, sizeof *text);
    int rc = label && tp && col && v && text ? 0 : SN_ENOMEM;
    for (int k = 0; rc == 0 && k < n; k++) {
        label[k] = r->subj[k].name;
        v[k] = (double)r->subj[k].periods;
        rep_fmt_int(text[k], sizeof text[k], r->subj[k].periods);
        tp[k] = text[k];
        col[k] = r->subj[k].shortage ? "#e45756" : "#9aa5b1";
    }
    if (rc == 0) {
        char title[200];
        snprintf(title, sizeof title, "%s (%s)", rep_t(L, T_UNCOVERED),
                 rep_t(L, T_PERIODS));
        rep_hbars b = {"chart-uncovered", title, n, label, v, tp, col};
        rep_chart_hbars(f, &b);
        fprintf(f, "<p class=\"note\"><span class=\"st closed\"></span>%s</p>\n",
                rep_t(L, T_SHORTAGE_SUBJ));
    }
    free(label);
    free(tp);
    free(col);
    free(v);
    free(text);
    return rc;
}

int rep_html_charts(FILE *f, const sn_rep *r)
{
    fprintf(f, "<section id=\"charts\">\n<h2>%s</h2>\n<div class=\"grid2\">\n",
            rep_t(r->lang, T_CHARTS));
    chart_hist(f, r);
    chart_cost(f, r);
    chart_bands(f, r);
    int rc = r->has[REP_F_SHORTAGES] ? chart_uncovered(f, r) : 0;
    fputs("</div>\n</section>\n", f);
    return rc;
}

/* ---- school table -------------------------------------------------------- */

void rep_html_schools(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    const sn_network *net = r->net;
    int multi = net->ncounties > 1, staff = r->has[REP_F_STAFFING];
    fprintf(f, "<section id=\"schools\">\n<h2>%s</h2>\n<p class=\"note\">%s"
               "</p>\n<div class=\"scroll\"><table class=\"sortable\" "
               "id=\"school-table\"><thead><tr>", rep_t(L, T_SCHOOL_TABLE),
            rep_t(L, T_SORT_HINT));
    if (multi)
        fprintf(f, "<th>%s</th>", rep_t(L, T_COUNTY));
    fprintf(f, "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
               "<th class=\"n\">%s %s</th><th class=\"n\">%s %s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
               "<th class=\"n\">%s</th>",
            rep_t(L, T_SCHOOL), rep_t(L, T_ID), rep_t(L, T_STAGE),
            rep_t(L, T_STATE), rep_t(L, T_BY_GRADE), rep_t(L, T_LARGEST),
            rep_t(L, T_BEFORE), rep_t(L, T_LARGEST), rep_t(L, T_AFTER),
            rep_t(L, T_ROOMS_ADDED), rep_t(L, T_PUPILS), rep_t(L, T_IN),
            rep_t(L, T_OUT), rep_t(L, T_BOARDERS));
    if (staff)
        fprintf(f, "<th>%s</th>", rep_t(L, T_STAFFING));
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sc = &net->schools[s];
        const sn_school_plan *sp = &r->plan->schools[s];
        const rep_school *rs = &r->school[s];
        fputs("<tr>", f);
        if (multi) {
            fputs("<td>", f);
            rep_put_html(f, net->counties[sc->county]);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        rep_put_html(f, sc->name ? sc->name : sc->id);
        fputs("</td><td>", f);
        rep_put_html(f, sc->id);
        fputs("</td><td>", f);
        rep_put_html(f, rep_stage_label(L, sc->stage));
        static const char *const cls[] = {"kept", "closed", "new", "notbuilt"};
        fprintf(f, "</td><td data-v=\"%d\"><span class=\"st %s\"></span>",
                sp->state == SN_SCHOOL_KEPT && rs->expanded ? 4 : (int)sp->state,
                sp->state == SN_SCHOOL_KEPT && rs->expanded ? "expanded"
                                                            : cls[sp->state]);
        rep_put_html(f, rep_state_label(L, sp->state, rs->expanded));
        fputs("</td><td>", f);
        for (int g = sc->grade_lo; g <= sc->grade_hi; g++)
            fprintf(f, "%s%d", g > sc->grade_lo ? " " : "", sp->classes[g]);
        fputs("</td>", f);
        num_td(f, rs->largest_before);
        num_td(f, rs->largest_after);
        num_td(f, sp->classrooms_added);
        num_td(f, rs->pupils_after);
        num_td(f, sp->diverted_in);
        num_td(f, sp->diverted_out);
        num_td(f, sp->boarders);
        if (staff) {
            fputs("<td>", f);
            if (rs->staff_status >= 0)
                fprintf(f, "%s (%d/%d)", rep_t(L, T_OVER + rs->staff_status),
                        rs->staff_actual, rs->staff_required);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n</section>\n", f);
}

/* ---- other tables --------------------------------------------------------- */

#define MAX_TABLE_ROWS 500

/* A CSV file of the plan shown as it is (files whose columns this page
 * does not interpret, such as shortfall.csv and redeploy.csv): at most
 * MAX_TABLE_ROWS rows, the rest in plan.xlsx. */
static void csv_section(FILE *f, const sn_rep *r, int file, rep_text title)
{
    const rep_table *t = &r->tab[file];
    if (!r->has[file])
        return;
    fprintf(f, "<section id=\"file-%d\">\n<h2>%s</h2>\n<div class=\"scroll\">"
               "<table class=\"sortable\"><thead><tr>", file,
            rep_t(r->lang, title));
    for (int c = 0; c < t->cols; c++) {
        fputs("<th>", f);
        rep_put_html(f, t->cell[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (int i = 0; i < t->rows && i < MAX_TABLE_ROWS; i++) {
        fputs("<tr>", f);
        for (int c = 0; c < t->cols; c++) {
            fputs("<td>", f);
            rep_put_html(f, rep_table_get(t, i, c));
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
    if (t->rows > MAX_TABLE_ROWS)
        fprintf(f, "<p class=\"note\">%d / %d %s (plan.xlsx)</p>\n",
                MAX_TABLE_ROWS, t->rows, rep_t(r->lang, T_SHOWN));
    fputs("</section>\n", f);
}

/* ---- the page ------------------------------------------------------------ */

static void header(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    const rep_kv *name = rep_summary_get(&r->sum, "scenario");
    const rep_kv *src = rep_summary_get(&r->sum, "demand_source");
    const rep_kv *st = rep_summary_get(&r->sum, "status");
    double gap = NAN;
    rep_summary_num(&r->sum, "gap", &gap);
    fprintf(f, "<header><h1>%s", rep_t(L, T_TITLE));
    if (name && name->str[0]) {
        fputs(" · ", f);
        rep_put_html(f, name->str);
    }
    fprintf(f, "</h1><div class=\"sub\">%s %d", rep_t(L, T_PLAN_FOR),
            r->plan->year);
    if (src) {
        fputs(" · ", f);
        rep_put_html(f, src->str);
    }
    fprintf(f, " · %s %d · %s: ", rep_t(L, T_HARD_CAP), r->hard_cap,
            rep_t(L, T_STATUS));
    rep_put_html(f, st ? st->str : "?");
    if (isfinite(gap)) {
        char g[32];
        rep_fmt_num(g, sizeof g, 100 * gap, 2);
        fprintf(f, " (%s %s%%)", rep_t(L, T_GAP), g);
    }
    fputs("</div></header>\n", f);
}

int rep_write_html(FILE *f, const sn_rep *r)
{
    const rep_kv *name = rep_summary_get(&r->sum, "scenario");
    char title[512];
    snprintf(title, sizeof title, "%s · %s %d", rep_t(r->lang, T_TITLE),
             name ? name->str : "", r->plan->year);
    rep_page_begin(f, r->lang, title);
    header(f, r);
    fputs("<main>\n", f);
    rep_html_headline(f, r);
    rep_html_counties(f, r);
    int rc = rep_html_map(f, r);
    if (rc)
        return rc;
    if ((rc = rep_html_charts(f, r)) != 0)
        return rc;
    rep_html_schools(f, r);
    csv_section(f, r, REP_F_SHORTFALL, T_SHORTFALL);
    csv_section(f, r, REP_F_REDEPLOY, T_REDEPLOY);
    fputs("</main>\n", f);
    rep_page_end(f);
    return 0;
}
