/* number.h - decimal numbers as the data formats define them.
 *
 * strtod(3) and strtol(3) accept far more than a planner means by a
 * number: hexadecimal ("0x1p3" is 8 to strtod), "inf", "nan", leading
 * white space.  Every number read from user input (CSV fields, scenario
 * keys, command-line values) goes through these two functions, which
 * accept plain decimal notation only and say no otherwise.
 */
#ifndef SN_NUMBER_H
#define SN_NUMBER_H

/* A whole number: an optional '-' then decimal digits, nothing else (no
 * '+', no spaces, no other base), within the range of long.  Returns 0
 * and *out, or -1 (*out untouched). */
int sn_parse_long(const char *s, long *out);

/* A finite decimal number: an optional sign, digits with an optional
 * decimal point (at least one digit on either side), an optional exponent
 * e/E with an optional sign and digits; nothing before or after.  Returns
 * 0 and *out, or -1 (*out untouched) for anything else, including hex
 * floats, inf, nan and values beyond the range of double. */
int sn_parse_double(const char *s, double *out);

#endif
