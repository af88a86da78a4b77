/* read_teachers.c - the teacher files of a plan back into an
 * sn_teacher_files (CSV through io/table, the summary through io/json). */
#include "io/read_teachers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/file.h"
#include "io/json.h"
#include "io/table.h"

#define BIG 1000000000
#define MAX_SUMMARY (1 << 20)

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s", dir, name);
    return p;
}

int sn_teacher_files_present(const char *dir)
{
    char *p = join(dir, "teachers.csv");
    int ok = p && access(p, F_OK) == 0;
    free(p);
    return ok;
}

static int push(void **arr, size_t *n, size_t *cap, size_t size,
                const void *item)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        void *q = realloc(*arr, c * size);
        if (!q)
            return SN_ENOMEM;
        *arr = q;
        *cap = c;
    }
    memcpy((char *)*arr + *n * size, item, size);
    (*n)++;
    return 0;
}

static int id_of(sn_table *t, int c, const sn_network *net, int kind)
{
    const char *id;
    if (sn_table_str(t, c, &id))
        return -1;
    int k = kind == 0 ? sn_network_find_school(net, id)
            : kind == 1 ? sn_network_find_subject(net, id)
                        : (net->teacher_ids ? sn_strmap_get(net->teacher_ids, id)
                                            : -1);
    if (k < 0)
        sn_table_fail(t, c, "unknown %s",
                      kind == 0 ? "school" : kind == 1 ? "subject" : "teacher");
    return k;
}

typedef int (*row_fn)(sn_table *t, sn_teacher_files *f, const sn_network *net);

static int read_csv(const char *dir, const char *name, const sn_table_col *cols,
                    size_t ncols, row_fn fn, sn_teacher_files *f,
                    const sn_network *net, sn_diag *diag, sn_error *err)
{
    char *path = join(dir, name);
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    sn_table *t = NULL;
    int rc = sn_table_open(&t, path, cols, ncols, diag, err);
    free(path);
    if (rc)
        return rc;
    int more;
    while (rc == 0 && (more = sn_table_next(t, err)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        if (fn(t, f, net))
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    if (rc == 0 && sn_table_errors(t) > 0)
        rc = SN_EINPUT;
    sn_table_free(t);
    return rc;
}

static const sn_table_col row_cols[] = {
    {"teacher", 1}, {"home_school", 1}, {"school", 1}, {"subject", 1},
    {"periods", 1}, {"km_per_week", 1}};

static int row_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    sn_tf_row r;
    r.teacher = id_of(t, 0, net, 2);
    r.home = id_of(t, 1, net, 0);
    r.school = id_of(t, 2, net, 0);
    r.subject = id_of(t, 3, net, 1);
    sn_table_int(t, 4, 0, -BIG, BIG, &r.periods);
    sn_table_double(t, 5, 0, -1e12, 1e12, &r.km_per_week);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->rows, &f->nrows, &f->rows_cap, sizeof r, &r);
}

static const sn_table_col short_cols[] = {
    {"school", 1}, {"subject", 1}, {"uncovered_periods", 1},
    {"posts_needed", 1}};

static int short_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    sn_tf_short r;
    r.school = id_of(t, 0, net, 0);
    r.subject = id_of(t, 1, net, 1);
    sn_table_int(t, 2, 0, -BIG, BIG, &r.uncovered);
    sn_table_int(t, 3, 0, -BIG, BIG, &r.posts);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->shorts, &f->nshorts, &f->shorts_cap, sizeof r,
                &r);
}

static const sn_table_col staff_cols[] = {
    {"school", 1}, {"required", 1}, {"quota", 1}, {"actual", 1},
    {"status", 1}, {"actual_after", 1}, {"surplus", 1}, {"shortage", 1}};
static const char *const statuses[] = {"over", "full", "under", NULL};

static int staff_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    sn_tf_staff r;
    r.school = id_of(t, 0, net, 0);
    sn_table_int(t, 1, 0, -BIG, BIG, &r.required);
    sn_table_int(t, 2, 0, -BIG, BIG, &r.quota);
    sn_table_int(t, 3, 0, -BIG, BIG, &r.actual);
    sn_table_enum(t, 4, statuses, 0, &r.status);
    sn_table_int(t, 5, 0, -BIG, BIG, &r.actual_after);
    sn_table_int(t, 6, 0, -BIG, BIG, &r.surplus);
    sn_table_int(t, 7, 0, -BIG, BIG, &r.shortage);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->staff, &f->nstaff, &f->staff_cap, sizeof r, &r);
}

static const sn_table_col redeploy_cols[] = {
    {"teacher", 1}, {"from", 1}, {"to", 1}, {"subject", 0}, {"reason", 1},
    {"teacher_name", 0}, {"from_name", 0}, {"to_name", 0}};
