/* read_overrides.c - [overrides] of a scenario.ini chain, applied to the
 * network's schools (keys and messages in read_overrides.h).
 *
 * The chain is collected base first (sn_scenario_find_base); each file's
 * [overrides] items are gathered, a later file's key replacing an earlier
 * one, then applied in the order close, keep, ready_year, add_classrooms,
 * close_below, keep_below (which leave schools forced above alone).
 * A broken chain (cycle, missing file) has been reported by the scenario
 * reader; here it simply ends the walk.
 */
#include "io/read_overrides.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/ini.h"
#include "io/number.h"
#include "io/read_scenario.h"

#define MAX_FILES 8

typedef struct item {
    char *path, *key, *value; /* owned */
    long line, key_col, value_col;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
    size_t file_start; /* first item of the file being read */
    sn_diag *diag;
    struct items *counties; /* [milestones] keys naming a county */
} items;

static void item_dispose(item *it)
{
    free(it->path);
    free(it->key);
    free(it->value);
}

static int push(items *s, const sn_ini_item *it, size_t at);

/* hard_cap.YEAR.COUNTY keys of [milestones], every file's, for the
 * county check. */
static int on_milestone(items *s, const sn_ini_item *it)
{
    const char *p = it->key, *q = p + 9;
    if (strncmp(p, "hard_cap.", 9) != 0)
        return 0;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q == p + 9 || *q != '.' || !q[1])
        return 0; /* city-wide, or malformed: the scenario reader's */
    return push(s, it, s->n);
}

static int on_item(void *user, const sn_ini_item *it)
{
    items *s = user;
    if (it->key && s->counties && !strcmp(it->section, "milestones"))
        return on_milestone(s->counties, it);
    if (!it->key || strcmp(it->section, "overrides") != 0)
        return 0;
    for (size_t i = s->file_start; i < s->n; i++)
        if (!strcmp(s->v[i].key, it->key)) {
            sn_diag_error(s->diag, it->path, it->line, it->key_col,
                          "duplicate key '%s' in section [overrides] (first "
                          "given on line %ld)", it->key, s->v[i].line);
            return 0;
        }
    size_t at = s->n;
    for (size_t i = 0; i < s->file_start; i++) /* an earlier file's key */
        if (!strcmp(s->v[i].key, it->key))
            at = i;
    return push(s, it, at);
}

/* Stores it at index at (s->n: a new item; else replaces that one). */
static int push(items *s, const sn_ini_item *it, size_t at)
{
    if (at == s->n) {
        if (s->n == s->cap) {
            size_t ncap = s->cap ? 2 * s->cap : 16;
            item *nv = realloc(s->v, ncap * sizeof *nv);
            if (!nv)
                return SN_ENOMEM;
            s->v = nv;
            s->cap = ncap;
        }
        memset(&s->v[s->n++], 0, sizeof *s->v);
    } else {
        item_dispose(&s->v[at]);
        memset(&s->v[at], 0, sizeof *s->v);
    }
    item *d = &s->v[at];
    d->path = strdup(it->path);
    d->key = strdup(it->key);
    d->value = strdup(it->value);
    d->line = it->line;
    d->key_col = it->key_col;
    d->value_col = it->value_col;
    return d->path && d->key && d->value ? 0 : SN_ENOMEM;
}

/* Fills files[] with the chain, base first; returns their number or an
 * error code. */
static int chain(char **files, const char *path, sn_error *err)
{
    char *rev[MAX_FILES] = {NULL};
    int n = 0, rc = 0;
    if (!(rev[n++] = strdup(path)))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    while (n < MAX_FILES) {
        char *base = NULL, *next = NULL;
        long line, col;
        struct stat st;
        if ((rc = sn_scenario_find_base(&base, &line, &col, rev[n - 1],
                                        err)) != 0)
            break;
        if (!base)
            break;
        rc = sn_scenario_base_path(&next, rev[n - 1], base);
        free(base);
        if (rc) {
            rc = sn_error_set(err, rc, "out of memory");
            break;
        }
        if (stat(next, &st) != 0 || S_ISDIR(st.st_mode)) {
            free(next); /* reported by the scenario reader */
            break;
        }
        rev[n++] = next;
    }
    if (rc) {
        for (int i = 0; i < n; i++)
            free(rev[i]);
        return rc;
    }
    for (int i = 0; i < n; i++)
        files[i] = rev[n - 1 - i];
    return n;
}

