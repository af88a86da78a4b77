/* plan_report.c - progress line, class table, levels, timing.json
 * (plan_report.h). */
#include "cli/plan_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/format.h"
#include "io/outdir.h"
#include "model/kpi.h"

/* A number in at most 11 characters ("-1.2346e+08"). */
static void num11(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.5g", v);
    if (strlen(buf) > 11)
        snprintf(buf, n, "%.1e", v);
}

/* A number in at most 7 characters: 1234, 12.3k, 190.79M, 1.2e+15. */
static void short_num(char *b, size_t n, double v)
{
    double a = fabs(v);
    if (!isfinite(v))
        snprintf(b, n, "-");
    else if (a < 1e4)
        snprintf(b, n, a == floor(a) ? "%.0f" : "%.4g", v);
    else if (a < 1e6)
        snprintf(b, n, "%.4gk", v / 1e3);
    else if (a < 1e9)
        snprintf(b, n, "%.5gM", v / 1e6);
    else if (a < 1e12)
        snprintf(b, n, "%.4gG", v / 1e9);
    else
        snprintf(b, n, "%.1e", v);
}

/* Level names in a few columns ("level 4/6 cost" -> "cost"). */
static const char *short_phase(const char *phase)
{
    static const char *const names[][2] = {
        {"over hard cap", "over cap"}, {"over standard", "over std"},
        {"student-km", "km"}};
    if (!phase)
        return "";
    const char *sp = strrchr(phase, '/');
    if (sp && (sp = strchr(sp, ' ')) != NULL)
        phase = sp + 1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(phase, names[i][0]))
            return names[i][1];
    return phase;
}

/* Copies at most `cols` display columns of UTF-8 text s (wide characters
 * count two) into b. */
static void clip(char *b, size_t n, const char *s, int cols)
{
    size_t o = 0;
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
        int cw = len >= 3 ? 2 : 1;
        if (w + cw > cols || o + (size_t)len + 1 > n)
            break;
        for (int i = 0; i < len && p[i]; i++)
            b[o++] = (char)p[i];
        w += cw;
        p += len;
    }
    b[o] = '\0';
}

/* With the county and the limit known (sn_allocate fills them): county
 * k/n, level, incumbent, bound, gap, elapsed/limit in 79 columns. */
static void county_line(char *buf, size_t n, const sn_progress *p)
{
    char county[64] = "", best[16], bound[16], gap[16] = "-", tl[24];
    if (p->county && p->counties > 0) {
        char name[32];
        clip(name, sizeof name, p->county, 12);
        snprintf(county, sizeof county, "%d/%d %s ", p->county_no,
                 p->counties, name);
    }
    if (p->limit > 0)
        snprintf(tl, sizeof tl, "%.0f/%.0fs", p->elapsed, p->limit);
    else
        snprintf(tl, sizeof tl, "%.0fs", p->elapsed);
    if (p->phase && !strcmp(p->phase, "counties")) {
        snprintf(buf, n, "counties done %d/%d  %s", p->county_no,
                 p->counties, tl);
        return;
    }
    short_num(best, sizeof best, p->has_best ? p->best : NAN);
    short_num(bound, sizeof bound, p->bound);
    if (p->has_best && isfinite(p->gap))
        snprintf(gap, sizeof gap, "%.2f%%", 100 * p->gap);
    snprintf(buf, n, "%s%-9.9s best %-8s bound %-8s gap %-7s %s", county,
             short_phase(p->phase), best, bound, gap, tl);
}

void sn_cli_progress_format(char *buf, size_t n, const sn_progress *p)
{
    if (p->county || p->counties > 0) {
        county_line(buf, n, p);
        return;
    }
    char best[32] = "-", gap[32] = "-", bound[32] = "-", secs[32];
    if (p->has_best)
        num11(best, sizeof best, p->best);
    if (isfinite(p->bound))
        num11(bound, sizeof bound, p->bound);
    if (p->has_best && isfinite(p->gap))
        snprintf(gap, sizeof gap, 100 * p->gap < 1000 ? "%.2f%%" : ">999%%",
                 100 * p->gap);
    double e = p->elapsed;
    if (e < 99999.9)
        snprintf(secs, sizeof secs, "%6.1fs", e >= 0 ? e : 0.0);
    else
        snprintf(secs, sizeof secs, ">27.7h");
    /* 23 + 6 + 11 + 7 + 11 + 5 + 7 + 1 + 7 = 78 columns */
    snprintf(buf, n, "%-23.23s best %-11.11s bound %-11.11s gap %-7.7s %s",
             p->phase ? p->phase : "", best, bound, gap, secs);
}

