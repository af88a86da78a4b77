/* read_scenario.c - the key table of scenario.ini and its checks.
 *
 * To add a key: add a row to `keys` (section, key, kind, field offset,
 * range or names).  A new section exists as soon as one of its keys does.
 * `[scenario] base` (inheritance), `[milestones] hard_cap.YEAR` and the
 * `[overrides]` section (read against the network by io/read_overrides)
 * are handled by hand below the table; docs/scenarios.md describes them.
 */
#include "io/read_scenario.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/ini.h"
#include "io/number.h"

#define MAX_BASE_DEPTH 8 /* files in one inheritance chain */

/* K_LIST: a text that may be empty (e.g. a ';'-separated list);
 * K_LATLON: "LAT,LON" in degrees into an sn_latlon */
typedef enum { K_STR, K_PATH, K_YEAR, K_INT, K_DOUBLE, K_BOOL, K_ENUM,
               K_LIST, K_LATLON } kind;

typedef struct key_spec {
    const char *section, *key;
    kind kind;
    size_t off;
    double lo, hi;
    const char *const *names;
} key_spec;

static const char *const divert_names[] = {"intake", "all", NULL};
static const char *const gpr_names[] = {"mean", "weighted", "median", NULL};
static const char *const lang_names[] = {"auto", "zh", "en", NULL};
static const char *const mode_names[] = {"lexicographic", "weighted", NULL};
static const char *const missing_names[] = {"error", "interpolate", NULL};