static const char *const reasons[] = {"school_closed", "surplus",
                                      "school_closed_over_quota", NULL};

static int redeploy_row(sn_table *t, sn_teacher_files *f,
                        const sn_network *net)
{
    sn_tf_redeploy r;
    r.teacher = id_of(t, 0, net, 2);
    r.from = id_of(t, 1, net, 0);
    r.to = id_of(t, 2, net, 0);
    r.subject = sn_table_empty(t, 3) ? -1 : id_of(t, 3, net, 1);
    sn_table_enum(t, 4, reasons, 0, &r.reason);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->redeploys, &f->nredeploys, &f->redeploys_cap,
                sizeof r, &r);
}

static const sn_table_col day_cols[] = {
    {"teacher", 1}, {"day", 1}, {"school", 1}, {"subject", 1},
    {"periods", 1}};
static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri",
                                        NULL};

static int day_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    sn_tf_day r;
    r.teacher = id_of(t, 0, net, 2);
    sn_table_enum(t, 1, day_names, 0, &r.day);
    r.school = id_of(t, 2, net, 0);
    r.subject = id_of(t, 3, net, 1);
    sn_table_int(t, 4, 0, -BIG, BIG, &r.periods);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->days, &f->ndays, &f->days_cap, sizeof r, &r);
}

static const sn_table_col state_cols[] = {
    {"teacher", 1}, {"home", 1}, {"years_at_school", 1},
    {"last_rotated", 0}};

static int state_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    int k = id_of(t, 0, net, 2), h = id_of(t, 1, net, 0), y = 0, last = 0;
    sn_table_int(t, 2, 0, 0, 1000, &y);
    sn_table_int(t, 3, 0, 1949, 2100, &last);
    if (sn_table_row_errors(t))
        return 0;
    if (f->state_seen[k]) {
        sn_table_fail(t, 0, "teacher listed twice");
        return 0;
    }
    f->state_seen[k] = 1;
    f->state_home[k] = h;
    f->state_years[k] = y;
    f->state_last[k] = last;
    return 0;
}

static const sn_table_col move_cols[] = {
    {"teacher", 1}, {"from", 1}, {"to", 1}, {"subject", 1},
    {"excellent_or_senior", 1}, {"exchange", 1}};

static int move_row(sn_table *t, sn_teacher_files *f, const sn_network *net)
{
    sn_tf_move r;
    r.teacher = id_of(t, 0, net, 2);
    r.from = id_of(t, 1, net, 0);
    r.to = id_of(t, 2, net, 0);
    r.subject = id_of(t, 3, net, 1);
    sn_table_bool(t, 4, 0, &r.strong);
    sn_table_bool(t, 5, 0, &r.exchange);
    if (sn_table_row_errors(t))
        return 0;
    return push((void **)&f->moves, &f->nmoves, &f->moves_cap, sizeof r, &r);
}

/* ---- summary.json "teachers" ------------------------------------------- */

typedef struct sum_ctx {
    sn_teacher_files *f;
    const sn_network *net;
    int county; /* current element of "counties" by its "county" name */
} sum_ctx;

static void on_value(void *ctx, const char *key, const sn_json_value *v)
{
    sum_ctx *s = ctx;
    sn_teacher_files *f = s->f;
    if (strncmp(key, "teachers.", 9) != 0)
        return;
    f->has_summary = 1;
    key += 9;
    double x = v->kind == SN_JSON_NUMBER ? v->num : 0;
    if (!strcmp(key, "periods_uncovered"))
        f->periods_uncovered = x;
    else if (!strcmp(key, "km_per_week"))
        f->km_per_week = x;
    else if (!strcmp(key, "public_funds"))
        f->public_funds = x;
    else if (!strcmp(key, "allowance"))
        f->allowance = x;
    else if (!strcmp(key, "movers"))
        f->movers = x;
    else if (!strcmp(key, "redeployed"))
        f->redeployed = x;
    else if (!strcmp(key, "swaps"))
        f->swaps = x;
    else if (!strcmp(key, "quota"))
        f->quota = x;
    else if (!strcmp(key, "hires"))
        f->hires = x;
    else if (!strcmp(key, "releases"))
        f->releases = x;
    else if (!strncmp(key, "counties[", 9)) {
        const char *dot = strchr(key, '.');
        if (!dot)
            return;
        dot++;
        if (!strcmp(dot, "county")) {
            s->county = v->kind == SN_JSON_STRING
                            ? sn_network_find_county(s->net, v->str) : -1;
            if (s->county >= 0)
                f->county[s->county].seen = 1;
            return;
        }
        if (s->county < 0)
            return;
        sn_tf_county *c = &f->county[s->county];
        if (!strcmp(dot, "eligible"))
            c->eligible = (int)x;
        else if (!strcmp(dot, "movers"))
            c->movers = (int)x;
        else if (!strcmp(dot, "strong_movers"))
            c->strong_movers = (int)x;
        else if (!strcmp(dot, "swaps"))
            c->swaps = (int)x;
        else if (!strcmp(dot, "redeployed_closed"))
            c->redeployed_closed = (int)x;
        else if (!strcmp(dot, "redeployed_surplus"))
            c->redeployed_surplus = (int)x;
        else if (!strcmp(dot, "quota"))
            c->quota = (int)x;
        else if (!strcmp(dot, "actual"))
            c->actual = (int)x;
        else if (!strcmp(dot, "actual_after"))
            c->actual_after = (int)x;
        else if (!strcmp(dot, "hires"))
            c->hires = (int)x;
        else if (!strcmp(dot, "releases"))
            c->releases = (int)x;
        else if (!strcmp(dot, "public_funds"))
            c->funds = x;
        else if (!strcmp(dot, "allowance"))
            c->allowance = x;
    }
}

