/* write_report_map.c - the report's map: schools coloured by what the plan
 * does to them and sized by pupils, zones, and lines from each zone to the
 * schools its diverted pupils go to, drawn from the data's coordinates
 * (the km plane of the network, north up).
 *
 * One <circle class="school"> per school with coordinates, in a fixed
 * order (largest first, so small schools stay visible; ties by input
 * order), each with a data-tip the page shows on hover.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/write_report_impl.h"

#define NG REP_NG

typedef struct frame {
    double xmin, ymax, scale, w, h;
} frame;

static double sx(const frame *fr, double x) { return 24 + (x - fr->xmin) * fr->scale; }
static double sy(const frame *fr, double y) { return 24 + (fr->ymax - y) * fr->scale; }

static int make_frame(frame *fr, const sn_network *net)
{
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY,
           ymax = -INFINITY;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].has_xy) {
            const sn_school *p = &net->schools[s];
            xmin = fmin(xmin, p->x_km), xmax = fmax(xmax, p->x_km);
            ymin = fmin(ymin, p->y_km), ymax = fmax(ymax, p->y_km);
        }
    if (!isfinite(xmin))
        return 0;
    for (int z = 0; z < net->nzones; z++)
        if (net->zones[z].has_xy) {
            const sn_zone *p = &net->zones[z];
            xmin = fmin(xmin, p->x_km), xmax = fmax(xmax, p->x_km);
            ymin = fmin(ymin, p->y_km), ymax = fmax(ymax, p->y_km);
        }
    double dx = fmax(xmax - xmin, 1.0), dy = fmax(ymax - ymin, 1.0);
    fr->scale = fmin(1000.0 / dx, 720.0 / dy);
    fr->xmin = xmin;
    fr->ymax = ymax;
    fr->w = dx * fr->scale + 48;
    fr->h = dy * fr->scale + 48;
    return 1;
}

static const char *state_class(int state, int expanded)
{
    switch (state) {
    case SN_SCHOOL_KEPT:
        return expanded ? "expanded" : "kept";
    case SN_SCHOOL_CLOSED:
        return "closed";
    case SN_SCHOOL_NEW:
        return "new";
    default:
        return "notbuilt";
    }
}

static const char *state_colour(int state, int expanded)
{
    switch (state) {
    case SN_SCHOOL_KEPT:
        return expanded ? "#f58518" : "#4c78a8";
    case SN_SCHOOL_CLOSED:
        return "#e45756";
    case SN_SCHOOL_NEW:
        return "#54a24b";
    default:
        return "none";
    }
}

/* "4 4 3 3 3 3" over the grades the school teaches. */
static void grades_text(FILE *f, const sn_school *s, const int *v)
{
    for (int g = s->grade_lo; g <= s->grade_hi; g++)
        fprintf(f, "%s%d", g > s->grade_lo ? " " : "", v[g]);
}

static void school_tip(FILE *f, const sn_rep *r, int s)
{
    const sn_school *sch = &r->net->schools[s];
    const sn_school_plan *sp = &r->plan->schools[s];
    const rep_school *rs = &r->school[s];
    sn_lang L = r->lang;
    char a[32], b[32];
    rep_put_html(f, sch->name ? sch->name : sch->id);
    fputs(" (", f);
    rep_put_html(f, sch->id);
    fputs(")\n", f);
    rep_put_html(f, rep_stage_label(L, sch->stage));
    fputs(" · ", f);
    rep_put_html(f, rep_state_label(L, sp->state, rs->expanded));
    if (sp->classrooms_added > 0)
        fprintf(f, " +%d %s", sp->classrooms_added,
                L == SN_LANG_ZH ? "间教室" : "classrooms");
    rep_fmt_int(a, sizeof a, rs->pupils_before);
    rep_fmt_int(b, sizeof b, rs->pupils_after);
    fprintf(f, "\n%s %s → %s\n%s: ", rep_t(L, T_PUPILS), a, b,
            rep_t(L, T_BY_GRADE));
    grades_text(f, sch, rs->classes_before);
    fputs(" → ", f);
    grades_text(f, sch, sp->classes);
    fprintf(f, "\n%s %d → %d", rep_t(L, T_LARGEST), rs->largest_before,
            rs->largest_after);
    if (sp->diverted_in || sp->diverted_out)
        fprintf(f, "\n%s +%d, %s −%d", rep_t(L, T_IN), sp->diverted_in,
                rep_t(L, T_OUT), sp->diverted_out);
    if (rs->staff_status >= 0)
        fprintf(f, "\n%s: %s (%d / %d)", rep_t(L, T_STAFFING),
                rep_t(L, T_OVER + rs->staff_status), rs->staff_actual,
                rs->staff_required);
}

typedef struct mark {
    int s;
    double r;
} mark;

static int mark_cmp(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->r != y->r)
        return x->r > y->r ? -1 : 1;
    return x->s - y->s;
}

static long school_pupils(const sn_rep *r, int s)
{
    return r->plan->schools[s].state == SN_SCHOOL_CLOSED
               ? r->school[s].pupils_before
               : r->school[s].pupils_after;
}