#define F(field) offsetof(sn_scenario, field)
static const key_spec keys[] = {
    {"scenario", "name", K_STR, F(name), 0, 0, NULL},
    {"scenario", "data", K_PATH, F(data_dir), 0, 0, NULL},
    {"scenario", "year", K_YEAR, F(year), 0, 0, NULL},
    {"scenario", "divert", K_ENUM, F(divert), 0, 0, divert_names},
    {"classes", "standard_primary", K_INT, F(standard_primary), 1, 200, NULL},
    {"classes", "standard_junior", K_INT, F(standard_junior), 1, 200, NULL},
    {"classes", "hard_cap", K_INT, F(hard_cap), 1, 200, NULL},
    {"classes", "look_ahead", K_BOOL, F(look_ahead), 0, 1, NULL},
    {"travel", "max_km_primary", K_DOUBLE, F(max_km_primary), 0, 1000, NULL},
    {"travel", "max_km_junior", K_DOUBLE, F(max_km_junior), 0, 1000, NULL},
    {"travel", "boarding_max_km", K_DOUBLE, F(boarding_max_km), 0, 1000, NULL},
    {"travel", "detour_factor", K_DOUBLE, F(detour_factor), 1, 10, NULL},
    {"travel", "transport_cost_per_student_km", K_DOUBLE,
     F(transport_cost_per_student_km), 0, 1e6, NULL},
    {"travel", "boarding_min_grade", K_INT, F(boarding_min_grade), 1, 10,
     NULL},
    {"travel", "bus_max_km", K_DOUBLE, F(bus_max_km), 0, 1000, NULL},
    {"consolidation", "allow_closures", K_BOOL, F(allow_closures), 0, 1, NULL},
    {"consolidation", "max_open_schools", K_INT, F(max_open_schools), 0, 1e6,
     NULL},
    {"consolidation", "capital_budget", K_DOUBLE, F(capital_budget), 0, 1e13,
     NULL},
    {"costs", "discount_rate", K_DOUBLE, F(discount_rate), 0, 1, NULL},
    {"costs", "capital_years", K_INT, F(capital_years), 1, 200, NULL},
    {"costs", "boarding_cost_primary", K_DOUBLE, F(boarding_cost_primary), 0,
     1e6, NULL},
    {"costs", "boarding_cost_junior", K_DOUBLE, F(boarding_cost_junior), 0,
     1e6, NULL},
    {"objective", "mode", K_ENUM, F(objective_mode), 0, 0, mode_names},
    {"teachers", "ratio_primary", K_DOUBLE, F(ratio_primary), 1, 1000, NULL},
    {"teachers", "ratio_junior", K_DOUBLE, F(ratio_junior), 1, 1000, NULL},
    {"teachers", "max_itinerant_km", K_DOUBLE, F(max_itinerant_km), 0, 1000,
     NULL},
    {"teachers", "max_schools_per_teacher", K_INT,
     F(max_schools_per_teacher), 1, 20, NULL},
    {"teachers", "rotation_rate", K_DOUBLE, F(rotation_rate), 0, 1, NULL},
    {"teachers", "rotation_excellent_share", K_DOUBLE,
     F(rotation_excellent_share), 0, 1, NULL},
    {"teachers", "rotation_min_years", K_INT, F(rotation_min_years), 0, 60,
     NULL},
    {"teachers", "standard_periods", K_INT, F(standard_periods), 1, 60, NULL},
    {"teachers", "class_ratio_primary", K_DOUBLE, F(class_ratio_primary), 0,
     10, NULL},
    {"teachers", "class_ratio_junior", K_DOUBLE, F(class_ratio_junior), 0, 10,
     NULL},
    {"teachers", "small_school_pupils", K_INT, F(small_school_pupils), 0,
     100000, NULL},
    {"teachers", "periods_per_visit", K_INT, F(periods_per_visit), 1, 60,
     NULL},
    {"teachers", "max_periods_per_day", K_INT, F(max_periods_per_day), 1, 20,
     NULL},
    {"funding", "funds_primary", K_DOUBLE, F(funds_primary), 0, 1e6, NULL},
    {"funding", "funds_junior", K_DOUBLE, F(funds_junior), 0, 1e6, NULL},
    {"funding", "min_funded_pupils", K_INT, F(min_funded_pupils), 0, 100000,
     NULL},
    {"funding", "poverty_counties", K_LIST, F(poverty_counties), 0, 0, NULL},
    {"funding", "allowance_min", K_DOUBLE, F(allowance_min), 0, 1e5, NULL},
    {"funding", "allowance_max", K_DOUBLE, F(allowance_max), 0, 1e5, NULL},
    {"funding", "allowance_full_km", K_DOUBLE, F(allowance_full_km), 0.001,
     1000, NULL},
    {"projection", "gpr_years", K_INT, F(gpr_years), 1, 20, NULL},
    {"projection", "gpr_method", K_ENUM, F(gpr_method), 0, 0, gpr_names},
    {"projection", "shrink_students", K_DOUBLE, F(shrink_students), 0, 1e9,
     NULL},
    {"projection", "missing", K_ENUM, F(missing), 0, 0, missing_names},
    {"projection", "entry_damping", K_DOUBLE, F(entry_damping), 0, 1, NULL},
    {"projection", "yield_primary", K_DOUBLE, F(yield_primary), 0, 10, NULL},
    {"projection", "yield_junior", K_DOUBLE, F(yield_junior), 0, 10, NULL},
    {"solver", "time_limit", K_DOUBLE, F(time_limit), 0.001, 1e7, NULL},
    {"solver", "mip_gap", K_DOUBLE, F(mip_gap), 0, 1, NULL},
    {"solver", "boarding_options", K_INT, F(boarding_options), 0, 1000, NULL},
    {"solver", "work_limit", K_DOUBLE, F(work_limit), 0, 1e15, NULL},
    {"map", "origin", K_LATLON, F(map_origin), 0, 0, NULL},
    {"report", "lang", K_ENUM, F(report_lang), 0, 0, lang_names},
};
#undef F
#define NKEYS (sizeof keys / sizeof *keys)

/* Sections without rows in `keys`, handled by hand. */
static const char *const extra_sections[] = {"milestones", "overrides", NULL};
/* [objective] order and weight.LEVEL are handled by hand (set_objective);
 * `mode` is in the table, so the section exists. */

typedef struct state {
    sn_scenario *sc;
    sn_diag *diag;
    const char *dir;      /* folder of the ini, for `data` */
    int section_known;
    int is_top;           /* the file named on the command line */
    long seen[NKEYS];     /* line where each key was given, or 0 */
    long seen_col[NKEYS];
    long base_line;       /* line of `base`, or 0 */
    long ms_line[SN_MAX_MILESTONES]; /* line of each milestone of this file */
    char ms_key[SN_MAX_MILESTONES][SN_MILESTONE_COUNTY + 16];
    int nms;
    long order_line;      /* [objective] order */
    char wkey[SN_LEVELS][32];  /* weight.LEVEL keys given in this file */
    long wline[SN_LEVELS];
    int nw;
} state;

static int section_exists(const char *s)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].section, s))
            return 1;
    for (int i = 0; extra_sections[i]; i++)
        if (!strcmp(extra_sections[i], s))
            return 1;
    return 0;
}