static int read_summary(sn_teacher_files *f, const sn_network *net,
                        const char *dir, sn_diag *diag, sn_error *err)
{
    char *path = join(dir, "summary.json");
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    FILE *in;
    char why[128];
    if (sn_file_open_read(&in, path, why, sizeof why) != 0) {
        sn_diag_error(diag, path, 0, 0, "%s", why);
        free(path);
        return SN_EINPUT;
    }
    char *buf = malloc(MAX_SUMMARY + 1);
    size_t n = buf ? fread(buf, 1, MAX_SUMMARY + 1, in) : 0;
    fclose(in);
    int rc = 0;
    if (!buf)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    else if (n > MAX_SUMMARY) {
        sn_diag_error(diag, path, 0, 0, "file larger than %d bytes",
                      MAX_SUMMARY);
        rc = SN_EINPUT;
    } else {
        sum_ctx s = {f, net, -1};
        rc = sn_json_scan(buf, n, path, on_value, &s, diag, err);
    }
    free(buf);
    free(path);
    return rc;
}

static int worse(int a, int b)
{
    if (a == SN_EINPUT || a == 0)
        return b != 0 ? b : a;
    return a;
}

/* Whether dir/name exists. */
static int has_file(const char *dir, const char *name)
{
    char *p = join(dir, name);
    int ok = p && access(p, F_OK) == 0;
    free(p);
    return ok;
}

/* The folder of the previous plan year beside dir (".../2019" ->
 * ".../2018"), owned, or NULL when dir's name is not a year. */
static char *prev_dir(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && dir[b - 1] != '/')
        b--;
    if (n - b != 4)
        return NULL;
    int year = 0;
    for (size_t i = b; i < n; i++) {
        if (dir[i] < '0' || dir[i] > '9')
            return NULL;
        year = year * 10 + (dir[i] - '0');
    }
    char *p = malloc(b + 8);
    if (p)
        snprintf(p, b + 8, "%.*s%04d", (int)b, dir, year - 1);
    return p;
}

static int read_dir(sn_teacher_files **out, const sn_network *net,
                    const char *dir, int with_prev, sn_diag *diag,
                    sn_error *err)
{
    *out = NULL;
    sn_teacher_files *f;
    if (sn_teacher_files_new(&f, net->ncounties, net->nteachers))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = read_csv(dir, "teachers.csv", row_cols, 6, row_row, f, net,
                      diag, err);
    rc = worse(rc, read_csv(dir, "shortages.csv", short_cols, 4, short_row, f,
                            net, diag, err));
    rc = worse(rc, read_csv(dir, "staffing.csv", staff_cols, 8, staff_row, f,
                            net, diag, err));
    rc = worse(rc, read_csv(dir, "rotation.csv", move_cols, 6, move_row, f,
                            net, diag, err));
    rc = worse(rc, read_csv(dir, "redeploy.csv", redeploy_cols, 8,
                            redeploy_row, f, net, diag, err));
    rc = worse(rc, read_csv(dir, "timetable.csv", day_cols, 5, day_row, f,
                            net, diag, err));
    if (has_file(dir, "teacher_state.csv")) {
        f->has_state = 1;
        rc = worse(rc, read_csv(dir, "teacher_state.csv", state_cols, 4,
                                state_row, f, net, diag, err));
    }
    rc = worse(rc, read_summary(f, net, dir, diag, err));
    char *pd = with_prev && f->has_state ? prev_dir(dir) : NULL;
    if (rc == 0 && pd && sn_teacher_files_present(pd) &&
        has_file(pd, "teacher_state.csv"))
        rc = read_dir(&f->prev, net, pd, 0, diag, err);
    free(pd);
    if (rc) {
        sn_teacher_files_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

int sn_teacher_files_read(sn_teacher_files **out, const sn_network *net,
                          const char *dir, sn_diag *diag, sn_error *err)
{
    return read_dir(out, net, dir, 1, diag, err);
}