/* Lines zone -> school for diverted pupils, summed over grades; the
 * first pass finds the largest line, the second draws.  acc and seen are
 * zeroed scratch arrays of nschools entries, touched one more. */
static void draw_flows(FILE *f, const sn_rep *r, const frame *fr, long *acc,
                       char *seen, int *touched)
{
    const sn_network *net = r->net;
    long maxflow = 1;
    for (int pass = 0; pass < 2; pass++) {
        size_t i = 0;
        while (i < r->nasg) {
            size_t first = i;
            int z = r->asg[i].zone, nt = 0;
            for (; i < r->nasg && r->asg[i].zone == z; i++) {
                const sn_assignment *a = &r->asg[i];
                if (!a->diverted || a->students <= 0)
                    continue;
                if (!seen[a->school]) {
                    seen[a->school] = 1;
                    touched[nt++] = a->school;
                }
                acc[a->school] += a->students;
            }
            /* touched schools in index order: a fixed drawing order */
            for (int k = 1; k < nt; k++)
                for (int j = k; j > 0 && touched[j - 1] > touched[j]; j--) {
                    int t = touched[j];
                    touched[j] = touched[j - 1];
                    touched[j - 1] = t;
                }
            for (int k = 0; k < nt; k++) {
                int s = touched[k];
                long n = acc[s];
                acc[s] = 0;
                seen[s] = 0;
                const sn_zone *zz = &net->zones[z];
                const sn_school *sc = &net->schools[s];
                if (pass == 0) {
                    maxflow = n > maxflow ? n : maxflow;
                    continue;
                }
                if (!zz->has_xy || !sc->has_xy)
                    continue;
                double km = -1;
                for (size_t j = first; j < i && km < 0; j++)
                    if (r->asg[j].school == s)
                        km = r->asg[j].km;
                char kms[32];
                rep_fmt_num(kms, sizeof kms, km, 1);
                fprintf(f, "<line class=\"flow\" x1=\"%.1f\" y1=\"%.1f\" "
                           "x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.2f\" "
                           "data-tip=\"", sx(fr, zz->x_km), sy(fr, zz->y_km),
                        sx(fr, sc->x_km), sy(fr, sc->y_km),
                        0.5 + 4.5 * (double)n / (double)maxflow);
                rep_put_html(f, zz->name ? zz->name : zz->id);
                fputs(" → ", f);
                rep_put_html(f, sc->name ? sc->name : sc->id);
                fprintf(f, ": %ld %s, %s km\"/>\n", n,
                        rep_t(r->lang, T_FLOWS), kms);
            }
        }
    }
}

static void draw_zones(FILE *f, const sn_rep *r, const frame *fr)
{
    fputs("<g class=\"zones\" fill=\"#7b8794\" fill-opacity=\"0.55\">\n", f);
    for (int z = 0; z < r->net->nzones; z++) {
        const sn_zone *zz = &r->net->zones[z];
        if (zz->has_xy)
            fprintf(f, "<circle class=\"zone\" cx=\"%.1f\" cy=\"%.1f\" "
                       "r=\"1.8\"/>\n", sx(fr, zz->x_km), sy(fr, zz->y_km));
    }
    fputs("</g>\n", f);
}

static int draw_schools(FILE *f, const sn_rep *r, const frame *fr)
{
    const sn_network *net = r->net;
    mark *m = malloc((size_t)(net->nschools ? net->nschools : 1) * sizeof *m);
    if (!m)
        return SN_ENOMEM;
    long maxp = 1;
    for (int s = 0; s < net->nschools; s++)
        maxp = school_pupils(r, s) > maxp ? school_pupils(r, s) : maxp;
    /* area by pupils; a school without pupils (or with a negative count in
     * a hand-edited plan) gets the smallest mark */
    double rmax = fmax(fr->w, fr->h) * 0.02;
    int n = 0;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].has_xy)
            m[n++] = (mark){s, 2.5 + rmax * sqrt(fmax(0.0,
                                          (double)school_pupils(r, s)) /
                                                 (double)maxp)};
    qsort(m, (size_t)n, sizeof *m, mark_cmp);
    fputs("<g class=\"schools\">\n", f);
    for (int k = 0; k < n; k++) {
        int s = m[k].s;
        const sn_school *sc = &net->schools[s];
        int st = r->plan->schools[s].state, ex = r->school[s].expanded;
        fprintf(f, "<circle class=\"school %s\" data-id=\"",
                state_class(st, ex));
        rep_put_html(f, sc->id);
        fprintf(f, "\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s "
                   "data-tip=\"", sx(fr, sc->x_km), sy(fr, sc->y_km), m[k].r,
                state_colour(st, ex),
                st == SN_SCHOOL_NOT_BUILT
                    ? " style=\"stroke:#7b8794;stroke-dasharray:3 2\""
                : st == SN_SCHOOL_CLOSED ? " fill-opacity=\"0.75\""
                                         : " fill-opacity=\"0.9\"");
        school_tip(f, r, s);
        fputs("\"/>\n", f);
    }
    fputs("</g>\n", f);
    free(m);
    return 0;
}