static void known_sections(char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NKEYS && o + 1 < n; i++)
        if (i == 0 || strcmp(keys[i].section, keys[i - 1].section) != 0)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "",
                                  keys[i].section);
    for (int i = 0; extra_sections[i] && o + 1 < n; i++)
        o += (size_t)snprintf(buf + o, n - o, ", %s", extra_sections[i]);
}

static void bad_value(state *st, const sn_ini_item *it, const char *what);
static int objective_item(state *st, const sn_ini_item *it);

#define QUOTA_KEY "county_quota."
#define MAX_QUOTA 10000000

/* [teachers] county_quota.NAME = N (issue 11): a whole number; the county
 * name is checked against schools.csv later (io/read_staff.c).  A later
 * file of the chain replaces an earlier value. */
static int set_quota(state *st, const sn_ini_item *it)
{
    const char *name = it->key + strlen(QUOTA_KEY);
    sn_scenario *sc = st->sc;
    for (int i = 0; i < sc->ncounty_quota; i++)
        if (!strcmp(sc->county_quota[i].county, name) &&
            !strcmp(sc->county_quota[i].path, it->path)) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "duplicate key '%s' in section [teachers] (first "
                          "given on line %ld)", it->key,
                          sc->county_quota[i].line);
            return 0;
        }
    if (!name[0]) {
        sn_diag_error(st->diag, it->path, it->line, it->key_col,
                      "county_quota needs a county name: county_quota.NAME "
                      "(got '%s')", it->key);
        return 0;
    }
    char *end;
    errno = 0;
    long x = strtol(it->value, &end, 10);
    if (errno || end == it->value || *end || it->value[0] == '+' || x < 0 ||
        x > MAX_QUOTA) {
        char what[64];
        snprintf(what, sizeof what, "a whole number from 0 to %d", MAX_QUOTA);
        bad_value(st, it, what);
        return 0;
    }
    return sn_scenario_set_quota(sc, name, (int)x, it->path, it->line,
                                 it->key_col) < 0 ? SN_ENOMEM : 0;
}

/* [milestones] hard_cap.YEAR = CAP or hard_cap.YEAR.COUNTY = CAP, CAP a
 * whole number 1..200, `standard` or `none`: a later file of the chain
 * replaces the same (year, county), a file may not give one twice.  The
 * county is checked against the network by io/read_overrides. */
static int set_milestone(state *st, const sn_ini_item *it)
{
    long y = -1, cap = 0;
    const char *county = "";
    if (!strncmp(it->key, "hard_cap.", 9)) {
        /* hard_cap.YEAR or hard_cap.YEAR.COUNTY: digits, then a dot */
        char year[16];
        const char *dot = strchr(it->key + 9, '.');
        size_t n = dot ? (size_t)(dot - (it->key + 9)) : strlen(it->key + 9);
        if (n > 0 && n < sizeof year && (!dot || dot[1])) {
            memcpy(year, it->key + 9, n);
            year[n] = '\0';
            if (sn_parse_long(year, &y) != 0 || y < 1949 || y > 2100 ||
                year[0] == '-')
                y = -1;
            else if (dot)
                county = dot + 1;
        }
    }
    if (y < 0) {
        sn_diag_error(st->diag, it->path, it->line, it->key_col,
                      "unknown key '%s' in section [milestones] (expected "
                      "hard_cap.YEAR or hard_cap.YEAR.COUNTY, YEAR from 1949 "
                      "to 2100)", it->key);
        return 0;
    }
    if (strlen(county) >= SN_MILESTONE_COUNTY) {
        sn_diag_error(st->diag, it->path, it->line, it->key_col,
                      "[milestones] county name longer than %d bytes (got "
                      "'%s')", SN_MILESTONE_COUNTY - 1, it->key);
        return 0;
    }
    for (int i = 0; i < st->nms; i++)
        if (!strcmp(st->ms_key[i], it->key)) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "duplicate key '%s' in section [milestones] (first "
                          "given on line %ld)", it->key, st->ms_line[i]);
            return 0;
        }
    if (!strcmp(it->value, "standard")) {
        cap = SN_CAP_STANDARD;
    } else if (!strcmp(it->value, "none")) {
        cap = SN_CAP_NONE;
    } else if (sn_parse_long(it->value, &cap) != 0 || cap < 1 || cap > 200) {
        bad_value(st, it, "a whole number from 1 to 200, standard or none");
        return 0;
    }
    sn_scenario *sc = st->sc;
    int k = 0;
    while (k < sc->nmilestones &&
           (sc->milestones[k].year < y ||
            (sc->milestones[k].year == y &&
             strcmp(sc->milestones[k].county, county) < 0)))
        k++;
    if (k == sc->nmilestones || sc->milestones[k].year != y ||
        strcmp(sc->milestones[k].county, county) != 0) {
        if (sc->nmilestones == SN_MAX_MILESTONES) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "too many milestones (at most %d) (got '%s')",
                          SN_MAX_MILESTONES, it->key);
            return 0;
        }
        memmove(&sc->milestones[k + 1], &sc->milestones[k],
                (size_t)(sc->nmilestones - k) * sizeof *sc->milestones);
        sc->nmilestones++;
    }
    sn_milestone *m = &sc->milestones[k];
    memset(m, 0, sizeof *m);
    m->year = (int)y;
    m->cap = (int)cap;
    snprintf(m->county, sizeof m->county, "%s", county);
    if (st->nms < SN_MAX_MILESTONES) {
        snprintf(st->ms_key[st->nms], sizeof st->ms_key[0], "%s", it->key);
        st->ms_line[st->nms++] = it->line;
    }
    return 0;
}

