/* table.c - header mapping and typed, positioned field getters over the
 * CSV reader.  Invariant: idx[c] is the header position of schema column c,
 * or -1 when the header lacks it. */
#include "io/table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/number.h"

struct sn_table {
    sn_csv *csv;
    sn_diag *diag;
    const sn_table_col *cols;
    size_t ncols;
    int *idx;
    sn_csv_row row;
    int row_errors;
    size_t errors;
};

static int header_check(sn_table *t)
{
    const sn_csv_row *h = sn_csv_header(t->csv);
    const char *path = sn_csv_path(t->csv);
    int bad = 0;
    for (size_t c = 0; c < t->ncols; c++)
        t->idx[c] = -1;
    for (size_t i = 0; i < h->n; i++) {
        const sn_csv_field *f = &h->f[i];
        if (!f->len) {
            sn_diag_error(t->diag, path, f->line, f->col, "empty column name");
            bad++;
            continue;
        }
        size_t c = 0;
        while (c < t->ncols && strcmp(t->cols[c].name, f->text) != 0)
            c++;
        char q[96];
        if (c == t->ncols) {
            sn_diag_warning(t->diag, path, f->line, f->col,
                            "unknown column '%s' (ignored)",
                            sn_csv_quote(q, sizeof q, f->text));
        } else if (t->idx[c] >= 0) {
            sn_diag_error(t->diag, path, f->line, f->col,
                          "duplicate column '%s'", f->text);
            bad++;
        } else {
            t->idx[c] = (int)i;
        }
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->idx[c] >= 0 || !t->cols[c].required)
            continue;
        char got[200] = "", q[96];
        size_t o = 0;
        for (size_t i = 0; i < h->n && o + 1 < sizeof got; i++)
            o += (size_t)snprintf(got + o, sizeof got - o, "%s%s",
                                  i ? "," : "",
                                  sn_csv_quote(q, sizeof q, h->f[i].text));
        sn_diag_error(t->diag, path, h->line, 1,
                      "missing required column '%s' (got header '%s')",
                      t->cols[c].name, got);
        bad++;
    }
    t->errors += (size_t)bad;
    return bad ? SN_EINPUT : 0;
}

int sn_table_open(sn_table **out, const char *path, const sn_table_col *cols,
                  size_t ncols, sn_diag *diag, sn_error *err)
{
    *out = NULL;
    sn_table *t = calloc(1, sizeof *t);
    if (!t)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    t->diag = diag;
    t->cols = cols;
    t->ncols = ncols;
    t->idx = malloc((ncols ? ncols : 1) * sizeof *t->idx);
    int rc;
    if (!t->idx) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = sn_csv_open(&t->csv, path, diag, err)) != 0)
        goto fail;
    if ((rc = header_check(t)) != 0)
        goto fail;
    *out = t;
    return 0;
fail:
    sn_table_free(t);
    return rc;
}

void sn_table_free(sn_table *t)
{
    if (!t)
        return;
    sn_csv_free(t->csv);
    free(t->idx);
    free(t);
}

int sn_table_next(sn_table *t, sn_error *err)
{
    t->row_errors = 0;
    return sn_csv_next(t->csv, &t->row, err);
}

int sn_table_has_column(const sn_table *t, int c) { return t->idx[c] >= 0; }

static const sn_csv_field *field(const sn_table *t, int c)
{
    return t->idx[c] >= 0 ? &t->row.f[t->idx[c]] : NULL;
}

int sn_table_empty(const sn_table *t, int c)
{
    const sn_csv_field *f = field(t, c);
    return !f || f->len == 0;
}

const char *sn_table_text(const sn_table *t, int c)
{
    const sn_csv_field *f = field(t, c);
    return f ? f->text : "";
}

void sn_table_pos(const sn_table *t, int c, long *line, long *col)
{
    const sn_csv_field *f = field(t, c);
    *line = f ? f->line : t->row.line;
    *col = f ? f->col : (t->row.n ? t->row.f[0].col : 1);
}