/* County names at the mean point of their schools (several counties). */
static void county_labels(FILE *f, const sn_rep *r, const frame *fr)
{
    const sn_network *net = r->net;
    if (net->ncounties < 2)
        return;
    for (int c = 0; c < net->ncounties; c++) {
        double x = 0, y = 0;
        int n = 0;
        for (int s = 0; s < net->nschools; s++)
            if (net->schools[s].county == c && net->schools[s].has_xy) {
                x += net->schools[s].x_km;
                y += net->schools[s].y_km;
                n++;
            }
        if (!n)
            continue;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                   "class=\"cty\">", sx(fr, x / n), sy(fr, y / n));
        rep_put_html(f, net->counties[c]);
        fputs("</text>\n", f);
    }
}

static void map_legend(FILE *f, const sn_rep *r, const frame *fr)
{
    sn_lang L = r->lang;
    static const int states[][2] = {{SN_SCHOOL_KEPT, 0}, {SN_SCHOOL_KEPT, 1},
                                    {SN_SCHOOL_NEW, 0}, {SN_SCHOOL_CLOSED, 0},
                                    {SN_SCHOOL_NOT_BUILT, 0}};
    double x = 24, y = fr->h + 20;
    for (int k = 0; k < 5; k++) {
        const char *lab = rep_state_label(L, states[k][0], states[k][1]);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"%s/>"
                   "\n<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">", x + 6, y - 4,
                state_colour(states[k][0], states[k][1]),
                states[k][0] == SN_SCHOOL_NOT_BUILT
                    ? " stroke=\"#7b8794\" stroke-dasharray=\"3 2\"" : "",
                x + 16, y);
        rep_put_html(f, lab);
        fputs("</text>\n", f);
        x += 34 + 8.5 * (double)strlen(lab);
    }
    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
               "stroke=\"#f58518\" stroke-opacity=\"0.6\" stroke-width=\"4\"/>"
               "\n<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">%s</text>\n",
            x, y - 4, x + 26, y - 4, x + 32, y, rep_t(L, T_FLOWS));
    x += 60 + 8.0 * (double)strlen(rep_t(L, T_FLOWS));
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">%s</text>\n", x, y,
            rep_t(L, T_PUPILS_SIZE));
    /* scale bar: 1, 2 or 5 times a power of ten, about a fifth of the map */
    double km = (fr->w - 48) / fr->scale / 5, mag = pow(10, floor(log10(km)));
    km = km / mag >= 5 ? 5 * mag : km / mag >= 2 ? 2 * mag : mag;
    double x0 = 24, x1 = x0 + km * fr->scale;
    fprintf(f, "<path d=\"M%.1f 30v5h%.1fv-5\" fill=\"none\" "
               "stroke=\"#1f2933\" stroke-width=\"1.5\"/>\n<text x=\"%.1f\" "
               "y=\"25\" text-anchor=\"middle\" class=\"lg\">%g km</text>\n",
            x0, x1 - x0, (x0 + x1) / 2, km);
    fprintf(f, "<text x=\"%.1f\" y=\"38\" text-anchor=\"middle\" "
               "class=\"north\">N</text><path d=\"M%.1f 44l-5 12h10z\" "
               "fill=\"#1f2933\"/>\n", fr->w - 30, fr->w - 30);
}

int rep_html_map(FILE *f, const sn_rep *r)
{
    sn_lang L = r->lang;
    frame fr;
    fprintf(f, "<section id=\"map-section\">\n<h2>%s</h2>\n", rep_t(L, T_MAP));
    if (!make_frame(&fr, r->net)) {
        fprintf(f, "<p class=\"note\">%s</p>\n</section>\n",
                rep_t(L, T_NO_MAP));
        return 0;
    }
    size_t ns = (size_t)r->net->nschools + 1;
    long *acc = calloc(ns, sizeof *acc);
    char *seen = calloc(ns, 1);
    int *touched = malloc(ns * sizeof *touched);
    int rc = acc && seen && touched ? 0 : SN_ENOMEM;
    if (rc == 0) {
        fprintf(f, "<svg id=\"map\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                   "aria-label=\"%s\">\n<style>.lg{font-size:13px;"
                   "fill:#1f2933}.cty{font-size:15px;fill:#52606d;"
                   "font-weight:600;paint-order:stroke;stroke:#fcfcf8;"
                   "stroke-width:3}.north{font-size:13px;font-weight:700}"
                   ".flow{stroke:#f58518;stroke-opacity:.35;"
                   "stroke-linecap:round}.flow:hover{stroke-opacity:.95}"
                   "</style>\n", fr.w, fr.h + 34, rep_t(L, T_MAP));
        draw_zones(f, r, &fr);
        draw_flows(f, r, &fr, acc, seen, touched);
        rc = draw_schools(f, r, &fr);
    }
    if (rc == 0) {
        county_labels(f, r, &fr);
        map_legend(f, r, &fr);
        fprintf(f, "</svg>\n<p class=\"note\">%s</p>\n</section>\n",
                rep_t(L, T_HOVER_HINT));
    }
    free(acc);
    free(seen);
    free(touched);
    return rc;
}