void sn_cli_progress(void *ctx, const sn_progress *p)
{
    (void)ctx;
    char line[128];
    sn_cli_progress_format(line, sizeof line, p);
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
}

static void tally(sn_class_row *r, int side, int students, int classes,
                  int std, int cap)
{
    if (students <= 0)
        return;
    r->classes[side] += classes;
    r->over66[side] += sn_kpi_classes_over(students, classes, 66);
    r->over_cap[side] += sn_kpi_classes_over(students, classes, cap);
    r->over_std[side] += sn_kpi_classes_over(students, classes, std);
    int largest = classes > 0 ? (students + classes - 1) / classes : students;
    if (largest > r->largest[side])
        r->largest[side] = largest;
}

int sn_cli_class_rows(sn_class_row *rows, const sn_network *net,
                      const sn_plan *plan, const int *demand)
{
    size_t n = (size_t)(net->nschools ? net->nschools : 1) * (SN_GRADES + 1);
    int *st = malloc(n * sizeof *st), *cl = malloc(n * sizeof *cl);
    if (!st || !cl) {
        free(st);
        free(cl);
        return SN_ENOMEM;
    }
    memset(rows, 0, ((size_t)net->ncounties + 1) * sizeof *rows);
    sn_plan_status_quo(st, cl, net, demand);
    for (int s = 0; s < net->nschools; s++) {
        if (net->schools[s].classrooms < 0)
            continue; /* seat mode: no classes */
        sn_class_row *r = &rows[net->schools[s].county];
        for (int g = 1; g <= SN_GRADES; g++) {
            int std = sn_scenario_standard(&net->sc, g);
            /* the county's own cap of the year, as summary.json's */
            int cap = sn_kpi_cap(net, s, plan->year, g);
            tally(r, 0, st[s * (SN_GRADES + 1) + g],
                  cl[s * (SN_GRADES + 1) + g], std, cap);
            tally(r, 1, plan->schools[s].students[g],
                  plan->schools[s].classes[g], std, cap);
        }
    }
    sn_class_row *tot = &rows[net->ncounties];
    for (int c = 0; c < net->ncounties; c++)
        for (int side = 0; side < 2; side++) {
            tot->classes[side] += rows[c].classes[side];
            tot->over66[side] += rows[c].over66[side];
            tot->over_cap[side] += rows[c].over_cap[side];
            tot->over_std[side] += rows[c].over_std[side];
            if (rows[c].largest[side] > tot->largest[side])
                tot->largest[side] = rows[c].largest[side];
        }
    free(st);
    free(cl);
    return 0;
}

/* Columns a terminal gives the UTF-8 text s: two for the East Asian
 * wide characters (CJK ideographs, kana, hangul, fullwidth forms), one
 * for any other character.  Locale-free, so the output stays the same
 * in every environment. */
static int text_columns(const char *s)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned long cp = *p;
        int len = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3
                  : cp >= 0xC0 ? 2 : 1;
        if (len > 1)
            cp &= 0x3Fu >> (len - 1);
        int i = 1;
        for (; i < len && (p[i] & 0xC0) == 0x80; i++)
            cp = cp << 6 | (p[i] & 0x3Fu);
        p += i; /* a cut sequence counts what it has */
        int wide = (cp >= 0x1100 && cp <= 0x115F) ||
                   (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) ||
                   (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) ||
                   (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) ||
                   (cp >= 0x20000 && cp <= 0x3FFFD);
        cols += 1 + wide;
    }
    return cols;
}

/* The county column: name, then spaces up to 14 terminal columns. */
static void put_name(FILE *f, const char *name)
{
    fputs(name, f);
    for (int c = text_columns(name); c < 14; c++)
        fputc(' ', f);
}

/* The footnote: which hard cap each county has in `year`, counties of
 * one cap on one line (in county order, wrapped before 80 columns). */
