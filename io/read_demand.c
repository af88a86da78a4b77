/* read_demand.c - enrollment.csv, births.csv and distances.csv.
 *
 * Enrolment and births are long tables whose year range is only known at
 * the end, so rows are collected first, then placed into the network's
 * dense arrays; a cell given twice is reported at the later row.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_internal.h"

#define MAX_YEAR_SPAN 50
#define YEAR_LO 1949
#define YEAR_HI 2100
#define MAX_COUNT 10000000 /* pupils of one cell, births of one zone */

typedef struct cell {
    int year, zone, grade, value, migrants;
    long line, col;
} cell;

typedef struct cells {
    cell *v;
    size_t n, cap;
    int lo, hi;     /* year range seen */
    char path[4096];
} cells;

static int cells_push(cells *cs, const cell *x)
{
    if (cs->n == cs->cap) {
        size_t ncap = cs->cap ? 2 * cs->cap : 1024;
        cell *p = realloc(cs->v, ncap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        cs->v = p;
        cs->cap = ncap;
    }
    if (!cs->n || x->year < cs->lo)
        cs->lo = x->year;
    if (!cs->n || x->year > cs->hi)
        cs->hi = x->year;
    cs->v[cs->n++] = *x;
    return 0;
}

/* Year, zone: the two key fields every demand file shares. */
static int year_zone(sn_read_ctx *c, sn_table *t, int ycol, int zcol,
                     cell *x)
{
    int bad = sn_table_int(t, ycol, 0, YEAR_LO, YEAR_HI, &x->year) != 0;
    const char *zid;
    x->zone = -1;
    if (sn_table_str(t, zcol, &zid) == 0) {
        x->zone = sn_network_find_zone(c->net, zid);
        if (x->zone < 0)
            sn_table_fail(t, zcol, "unknown zone: not in zones.csv");
    }
    sn_table_pos(t, ycol, &x->line, &x->col);
    return bad || x->zone < 0 ? -1 : 0;
}

static int span_ok(sn_read_ctx *c, const cells *cs, const char *what)
{
    if (!cs->n || cs->hi - cs->lo < MAX_YEAR_SPAN)
        return 1;
    sn_diag_error(c->diag, cs->path, 0, 0,
                  "%s years span %d to %d: at most %d years are supported",
                  what, cs->lo, cs->hi, MAX_YEAR_SPAN);
    return 0;
}

/* ---- enrollment.csv --------------------------------------------------- */

enum { E_YEAR, E_ZONE, E_GRADE, E_STUDENTS, E_MIGRANT, E_NCOLS };
static const sn_table_col enrol_cols[E_NCOLS] = {
    {"year", 1}, {"zone", 1}, {"grade", 1}, {"students", 1}, {"migrant", 0},
};

static int collect_enrol(sn_read_ctx *c, sn_table *t, cells *cs)
{
    cell x;
    memset(&x, 0, sizeof x);
    int bad = year_zone(c, t, E_YEAR, E_ZONE, &x);
    bad |= sn_table_int(t, E_GRADE, 0, 1, SN_GRADES, &x.grade);
    bad |= sn_table_int(t, E_STUDENTS, 0, 0, MAX_COUNT, &x.value);
    if (sn_table_int(t, E_MIGRANT, 0, 0, MAX_COUNT, &x.migrants) == 0 &&
        !bad && x.migrants > x.value) {
        sn_table_fail(t, E_MIGRANT, "migrant must not exceed students (%d)",
                      x.value);
        bad = 1;
    }
    if (bad)
        return 0;
    return cells_push(cs, &x);
}

static int read_cells(sn_read_ctx *c, const char *name,
                      const sn_table_col *cols, size_t ncols, cells *cs,
                      int (*fn)(sn_read_ctx *, sn_table *, cells *))
{
    sn_table *t;
    int rc = sn_read_open(c, &t, name, cols, ncols);
    if (rc)
        return rc;
    snprintf(cs->path, sizeof cs->path, "%s", sn_table_path(t));
    while ((rc = sn_table_next(t, c->err)) == 1)
        if ((rc = fn(c, t, cs)) < 0)
            break;
    sn_table_free(t);
    if (rc == SN_ENOMEM)
        sn_error_set(c->err, rc, "out of memory");
    return rc < 0 ? rc : 0;
}

/* Places the cells; first[k] keeps the line that set cell k (0: unset). */
static int place_enrol(sn_read_ctx *c, const cells *cs, long *first)
{
    sn_network *net = c->net;
    for (size_t i = 0; i < cs->n; i++) {
        const cell *x = &cs->v[i];
        size_t k = ((size_t)(x->year - cs->lo) * (size_t)net->nzones +
                    (size_t)x->zone) * (SN_GRADES + 1) + (size_t)x->grade;
        if (first[k]) {
            sn_diag_error(c->diag, cs->path, x->line, x->col,
                          "duplicate row for year %d, zone '%s', grade %d "
                          "(first on line %ld)", x->year,
                          net->zones[x->zone].id, x->grade, first[k]);
            continue;
        }
        first[k] = x->line;
        net->students[k] = x->value;
        net->migrants[k] = x->migrants;
    }
    return 0;
}

/* ---- missing years and cells ------------------------------------------ */

#define MAX_IMPUTED_LISTED 100

typedef struct gaps {
    sn_read_ctx *c;
    const cells *cs;
    const long *first;  /* line of each cell, 0 when missing */
    long *year_line;    /* first line of each year of the file, 0: none */
    size_t imputed;     /* cells imputed (interpolate mode) */
} gaps;

static size_t cell_at(const gaps *gp, int year, int z, int g)
{
    return ((size_t)(year - gp->cs->lo) * (size_t)gp->c->net->nzones +
            (size_t)z) * (SN_GRADES + 1) + (size_t)g;
}

/* Line of some row of (year, z), or 0. */
static long row_line(const gaps *gp, int year, int z)
{
    for (int g = 1; g <= SN_GRADES; g++)
        if (gp->first[cell_at(gp, year, z, g)])
            return gp->first[cell_at(gp, year, z, g)];
    return 0;
}

/* "2, 4-6" from the missing grades of (year, z). */
static void missing_grades(const gaps *gp, int year, int z, char *buf,
                           size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int g = 1; g <= SN_GRADES && o + 8 < n; g++) {
        if (gp->first[cell_at(gp, year, z, g)])
            continue;
        int h = g;
        while (h < SN_GRADES && !gp->first[cell_at(gp, year, z, h + 1)])
            h++;
        o += (size_t)snprintf(buf + o, n - o, h > g ? "%s%d-%d" : "%s%d",
                              o ? ", " : "", g, h);
        g = h;
    }
}

