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

#include "io/ini.h"

#define MAX_BASE_DEPTH 8 /* files in one inheritance chain */

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
    {"consolidation", "capital_budget", K_DOUBLE, F(capital_budget), 0, 1e13,
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
    {"solver", "boarding_options", K_INT, F(boarding_options), 0, 1000, NULL},
    {"solver", "work_limit", K_DOUBLE, F(work_limit), 0, 1e15, NULL},
};
#undef F
#define NKEYS (sizeof keys / sizeof *keys)

/* Sections without rows in `keys`, handled by hand. */
static const char *const extra_sections[] = {"milestones", "overrides", NULL};

typedef struct state {
    sn_scenario *sc;
    sn_diag *diag;
    const char *dir;      /* folder of the ini, for `data` */
    int section_known;
    long seen[NKEYS];     /* line where each key was given, or 0 */
    long seen_col[NKEYS];
    long base_line;       /* line of `base`, or 0 */
    long ms_line[SN_MAX_MILESTONES]; /* line of each milestone of this file */
    int ms_year[SN_MAX_MILESTONES], nms;
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

/* [milestones] hard_cap.YEAR = CAP: a later file of the chain replaces the
 * same year, a file may not give a year twice. */
static int set_milestone(state *st, const sn_ini_item *it)
{
    char *end;
    long y = -1, cap;
    if (!strncmp(it->key, "hard_cap.", 9)) {
        errno = 0;
        y = strtol(it->key + 9, &end, 10);
        if (errno || end == it->key + 9 || *end || y < 1949 || y > 2100)
            y = -1;
    }
    if (y < 0) {
        sn_diag_error(st->diag, it->path, it->line, it->key_col,
                      "unknown key '%s' in section [milestones] (expected "
                      "hard_cap.YEAR, YEAR from 1949 to 2100)", it->key);
        return 0;
    }
    for (int i = 0; i < st->nms; i++)
        if (st->ms_year[i] == y) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "duplicate key '%s' in section [milestones] (first "
                          "given on line %ld)", it->key, st->ms_line[i]);
            return 0;
        }
    errno = 0;
    cap = strtol(it->value, &end, 10);
    if (errno || end == it->value || *end || cap < 1 || cap > 200) {
        bad_value(st, it, "a whole number from 1 to 200");
        return 0;
    }
    sn_scenario *sc = st->sc;
    int k = 0;
    while (k < sc->nmilestones && sc->milestone_year[k] < y)
        k++;
    if (k == sc->nmilestones || sc->milestone_year[k] != y) {
        if (sc->nmilestones == SN_MAX_MILESTONES) {
            sn_diag_error(st->diag, it->path, it->line, it->key_col,
                          "too many milestones (at most %d) (got '%s')",
                          SN_MAX_MILESTONES, it->key);
            return 0;
        }
        memmove(&sc->milestone_year[k + 1], &sc->milestone_year[k],
                (size_t)(sc->nmilestones - k) * sizeof(int));
        memmove(&sc->milestone_cap[k + 1], &sc->milestone_cap[k],
                (size_t)(sc->nmilestones - k) * sizeof(int));
        sc->nmilestones++;
    }
    sc->milestone_year[k] = (int)y;
    sc->milestone_cap[k] = (int)cap;
    if (st->nms < SN_MAX_MILESTONES) {
        st->ms_year[st->nms] = (int)y;
        st->ms_line[st->nms++] = it->line;
    }
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
    if (!strcmp(it->section, "overrides"))
        return 0; /* io/read_overrides, against the network */
    if (!strcmp(it->section, "milestones"))
        return set_milestone(st, it);
    if (!strcmp(it->section, "scenario") && !strcmp(it->key, "base")) {
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
    if (base && chain[depth]) {
        if ((rc = sn_scenario_base_path(&bpath, path, base)) != 0) {
            rc = sn_error_set(err, rc, "out of memory");
            goto done;
        }
        char *real = realpath(bpath, NULL);
        int cycle = -1;
        for (int i = 0; real && i <= depth; i++)
            if (!strcmp(chain[i], real))
                cycle = i;
        if (!real) {
            sn_diag_error(diag, path, bline, bcol, "[scenario] base: cannot "
                          "open %s (%s) (got '%s')", bpath, strerror(errno),
                          base);
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
    for (int i = 0; i < sc->nmilestones; i++)
        if (sc->milestone_cap[i] < lo)
            sn_diag_error(diag, path, 0, 0, "[milestones] hard_cap.%d must "
                          "be at least the standard class sizes %d and %d "
                          "(got '%d')", sc->milestone_year[i],
                          sc->standard_primary, sc->standard_junior,
                          sc->milestone_cap[i]);
    return diag->errors > before ? SN_EINPUT : 0;
}