/* Column of byte offset off in value, counted in characters. */
static long col_at(const item *it, size_t off)
{
    long col = it->value_col;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)it->value[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int find_school(const sn_network *net, sn_diag *diag, const item *it,
                       const char *id, long col)
{
    int s = sn_network_find_school(net, id);
    if (s < 0)
        sn_diag_error(diag, it->path, it->line, col, "unknown school: not in "
                      "schools.csv (got '%s')", id);
    return s;
}

/* close / keep: a comma-separated list of school ids. */
static void apply_list(sn_network *net, sn_diag *diag, const item *it,
                       sn_force force)
{
    size_t len = strlen(it->value), b = 0;
    char id[256];
    while (b <= len) {
        size_t e = b;
        while (e < len && it->value[e] != ',')
            e++;
        size_t ib = b, ie = e;
        while (ib < ie && (it->value[ib] == ' ' || it->value[ib] == '\t'))
            ib++;
        while (ie > ib && (it->value[ie - 1] == ' ' ||
                           it->value[ie - 1] == '\t'))
            ie--;
        long col = col_at(it, ib);
        if (ie == ib) {
            sn_diag_error(diag, it->path, it->line, col, "empty school id in "
                          "the list (got '%s')", it->value);
        } else {
            snprintf(id, sizeof id, "%.*s", (int)(ie - ib), it->value + ib);
            int s = find_school(net, diag, it, id, col);
            sn_school *sch = s >= 0 ? &net->schools[s] : NULL;
            if (sch && sch->force != SN_FORCE_NONE && sch->force != force)
                sn_diag_error(diag, it->path, it->line, col, "school '%s' is "
                              "both closed and kept (got '%s')", id, id);
            else if (sch && force == SN_FORCE_CLOSED && sch->remote)
                sn_diag_error(diag, it->path, it->line, col, "a remote school "
                              "cannot be closed (got '%s')", id);
            else if (sch)
                sch->force = force;
        }
        b = e + 1;
    }
}

static int parse_long(const char *v, long lo, long hi, long *out)
{
    long x = 0;
    if (sn_parse_long(v, &x) != 0 || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

/* ready_year.ID / add_classrooms.ID */
static void apply_school_key(sn_network *net, sn_diag *diag, const item *it,
                             int ready)
{
    const char *id = strchr(it->key, '.') + 1;
    long col = it->key_col + (long)(id - it->key), v;
    int s = find_school(net, diag, it, id, col);
    if (s < 0)
        return;
    sn_school *sch = &net->schools[s];
    if (sch->force == SN_FORCE_CLOSED)
        sn_diag_warning(diag, it->path, it->line, it->key_col, "%s has no "
                        "effect: 'close' closes %s", it->key, id);
    if (ready && sch->status != SN_CANDIDATE) {
        sn_diag_error(diag, it->path, it->line, it->key_col, "ready_year "
                      "applies to candidate schools; '%s' is open (got '%s')",
                      id, it->key);
    } else if (!ready && sch->classrooms < 0) {
        sn_diag_error(diag, it->path, it->line, it->key_col, "add_classrooms "
                      "applies to class-mode schools; '%s' has seats (got "
                      "'%s')", id, it->key);
    } else if (ready) {
        if (parse_long(it->value, 1949, 2100, &v))
            sn_diag_error(diag, it->path, it->line, it->value_col,
                          "[overrides] %s must be a year from 1949 to 2100 "
                          "(got '%s')", it->key, it->value);
        else
            sch->ready_year = (int)v;
    } else {
        if (parse_long(it->value, 0, 10000, &v))
            sn_diag_error(diag, it->path, it->line, it->value_col,
                          "[overrides] %s must be a whole number from 0 to "
                          "10000 (got '%s')", it->key, it->value);
        else
            sch->classrooms += (int)v;
    }
}

/* Pupils of school s in the last history year: zones designated to it, in
 * the grades it teaches. */
static long school_pupils(const sn_network *net, int s)
{
    long n = 0;
    if (net->year_lo > net->year_hi)
        return 0;
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int d = g <= 6 ? net->zones[z].primary_school
                           : net->zones[z].junior_school;
            if (d == s && sn_school_teaches(&net->schools[s], g))
                n += sn_network_students(net, net->year_hi, z, g);
        }
    return n;
}

/* close_below / keep_below = N: rural (urban = 0), open, public schools
 * with fewer than N pupils in the last history year; close skips remote
 * schools (a scenario's closure overrides `closable`, never `remote`).
 * Schools already forced keep their force. */
static void apply_below(sn_network *net, sn_diag *diag, const item *it,
                        sn_force force)
{
    long n;
    if (parse_long(it->value, 0, 1000000, &n)) {
        sn_diag_error(diag, it->path, it->line, it->value_col,
                      "[overrides] %s must be a whole number from 0 to "
                      "1000000 (got '%s')", it->key, it->value);
        return;
    }
    int matched = 0, smallest = -1;
    long least = 0;
    for (int i = 0; i < net->nschools; i++) {
        sn_school *sch = &net->schools[i];
        if (sch->urban || sch->status != SN_OPEN || sch->is_private ||
            sch->force != SN_FORCE_NONE ||
            (force == SN_FORCE_CLOSED && sch->remote))
            continue;
        long pupils = school_pupils(net, i);
        if (pupils < n) {
            sch->force = force;
            matched++;
        } else if (smallest < 0 || pupils < least) {
            smallest = i;
            least = pupils;
        }
    }
    /* a what-if that changes nothing must say so (issue 9) */
    if (matched == 0 && smallest >= 0)
        sn_diag_warning(diag, it->path, it->line, it->value_col,
                        "%s = %ld matches no school: the smallest rural open "
                        "public school%s, %s, had %ld pupils in %d",
                        it->key, n, force == SN_FORCE_CLOSED ? " not remote"
                                                             : "",
                        net->schools[smallest].id, least, net->year_hi);
    else if (matched == 0)
        sn_diag_warning(diag, it->path, it->line, it->value_col,
                        "%s = %ld matches no school: no rural open public "
                        "school%s is left to it", it->key, n,
                        force == SN_FORCE_CLOSED ? " that is not remote" : "");
}

/* A [milestones] hard_cap.YEAR.COUNTY must name a county of the data. */
static void check_counties(const sn_network *net, sn_diag *diag,
                           const items *ms)
{
    for (size_t i = 0; i < ms->n; i++) {
        const item *it = &ms->v[i];
        const char *county = strchr(it->key + 9, '.') + 1;
        if (sn_network_find_county(net, county) >= 0)
            continue;
        char known[512];
        size_t o = 0;
        known[0] = '\0';
        for (int c = 0; c < net->ncounties && o + 1 < sizeof known; c++)
            o += (size_t)snprintf(known + o, sizeof known - o, "%s%s",
                                  c ? ", " : "", net->counties[c]);
        sn_diag_error(diag, it->path, it->line,
                      it->key_col + (long)(county - it->key),
                      "unknown county in [milestones]: not in schools.csv "
                      "(known: %s) (got '%s')", known, county);
    }
}

static void apply(sn_network *net, sn_diag *diag, const items *s)
{
    static const char *const order[] = {"close", "keep", "ready_year.",
                                        "add_classrooms.", "close_below",
                                        "keep_below"};
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; i < s->n; i++) {
            const item *it = &s->v[i];
            int dotted = k >= 2;
            size_t n = strlen(order[k]);
            if (dotted ? strncmp(it->key, order[k], n) != 0 || !it->key[n]
                       : strcmp(it->key, order[k]) != 0)
                continue;
            if (k < 2)
                apply_list(net, diag, it,
                           k == 0 ? SN_FORCE_CLOSED : SN_FORCE_OPEN);
            else
                apply_school_key(net, diag, it, k == 2);
        }
    for (int k = 4; k < 6; k++)
        for (size_t i = 0; i < s->n; i++)
            if (!strcmp(s->v[i].key, order[k]))
                apply_below(net, diag, &s->v[i],
                            k == 4 ? SN_FORCE_CLOSED : SN_FORCE_OPEN);
    for (size_t i = 0; i < s->n; i++) {
        const char *key = s->v[i].key;
        int known = !strcmp(key, "close") || !strcmp(key, "keep") ||
                    !strcmp(key, "close_below") || !strcmp(key, "keep_below");
        for (int k = 2; k < 4 && !known; k++) {
            size_t n = strlen(order[k]);
            known = !strncmp(key, order[k], n) && key[n];
        }
        if (!known)
            sn_diag_error(diag, s->v[i].path, s->v[i].line, s->v[i].key_col,
                          "unknown key '%s' in section [overrides] (known: "
                          "close, keep, close_below, keep_below, "
                          "ready_year.SCHOOL, add_classrooms.SCHOOL)", key);
    }
}

int sn_overrides_apply(sn_network *net, const char *path, sn_diag *diag,
                       sn_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
        return 0;
    size_t before = diag->errors;
    char *files[MAX_FILES] = {NULL};
    int n = chain(files, path, err), rc = 0;
    if (n < 0)
        return n;
    items ms = {NULL, 0, 0, 0, diag, NULL};
    items s = {NULL, 0, 0, 0, diag, &ms};
    sn_diag quiet = SN_DIAG_INIT; /* syntax: reported by the scenario */
    for (int i = 0; i < n && rc == 0; i++) {
        s.file_start = s.n;
        rc = sn_ini_parse(files[i], on_item, &s, &quiet, err);
        if (rc == SN_EINPUT)
            rc = 0;
    }
    sn_diag_dispose(&quiet);
    if (rc == SN_ENOMEM)
        rc = sn_error_set(err, rc, "out of memory");
    if (rc == 0) {
        apply(net, diag, &s);
        check_counties(net, diag, &ms);
    }
    for (size_t i = 0; i < s.n; i++)
        item_dispose(&s.v[i]);
    free(s.v);
    for (size_t i = 0; i < ms.n; i++)
        item_dispose(&ms.v[i]);
    free(ms.v);
    for (int i = 0; i < n; i++)
        free(files[i]);
    if (rc)
        return rc;
    return diag->errors > before ? SN_EINPUT : 0;
}
