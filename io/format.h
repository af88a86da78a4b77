/* format.h - the fixed text formats every writer uses, so that one input
 * always gives the same bytes: numbers as %.3f (never "-0.000", JSON null
 * for non-finite values), CSV fields quoted only when needed, JSON strings
 * escaped. */
#ifndef SN_FORMAT_H
#define SN_FORMAT_H

#include <stdio.h>

/* v as %.3f; values that round to zero as 0.000; NaN and infinities as
 * null (JSON). */
void sn_put_num(FILE *f, double v);
/* A CSV field, quoted (quotes doubled) when it holds a comma, quote, line
 * break or a leading or trailing space. */
void sn_put_csv_field(FILE *f, const char *s);
/* A JSON string literal: quote, backslash and control characters escaped. */
void sn_put_json_string(FILE *f, const char *s);

#endif