/* [objective] order = a comma-separated permutation of the level names;
 * weight.LEVEL = a number from 0 to 1e12 (weighted mode). */
static int set_objective(state *st, const sn_ini_item *it)
{
    sn_scenario *sc = st->sc;
    if (!strncmp(it->key, "weight.", 7)) {
        int id = sn_level_find(it->key + 7);
        double w = 0;
        int bad = id >= 0 && sn_parse_double(it->value, &w) != 0;
        if (id < 0)
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "unknown key '%s' in section [objective] (known: "
                          "order, mode, weight.LEVEL with LEVEL one of "
                          "unplaced, over_hard_cap, over_standard, cost, "
                          "diverted, student_km)", it->key);
        else if (bad || !isfinite(w) || w < 0 || w > 1e12)
            bad_value(st, it, "a number from 0 to 1e+12");
        else {
            sc->objective_weight[id] = w;
            sc->weights_given = 1;
        }
        return 0;
    }
    /* order */
    int order[SN_LEVELS], n = 0, seen[SN_LEVELS] = {0}, ok = 1;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", it->value);
    for (char *tok = strtok(buf, ","); tok && ok; tok = strtok(NULL, ",")) {
        while (*tok == ' ' || *tok == '\t')
            tok++;
        size_t len = strlen(tok);
        while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t'))
            tok[--len] = '\0';
        int id = sn_level_find(tok);
        ok = id >= 0 && !seen[id] && n < SN_LEVELS;
        if (ok) {
            seen[id] = 1;
            order[n++] = id;
        }
    }
    if (!ok || n != SN_LEVELS) {
        bad_value(st, it, "each of unplaced, over_hard_cap, over_standard, "
                          "cost, diverted, student_km once, comma-separated");
        return 0;
    }
    memcpy(sc->objective_order, order, sizeof order);
    return 0;
}

static int set_string(char **dst, const char *dir, const char *v, int path)
{
    char *copy;
    if (path && v[0] != '/' && dir && strcmp(dir, ".") != 0) {
        size_t n = strlen(dir) + strlen(v) + 2;
        copy = malloc(n);
        if (copy)
            snprintf(copy, n, "%s/%s", dir, v);
    } else {
        copy = strdup(v);
    }
    if (!copy)
        return SN_ENOMEM;
    free(*dst);
    *dst = copy;
    return 0;
}

static void bad_value(state *st, const sn_ini_item *it, const char *what)
{
    sn_diag_error(st->diag, it->path, it->line, it->value_col,
                  "[%s] %s must be %s (got '%s')", it->section, it->key, what,
                  it->value);
}

