/* json.h - a small JSON reader for the summaries schoolnet writes: it walks
 * one JSON text and hands every scalar to a callback with its key path.
 *
 * Paths join object keys with '.' and number array elements in brackets:
 * {"cost": {"total": 1}, "levels": [2, 3]} gives "cost.total", "levels[0]",
 * "levels[1]".  Strict RFC 8259 syntax (no comments, no trailing commas, no
 * NaN); nesting deeper than SN_JSON_MAX_DEPTH, paths longer than
 * SN_JSON_MAX_PATH - 1 bytes and strings longer than SN_JSON_MAX_STRING - 1
 * bytes are errors, so no input can exhaust the stack or memory.  The first
 * syntax error stops the scan and is reported as
 *   path:line:col: <what> (got 'text')
 * with columns counted in UTF-8 characters.
 */
#ifndef SN_JSON_H
#define SN_JSON_H

#include <stddef.h>

#include "model/error.h"

#define SN_JSON_MAX_DEPTH 64
#define SN_JSON_MAX_PATH 512
#define SN_JSON_MAX_STRING 4096

typedef enum { SN_JSON_NULL, SN_JSON_BOOL, SN_JSON_NUMBER,
               SN_JSON_STRING } sn_json_kind;

typedef struct sn_json_value {
    sn_json_kind kind;
    double num;      /* SN_JSON_NUMBER */
    int boolean;     /* SN_JSON_BOOL */
    const char *str; /* SN_JSON_STRING: UTF-8, escapes decoded, borrowed for
                      * the duration of the callback */
    long line, col;  /* where the value starts */
} sn_json_value;

/* Called for each scalar; key is borrowed for the call. */
typedef void (*sn_json_fn)(void *ctx, const char *key, const sn_json_value *v);

/* Scans text[0..len) (a BOM is skipped).  `path` names the source in
 * messages.  Returns 0; SN_EINPUT after reporting the syntax error to diag
 * (callbacks made before the error stand); SN_ENOMEM (err). */
int sn_json_scan(const char *text, size_t len, const char *path,
                 sn_json_fn fn, void *ctx, sn_diag *diag, sn_error *err);

#endif