/* Imputes cell (year, z, g) by linear interpolation between the zone's
 * nearest recorded years of the same grade (the nearest one alone at the
 * ends) and warns (the first MAX_IMPUTED_LISTED cells by name). */
static void impute(gaps *gp, int year, int z, int g)
{
    sn_network *net = gp->c->net;
    int y0 = year - 1, y1 = year + 1;
    while (y0 >= gp->cs->lo && !gp->first[cell_at(gp, y0, z, g)])
        y0--;
    while (y1 <= gp->cs->hi && !gp->first[cell_at(gp, y1, z, g)])
        y1++;
    int has0 = y0 >= gp->cs->lo, has1 = y1 <= gp->cs->hi;
    double s, m;
    size_t k = cell_at(gp, year, z, g);
    if (has0 && has1) {
        double w = (double)(year - y0) / (double)(y1 - y0);
        size_t k0 = cell_at(gp, y0, z, g), k1 = cell_at(gp, y1, z, g);
        s = (1 - w) * net->students[k0] + w * net->students[k1];
        m = (1 - w) * net->migrants[k0] + w * net->migrants[k1];
    } else if (has0 || has1) {
        size_t kn = cell_at(gp, has0 ? y0 : y1, z, g);
        s = net->students[kn];
        m = net->migrants[kn];
    } else {
        s = m = 0;
    }
    net->students[k] = (int)floor(s + 0.5);
    net->migrants[k] = (int)floor(m + 0.5);
    if (net->migrants[k] > net->students[k])
        net->migrants[k] = net->students[k];
    if (gp->imputed++ < MAX_IMPUTED_LISTED) {
        char how[64];
        if (has0 && has1)
            snprintf(how, sizeof how, "linear between %d and %d", y0, y1);
        else if (has0 || has1)
            snprintf(how, sizeof how, "carried from %d", has0 ? y0 : y1);
        else
            snprintf(how, sizeof how, "no recorded year of this grade");
        sn_diag_warning(gp->c->diag, gp->cs->path, 0, 0,
                        "imputed year %d, zone '%s', grade %d: %d pupils, "
                        "%d migrant (%s; [projection] missing = "
                        "interpolate)", year, net->zones[z].id, g,
                        net->students[k], net->migrants[k], how);
    }
}

