/* write_report_table.c - a plan's CSV and JSON text as tables and key
 * paths, for the report and the workbook.
 *
 * The texts are the plan's own files (written by io/write_plan and
 * io/write_teachers, or edited by hand before `schoolnet report`), so the
 * parser is strict about what would make a table ambiguous (an
 * unterminated quote, a row longer than the header) and reports it as an
 * input error; it never reads past the text, whatever it holds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/json.h"
#include "io/write_report_impl.h"

void rep_table_dispose(rep_table *t)
{
    free(t->buf);
    free(t->cell);
    memset(t, 0, sizeof *t);
}

int rep_table_col(const rep_table *t, const char *name)
{
    for (int c = 0; c < t->cols; c++)
        if (!strcmp(t->cell[c], name))
            return c;
    return -1;
}

const char *rep_table_get(const rep_table *t, int r, int c)
{
    if (c < 0 || c >= t->cols || r < 0 || r >= t->rows)
        return "";
    return t->cell[(size_t)(r + 1) * (size_t)t->cols + (size_t)c];
}

typedef struct parser {
    char *w;            /* write position in buf */
    const char *s, *end;
    long line;
    char **row;         /* fields of the current row */
    size_t nrow, caprow;
} parser;

static int push_field(parser *p, char *start)
{
    if (p->nrow == p->caprow) {
        size_t ncap = p->caprow ? 2 * p->caprow : 16;
        char **nr = realloc(p->row, ncap * sizeof *nr);
        if (!nr)
            return SN_ENOMEM;
        p->row = nr;
        p->caprow = ncap;
    }
    p->row[p->nrow++] = start;
    return 0;
}

/* Reads one record into p->row: 0; 1 at the end of the text; 2 for an
 * unterminated quote; SN_ENOMEM. */
static int next_record(parser *p)
{
    p->nrow = 0;
    if (p->s >= p->end)
        return 1;
    for (;;) {
        char *start = p->w;
        if (p->s < p->end && *p->s == '"') {
            p->s++;
            for (;;) {
                if (p->s >= p->end)
                    return 2;
                if (*p->s == '"') {
                    if (p->s + 1 < p->end && p->s[1] == '"') {
                        *p->w++ = '"';
                        p->s += 2;
                        continue;
                    }
                    p->s++;
                    break;
                }
                if (*p->s == '\n')
                    p->line++;
                *p->w++ = *p->s++;
            }
            /* text after the closing quote up to the separator is kept */
        }
        while (p->s < p->end && *p->s != ',' && *p->s != '\n' &&
               *p->s != '\r')
            *p->w++ = *p->s++;
        *p->w++ = '\0';
        if (push_field(p, start))
            return SN_ENOMEM;
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            continue;
        }
        if (p->s < p->end && *p->s == '\r')
            p->s++;
        if (p->s < p->end && *p->s == '\n')
            p->s++;
        p->line++;
        return 0;
    }
}

