/* table.h - a CSV file read against a schema: named columns, typed fields.
 *
 * The caller describes its columns (name, required or optional); the header
 * row is matched against them by exact name.  Then each data row's fields
 * are read with typed getters that report a bad value at the field's own
 * line and column, in the form
 *
 *   path:line:col: <column> must be ... (got 'value')
 *
 * Header problems:
 *   path:1:1: missing required column 'x' (got header 'a,b,c')   error
 *   path:1:C: duplicate column 'x'                                error
 *   path:1:C: empty column name                                   error
 *   path:1:C: warning: unknown column 'x' (ignored)               warning
 * Field problems (getters): an empty required field is
 *   "missing value for required column 'x'"; the other messages are listed
 * with each getter.  An optional column that is absent from the header, or
 * empty in a row, gives the getter's documented default.
 */
#ifndef SN_TABLE_H
#define SN_TABLE_H

#include <stddef.h>

#include "model/error.h"

typedef struct sn_table_col {
    const char *name;
    int required;
} sn_table_col;

typedef struct sn_table sn_table;

/* Opens path, reads its header and maps it to cols[0..ncols).  cols is
 * borrowed and must outlive the table; diag too.  Returns 0; SN_EINPUT with
 * messages in diag when the file cannot be used (missing, empty, not text,
 * header errors); SN_EIO or SN_ENOMEM in err.  *out is NULL on failure. */
int sn_table_open(sn_table **out, const char *path, const sn_table_col *cols,
                  size_t ncols, sn_diag *diag, sn_error *err);
/* Accepts NULL. */
void sn_table_free(sn_table *t);

/* Moves to the next data row: 1, 0 at the end (or when the file stopped on
 * an error in diag), SN_EIO / SN_ENOMEM (err). */
int sn_table_next(sn_table *t, sn_error *err);

/* Whether column c appears in the header. */
int sn_table_has_column(const sn_table *t, int c);
/* Whether column c is absent or empty in the current row. */
int sn_table_empty(const sn_table *t, int c);
/* Text of column c in the current row; "" when absent.  Borrowed until the
 * next sn_table_next. */
const char *sn_table_text(const sn_table *t, int c);
/* Position of column c's field in the current row (of the row's first
 * field when the column is absent). */
void sn_table_pos(const sn_table *t, int c, long *line, long *col);
/* Line of the current row. */
long sn_table_line(const sn_table *t);
const char *sn_table_path(const sn_table *t);
/* Number of errors reported for the current row (getters, sn_table_fail). */
int sn_table_row_errors(const sn_table *t);
/* Total input errors reported for this file so far. */
size_t sn_table_errors(const sn_table *t);

/* Reports an error at column c's field of the current row (at the row's
 * first field when the column is absent) and appends " (got 'value')" when
 * the field is present. */
void sn_table_fail(sn_table *t, int c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, as a warning. */
void sn_table_warn(sn_table *t, int c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Typed getters.  Each returns 0 with *out set (to def when the optional
 * field is empty), or -1 after reporting; *out is then def. */

/* A whole number in [lo, hi]: "<col> must be a whole number from lo to hi" */
int sn_table_int(sn_table *t, int c, int def, int lo, int hi, int *out);
/* A finite number in [lo, hi] (hi may be HUGE_VAL):
 * "<col> must be a number from lo to hi" / "... a number >= lo" */
int sn_table_double(sn_table *t, int c, double def, double lo, double hi,
                    double *out);
/* 0 or 1: "<col> must be 0 or 1" */
int sn_table_bool(sn_table *t, int c, int def, int *out);
/* One of names[] (NULL-terminated); *out is the index:
 * "<col> must be one of a, b, c" */
int sn_table_enum(sn_table *t, int c, const char *const *names, int def,
                  int *out);
/* A string: *out is the text, or NULL when the optional field is empty.
 * Required and empty: "missing value for required column '<col>'". */
int sn_table_str(sn_table *t, int c, const char **out);

#endif