/* Checks one zone: its rows must run without a gap from its first year to
 * the file's last year, with all nine grades each year.  Years before the
 * zone's first row are years when it did not exist (a short history). */
static void check_zone(gaps *gp, int z)
{
    sn_network *net = gp->c->net;
    const cells *cs = gp->cs;
    int interp = net->sc.missing == SN_MISSING_INTERPOLATE;
    int fy = cs->lo;
    while (fy <= cs->hi && !row_line(gp, fy, z))
        fy++;
    net->zone_first[z] = fy;
    for (int y = fy; y <= cs->hi; y++) {
        long line = row_line(gp, y, z);
        if (!gp->year_line[y - cs->lo])
            continue; /* the whole year is missing: reported once */
        int complete = 1;
        for (int g = 1; g <= SN_GRADES; g++)
            complete &= gp->first[cell_at(gp, y, z, g)] != 0;
        if (complete)
            continue;
        if (interp) {
            for (int g = 1; g <= SN_GRADES; g++)
                if (!gp->first[cell_at(gp, y, z, g)])
                    impute(gp, y, z, g);
            continue;
        }
        if (line) {
            char gr[64];
            missing_grades(gp, y, z, gr, sizeof gr);
            sn_diag_error(gp->c->diag, cs->path, line, 1,
                          "zone '%s', year %d: no row for grade %s (a missing"
                          " cell is not 0 pupils: add the row, or set "
                          "[projection] missing = interpolate)",
                          net->zones[z].id, y, gr);
        } else {
            int ny = y + 1;
            while (ny <= cs->hi && !row_line(gp, ny, z))
                ny++;
            long at = ny <= cs->hi ? row_line(gp, ny, z) : 0;
            sn_diag_error(gp->c->diag, cs->path, at, at ? 1 : 0,
                          "zone '%s': no rows for year %d (its rows start "
                          "in %d and the file runs to %d; add the rows, or "
                          "set [projection] missing = interpolate)",
                          net->zones[z].id, y, fy, cs->hi);
        }
    }
}

