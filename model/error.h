/* error.h - error values and diagnostic lists shared by every module.
 *
 * Errors are values: a function returns 0 or a negative SN_E* code and, when
 * it fails, fills the caller's sn_error with one line.  Input validation
 * collects many messages (one per bad field) in an sn_diag, so a planner sees
 * every problem of a file at once instead of fixing them one run at a time.
 * There is no hidden "last error": both objects are passed explicitly.
 */
#ifndef SN_ERROR_H
#define SN_ERROR_H

#include <stddef.h>

enum {
    SN_OK = 0,
    SN_ENOMEM = -1,  /* out of memory */
    SN_EINPUT = -2,  /* the user's input is invalid (details in the sn_diag) */
    SN_EIO = -3,     /* a file could not be read or written */
    SN_ESOLVER = -4, /* the solver failed to run (not: infeasible) */
    SN_EUSAGE = -5,  /* a caller passed arguments that make no sense */
    SN_ENUMERIC = -6 /* a numerical routine failed (GSL status) */
};

/* One message, at most SN_ERROR_MAX - 1 bytes, for a failing call. */
#define SN_ERROR_MAX 1024
typedef struct sn_error {
    int code;
    char msg[SN_ERROR_MAX];
} sn_error;

/* Sets err (which may be NULL) and returns code, so callers can write
 * `return sn_error_set(err, SN_EIO, "%s: %s", path, strerror(errno));`. */
int sn_error_set(sn_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Returns a static English word for a code ("out of memory", ...). */
const char *sn_error_str(int code);

/* A list of errors and warnings.  Each line is a complete message such as
 * "data/schools.csv:12:7: unknown stage (got 'middle')".  At most `limit`
 * errors per file are stored (later ones are counted in `suppressed`), so a
 * file with a million bad rows gives a readable report. */
typedef struct sn_diag_item {
    int is_warning;
    char *text; /* owned */
} sn_diag_item;

typedef struct sn_diag {
    sn_diag_item *items;
    size_t n, cap;
    size_t errors, warnings;  /* all reported, stored or not */
    size_t limit_per_file;    /* 0 means SN_DIAG_DEFAULT_LIMIT */
    size_t suppressed;        /* errors counted but not stored */
    char *cur_file;           /* file the per-file count applies to */
    size_t cur_file_errors;
    int oom;                  /* an allocation failed while reporting */
} sn_diag;

#define SN_DIAG_DEFAULT_LIMIT 50
#define SN_DIAG_INIT {NULL, 0, 0, 0, 0, 0, 0, NULL, 0, 0}

/* Reports an error at path:line:column (line/column 0 are omitted). */
void sn_diag_error(sn_diag *d, const char *path, long line, long col,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void sn_diag_warning(sn_diag *d, const char *path, long line, long col,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Frees every message; the sn_diag may be reused after. Accepts NULL. */
void sn_diag_dispose(sn_diag *d);

#endif