static void print_caps(FILE *f, const sn_network *net, int year)
{
    const sn_scenario *sc = &net->sc;
    fprintf(f, "(class-mode schools; over std: above %d primary / %d "
               "junior;\n over cap: above the county's own hard cap in %d",
            sc->standard_primary, sc->standard_junior, year);
    for (int c = 0; c < net->ncounties; c++) {
        int code = sn_scenario_cap_code(sc, net->counties[c], year, NULL);
        int seen = 0;
        for (int d = 0; d < c && !seen; d++)
            seen = sn_scenario_cap_code(sc, net->counties[d], year, NULL) ==
                   code;
        if (seen)
            continue; /* listed with the first county of its cap */
        char cap[64];
        if (code == SN_CAP_STANDARD)
            snprintf(cap, sizeof cap, "standard (%d / %d)",
                     sc->standard_primary, sc->standard_junior);
        else
            sn_scenario_cap_name(cap, sizeof cap, code);
        int col = fprintf(f, "\n   %s:", cap) - 1;
        for (int d = c; d < net->ncounties; d++) {
            if (sn_scenario_cap_code(sc, net->counties[d], year, NULL) !=
                code)
                continue;
            int w = text_columns(net->counties[d]) + 1;
            if (col + w > 76) {
                fputs("\n     ", f);
                col = 5;
            }
            fprintf(f, " %s", net->counties[d]);
            col += w;
        }
    }
    fputs(")\n", f);
}

int sn_cli_print_table(FILE *f, const sn_network *net, const sn_plan *plan,
                       const int *demand)
{
    sn_class_row *rows = calloc((size_t)net->ncounties + 1, sizeof *rows);
    if (!rows || sn_cli_class_rows(rows, net, plan, demand)) {
        free(rows);
        return SN_ENOMEM;
    }
    fprintf(f, "\nclasses by county, before -> after the plan (%d)\n",
            plan->year);
    fprintf(f, "%-14s %13s %11s %11s %13s %11s\n", "county", "classes",
            "over 66", "over cap", "over std", "largest");
    for (int c = 0; c <= net->ncounties; c++) {
        if (c == net->ncounties && net->ncounties < 2)
            break;
        const sn_class_row *r = &rows[c];
        put_name(f, c < net->ncounties ? net->counties[c] : "all");
        fprintf(f, " %6ld->%-6ld %4ld->%-6ld %4ld->%-6ld %5ld->%-6ld "
                   "%4d->%-4d\n", r->classes[0],
                r->classes[1], r->over66[0], r->over66[1], r->over_cap[0],
                r->over_cap[1], r->over_std[0], r->over_std[1],
                r->largest[0], r->largest[1]);
    }
    print_caps(f, net, plan->year);
    free(rows);
    return 0;
}

void sn_cli_print_levels(FILE *f, const sn_plan *plan, const sn_scenario *sc)
{
    for (int i = 0; i < SN_LEVELS; i++) { /* in the scenario's solve order */
        int k = sc->objective_order[i];
        double v = plan->objective[k], b = plan->bound[k];
        double gap = fabs(v - b) / fmax(fabs(v), 1.0);
        fprintf(f, "  %d %-14s %16.3f", i + 1, sn_plan_level_name(k), v);
        if (isfinite(b) && gap > 1e-9)
            fprintf(f, "   bound %16.3f  gap %6.2f%%", b, 100 * gap);
        else if (isfinite(b))
            fprintf(f, "   optimal");
        fprintf(f, "\n");
    }
}

int sn_cli_write_timing(const char *dir, const sn_cli_timing *t,
                        sn_error *err)
{
    sn_outdir *od = NULL;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *f = sn_outdir_file(od, "timing.json", err);
    if (!f) {
        sn_outdir_abort(od);
        return err->code;
    }
    static const char *const keys[] = {"seconds", "read", "allocation",
                                       "teachers", "write"};
    const double v[] = {t->total, t->read, t->allocation, t->teachers,
                        t->write};
    fputs("{", f);
    for (int i = 0; i < 5; i++) {
        fprintf(f, "%s\"%s\": ", i ? ", " : "", keys[i]);
        sn_put_num(f, v[i]);
    }
    fputs("}\n", f);
    return sn_outdir_commit(od, err);
}
