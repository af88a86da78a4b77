/* csv.c - libcsv fed byte by byte, so that the start of every field has an
 * exact line and column, and the bytes are checked as UTF-8 on the way.
 *
 * Invariants: `line`/`col` name the character of the byte being fed; a
 * field's start is the first byte after the previous field's end that is
 * not a space or tab (or the row's terminator, for an empty last field);
 * at most SN_CSV_MAX_FIELD bytes of one field ever reach libcsv's buffer.
 * Runs of plain ASCII bytes, which cannot end a field, are handed to libcsv
 * in one call: that is the fast path that keeps a million rows well under a
 * second.
 */
#include "io/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/file.h"

#define CHUNK 65536

typedef struct field_ref {
    size_t off, len;
    long line, col;
} field_ref;

/* One row under construction: field bytes back to back, NUL-separated. */
typedef struct row_buf {
    char *text; size_t len, cap;
    field_ref *refs; size_t n, cap_refs;
    sn_csv_field *fields; size_t cap_fields;
    sn_csv_row row;
} row_buf;

struct sn_csv {
    char *path;
    FILE *f;
    sn_diag *diag;
    struct csv_parser p;
    int p_ready;
    unsigned char *buf; size_t len, pos;
    int eof, finished, stopped, oom;
    size_t errors;
    /* position of the byte being fed */
    long line, col;
    int prev_cr;
    /* UTF-8 decoder: continuation bytes still needed and their range */
    int u_need;
    unsigned char u_lo, u_hi, u_lead;
    long u_line, u_col;
    /* field tracking */
    int pending, in_row, f_quoted, too_many;
    long row_line;         /* line where the current row started */
    size_t row_bytes;      /* bytes fed since that row started */
    unsigned long long total; /* bytes fed from the file */
    long f_line, f_col;
    size_t f_bytes;
    long end_line, end_col; /* terminator of the last row */
    int row_done;
    row_buf cur, head;
};

static void bad(sn_csv *r, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void bad(sn_csv *r, long line, long col, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->errors++;
    sn_diag_error(r->diag, r->path, line, col, "%s", msg);
}

char *sn_csv_quote(char *buf, size_t n, const char *s)
{
    size_t o = 0, chars = 0;
    if (n < 8) {
        if (n)
            buf[0] = '\0';
        return buf;
    }
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        int lead = (c & 0xC0) != 0x80;
        if (lead && (chars >= 60 || o + 8 >= n)) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        chars += lead;
        if (c == '\n' || c == '\r') {
            buf[o++] = '\\';
            buf[o++] = c == '\n' ? 'n' : 'r';
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* ---- row buffers ------------------------------------------------------- */

static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * sz);
    if (!np)
        return SN_ENOMEM;
    *p = np;
    *cap = ncap;
    return 0;
}

static void row_dispose(row_buf *b)
{
    free(b->text);
    free(b->refs);
    free(b->fields);
    memset(b, 0, sizeof *b);
}

/* Points the public fields at the text (done once the row is complete, as
 * the text may move while the row grows). */
static int row_publish(row_buf *b)
{
    if (grow((void **)&b->fields, &b->cap_fields, b->n ? b->n : 1,
             sizeof *b->fields))
        return SN_ENOMEM;
    for (size_t i = 0; i < b->n; i++) {
        b->fields[i].text = b->text + b->refs[i].off;
        b->fields[i].len = b->refs[i].len;
        b->fields[i].line = b->refs[i].line;
        b->fields[i].col = b->refs[i].col;
    }
    b->row.n = b->n;
    b->row.f = b->fields;
    b->row.line = b->n ? b->refs[0].line : 0;
    return 0;
}

/* ---- libcsv callbacks -------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    sn_csv *r = data;
    row_buf *b = &r->cur;
    r->pending = 1;
    if (r->oom || r->too_many)
        return;
    if (b->n >= SN_CSV_MAX_FIELDS) {
        r->too_many = 1; /* reported by feed(), which stops the file */
        return;
    }
    if (grow((void **)&b->text, &b->cap, b->len + len + 1, 1) ||
        grow((void **)&b->refs, &b->cap_refs, b->n + 1, sizeof *b->refs)) {
        r->oom = 1;
        return;
    }
    if (len)
        memcpy(b->text + b->len, s, len);
    b->text[b->len + len] = '\0';
    b->refs[b->n].off = b->len;
    b->refs[b->n].len = len;
    b->refs[b->n].line = r->f_line;
    b->refs[b->n].col = r->f_col;
    b->n++;
    b->len += len + 1;
}

static void on_row(int c, void *data)
{
    sn_csv *r = data;
    (void)c;
    r->row_done = 1;
    r->in_row = 0;
    r->row_bytes = 0;
    r->pending = 1;
    r->end_line = r->line;
    r->end_col = r->col;
}

/* ---- byte checks -------------------------------------------------------- */