static int set_value(state *st, const key_spec *k, const sn_ini_item *it)
{
    char *base = (char *)st->sc + k->off, what[256];
    const char *v = it->value;
    switch (k->kind) {
    case K_LIST:
        return set_string((char **)(void *)base, NULL, v, 0);
    case K_STR:
    case K_PATH:
        if (!v[0]) {
            bad_value(st, it, "a non-empty text");
            return 0;
        }
        return set_string((char **)(void *)base, st->dir, v, k->kind == K_PATH);
    case K_YEAR:
    case K_INT: {
        long x = 0;
        int ok = sn_parse_long(v, &x) == 0;
        if (k->kind == K_YEAR && (!ok || (x != 0 && (x < 1949 || x > 2100)))) {
            bad_value(st, it, "0 or from 1949 to 2100");
            return 0;
        }
        if (k->kind == K_INT && (!ok || x < k->lo || x > k->hi)) {
            snprintf(what, sizeof what, "a whole number from %.0f to %.0f",
                     k->lo, k->hi);
            bad_value(st, it, what);
            return 0;
        }
        *(int *)(void *)base = (int)x;
        return 0;
    }
    case K_DOUBLE: {
        double x = 0;
        if (sn_parse_double(v, &x) != 0 || x < k->lo || x > k->hi) {
            snprintf(what, sizeof what, "a number from %g to %g", k->lo,
                     k->hi);
            bad_value(st, it, what);
            return 0;
        }
        *(double *)(void *)base = x;
        return 0;
    }
    case K_BOOL:
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
            bad_value(st, it, "0 or 1");
            return 0;
        }
        *(int *)(void *)base = v[0] == '1';
        return 0;
    case K_LATLON: {
        sn_latlon *p = (sn_latlon *)(void *)base;
        double ll[2] = {NAN, NAN};
        const char *comma = strchr(v, ',');
        for (int i = 0; comma && i < 2; i++) {
            /* each part without the spaces around it */
            const char *a = i ? comma + 1 : v, *b = i ? v + strlen(v) : comma;
            while (a < b && *a == ' ')
                a++;
            while (b > a && b[-1] == ' ')
                b--;
            char part[64];
            if (b - a > 0 && b - a < (long)sizeof part) {
                snprintf(part, sizeof part, "%.*s", (int)(b - a), a);
                if (sn_parse_double(part, &ll[i]) != 0)
                    ll[i] = NAN;
            }
        }
        if (!(ll[0] >= -90 && ll[0] <= 90 && ll[1] >= -180 && ll[1] <= 180)) {
            bad_value(st, it, "LAT,LON in degrees (latitude -90 to 90, "
                              "longitude -180 to 180, e.g. 35.0,111.0)");
            return 0;
        }
        p->set = 1;
        p->lat = ll[0];
        p->lon = ll[1];
        return 0;
    }
    case K_ENUM: {
        size_t o = 0;
        for (int i = 0; k->names[i]; i++) {
            if (!strcmp(v, k->names[i])) {
                *(int *)(void *)base = i; /* the enums are int-sized */
                return 0;
            }
            o += (size_t)snprintf(what + o, sizeof what - o, "%s%s",
                                  i ? ", " : "one of ", k->names[i]);
        }
        bad_value(st, it, what);
        return 0;
    }
    }
    return 0;
}

static int on_item(void *user, const sn_ini_item *it)
{
    state *st = user;
    if (!it->key) {
        st->section_known = section_exists(it->section);
        if (!st->section_known) {
            char known[256];
            known_sections(known, sizeof known);
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "unknown section [%s] (known: %s)", it->section,
                          known);
        }
        return 0;
    }
    if (!st->section_known)
        return 0; /* reported once, at the section header */
    if (!strcmp(it->section, "overrides"))
        return 0; /* io/read_overrides, against the network */
    if (!strcmp(it->section, "milestones"))
        return set_milestone(st, it);
    if (!strcmp(it->section, "teachers") &&
        !strncmp(it->key, QUOTA_KEY, strlen(QUOTA_KEY)))
        return set_quota(st, it);
    if (!strcmp(it->section, "objective") &&
        (!strcmp(it->key, "order") || !strncmp(it->key, "weight.", 7)))
        return objective_item(st, it);
    if (!strcmp(it->section, "scenario") && !strcmp(it->key, "base")) {
        if (!it->value[0])
            sn_diag_error(st->diag, it->path, it->line, it->value_col,
                          "[scenario] base must be the path of another "
                          "scenario.ini (got '')");
        if (st->base_line)
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "duplicate key 'base' in section [scenario] (first "
                          "given on line %ld)", st->base_line);
        st->base_line = it->line;
        return 0; /* read before this file, by read_chain */
    }
    for (size_t i = 0; i < NKEYS; i++) {
        if (strcmp(keys[i].section, it->section) != 0 ||
            strcmp(keys[i].key, it->key) != 0)
            continue;
        if (st->seen[i]) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "duplicate key '%s' in section [%s] (first given "
                          "on line %ld)", it->key, it->section, st->seen[i]);
            return 0;
        }
        st->seen[i] = it->line;
        st->seen_col[i] = it->value_col;
        if (st->is_top && !strcmp(it->key, "hard_cap"))
            st->sc->hard_cap_line = it->line; /* the what-if's own key */
        return set_value(st, &keys[i], it);
    }
    sn_diag_error(st->diag, it->path, it->line, it->key_col,
                  "unknown key '%s' in section [%s]", it->key, it->section);
    return 0;
}

