/* read_network.c - schools, zones and the scenario; the orchestration of
 * all files.  Demand files (enrolment, births, distances) are in
 * read_demand.c, staff files (curriculum, teachers) in read_staff.c.
 *
 * A school or zone whose id and county are valid is added even when other
 * fields of its row are bad, so later files that refer to it do not repeat
 * the error; the network is discarded anyway when diag has errors.
 */
#include "io/read_network.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/file.h"
#include "io/read_internal.h"
#include "io/read_overrides.h"
#include "io/read_scenario.h"

#define EARTH_KM 6371.0

/* ---- shared helpers ------------------------------------------------------ */

int sn_read_lines_push(sn_read_lines *v, long line)
{
    if (v->n == v->cap) {
        size_t ncap = v->cap ? 2 * v->cap : 64;
        long *p = realloc(v->line, ncap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        v->line = p;
        v->cap = ncap;
    }
    v->line[v->n++] = line;
    return 0;
}

const char *sn_read_path(sn_read_ctx *c, const char *name)
{
    if (!strcmp(c->dir, "."))
        snprintf(c->path, sizeof c->path, "%s", name);
    else
        snprintf(c->path, sizeof c->path, "%s/%s", c->dir, name);
    return c->path;
}

int sn_read_exists(sn_read_ctx *c, const char *name)
{
    return access(sn_read_path(c, name), F_OK) == 0;
}

int sn_read_open(sn_read_ctx *c, sn_table **t, const char *name,
                 const sn_table_col *cols, size_t ncols)
{
    return sn_table_open(t, sn_read_path(c, name), cols, ncols, c->diag,
                         c->err);
}

/* Reads both coordinate pairs of a row: xy (x_km, y_km) or geo (lat, lon).
 * cols holds the four column indexes in that order.  Sets *has and *a, *b
 * (x, y or lat, lon); counts the kinds in c to catch a mixed data set. */
static int read_coords(sn_read_ctx *c, sn_table *t, const int cols[4],
                       int *has, double *a, double *b)
{
    int e[4];
    for (int i = 0; i < 4; i++)
        e[i] = sn_table_empty(t, cols[i]);
    static const char *const names[4] = {"x_km", "y_km", "lat", "lon"};
    *has = 0;
    for (int i = 0; i < 4; i += 2) {
        if (e[i] != e[i + 1]) {
            int miss = e[i] ? i : i + 1;
            sn_table_fail(t, cols[miss], "%s must be given together with %s",
                          names[miss], names[miss ^ 1]);
            return -1;
        }
    }
    int xy = !e[0], geo = !e[2];
    if (xy && geo) {
        sn_table_fail(t, cols[2], "give x_km,y_km or lat,lon, not both");
        return -1;
    }
    if (xy) {
        if (sn_table_double(t, cols[0], 0, -1e6, 1e6, a) |
            sn_table_double(t, cols[1], 0, -1e6, 1e6, b))
            return -1;
    } else if (geo) {
        if (sn_table_double(t, cols[2], 0, -90, 90, a) |
            sn_table_double(t, cols[3], 0, -180, 180, b))
            return -1;
    } else {
        return 0;
    }
    *has = 1;
    int kind = geo;
    if (!c->coord_rows[kind]++) {
        c->coord_first[kind].line = sn_table_line(t);
        snprintf(c->coord_first[kind].file, sizeof c->coord_first[kind].file,
                 "%s", sn_table_path(t));
    }
    if (c->coord_rows[!kind] && c->coord_rows[kind] == 1)
        sn_table_fail(t, cols[2 * kind],
                      "this data set mixes lat,lon with x_km,y_km "
                      "coordinates (%s line %ld uses %s): use one kind",
                      c->coord_first[!kind].file, c->coord_first[!kind].line,
                      kind ? "x_km,y_km" : "lat,lon");
    return 0;
}

/* Converts every lat/lon (stored in x_km = lat, y_km = lon) to km with an
 * equirectangular projection about the mean point of the data set. */
static void project_geo(sn_network *net)
{
    double slat = 0, slon = 0;
    long n = 0;
    for (int i = 0; i < net->nschools; i++)
        if (net->schools[i].has_xy)
            slat += net->schools[i].x_km, slon += net->schools[i].y_km, n++;
    for (int i = 0; i < net->nzones; i++)
        if (net->zones[i].has_xy)
            slat += net->zones[i].x_km, slon += net->zones[i].y_km, n++;
    if (!n)
        return;
    double lat0 = slat / (double)n, lon0 = slon / (double)n;
    double k = EARTH_KM * M_PI / 180.0, coslat = cos(lat0 * M_PI / 180.0);
    net->geo = 1; /* kept so that maps can undo the projection */
    net->geo_lat0 = lat0;
    net->geo_lon0 = lon0;
    for (int i = 0; i < net->nschools; i++) {
        sn_school *s = &net->schools[i];
        if (!s->has_xy)
            continue;
        double lat = s->x_km, lon = s->y_km;
        s->x_km = (lon - lon0) * k * coslat;
        s->y_km = (lat - lat0) * k;
    }
    for (int i = 0; i < net->nzones; i++) {
        sn_zone *z = &net->zones[i];
        if (!z->has_xy)
            continue;
        double lat = z->x_km, lon = z->y_km;
        z->x_km = (lon - lon0) * k * coslat;
        z->y_km = (lat - lat0) * k;
    }
}

/* ---- schools.csv ----------------------------------------------------------- */

enum { S_ID, S_NAME, S_COUNTY, S_STAGE, S_GRADES, S_X, S_Y, S_LAT, S_LON,
       S_CLASSROOMS, S_SEATS, S_BEDS, S_STATUS, S_READY, S_BUILD, S_CLOSABLE,
       S_REMOTE, S_ANNUAL, S_MAXNEW, S_ROOMCOST, S_PRIVATE, S_SEATPRICE,
       S_URBAN, S_NCOLS };

static const sn_table_col school_cols[S_NCOLS] = {
    {"id", 1}, {"name", 0}, {"county", 1}, {"stage", 1}, {"grades", 0},
    {"x_km", 0}, {"y_km", 0}, {"lat", 0}, {"lon", 0}, {"classrooms", 0},
    {"seats", 0}, {"boarding_beds", 0}, {"status", 0}, {"ready_year", 0},
    {"build_cost", 0}, {"closable", 0}, {"remote", 0}, {"annual_cost", 0},
    {"max_new_classrooms", 0}, {"classroom_cost", 0}, {"private", 0},
    {"seat_price", 0}, {"urban", 0},
};

static const char *const stage_names[] = {"primary", "junior", "nine_year",
                                          NULL};
static const char *const status_names[] = {"open", "candidate", NULL};

static const int stage_lo[] = {1, 7, 1}, stage_hi[] = {6, 9, 9};

/* "a-b" or "a": grades inside the stage's range. */
static int read_grades(sn_table *t, sn_school *s)
{
    s->grade_lo = stage_lo[s->stage];
    s->grade_hi = stage_hi[s->stage];
    if (sn_table_empty(t, S_GRADES))
        return 0;
    const char *g = sn_table_text(t, S_GRADES);
    int lo = -1, hi = -1, n = 0;
    if ((sscanf(g, "%1d-%1d%n", &lo, &hi, &n) == 2 && !g[n]) ||
        (sscanf(g, "%1d%n", &lo, &n) == 1 && !g[n] && (hi = lo) >= 0)) {
        if (lo <= hi && lo >= s->grade_lo && hi <= s->grade_hi) {
            s->grade_lo = lo;
            s->grade_hi = hi;
            return 0;
        }
    }
    sn_table_fail(t, S_GRADES,
                  "grades must be like 1-4 and lie inside the %s grades "
                  "%d-%d", sn_stage_name(s->stage), s->grade_lo, s->grade_hi);
    return -1;
}

static void read_capacity(sn_table *t, sn_school *s)
{
    int has_c = !sn_table_empty(t, S_CLASSROOMS);
    int has_s = !sn_table_empty(t, S_SEATS);
    s->classrooms = s->seats = -1;
    if (has_c == has_s) {
        sn_table_fail(t, has_c ? S_SEATS : S_CLASSROOMS,
                      "give exactly one of classrooms (class mode) and seats "
                      "(seat mode)");
        return;
    }
    if (has_c)
        sn_table_int(t, S_CLASSROOMS, -1, 0, 10000, &s->classrooms);
    else
        sn_table_int(t, S_SEATS, -1, 0, 1000000, &s->seats);
}

static void read_school_flags(sn_read_ctx *c, sn_table *t, sn_school *s)
{
    int st = 0;
    sn_table_enum(t, S_STATUS, status_names, SN_OPEN, &st);
    s->status = (sn_status)st;
    if (s->status == SN_CANDIDATE && sn_table_empty(t, S_READY))
        sn_table_fail(t, S_READY, "a candidate school needs ready_year");
    else if (s->status == SN_OPEN && !sn_table_empty(t, S_READY))
        sn_table_warn(t, S_READY, "ready_year is ignored for open schools");
    else
        sn_table_int(t, S_READY, 0, 1949, 2100, &s->ready_year);
    sn_table_bool(t, S_REMOTE, 0, &s->remote);
    sn_table_bool(t, S_CLOSABLE, !s->remote, &s->closable);
    if (s->remote && s->closable) {
        sn_table_fail(t, S_CLOSABLE, "a remote school is never closable");
        s->closable = 0;
    }
    sn_table_int(t, S_BEDS, 0, 0, 1000000, &s->boarding_beds);
    sn_table_double(t, S_BUILD, 0, 0, HUGE_VAL, &s->build_cost);
    sn_table_double(t, S_ANNUAL, 0, 0, HUGE_VAL, &s->annual_cost);
    sn_table_int(t, S_MAXNEW, 0, 0, 10000, &s->max_new_classrooms);
    sn_table_double(t, S_ROOMCOST, 0, 0, HUGE_VAL, &s->classroom_cost);
    sn_table_bool(t, S_PRIVATE, 0, &s->is_private);
    sn_table_double(t, S_SEATPRICE, 0, 0, HUGE_VAL, &s->seat_price);
    sn_table_bool(t, S_URBAN, 0, &s->urban);
    (void)c;
}

static int school_row(sn_read_ctx *c, sn_table *t)
{
    sn_network *net = c->net;
    sn_school s;
    memset(&s, 0, sizeof s);
    const char *id, *county;
    int stage = 0, bad_id = sn_table_str(t, S_ID, &id) != 0;
    if (!bad_id && sn_network_find_school(net, id) >= 0) {
        sn_table_fail(t, S_ID, "duplicate school id (first on line %ld)",
                      c->school_lines.line[sn_network_find_school(net, id)]);
        bad_id = 1;
    }
    int bad_county = sn_table_str(t, S_COUNTY, &county) != 0;
    sn_table_str(t, S_NAME, (const char **)&s.name);
    if (sn_table_enum(t, S_STAGE, stage_names, SN_PRIMARY, &stage) == 0) {
        s.stage = (sn_stage)stage;
        read_grades(t, &s);
    } else {
        s.grade_lo = 1;
        s.grade_hi = 9;
    }
    static const int coord_cols[4] = {S_X, S_Y, S_LAT, S_LON};
    read_coords(c, t, coord_cols, &s.has_xy, &s.x_km, &s.y_km);
    read_capacity(t, &s);
    read_school_flags(c, t, &s);
    if (bad_id || bad_county)
        return 0;
    int k = sn_network_find_county(net, county);
    if (k < 0 && (k = sn_network_add_county(net, county)) < 0)
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    s.county = k;
    s.id = (char *)id;
    if (sn_network_add_school(net, &s) < 0 ||
        sn_read_lines_push(&c->school_lines, sn_table_line(t)))
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    return 0;
}

/* Reads a whole file row by row with fn.  Returns 0 (file read, row errors
 * in diag), SN_EINPUT (file unusable), or a fatal code. */
int sn_read_rows(sn_read_ctx *c, const char *name, const sn_table_col *cols,
                 size_t ncols, int (*fn)(sn_read_ctx *, sn_table *))
{
    sn_table *t;
    int rc = sn_read_open(c, &t, name, cols, ncols);
    if (rc)
        return rc;
    while ((rc = sn_table_next(t, c->err)) == 1)
        if ((rc = fn(c, t)) < 0)
            break;
    sn_table_free(t);
    return rc < 0 ? rc : 0;
}

/* ---- zones.csv ------------------------------------------------------------- */

enum { Z_ID, Z_NAME, Z_COUNTY, Z_X, Z_Y, Z_LAT, Z_LON, Z_PRIMARY, Z_JUNIOR,
       Z_NCOLS };

static const sn_table_col zone_cols[Z_NCOLS] = {
    {"id", 1}, {"name", 0}, {"county", 1}, {"x_km", 0}, {"y_km", 0},
    {"lat", 0}, {"lon", 0}, {"primary_school", 0}, {"junior_school", 0},
};

/* Designated school of a stage: exists, same county, teaches the stage. */
static int designated(sn_read_ctx *c, sn_table *t, int col, int county,
                      sn_stage stage)
{
    if (sn_table_empty(t, col))
        return -1;
    const sn_network *net = c->net;
    const char *id = sn_table_text(t, col);
    int s = sn_network_find_school(net, id);
    if (s < 0) {
        sn_table_fail(t, col, "unknown school: not in schools.csv");
        return -1;
    }
    const sn_school *sc = &net->schools[s];
    if (county >= 0 && sc->county != county) {
        sn_table_fail(t, col, "designated school is in county '%s', the "
                      "zone in county '%s'", net->counties[sc->county],
                      net->counties[county]);
        return -1;
    }
    int lo = stage == SN_PRIMARY ? 1 : 7, hi = stage == SN_PRIMARY ? 6 : 9;
    if (sc->grade_hi < lo || sc->grade_lo > hi) {
        sn_table_fail(t, col, "designated %s school teaches grades %d-%d, "
                      "none of %d-%d", sn_stage_name(stage), sc->grade_lo,
                      sc->grade_hi, lo, hi);
        return -1;
    }
    return s;
}

static int zone_row(sn_read_ctx *c, sn_table *t)
{
    sn_network *net = c->net;
    sn_zone z;
    memset(&z, 0, sizeof z);
    const char *id, *county;
    int bad_id = sn_table_str(t, Z_ID, &id) != 0;
    if (!bad_id && sn_network_find_zone(net, id) >= 0) {
        sn_table_fail(t, Z_ID, "duplicate zone id (first on line %ld)",
                      c->zone_lines.line[sn_network_find_zone(net, id)]);
        bad_id = 1;
    }
    sn_table_str(t, Z_NAME, (const char **)&z.name);
    z.county = -1;
    if (sn_table_str(t, Z_COUNTY, &county) == 0) {
        z.county = sn_network_find_county(net, county);
        if (z.county < 0)
            sn_table_fail(t, Z_COUNTY,
                          "unknown county: no school of schools.csv is in it");
    }
    static const int coord_cols[4] = {Z_X, Z_Y, Z_LAT, Z_LON};
    read_coords(c, t, coord_cols, &z.has_xy, &z.x_km, &z.y_km);
    z.primary_school = designated(c, t, Z_PRIMARY, z.county, SN_PRIMARY);
    z.junior_school = designated(c, t, Z_JUNIOR, z.county, SN_JUNIOR);
    if (bad_id) /* an unknown county is kept: files after need the id */
        return 0;
    z.id = (char *)id;
    if (sn_network_add_zone(net, &z) < 0 ||
        sn_read_lines_push(&c->zone_lines, sn_table_line(t)))
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    return 0;
}

/* ---- the scenario -------------------------------------------------------- */

/* Fills net->sc from an ini or a folder; sets c->dir (owned by caller). */
static int load_scenario(sn_network *net, const char *path, char **dir,
                         sn_diag *diag, sn_error *err)
{
    struct stat st;
    char why[128];
    if (sn_path_check(path, why, sizeof why) != 0) {
        sn_diag_error(diag, *path ? path : NULL, 0, 0, "scenario: %s", why);
        return SN_EINPUT;
    }
    if (stat(path, &st) != 0) {
        sn_diag_error(diag, path, 0, 0, "cannot open (%s)", strerror(errno));
        return SN_EINPUT;
    }
    int rc = 0;
    if (S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/')
            n--;
        const char *base = path + n;
        while (base > path && base[-1] != '/')
            base--;
        char *name = strndup(base, (size_t)(path + n - base));
        char *d = strndup(path, n);
        if (!name || !d) {
            free(name);
            free(d);
            return sn_error_set(err, SN_ENOMEM, "out of memory");
        }
        free(net->sc.name);
        free(net->sc.data_dir);
        net->sc.name = name;
        net->sc.data_dir = d;
    } else {
        rc = sn_scenario_read(&net->sc, path, diag, err);
        if (rc && rc != SN_EINPUT)
            return rc;
    }
    *dir = strdup(net->sc.data_dir);
    if (!*dir)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    /* every file name of the folder must fit after it (never cut a path) */
    if (strlen(*dir) + sizeof "/curriculum.csv" > SN_PATH_MAX + 1) {
        sn_diag_error(diag, path, 0, 0, "data folder: path longer than %zu "
                      "bytes (got '%.40s...')",
                      (size_t)SN_PATH_MAX + 1 - sizeof "/curriculum.csv", *dir);
        free(*dir);
        *dir = NULL;
        return SN_EINPUT;
    }
    return rc;
}

/* ---- orchestration ------------------------------------------------------- */

/* A required file read without errors but without a data row: nothing
 * could be planned from it, so validate says so as plan would. */
static void need_rows(sn_read_ctx *c, size_t errors_before, int rows,
                      const char *name, const char *what)
{
    if (rows == 0 && c->diag->errors == errors_before)
        sn_diag_error(c->diag, sn_read_path(c, name), 0, 0,
                      "no data rows: a plan needs at least one %s", what);
}

static int read_all(sn_read_ctx *c)
{
    size_t before = c->diag->errors;
    int rc = sn_read_rows(c, "schools.csv", school_cols, S_NCOLS, school_row);
    if (rc)
        return rc == SN_EINPUT ? 0 : rc; /* nothing else can be checked */
    need_rows(c, before, c->net->nschools, "schools.csv", "school");
    before = c->diag->errors;
    int zones_ok = (rc = sn_read_rows(c, "zones.csv", zone_cols, Z_NCOLS,
                                      zone_row)) == 0;
    if (rc && rc != SN_EINPUT)
        return rc;
    if (zones_ok)
        need_rows(c, before, c->net->nzones, "zones.csv", "zone");
    if (zones_ok) {
        before = c->diag->errors;
        if ((rc = sn_read_enrollment(c)) < 0 && rc != SN_EINPUT)
            return rc;
        if (rc == 0)
            need_rows(c, before, c->net->year_lo <= c->net->year_hi,
                      "enrollment.csv", "year of enrolment");
        if (sn_read_exists(c, "births.csv") &&
            (rc = sn_read_births(c)) < 0 && rc != SN_EINPUT)
            return rc;
        if (sn_read_exists(c, "housing.csv") &&
            (rc = sn_read_housing(c)) < 0 && rc != SN_EINPUT)
            return rc;
        if (sn_read_exists(c, "distances.csv") &&
            (rc = sn_read_distances(c)) < 0 && rc != SN_EINPUT)
            return rc;
    }
    if ((rc = sn_read_staff(c)) < 0 && rc != SN_EINPUT)
        return rc;
    if (c->coord_rows[1])
        project_geo(c->net);
    return 0;
}

int sn_network_read(sn_network **out, const char *scenario_path,
                    sn_diag *diag, sn_error *err)
{
    *out = NULL;
    size_t before = diag->errors;
    sn_network *net = NULL;
    char *dir = NULL;
    sn_read_ctx c;
    memset(&c, 0, sizeof c);
    int rc = sn_network_new(&net);
    if (rc) {
        sn_error_set(err, rc, "out of memory");
        goto done;
    }
    rc = load_scenario(net, scenario_path, &dir, diag, err);
    if (rc && (rc != SN_EINPUT || !dir))
        goto done;
    c.net = net;
    c.diag = diag;
    c.err = err;
    c.dir = dir;
    if ((rc = read_all(&c)) != 0)
        goto done;
    if (net->nschools > 0 &&
        (rc = sn_overrides_apply(net, scenario_path, diag, err)) != 0 &&
        rc != SN_EINPUT)
        goto done;
    if (diag->errors > before) {
        rc = SN_EINPUT;
        goto done;
    }
    if ((rc = sn_network_finish(net)) != 0) {
        sn_error_set(err, rc, "out of memory");
        goto done;
    }
    *out = net;
    net = NULL;
done:
    if (rc == 0 && diag->errors > before)
        rc = SN_EINPUT;
    if (diag->oom && rc == 0)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    free(c.school_lines.line);
    free(c.zone_lines.line);
    free(c.teacher_lines.line);
    free(dir);
    sn_network_free(net);
    if (rc && *out) {
        sn_network_free(*out);
        *out = NULL;
    }
    return rc;
}