/* Checks one byte as UTF-8 text; reports and returns -1 when it is not. */
static int check_byte(sn_csv *r, unsigned char b)
{
    if (r->u_need) {
        if (b < r->u_lo || b > r->u_hi) {
            bad(r, r->u_line, r->u_col,
                "invalid UTF-8: byte 0x%02X cannot follow 0x%02X (save the "
                "file as UTF-8)", b, r->u_lead);
            return -1;
        }
        r->u_lo = 0x80;
        r->u_hi = 0xBF;
        r->u_need--;
        return 0;
    }
    if (b < 0x80) {
        if (b == 0) {
            bad(r, r->line, r->col, "NUL byte: this is not a text file");
            return -1;
        }
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
            bad(r, r->line, r->col,
                "control character 0x%02X: this is not a text file", b);
            return -1;
        }
        return 0;
    }
    r->u_lo = 0x80;
    r->u_hi = 0xBF;
    r->u_lead = b;
    r->u_line = r->line;
    r->u_col = r->col;
    if (b >= 0xC2 && b <= 0xDF) {
        r->u_need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        r->u_need = 2;
        if (b == 0xE0)
            r->u_lo = 0xA0; /* no overlong forms */
        if (b == 0xED)
            r->u_hi = 0x9F; /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        r->u_need = 3;
        if (b == 0xF0)
            r->u_lo = 0x90;
        if (b == 0xF4)
            r->u_hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        bad(r, r->line, r->col,
            "invalid UTF-8 byte 0x%02X (save the file as UTF-8)", b);
        return -1;
    }
    return 0;
}

/* Copies the part of the current field libcsv holds, for messages. */
static char *partial_field(const sn_csv *r, char *buf, size_t n)
{
    char tmp[256];
    size_t k = r->p.entry_pos < sizeof tmp - 1 ? r->p.entry_pos
                                               : sizeof tmp - 1;
    if (r->p.entry_buf && k)
        memcpy(tmp, r->p.entry_buf, k);
    tmp[k] = '\0';
    return sn_csv_quote(buf, n, tmp);
}

static void parse_error(sn_csv *r, unsigned char b)
{
    char got[96];
    partial_field(r, got, sizeof got);
    if (r->f_quoted)
        bad(r, r->line, r->col,
            "malformed quote: text after the closing quote of a quoted "
            "field (got '\"%s%c')", got, b);
    else
        bad(r, r->line, r->col,
            "malformed quote: a quote inside an unquoted field; quote the "
            "whole field and double inner quotes (got '%s%c')", got, b);
}

/* ---- the byte pump ------------------------------------------------------ */

static int plain(unsigned char c)
{
    return c > 0x20 && c < 0x7F && c != ',' && c != '"';
}

/* Feeds one byte (and, on the fast path, the plain bytes after it).
 * Returns -1 when the file must stop. */
static int feed(sn_csv *r)
{
    unsigned char b = r->buf[r->pos];
    int crlf = b == '\n' && r->prev_cr; /* one line end, not two */
    if (((b & 0xC0) != 0x80 || !r->u_need) && !crlf)
        r->col++; /* a stray continuation byte counts as a character */
    if (check_byte(r, b))
        return -1;
    if (r->pending && b != ' ' && b != '\t' &&
        (r->in_row || (b != '\r' && b != '\n'))) {
        if (!r->in_row)
            r->row_line = r->line;
        r->pending = 0;
        r->in_row = 1;
        r->f_line = r->line;
        r->f_col = r->col;
        r->f_bytes = 0;
        r->f_quoted = b == '"';
    }
    size_t run = 1;
    if (plain(b) && !r->u_need) {
        size_t lim = r->len - r->pos;
        while (run < lim && plain(r->buf[r->pos + run]))
            run++;
    }
    if (!r->pending) {
        r->f_bytes += run;
        /* the field's bytes, its quotes and the byte that ends it */
        if (r->f_bytes > SN_CSV_MAX_FIELD + (r->f_quoted ? 3u : 1u)) {
            bad(r, r->f_line, r->f_col, "field longer than %d bytes%s",
                SN_CSV_MAX_FIELD,
                r->f_quoted ? " (an unterminated quote?)" : "");
            return -1;
        }
    }
    r->total += run;
    if (r->in_row && (r->row_bytes += run) > SN_CSV_MAX_ROW) {
        bad(r, r->row_line, 1, "row longer than %d bytes", SN_CSV_MAX_ROW);
        return -1;
    }
    if (r->total > SN_CSV_MAX_FILE) {
        bad(r, r->line, r->col, "file larger than %lld bytes",
            (long long)SN_CSV_MAX_FILE);
        return -1;
    }
    if (csv_parse(&r->p, r->buf + r->pos, run, on_field, on_row, r) != run) {
        if (csv_error(&r->p) == CSV_EPARSE) {
            parse_error(r, b);
            return -1;
        }
        r->oom = 1;
        return -1;
    }
    if (r->too_many) {
        bad(r, r->f_line, r->f_col, "row has more than %d fields",
            SN_CSV_MAX_FIELDS);
        return -1;
    }
    r->pos += run;
    r->col += (long)run - 1;
    if (b == '\r' || (b == '\n' && !crlf)) {
        r->line++;
        r->col = 0;
    }
    r->prev_cr = b == '\r';
    return 0;
}