/* Duplicates of order / weight.LEVEL within one file, then set_objective. */
static int objective_item(state *st, const sn_ini_item *it)
{
    long *first = NULL;
    if (!strcmp(it->key, "order")) {
        first = st->order_line ? &st->order_line : NULL;
        if (!first)
            st->order_line = it->line;
    } else {
        for (int i = 0; i < st->nw; i++)
            if (!strcmp(st->wkey[i], it->key))
                first = &st->wline[i];
        if (!first && st->nw < SN_LEVELS &&
            strlen(it->key) < sizeof st->wkey[0]) {
            snprintf(st->wkey[st->nw], sizeof st->wkey[0], "%s", it->key);
            st->wline[st->nw++] = it->line;
        }
    }
    if (first) {
        sn_diag_error(st->diag, it->path, it->line, it->key_col,
                      "duplicate key '%s' in section [objective] (first "
                      "given on line %ld)", it->key, *first);
        return 0;
    }
    return set_objective(st, it);
}

static size_t key_index(const char *key)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].key, key))
            return i;
    return 0;
}

/* ---- inheritance ---------------------------------------------------------- */

typedef struct base_item {
    char *value;          /* owned */
    long line, col;
    int count;
} base_item;

static int find_base(void *user, const sn_ini_item *it)
{
    base_item *b = user;
    if (it->key && !strcmp(it->section, "scenario") &&
        !strcmp(it->key, "base") && b->count++ == 0) {
        b->value = strdup(it->value);
        b->line = it->line;
        b->col = it->value_col;
        if (!b->value)
            return SN_ENOMEM;
    }
    return 0;
}

int sn_scenario_base_path(char **out, const char *ini, const char *base)
{
    *out = NULL;
    if (base[0] == '/') {
        *out = strdup(base);
    } else {
        const char *slash = strrchr(ini, '/');
        size_t dn = slash ? (size_t)(slash - ini) + 1 : 0;
        size_t n = dn + strlen(base) + 1;
        if ((*out = malloc(n)) != NULL)
            snprintf(*out, n, "%.*s%s", (int)dn, ini, base);
    }
    return *out ? 0 : SN_ENOMEM;
}

int sn_scenario_find_base(char **out, long *line, long *col,
                          const char *path, sn_error *err)
{
    base_item b = {NULL, 0, 0, 0};
    sn_diag quiet = SN_DIAG_INIT; /* syntax errors come in the real pass */
    int rc = sn_ini_parse(path, find_base, &b, &quiet, err);
    sn_diag_dispose(&quiet);
    *out = b.value;
    *line = b.line;
    *col = b.col;
    if (rc == SN_ENOMEM)
        return sn_error_set(err, rc, "out of memory");
    return rc == SN_EINPUT ? 0 : rc;
}

/* The folder of path, owned ("." when it has none). */
static char *dir_of(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return NULL;
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    return dir;
}

/* Reads path into sc after its base (if any); chain[0..depth-1] are the
 * real paths of the files that inherit from it.  *data_set tells whether a
 * file of the chain gave `data`. */
