/* read_scenario.c - the key table of scenario.ini and its checks.
 *
 * To add a key: add a row to `keys` (section, key, kind, field offset,
 * range or names).  A new section exists as soon as one of its keys does.
 */
#include "io/read_scenario.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ini.h"

/* K_LIST: a text that may be empty (e.g. a ';'-separated list) */
typedef enum { K_STR, K_PATH, K_YEAR, K_INT, K_DOUBLE, K_BOOL, K_ENUM,
               K_LIST } kind;

typedef struct key_spec {
    const char *section, *key;
    kind kind;
    size_t off;
    double lo, hi;
    const char *const *names;
} key_spec;

static const char *const divert_names[] = {"intake", "all", NULL};
static const char *const gpr_names[] = {"mean", "weighted", "median", NULL};

#define F(field) offsetof(sn_scenario, field)
static const key_spec keys[] = {
    {"scenario", "name", K_STR, F(name), 0, 0, NULL},
    {"scenario", "data", K_PATH, F(data_dir), 0, 0, NULL},
    {"scenario", "year", K_YEAR, F(year), 0, 0, NULL},
    {"scenario", "divert", K_ENUM, F(divert), 0, 0, divert_names},
    {"classes", "standard_primary", K_INT, F(standard_primary), 1, 200, NULL},
    {"classes", "standard_junior", K_INT, F(standard_junior), 1, 200, NULL},
    {"classes", "hard_cap", K_INT, F(hard_cap), 1, 200, NULL},
    {"travel", "max_km_primary", K_DOUBLE, F(max_km_primary), 0, 1000, NULL},
    {"travel", "max_km_junior", K_DOUBLE, F(max_km_junior), 0, 1000, NULL},
    {"travel", "boarding_max_km", K_DOUBLE, F(boarding_max_km), 0, 1000, NULL},
    {"travel", "detour_factor", K_DOUBLE, F(detour_factor), 1, 10, NULL},
    {"travel", "transport_cost_per_student_km", K_DOUBLE,
     F(transport_cost_per_student_km), 0, 1e6, NULL},
    {"consolidation", "allow_closures", K_BOOL, F(allow_closures), 0, 1, NULL},
    {"consolidation", "max_open_schools", K_INT, F(max_open_schools), 0, 1e6,
     NULL},
    {"costs", "discount_rate", K_DOUBLE, F(discount_rate), 0, 1, NULL},
    {"costs", "capital_years", K_INT, F(capital_years), 1, 200, NULL},
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
    {"funding", "funds_primary", K_DOUBLE, F(funds_primary), 0, 1e6, NULL},
    {"funding", "funds_junior", K_DOUBLE, F(funds_junior), 0, 1e6, NULL},
    {"funding", "min_funded_pupils", K_INT, F(min_funded_pupils), 0, 100000,
     NULL},
    {"funding", "poverty_counties", K_LIST, F(poverty_counties), 0, 0, NULL},
    {"funding", "allowance_min", K_DOUBLE, F(allowance_min), 0, 1e5, NULL},
    {"funding", "allowance_max", K_DOUBLE, F(allowance_max), 0, 1e5, NULL},
    {"projection", "gpr_years", K_INT, F(gpr_years), 1, 20, NULL},
    {"projection", "gpr_method", K_ENUM, F(gpr_method), 0, 0, gpr_names},
    {"projection", "shrink_students", K_DOUBLE, F(shrink_students), 0, 1e9,
     NULL},
    {"solver", "time_limit", K_DOUBLE, F(time_limit), 0.001, 1e7, NULL},
    {"solver", "mip_gap", K_DOUBLE, F(mip_gap), 0, 1, NULL},
};
#undef F
#define NKEYS (sizeof keys / sizeof *keys)

typedef struct state {
    sn_scenario *sc;
    sn_diag *diag;
    const char *dir;      /* folder of the ini, for `data` */
    int section_known;
    long seen[NKEYS];     /* line where each key was given, or 0 */
    long seen_col[NKEYS];
} state;

static int section_exists(const char *s)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].section, s))
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
    char *base = (char *)st->sc + k->off, *end, what[256];
    const char *v = it->value;
    errno = 0;
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
        long x = strtol(v, &end, 10);
        int ok = !errno && end != v && !*end && *v != '+';
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
        double x = strtod(v, &end);
        if (errno || end == v || *end || !isfinite(x) || x < k->lo ||
            x > k->hi) {
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
        return set_value(st, &keys[i], it);
    }
    sn_diag_error(st->diag, it->path, it->line, it->key_col,
                  "unknown key '%s' in section [%s]", it->key, it->section);
    return 0;
}

static size_t key_index(const char *key)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].key, key))
            return i;
    return 0;
}

int sn_scenario_read(sn_scenario *sc, const char *path, sn_diag *diag,
                     sn_error *err)
{
    size_t before = diag->errors;
    state st = {sc, diag, NULL, 0, {0}, {0}};
    char *dir = strdup(path);
    if (!dir)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    st.dir = dir;
    int rc = sn_ini_parse(path, on_item, &st, diag, err);
    if (rc == 0 && !st.seen[key_index("data")]) /* the ini's own folder */
        rc = set_string(&sc->data_dir, NULL, dir, 0);
    free(dir);
    if (rc == SN_ENOMEM)
        return sn_error_set(err, rc, "out of memory");
    if (rc)
        return rc;
    size_t cap = key_index("hard_cap");
    if (sc->hard_cap < sc->standard_primary ||
        sc->hard_cap < sc->standard_junior) {
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
    return diag->errors > before ? SN_EINPUT : 0;
}
