/* csv.h - a CSV reader that knows where every field came from.
 *
 * Wraps libcsv (strict mode; the only file that includes <csv.h>) and adds
 * what input validation needs: the line and column (1-based, columns counted
 * in UTF-8 characters) of every field, a header row, and checks that turn
 * bad files into messages instead of crashes or unbounded memory:
 *
 *   path: cannot open (No such file or directory)        missing file
 *   path:1:1: empty file: expected a header row           empty file
 *   path:L:C: unterminated quoted field (got '...')       at the opening quote
 *   path:L:C: malformed quote: ...                         at the bad quote
 *   path:L:C: row has N fields, the header has M           ragged row
 *   path:L:C: NUL byte: this is not a text file            binary data
 *   path:L:C: control character 0xNN: this is not a text file
 *   path:L:C: invalid UTF-8 byte 0xNN (save the file as UTF-8)
 *   path:L:C: invalid UTF-8: byte 0xNN cannot follow 0xNN (...)
 *   path:L:C: field longer than 65536 bytes                huge field
 *   path:L:C: row has more than 1024 fields                at the 1025th
 *   path:L:1: row longer than 1048576 bytes                huge row
 *   path: file larger than 1073741824 bytes                huge file
 *   path: not a regular file (a folder)                     also a FIFO,
 *                                                          a device...
 *
 * A UTF-8 byte order mark is skipped; lines end in LF or CRLF (a lone CR
 * counts as a line end too); blank lines are skipped; spaces and tabs
 * around unquoted fields are trimmed (libcsv's rule).  Encoding, quoting and
 * size errors stop the file (nothing after them can be trusted); a ragged
 * row is reported and skipped, and reading goes on.  At most
 * SN_CSV_MAX_FIELD bytes are buffered for one field, SN_CSV_MAX_FIELDS
 * fields and SN_CSV_MAX_ROW bytes for one row, so memory stays bounded
 * whatever the input; a file is read only when it is a regular file
 * (io/file.h: a FIFO never blocks) of at most SN_CSV_MAX_FILE bytes.
 */
#ifndef SN_CSV_H
#define SN_CSV_H

#include <stddef.h>

#include "model/error.h"

#define SN_CSV_MAX_FIELD 65536
#define SN_CSV_MAX_FIELDS 1024          /* fields in one row */
#define SN_CSV_MAX_ROW (1 << 20)        /* bytes of one row */
#define SN_CSV_MAX_FILE (1LL << 30)     /* bytes of one file */

typedef struct sn_csv sn_csv;

typedef struct sn_csv_field {
    const char *text; /* NUL-terminated, valid UTF-8 without NUL bytes */
    size_t len;       /* bytes, without the NUL */
    long line, col;   /* where the field starts (its opening quote, if any) */
} sn_csv_field;

typedef struct sn_csv_row {
    long line;                 /* line of the first field */
    size_t n;                  /* number of fields */
    const sn_csv_field *f;     /* n fields */
} sn_csv_row;

/* Opens path and reads its header row.  Problems with the file itself
 * (missing, empty, not text, bad quoting in the header) go to diag and
 * return SN_EINPUT; a read failure returns SN_EIO and out of memory
 * SN_ENOMEM, both described in err.  *out is NULL on failure.
 * The reader keeps a copy of path; diag is borrowed and must outlive it. */
int sn_csv_open(sn_csv **out, const char *path, sn_diag *diag, sn_error *err);

/* Closes the file and frees the reader.  Accepts NULL. */
void sn_csv_free(sn_csv *r);

/* The header row (line 1 unless blank lines precede it).  Borrowed: valid
 * until sn_csv_free. */
const sn_csv_row *sn_csv_header(const sn_csv *r);

/* Reads the next data row into *row.  Returns 1 for a row, 0 at the end of
 * the file or when an error in diag stopped the file, SN_EIO or SN_ENOMEM
 * (err filled).  Rows whose field count differs from the header's are
 * reported and skipped.  row's fields are borrowed until the next call. */
int sn_csv_next(sn_csv *r, sn_csv_row *row, sn_error *err);

/* Number of input errors this reader has reported so far. */
size_t sn_csv_errors(const sn_csv *r);

/* The path given to sn_csv_open (borrowed). */
const char *sn_csv_path(const sn_csv *r);

/* Writes into buf (size n >= 8) a copy of s fit for a message: at most
 * about 60 characters (cut at a UTF-8 boundary and ending in "..."), with
 * line breaks shown as "\n".  Returns buf. */
char *sn_csv_quote(char *buf, size_t n, const char *s);

#endif