static int read_chain(sn_scenario *sc, const char *path, sn_diag *diag,
                      sn_error *err, char **chain, int depth, int *data_set,
                      state *top)
{
    char *base = NULL, *bpath = NULL, *dir = NULL;
    long bline = 0, bcol = 0;
    int base_read = 0;
    int rc = sn_scenario_find_base(&base, &bline, &bcol, path, err);
    if (rc)
        return rc;
    chain[depth] = realpath(path, NULL);
    if (base && base[0] && chain[depth]) { /* an empty base is reported */
        if ((rc = sn_scenario_base_path(&bpath, path, base)) != 0) {
            rc = sn_error_set(err, rc, "out of memory");
            goto done;
        }
        char *real = realpath(bpath, NULL);
        int cycle = -1;
        for (int i = 0; real && i <= depth; i++)
            if (!strcmp(chain[i], real))
                cycle = i;
        struct stat bst;
        int btype = !real ? 0 : stat(real, &bst) != 0 ? 1
                           : S_ISREG(bst.st_mode) ? 3
                           : S_ISDIR(bst.st_mode) ? 2 : 1;
        if (!real) {
            sn_diag_error(diag, path, bline, bcol, "[scenario] base: cannot "
                          "open %s (%s) (got '%s')", bpath, strerror(errno),
                          base);
        } else if (btype != 3) {
            sn_diag_error(diag, path, bline, bcol, "[scenario] base: %s is "
                          "not a regular file%s (got '%s')", bpath,
                          btype == 2 ? " (a folder)" : "", base);
        } else if (cycle >= 0) {
            char msg[2048];
            size_t o = 0;
            for (int i = cycle; i <= depth && o + 1 < sizeof msg; i++)
                o += (size_t)snprintf(msg + o, sizeof msg - o, "%s -> ",
                                      chain[i]);
            sn_diag_error(diag, path, bline, bcol, "[scenario] base: the "
                          "scenarios inherit in a cycle: %s%s (got '%s')", msg,
                          real, base);
        } else if (depth + 1 >= MAX_BASE_DEPTH) {
            sn_diag_error(diag, path, bline, bcol, "[scenario] base: more than "
                          "%d files inherit from each other (got '%s')",
                          MAX_BASE_DEPTH, base);
        } else {
            rc = read_chain(sc, bpath, diag, err, chain, depth + 1, data_set,
                            NULL);
            base_read = 1;
            free(chain[depth + 1]);
            chain[depth + 1] = NULL;
        }
        free(real);
        if (rc && rc != SN_EINPUT)
            goto done;
    }
    state st;
    memset(&st, 0, sizeof st);
    st.sc = sc;
    st.is_top = top != NULL;
    st.diag = diag;
    if (!(dir = dir_of(path))) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    st.dir = dir;
    rc = sn_ini_parse(path, on_item, &st, diag, err);
    if (rc == 0 && st.seen[key_index("data")])
        *data_set = 1;
    else if (rc == 0 && !*data_set && !base_read) /* the ini's own folder */
        rc = set_string(&sc->data_dir, NULL, dir, 0);
    if (rc == SN_ENOMEM)
        rc = sn_error_set(err, rc, "out of memory");
    if (top)
        *top = st;
done:
    free(base);
    free(bpath);
    free(dir);
    return rc;
}

int sn_scenario_read(sn_scenario *sc, const char *path, sn_diag *diag,
                     sn_error *err)
{
    size_t before = diag->errors;
    char *chain[MAX_BASE_DEPTH + 1] = {NULL};
    int data_set = 0;
    state st;
    memset(&st, 0, sizeof st);
    int rc = read_chain(sc, path, diag, err, chain, 0, &data_set, &st);
    free(chain[0]);
    if (rc)
        return rc;
    size_t cap = key_index("hard_cap");
    int lo = sc->standard_primary > sc->standard_junior ? sc->standard_primary
                                                        : sc->standard_junior;
    if (sc->hard_cap < lo) {
        if (st.seen[cap])
            sn_diag_error(diag, path, st.seen[cap], st.seen_col[cap],
                          "[classes] hard_cap must be at least the standard "
                          "class sizes %d and %d (got '%d')",
                          sc->standard_primary, sc->standard_junior,
                          sc->hard_cap);
        else
            sn_diag_error(diag, path, 0, 0,
                          "[classes] hard_cap (default %d) must be at least "
                          "the standard class sizes %d and %d",
                          sc->hard_cap, sc->standard_primary,
                          sc->standard_junior);
    }
    for (int i = 0; i < sc->nmilestones; i++) {
        const sn_milestone *m = &sc->milestones[i];
        if (m->cap > 0 && m->cap < lo)
            sn_diag_error(diag, path, 0, 0, "[milestones] hard_cap.%d%s%s "
                          "must be at least the standard class sizes %d and "
                          "%d (got '%d')", m->year, m->county[0] ? "." : "",
                          m->county, sc->standard_primary,
                          sc->standard_junior, m->cap);
    }
    return diag->errors > before ? SN_EINPUT : 0;
}