static int check_missing(sn_read_ctx *c, const cells *cs, const long *first)
{
    sn_network *net = c->net;
    int interp = net->sc.missing == SN_MISSING_INTERPOLATE;
    gaps gp = {c, cs, first, NULL, 0};
    gp.year_line = calloc((size_t)(cs->hi - cs->lo + 1), sizeof(long));
    if (!gp.year_line)
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    for (size_t i = 0; i < cs->n; i++) {
        long *yl = &gp.year_line[cs->v[i].year - cs->lo];
        if (!*yl || cs->v[i].line < *yl)
            *yl = cs->v[i].line;
    }
    for (int y = cs->lo; y <= cs->hi; y++) {
        if (gp.year_line[y - cs->lo])
            continue;
        int ny = y + 1;
        while (!gp.year_line[ny - cs->lo])
            ny++;
        if (interp) {
            for (int z = 0; z < net->nzones; z++) {
                int before = 0; /* a zone not yet in existence stays so */
                for (int yb = cs->lo; yb < y && !before; yb++)
                    before = row_line(&gp, yb, z) != 0;
                for (int g = 1; g <= SN_GRADES && before; g++)
                    impute(&gp, y, z, g);
            }
        } else {
            sn_diag_error(c->diag, cs->path, gp.year_line[ny - cs->lo], 1,
                          "no rows for year %d: the years run %d-%d and a "
                          "missing year is not 0 pupils (add the year, or "
                          "set [projection] missing = interpolate)", y,
                          cs->lo, cs->hi);
        }
    }
    size_t absent = 0;
    for (int z = 0; z < net->nzones; z++) {
        check_zone(&gp, z);
        absent += net->zone_first[z] > cs->hi;
    }
    if (gp.imputed > MAX_IMPUTED_LISTED)
        sn_diag_warning(c->diag, cs->path, 0, 0, "... and %zu more imputed "
                        "cells", gp.imputed - MAX_IMPUTED_LISTED);
    if (absent)
        sn_diag_warning(c->diag, cs->path, 0, 0, "%zu zones have no "
                        "enrolment rows: they are projected as 0 pupils "
                        "(plus pupils from new housing)", absent);
    free(gp.year_line);
    return 0;
}

static int enrol_into_network(sn_read_ctx *c, const cells *cs,
                              size_t errors_before)
{
    sn_network *net = c->net;
    if (!cs->n || !span_ok(c, cs, "enrolment"))
        return 0;
    if (sn_network_alloc_years(net, cs->lo, cs->hi))
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    size_t cellsz = (size_t)(cs->hi - cs->lo + 1) * (size_t)net->nzones *
                    (SN_GRADES + 1);
    long *first = calloc(cellsz ? cellsz : 1, sizeof *first);
    if (!first)
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    int rc = place_enrol(c, cs, first);
    if (!rc && c->diag->errors == errors_before)
        rc = check_missing(c, cs, first); /* a rejected row is no gap */
    free(first);
    return rc;
}

int sn_read_enrollment(sn_read_ctx *c)
{
    cells cs;
    memset(&cs, 0, sizeof cs);
    size_t before = c->diag->errors;
    int rc = read_cells(c, "enrollment.csv", enrol_cols, E_NCOLS, &cs,
                        collect_enrol);
    if (rc == 0)
        rc = enrol_into_network(c, &cs, before);
    free(cs.v);
    return rc;
}

/* ---- births.csv ------------------------------------------------------- */

enum { B_YEAR, B_ZONE, B_BIRTHS, B_NCOLS };
static const sn_table_col birth_cols[B_NCOLS] = {
    {"year", 1}, {"zone", 1}, {"births", 1},
};

static int collect_births(sn_read_ctx *c, sn_table *t, cells *cs)
{
    cell x;
    memset(&x, 0, sizeof x);
    int bad = year_zone(c, t, B_YEAR, B_ZONE, &x);
    bad |= sn_table_int(t, B_BIRTHS, 0, 0, MAX_COUNT, &x.value);
    return bad ? 0 : cells_push(cs, &x);
}

/* Births of a zone that appears in births.csv must cover the file's
 * years without a gap (a missing year is not 0 births); zones absent from
 * the file have no births (grade 1 then follows the damped trend).  With
 * [projection] missing = interpolate a gap is filled linearly. */
