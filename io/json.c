/* json.c - recursive-descent JSON scanner with key paths and positions.
 *
 * Invariants: s[i] is the next byte; line/col name its character (col
 * advances once per UTF-8 lead byte); key[0..klen) is the path of the value
 * being parsed.  Depth is bounded, so recursion is too.
 */
#include "io/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

typedef struct js {
    const char *s;
    size_t i, n;
    long line, col;
    const char *path;
    sn_diag *diag;
    sn_json_fn fn;
    void *ctx;
    char key[SN_JSON_MAX_PATH];
    size_t klen;
    char *sbuf; /* SN_JSON_MAX_STRING bytes */
    int failed;
} js;

static int peek(const js *p) { return p->i < p->n ? (unsigned char)p->s[p->i] : -1; }

static void advance(js *p)
{
    unsigned char b = (unsigned char)p->s[p->i++];
    if (b == '\n') {
        p->line++;
        p->col = 1;
    } else if ((b & 0xC0) != 0x80) {
        p->col++;
    }
}

static void skip_ws(js *p)
{
    for (int c = peek(p); c == ' ' || c == '\t' || c == '\n' || c == '\r';
         c = peek(p))
        advance(p);
}

/* Reports a syntax error at (line, col) with the text found there. */
static void fail_at(js *p, long line, long col, size_t at, const char *what)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (at >= p->n) {
        sn_diag_error(p->diag, p->path, line, col, "%s (got end of file)",
                      what);
        return;
    }
    char raw[32], quoted[80];
    size_t k = 0;
    while (k < sizeof raw - 1 && at + k < p->n && p->s[at + k] != '\n' &&
           p->s[at + k] != '\0')
        raw[k] = p->s[at + k], k++;
    raw[k] = '\0';
    sn_diag_error(p->diag, p->path, line, col, "%s (got '%s')", what,
                  sn_csv_quote(quoted, sizeof quoted, raw));
}

static void fail(js *p, const char *what)
{
    fail_at(p, p->line, p->col, p->i, what);
}

static int hex4(js *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int c = peek(p), d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + (unsigned)d;
        advance(p);
    }
    *out = v;
    return 0;
}

/* Decodes \uXXXX (and a following low surrogate) as UTF-8 into buf. */
static int unicode_escape(js *p, char *buf, size_t *len)
{
    unsigned cp, lo;
    if (hex4(p, &cp))
        return -1;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return -1;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (peek(p) != '\\')
            return -1;
        advance(p);
        if (peek(p) != 'u')
            return -1;
        advance(p);
        if (hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (*len + 4 >= SN_JSON_MAX_STRING)
        return -1;
    if (cp < 0x80) {
        buf[(*len)++] = (char)cp;
    } else if (cp < 0x800) {
        buf[(*len)++] = (char)(0xC0 | (cp >> 6));
        buf[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[(*len)++] = (char)(0xE0 | (cp >> 12));
        buf[(*len)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[(*len)++] = (char)(0xF0 | (cp >> 18));
        buf[(*len)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[(*len)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*len)++] = (char)(0x80 | (cp & 0x3F));
    }
    return 0;
}

/* Parses a string at s[i] == '"' into p->sbuf. */
static int parse_string(js *p)
{
    long line = p->line, col = p->col;
    size_t start = p->i, len = 0;
    advance(p);
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            fail_at(p, line, col, start, "unterminated string");
            return -1;
        }
        if (c < 0x20) {
            fail(p, "control character in a string");
            return -1;
        }
        if (len + 1 >= SN_JSON_MAX_STRING) {
            fail_at(p, line, col, start, "string too long");
            return -1;
        }
        advance(p);
        if (c == '"')
            break;
        if (c != '\\') {
            p->sbuf[len++] = (char)c;
            continue;
        }
        long eline = p->line, ecol = p->col - 1;
        size_t eat = p->i - 1;
        int e = peek(p);
        const char *simple = strchr("\"\\/bfnrt", e > 0 ? e : 'x');
        if (e > 0 && simple) {
            static const char out[] = "\"\\/\b\f\n\r\t";
            p->sbuf[len++] = out[simple - "\"\\/bfnrt"];
            advance(p);
        } else if (e == 'u') {
            advance(p);
            if (unicode_escape(p, p->sbuf, &len)) {
                fail_at(p, eline, ecol, eat, "bad \\u escape");
                return -1;
            }
        } else {
            fail_at(p, eline, ecol, eat, "bad escape in a string");
            return -1;
        }
    }
    p->sbuf[len] = '\0';
    return 0;
}

static void emit(js *p, sn_json_value *v)
{
    p->key[p->klen] = '\0';
    if (p->fn)
        p->fn(p->ctx, p->key, v);
}

static int span_digits(js *p)
{
    int k = 0;
    while (peek(p) >= '0' && peek(p) <= '9')
        advance(p), k++;
    return k;
}

static int parse_number(js *p, sn_json_value *v)
{
    size_t start = p->i;
    if (peek(p) == '-')
        advance(p);
    int lead = peek(p), ok = span_digits(p) > 0;
    if (ok && lead == '0' && p->i - start > 1 + (p->s[start] == '-'))
        ok = 0; /* leading zero */
    if (ok && peek(p) == '.') {
        advance(p);
        ok = span_digits(p) > 0;
    }
    if (ok && (peek(p) == 'e' || peek(p) == 'E')) {
        advance(p);
        if (peek(p) == '+' || peek(p) == '-')
            advance(p);
        ok = span_digits(p) > 0;
    }
    char buf[64];
    size_t len = p->i - start;
    if (!ok || len >= sizeof buf) {
        fail_at(p, v->line, v->col, start, ok ? "number too long"
                                              : "malformed number");
        return -1;
    }
    memcpy(buf, p->s + start, len);
    buf[len] = '\0';
    v->num = strtod(buf, NULL);
    if (!isfinite(v->num)) {
        fail_at(p, v->line, v->col, start, "number out of range");
        return -1;
    }
    v->kind = SN_JSON_NUMBER;
    return 0;
}

static int literal(js *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0)
        return -1;
    for (size_t j = 0; j < k; j++)
        advance(p);
    return 0;
}

