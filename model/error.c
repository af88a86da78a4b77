/* error.c - sn_error and sn_diag: messages as values, never printed here. */
#include "model/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sn_error_set(sn_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

const char *sn_error_str(int code)
{
    switch (code) {
    case SN_OK: return "success";
    case SN_ENOMEM: return "out of memory";
    case SN_EINPUT: return "invalid input";
    case SN_EIO: return "input/output error";
    case SN_ESOLVER: return "solver failure";
    case SN_EUSAGE: return "invalid arguments";
    case SN_ENUMERIC: return "numerical failure";
    default: return "unknown error";
    }
}

static void diag_add(sn_diag *d, int warn, const char *path, long line,
                     long col, const char *fmt, va_list ap)
{
    if (warn) {
        d->warnings++;
    } else {
        d->errors++;
        const char *p = path ? path : "";
        if (!d->cur_file || strcmp(d->cur_file, p) != 0) {
            free(d->cur_file);
            d->cur_file = strdup(p);
            d->cur_file_errors = 0;
        }
        size_t limit = d->limit_per_file ? d->limit_per_file
                                         : SN_DIAG_DEFAULT_LIMIT;
        if (++d->cur_file_errors > limit) {
            d->suppressed++;
            return;
        }
    }
    char body[768];
    vsnprintf(body, sizeof body, fmt, ap);
    char head[320] = "";
    if (path && line > 0 && col > 0)
        snprintf(head, sizeof head, "%s:%ld:%ld: ", path, line, col);
    else if (path && line > 0)
        snprintf(head, sizeof head, "%s:%ld: ", path, line);
    else if (path)
        snprintf(head, sizeof head, "%s: ", path);
    size_t len = strlen(head) + strlen(body) + (warn ? 9 : 0) + 1;
    char *text = malloc(len);
    if (!text) {
        d->oom = 1;
        return;
    }
    snprintf(text, len, "%s%s%s", head, warn ? "warning: " : "", body);
    if (d->n == d->cap) {
        size_t ncap = d->cap ? 2 * d->cap : 16;
        sn_diag_item *ni = realloc(d->items, ncap * sizeof *ni);
        if (!ni) {
            free(text);
            d->oom = 1;
            return;
        }
        d->items = ni;
        d->cap = ncap;
    }
    d->items[d->n].is_warning = warn;
    d->items[d->n].text = text;
    d->n++;
}

void sn_diag_error(sn_diag *d, const char *path, long line, long col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, 0, path, line, col, fmt, ap);
    va_end(ap);
}

void sn_diag_warning(sn_diag *d, const char *path, long line, long col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, 1, path, line, col, fmt, ap);
    va_end(ap);
}

void sn_diag_dispose(sn_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].text);
    free(d->items);
    free(d->cur_file);
    size_t limit = d->limit_per_file;
    memset(d, 0, sizeof *d);
    d->limit_per_file = limit;
}