static int refill(sn_csv *r, sn_error *err)
{
    r->len = fread(r->buf, 1, CHUNK, r->f);
    r->pos = 0;
    if (r->len < CHUNK) {
        if (ferror(r->f))
            return sn_error_set(err, SN_EIO, "%s: read error (%s)", r->path,
                                strerror(errno));
        r->eof = 1;
    }
    return 0;
}

/* At the end of the input: flushes the last row and checks for a
 * dangling quote or character. */
static void finish(sn_csv *r)
{
    r->finished = 1;
    r->col++; /* the position just past the last character */
    if (r->u_need) {
        bad(r, r->u_line, r->u_col,
            "invalid UTF-8: the file ends inside a character (save the "
            "file as UTF-8)");
        return;
    }
    if (csv_fini(&r->p, on_field, on_row, r) != 0) {
        if (csv_error(&r->p) == CSV_EPARSE) {
            char got[96];
            partial_field(r, got, sizeof got);
            bad(r, r->f_line, r->f_col,
                "unterminated quoted field (got '\"%s')", got);
        } else {
            r->oom = 1;
        }
    }
}

/* Reads until a row is complete.  1: row in r->cur; 0: end; < 0: error. */
static int pump(sn_csv *r, sn_error *err)
{
    r->cur.n = 0;
    r->cur.len = 0;
    r->row_done = 0;
    while (!r->row_done) {
        if (r->stopped || r->finished)
            break;
        if (r->pos == r->len) {
            if (r->eof) {
                finish(r);
                continue;
            }
            int rc = refill(r, err);
            if (rc)
                return rc;
            continue;
        }
        if (feed(r))
            r->stopped = 1;
        if (r->oom)
            break;
    }
    if (r->oom)
        return sn_error_set(err, SN_ENOMEM, "%s: out of memory", r->path);
    if (!r->row_done || r->stopped)
        return 0;
    return row_publish(&r->cur) ? sn_error_set(err, SN_ENOMEM,
                                               "out of memory")
                                : 1;
}

/* ---- public ----------------------------------------------------------- */

int sn_csv_open(sn_csv **out, const char *path, sn_diag *diag, sn_error *err)
{
    *out = NULL;
    sn_csv *r = calloc(1, sizeof *r);
    if (!r)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = SN_ENOMEM;
    r->diag = diag;
    r->line = 1;
    r->pending = 1;
    r->path = strdup(path);
    r->buf = malloc(CHUNK);
    if (!r->path || !r->buf) {
        sn_error_set(err, SN_ENOMEM, "out of memory");
        goto fail;
    }
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        sn_error_set(err, SN_ENOMEM, "out of memory");
        goto fail;
    }
    r->p_ready = 1;
    char why[128];
    struct stat st;
    if (sn_file_open_read(&r->f, path, why, sizeof why) != 0) {
        r->errors++;
        sn_diag_error(diag, path, 0, 0, "%s", why);
        rc = SN_EINPUT;
        goto fail;
    }
    if (fstat(fileno(r->f), &st) == 0 && st.st_size > SN_CSV_MAX_FILE) {
        bad(r, 0, 0, "file larger than %lld bytes", (long long)SN_CSV_MAX_FILE);
        rc = SN_EINPUT;
        goto fail;
    }
    if ((rc = refill(r, err)) != 0)
        goto fail;
    if (r->len >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3))
        r->pos = 3; /* UTF-8 byte order mark */
    rc = pump(r, err);
    if (rc < 0)
        goto fail;
    if (rc == 0) {
        if (!r->errors)
            bad(r, 1, 1, "empty file: expected a header row");
        rc = SN_EINPUT;
        goto fail;
    }
    /* the first row becomes the header; the row buffer starts afresh */
    r->head = r->cur;
    memset(&r->cur, 0, sizeof r->cur);
    *out = r;
    return 0;
fail:
    sn_csv_free(r);
    return rc;
}

void sn_csv_free(sn_csv *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    if (r->p_ready)
        csv_free(&r->p);
    row_dispose(&r->cur);
    row_dispose(&r->head);
    free(r->buf);
    free(r->path);
    free(r);
}

const sn_csv_row *sn_csv_header(const sn_csv *r) { return &r->head.row; }

size_t sn_csv_errors(const sn_csv *r) { return r->errors; }

const char *sn_csv_path(const sn_csv *r) { return r->path; }

int sn_csv_next(sn_csv *r, sn_csv_row *row, sn_error *err)
{
    size_t want = r->head.row.n;
    for (;;) {
        int rc = pump(r, err);
        if (rc <= 0)
            return rc;
        const sn_csv_row *got = &r->cur.row;
        if (got->n == want) {
            *row = *got;
            return 1;
        }
        if (got->n > want) {
            char q[96];
            const sn_csv_field *x = &got->f[want];
            bad(r, x->line, x->col,
                "row has %zu fields, the header has %zu (got '%s')", got->n,
                want, sn_csv_quote(q, sizeof q, x->text));
        } else {
            bad(r, r->end_line, r->end_col,
                "row has %zu fields, the header has %zu", got->n, want);
        }
    }
}