static void check_birth_gaps(sn_read_ctx *c, const cells *cs,
                             const long *first)
{
    sn_network *net = c->net;
    size_t nz = (size_t)net->nzones, listed = 0;
    for (int z = 0; z < net->nzones; z++) {
        long any = 0;
        for (int y = cs->lo; y <= cs->hi && !any; y++)
            any = first[(size_t)(y - cs->lo) * nz + (size_t)z];
        if (!any)
            continue;
        for (int y = cs->lo; y <= cs->hi; y++) {
            size_t k = (size_t)(y - cs->lo) * nz + (size_t)z;
            if (first[k])
                continue;
            if (net->sc.missing != SN_MISSING_INTERPOLATE) {
                sn_diag_error(c->diag, cs->path, any, 1, "zone '%s': no "
                              "births row for %d (the years run %d-%d; a "
                              "missing year is not 0 births: add it, or set "
                              "[projection] missing = interpolate)",
                              net->zones[z].id, y, cs->lo, cs->hi);
                continue;
            }
            int y0 = y - 1, y1 = y + 1;
            while (y0 >= cs->lo && !first[(size_t)(y0 - cs->lo) * nz + (size_t)z])
                y0--;
            while (y1 <= cs->hi && !first[(size_t)(y1 - cs->lo) * nz + (size_t)z])
                y1++;
            double v;
            if (y0 >= cs->lo && y1 <= cs->hi) {
                double w = (double)(y - y0) / (double)(y1 - y0);
                v = (1 - w) * net->births[(size_t)(y0 - cs->lo) * nz + (size_t)z] +
                    w * net->births[(size_t)(y1 - cs->lo) * nz + (size_t)z];
            } else {
                int yn = y0 >= cs->lo ? y0 : y1;
                v = net->births[(size_t)(yn - cs->lo) * nz + (size_t)z];
            }
            net->births[k] = (int)floor(v + 0.5);
            if (listed++ < MAX_IMPUTED_LISTED)
                sn_diag_warning(c->diag, cs->path, 0, 0, "imputed births of "
                                "%d, zone '%s': %d ([projection] missing = "
                                "interpolate)", y, net->zones[z].id,
                                net->births[k]);
        }
    }
    if (listed > MAX_IMPUTED_LISTED)
        sn_diag_warning(c->diag, cs->path, 0, 0, "... and %zu more imputed "
                        "births", listed - MAX_IMPUTED_LISTED);
}

/* A births series that stops before grade 1 of the enrolment's last year
 * + 1 (or of the plan year) needs it: from births_hi + 7 on grade 1 has no
 * births and follows the damped trend.  Warns with that year. */
static void warn_births_end(sn_read_ctx *c, const cells *cs)
{
    const sn_network *net = c->net;
    if (net->year_lo > net->year_hi)
        return;
    int change = cs->hi + 7; /* first grade-1 year without births */
    int need = net->year_hi + 1;
    if (net->sc.year > need)
        need = net->sc.year;
    if (change > need)
        return;
    sn_diag_warning(c->diag, cs->path, 0, 0, "births end in %d: grade 1 is "
                    "projected from births up to %d and by the damped trend "
                    "of grade 1 from %d on (the enrolment runs to %d%s)",
                    cs->hi, change - 1, change, net->year_hi,
                    net->sc.year > net->year_hi ? ", the plan year is later"
                                                : "");
}

static int place_births(sn_read_ctx *c, const cells *cs,
                        size_t errors_before)
{
    sn_network *net = c->net;
    if (!cs->n || !span_ok(c, cs, "births"))
        return 0;
    if (sn_network_alloc_births(net, cs->lo, cs->hi))
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    size_t n = (size_t)(cs->hi - cs->lo + 1) * (size_t)net->nzones;
    long *first = calloc(n ? n : 1, sizeof *first);
    if (!first)
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    for (size_t i = 0; i < cs->n; i++) {
        const cell *x = &cs->v[i];
        size_t k = (size_t)(x->year - cs->lo) * (size_t)net->nzones +
                   (size_t)x->zone;
        if (first[k]) {
            sn_diag_error(c->diag, cs->path, x->line, x->col,
                          "duplicate row for year %d, zone '%s' (first on "
                          "line %ld)", x->year, net->zones[x->zone].id,
                          first[k]);
            continue;
        }
        first[k] = x->line;
        net->births[k] = x->value;
    }
    if (c->diag->errors == errors_before)
        check_birth_gaps(c, cs, first);
    warn_births_end(c, cs);
    free(first);
    return 0;
}