long sn_table_line(const sn_table *t) { return t->row.line; }
const char *sn_table_path(const sn_table *t) { return sn_csv_path(t->csv); }
int sn_table_row_errors(const sn_table *t) { return t->row_errors; }
size_t sn_table_errors(const sn_table *t)
{
    return t->errors + sn_csv_errors(t->csv);
}

static void report(sn_table *t, int warn, int c, const char *fmt, va_list ap)
{
    char msg[600], q[96];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const sn_csv_field *f = field(t, c);
    long line, col;
    sn_table_pos(t, c, &line, &col);
    const char *path = sn_csv_path(t->csv);
    if (warn) {
        if (f)
            sn_diag_warning(t->diag, path, line, col, "%s (got '%s')", msg,
                            sn_csv_quote(q, sizeof q, f->text));
        else
            sn_diag_warning(t->diag, path, line, col, "%s", msg);
        return;
    }
    t->row_errors++;
    t->errors++;
    if (f)
        sn_diag_error(t->diag, path, line, col, "%s (got '%s')", msg,
                      sn_csv_quote(q, sizeof q, f->text));
    else
        sn_diag_error(t->diag, path, line, col, "%s", msg);
}

void sn_table_fail(sn_table *t, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(t, 0, c, fmt, ap);
    va_end(ap);
}

void sn_table_warn(sn_table *t, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(t, 1, c, fmt, ap);
    va_end(ap);
}

/* 1: the field is empty (default applies or required error reported). */
static int empty_field(sn_table *t, int c, int *failed)
{
    *failed = 0;
    if (!sn_table_empty(t, c))
        return 0;
    if (t->cols[c].required) {
        sn_table_fail(t, c, "missing value for required column '%s'",
                      t->cols[c].name);
        *failed = 1;
    }
    return 1;
}

int sn_table_int(sn_table *t, int c, int def, int lo, int hi, int *out)
{
    int failed;
    *out = def;
    if (empty_field(t, c, &failed))
        return failed ? -1 : 0;
    const char *s = sn_table_text(t, c);
    long v = 0;
    if (sn_parse_long(s, &v) != 0 || v < lo || v > hi) {
        sn_table_fail(t, c, "%s must be a whole number from %d to %d",
                      t->cols[c].name, lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int sn_table_double(sn_table *t, int c, double def, double lo, double hi,
                    double *out)
{
    int failed;
    *out = def;
    if (empty_field(t, c, &failed))
        return failed ? -1 : 0;
    const char *s = sn_table_text(t, c);
    double v = 0;
    if (sn_parse_double(s, &v) != 0 || v < lo || v > hi) {
        if (isinf(hi))
            sn_table_fail(t, c, "%s must be a number >= %g", t->cols[c].name,
                          lo);
        else
            sn_table_fail(t, c, "%s must be a number from %g to %g",
                          t->cols[c].name, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int sn_table_bool(sn_table *t, int c, int def, int *out)
{
    int failed;
    *out = def;
    if (empty_field(t, c, &failed))
        return failed ? -1 : 0;
    const char *s = sn_table_text(t, c);
    if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0) {
        sn_table_fail(t, c, "%s must be 0 or 1", t->cols[c].name);
        return -1;
    }
    *out = s[0] == '1';
    return 0;
}

int sn_table_enum(sn_table *t, int c, const char *const *names, int def,
                  int *out)
{
    int failed;
    *out = def;
    if (empty_field(t, c, &failed))
        return failed ? -1 : 0;
    const char *s = sn_table_text(t, c);
    for (int i = 0; names[i]; i++) {
        if (!strcmp(s, names[i])) {
            *out = i;
            return 0;
        }
    }
    char list[256] = "";
    size_t o = 0;
    for (int i = 0; names[i] && o + 1 < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "",
                              names[i]);
    sn_table_fail(t, c, "%s must be one of %s", t->cols[c].name, list);
    return -1;
}

int sn_table_str(sn_table *t, int c, const char **out)
{
    int failed;
    *out = NULL;
    if (empty_field(t, c, &failed))
        return failed ? -1 : 0;
    *out = sn_table_text(t, c);
    return 0;
}