static int parse_value(js *p, int depth);

/* Appends ".name" or "[i]" to the key path; restores with p->klen = saved. */
static int push_key(js *p, const char *name, long index)
{
    char part[SN_JSON_MAX_PATH + 16];
    if (name)
        snprintf(part, sizeof part, "%s%s", p->klen ? "." : "", name);
    else
        snprintf(part, sizeof part, "[%ld]", index);
    size_t len = strlen(part);
    if (p->klen + len >= SN_JSON_MAX_PATH) {
        fail(p, "key path too long");
        return -1;
    }
    memcpy(p->key + p->klen, part, len + 1);
    p->klen += len;
    return 0;
}

static int parse_members(js *p, int depth, int is_object)
{
    int close = is_object ? '}' : ']';
    advance(p);
    skip_ws(p);
    if (peek(p) == close) {
        advance(p);
        return 0;
    }
    for (long index = 0;; index++) {
        size_t saved = p->klen;
        if (is_object) {
            if (peek(p) != '"') {
                fail(p, "expected a key in double quotes");
                return -1;
            }
            if (parse_string(p) || push_key(p, p->sbuf, 0))
                return -1;
            skip_ws(p);
            if (peek(p) != ':') {
                fail(p, "expected ':' after the key");
                return -1;
            }
            advance(p);
        } else if (push_key(p, NULL, index)) {
            return -1;
        }
        if (parse_value(p, depth + 1))
            return -1;
        p->klen = saved;
        skip_ws(p);
        if (peek(p) == close) {
            advance(p);
            return 0;
        }
        if (peek(p) != ',') {
            fail(p, is_object ? "expected ',' or '}'" : "expected ',' or ']'");
            return -1;
        }
        advance(p);
        skip_ws(p);
    }
}

static int parse_value(js *p, int depth)
{
    skip_ws(p);
    if (depth > SN_JSON_MAX_DEPTH) {
        fail(p, "nested too deeply");
        return -1;
    }
    sn_json_value v = {SN_JSON_NULL, 0, 0, NULL, p->line, p->col};
    int c = peek(p);
    if (c == '{' || c == '[')
        return parse_members(p, depth, c == '{');
    if (c == '"') {
        if (parse_string(p))
            return -1;
        v.kind = SN_JSON_STRING;
        v.str = p->sbuf;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (parse_number(p, &v))
            return -1;
    } else if (literal(p, "true") == 0 || literal(p, "false") == 0) {
        v.kind = SN_JSON_BOOL;
        v.boolean = c == 't';
    } else if (literal(p, "null") != 0) {
        fail(p, "expected a value");
        return -1;
    }
    emit(p, &v);
    return 0;
}

int sn_json_scan(const char *text, size_t len, const char *path,
                 sn_json_fn fn, void *ctx, sn_diag *diag, sn_error *err)
{
    js p;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.n = len;
    p.line = p.col = 1;
    p.path = path;
    p.diag = diag;
    p.fn = fn;
    p.ctx = ctx;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        p.i = 3;
    if (!(p.sbuf = malloc(SN_JSON_MAX_STRING)))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    if (parse_value(&p, 0) == 0) {
        skip_ws(&p);
        if (p.i < p.n)
            fail(&p, "unexpected text after the JSON value");
    }
    free(p.sbuf);
    return p.failed ? SN_EINPUT : 0;
}