int rep_table_parse(rep_table *t, const char *text, size_t len,
                    const char *name, sn_diag *diag, sn_error *err)
{
    memset(t, 0, sizeof *t);
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;
        len -= 3;
    }
    /* fields are copied in place: each takes at most its raw bytes, and
     * its NUL the separator's byte (one more for the last field) */
    parser p = {NULL, text, text + len, 1, NULL, 0, 0};
    size_t ncell = 0, capcell = 0;
    int rc = 0;
    if (!(t->buf = malloc(len + 2)))
        goto oom;
    p.w = t->buf;
    for (;;) {
        long line = p.line;
        int k = next_record(&p);
        if (k == 1)
            break;
        if (k == SN_ENOMEM)
            goto oom;
        if (k == 2) {
            sn_diag_error(diag, name, line, 0, "unterminated quoted field");
            rc = SN_EINPUT;
            goto fail;
        }
        if (p.nrow == 1 && !p.row[0][0] && t->cols > 0)
            continue; /* a blank line */
        if (t->cols == 0)
            t->cols = (int)p.nrow;
        else if (p.nrow > (size_t)t->cols) {
            sn_diag_error(diag, name, line, 0, "row has %zu fields, the "
                          "header has %d", p.nrow, t->cols);
            rc = SN_EINPUT;
            goto fail;
        }
        if (ncell + (size_t)t->cols > capcell) {
            size_t ncap = capcell ? 2 * capcell : 256;
            while (ncap < ncell + (size_t)t->cols)
                ncap *= 2;
            char **nc = realloc(t->cell, ncap * sizeof *nc);
            if (!nc)
                goto oom;
            t->cell = nc;
            capcell = ncap;
        }
        for (size_t c = 0; c < p.nrow; c++)
            t->cell[ncell + c] = p.row[c];
        /* missing trailing fields point at the row's last NUL: "" */
        for (int c = (int)p.nrow; c < t->cols; c++)
            t->cell[ncell + (size_t)c] = p.row[p.nrow - 1] +
                                         strlen(p.row[p.nrow - 1]);
        ncell += (size_t)t->cols;
    }
    if (t->cols == 0) {
        sn_diag_error(diag, name, 1, 0, "empty file: expected a header row");
        rc = SN_EINPUT;
        goto fail;
    }
    t->rows = (int)(ncell / (size_t)t->cols) - 1;
    free(p.row);
    return 0;
oom:
    rc = sn_error_set(err, SN_ENOMEM, "out of memory");
fail:
    free(p.row);
    rep_table_dispose(t);
    return rc;
}

/* ---- summary.json ------------------------------------------------------ */

typedef struct sum_ctx {
    rep_summary *s;
    int oom;
} sum_ctx;

static void on_value(void *ctx, const char *key, const sn_json_value *v)
{
    sum_ctx *c = ctx;
    rep_summary *s = c->s;
    if (c->oom)
        return;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 64;
        rep_kv *nk = realloc(s->kv, ncap * sizeof *nk);
        if (!nk) {
            c->oom = 1;
            return;
        }
        s->kv = nk;
        s->cap = ncap;
    }
    rep_kv *kv = &s->kv[s->n];
    memset(kv, 0, sizeof *kv);
    char num[64];
    const char *str = v->kind == SN_JSON_STRING ? v->str
                      : v->kind == SN_JSON_BOOL ? (v->boolean ? "true"
                                                              : "false")
                                                : "null";
    if (v->kind == SN_JSON_NUMBER) {
        kv->is_num = 1;
        kv->num = v->num;
        /* the shortest fixed-point text that reads back as the same
         * number (summary.json writes integers and %.3f, %.4f, %.6f) */
        snprintf(num, sizeof num, "%.17g", v->num);
        for (int dec = 0; dec <= 9 && fabs(v->num) < 1e15; dec++) {
            char t[64];
            snprintf(t, sizeof t, "%.*f", dec, v->num);
            if (strtod(t, NULL) == v->num) {
                memcpy(num, t, strlen(t) + 1);
                break;
            }
        }
        str = num;
    }
    kv->key = strdup(key);
    kv->str = strdup(str);
    if (!kv->key || !kv->str) {
        free(kv->key);
        free(kv->str);
        c->oom = 1;
        return;
    }
    s->n++;
}

int rep_summary_parse(rep_summary *s, const char *text, size_t len,
                      const char *name, sn_diag *diag, sn_error *err)
{
    memset(s, 0, sizeof *s);
    sum_ctx c = {s, 0};
    int rc = sn_json_scan(text, len, name, on_value, &c, diag, err);
    if (rc == 0 && c.oom)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc)
        rep_summary_dispose(s);
    return rc;
}

void rep_summary_dispose(rep_summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->kv[i].key);
        free(s->kv[i].str);
    }
    free(s->kv);
    memset(s, 0, sizeof *s);
}

const rep_kv *rep_summary_get(const rep_summary *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->kv[i].key, key))
            return &s->kv[i];
    return NULL;
}

int rep_summary_num(const rep_summary *s, const char *key, double *v)
{
    const rep_kv *kv = rep_summary_get(s, key);
    if (!kv || !kv->is_num)
        return 0;
    *v = kv->num;
    return 1;
}
