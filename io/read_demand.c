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
    bad |= sn_table_int(t, E_STUDENTS, 0, 0, 1000000, &x.value);
    if (sn_table_int(t, E_MIGRANT, 0, 0, 1000000, &x.migrants) == 0 &&
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
static int place_enrol(sn_read_ctx *c, const cells *cs)
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
    free(first);
    return 0;
}

int sn_read_enrollment(sn_read_ctx *c)
{
    cells cs;
    memset(&cs, 0, sizeof cs);
    int rc = read_cells(c, "enrollment.csv", enrol_cols, E_NCOLS, &cs,
                        collect_enrol);
    if (rc == 0)
        rc = place_enrol(c, &cs);
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
    bad |= sn_table_int(t, B_BIRTHS, 0, 0, 10000000, &x.value);
    return bad ? 0 : cells_push(cs, &x);
}

static int place_births(sn_read_ctx *c, const cells *cs)
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
    free(first);
    return 0;
}

int sn_read_births(sn_read_ctx *c)
{
    cells cs;
    memset(&cs, 0, sizeof cs);
    int rc = read_cells(c, "births.csv", birth_cols, B_NCOLS, &cs,
                        collect_births);
    if (rc == 0)
        rc = place_births(c, &cs);
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
