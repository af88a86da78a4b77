/* write_xlsx.h - a workbook of text tables (plan.xlsx) through Debian's
 * libxlsxwriter, the only file that includes <xlsxwriter.h>.
 *
 * Each sheet is a header row and rows of cells given as text (the plan's
 * CSV fields).  A cell becomes a number only in a numeric column: one
 * whose name is not an id or text column (sn_xlsx_text_column) and whose
 * every non-empty cell is a plain number (sn_xlsx_plain_number), so ids
 * such as "007" stay text.  Every other cell is written as a string, never
 * as a formula: a name or id that begins with '=', '+', '-' or '@' stays
 * the text it is (no spreadsheet evaluates it).  Header rows are bold and
 * frozen, columns are as wide as their longest text (CJK counted double,
 * 6 to 48 characters), and each sheet has an autofilter.
 *
 * Deterministic: the document's creation date is fixed (1 January of the
 * given year, 00:00 UTC) and libxlsxwriter dates every zip entry
 * 1980-01-01, so equal sheets give byte-identical workbooks.
 */
#ifndef SN_WRITE_XLSX_H
#define SN_WRITE_XLSX_H

#include <stdio.h>

#include "model/error.h"

typedef struct sn_xlsx_sheet {
    const char *name;          /* at most 31 characters, unique */
    int rows, cols;            /* data rows (no header), columns */
    const char *const *head;   /* cols labels shown in the header row */
    const char *const *key;    /* cols machine names (column typing) */
    const char *const *cell;   /* rows * cols, row-major; "" is empty */
    const signed char *kind;   /* NULL, or per cell: 1 number, 0 text,
                                  -1 the column's rule */
} sn_xlsx_sheet;

/* 1 when s is a plain decimal number: optional '-', digits without a
 * leading zero (a lone 0 is fine), optional fraction and exponent, and
 * finite.  "007", "1,000", " 1", "0x1f", "inf" and "" are not. */
int sn_xlsx_plain_number(const char *s);

/* 1 when a column of this name holds ids or words: county, zone, school,
 * teacher, id, name, stage, state, status, reason, subject, title, from,
 * to, home_school, scenario, key, note, and any name ending in "_id",
 * "_name" or "_school". */
int sn_xlsx_text_column(const char *name);

/* Writes the workbook of sheets[0..n) to out.  The workbook is built in a
 * temporary file ($TMPDIR or /tmp, removed afterwards) and copied.
 * Returns 0, SN_EUSAGE (no sheet, a bad sheet name, more than 1,048,575
 * rows), SN_EIO (libxlsxwriter or the temporary failed: err says which) or
 * SN_ENOMEM. */
int sn_xlsx_write(FILE *out, const sn_xlsx_sheet *sheets, int n, int year,
                  sn_error *err);

#endif