int sn_read_births(sn_read_ctx *c)
{
    cells cs;
    memset(&cs, 0, sizeof cs);
    size_t before = c->diag->errors;
    int rc = read_cells(c, "births.csv", birth_cols, B_NCOLS, &cs,
                        collect_births);
    if (rc == 0)
        rc = place_births(c, &cs, before);
    free(cs.v);
    return rc;
}

/* ---- housing.csv ------------------------------------------------------ */

enum { H_ZONE, H_YEAR, H_DWELLINGS, H_NCOLS };
static const sn_table_col housing_cols[H_NCOLS] = {
    {"zone", 1}, {"year", 1}, {"dwellings", 1},
};

static int collect_housing(sn_read_ctx *c, sn_table *t, cells *cs)
{
    cell x;
    memset(&x, 0, sizeof x);
    int bad = year_zone(c, t, H_YEAR, H_ZONE, &x);
    bad |= sn_table_int(t, H_DWELLINGS, 0, 0, MAX_COUNT, &x.value);
    return bad ? 0 : cells_push(cs, &x);
}

static int cmp_zone_year(const void *a, const void *b)
{
    const cell *x = a, *y = b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

int sn_read_housing(sn_read_ctx *c)
{
    cells cs;
    memset(&cs, 0, sizeof cs);
    int rc = read_cells(c, "housing.csv", housing_cols, H_NCOLS, &cs,
                        collect_housing);
    if (rc == 0 && cs.n)
        qsort(cs.v, cs.n, sizeof *cs.v, cmp_zone_year); /* stable output */
    for (size_t i = 0; rc == 0 && i < cs.n; i++) {
        const cell *x = &cs.v[i];
        if (i && x->zone == cs.v[i - 1].zone && x->year == cs.v[i - 1].year) {
            size_t j = i;
            while (j && cs.v[j - 1].zone == x->zone &&
                   cs.v[j - 1].year == x->year)
                j--;
            sn_diag_error(c->diag, cs.path, x->line, x->col, "duplicate row "
                          "for zone '%s', year %d (first on line %ld): give "
                          "the year's completions in one row",
                          c->net->zones[x->zone].id, x->year, cs.v[j].line);
            continue;
        }
        if (sn_network_add_housing(c->net, x->zone, x->year, x->value))
            rc = sn_error_set(c->err, SN_ENOMEM, "out of memory");
    }
    free(cs.v);
    return rc;
}

/* ---- distances.csv ---------------------------------------------------- */

enum { D_ZONE, D_SCHOOL, D_KM, D_NCOLS };
static const sn_table_col dist_cols[D_NCOLS] = {
    {"zone", 1}, {"school", 1}, {"km", 1},
};

typedef struct dist {
    int zone, school;
    double km;
    long line, col;
} dist;

typedef struct dists {
    dist *v;
    size_t n, cap;
    char path[4096];
} dists;

static int collect_dist(sn_read_ctx *c, sn_table *t, dists *ds)
{
    const sn_network *net = c->net;
    dist x;
    memset(&x, 0, sizeof x);
    const char *zid, *sid;
    x.zone = x.school = -1;
    if (sn_table_str(t, D_ZONE, &zid) == 0 &&
        (x.zone = sn_network_find_zone(net, zid)) < 0)
        sn_table_fail(t, D_ZONE, "unknown zone: not in zones.csv");
    if (sn_table_str(t, D_SCHOOL, &sid) == 0 &&
        (x.school = sn_network_find_school(net, sid)) < 0)
        sn_table_fail(t, D_SCHOOL, "unknown school: not in schools.csv");
    int bad = sn_table_double(t, D_KM, 0, 0, HUGE_VAL, &x.km) != 0;
    if (x.zone < 0 || x.school < 0 || bad)
        return 0;
    int zc = net->zones[x.zone].county, sc = net->schools[x.school].county;
    if (zc >= 0 && zc != sc) {
        sn_table_fail(t, D_SCHOOL, "zone '%s' is in county '%s', school "
                      "'%s' in county '%s': pupils stay in their county",
                      zid, net->counties[zc], sid, net->counties[sc]);
        return 0;
    }
    sn_table_pos(t, D_ZONE, &x.line, &x.col);
    if (ds->n == ds->cap) {
        size_t ncap = ds->cap ? 2 * ds->cap : 1024;
        dist *p = realloc(ds->v, ncap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        ds->v = p;
        ds->cap = ncap;
    }
    ds->v[ds->n++] = x;
    return 0;
}

/* First row of each (zone, school) pair: an open-addressing hash table
 * of row indexes, so duplicates are found in linear time whatever their
 * number (sorting found them too, but walked back over every earlier copy
 * of a pair: quadratic on a file of repeated rows). */
typedef struct pair_set {
    size_t *slot; /* row index + 1; 0 = empty */
    size_t mask;
} pair_set;

static size_t pair_hash(const dist *x)
{
    uint64_t h = (uint64_t)(unsigned)x->zone * 0x9E3779B97F4A7C15ULL ^
                 (uint64_t)(unsigned)x->school * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;
    return (size_t)(h * 0xBF58476D1CE4E5B9ULL >> 17);
}

/* Index of the earlier row with x's pair, or -1 after recording row i. */
static long pair_first(pair_set *ps, const dists *ds, size_t i)
{
    const dist *x = &ds->v[i];
    for (size_t k = pair_hash(x) & ps->mask;; k = (k + 1) & ps->mask) {
        if (!ps->slot[k]) {
            ps->slot[k] = i + 1;
            return -1;
        }
        const dist *y = &ds->v[ps->slot[k] - 1];
        if (y->zone == x->zone && y->school == x->school)
            return (long)(ps->slot[k] - 1);
    }
}

int sn_read_distances(sn_read_ctx *c)
{
    pair_set ps = {NULL, 0};
    size_t nslots = 16;
    dists ds;
    memset(&ds, 0, sizeof ds);
    sn_table *t;
    int rc = sn_read_open(c, &t, "distances.csv", dist_cols, D_NCOLS);
    if (rc)
        return rc;
    snprintf(ds.path, sizeof ds.path, "%s", sn_table_path(t));
    while ((rc = sn_table_next(t, c->err)) == 1)
        if ((rc = collect_dist(c, t, &ds)) < 0)
            break;
    sn_table_free(t);
    if (rc == SN_ENOMEM)
        sn_error_set(c->err, rc, "out of memory");
    if (rc < 0)
        goto done;
    rc = 0;
    while (nslots < 2 * ds.n)
        nslots *= 2;
    if (!(ps.slot = calloc(nslots, sizeof *ps.slot))) {
        rc = sn_error_set(c->err, SN_ENOMEM, "out of memory");
        goto done;
    }
    ps.mask = nslots - 1;
    for (size_t i = 0; i < ds.n && rc == 0; i++) { /* in file order */
        const dist *x = &ds.v[i];
        long first = pair_first(&ps, &ds, i);
        if (first >= 0) {
            sn_diag_error(c->diag, ds.path, x->line, x->col,
                          "duplicate distance for zone '%s' and school '%s' "
                          "(first on line %ld)", c->net->zones[x->zone].id,
                          c->net->schools[x->school].id, ds.v[first].line);
            continue;
        }
        if (sn_network_add_distance(c->net, x->zone, x->school, x->km))
            rc = sn_error_set(c->err, SN_ENOMEM, "out of memory");
    }
    free(ps.slot);
done:
    free(ds.v);
    return rc;
}
