/* number.c - strict decimal numbers (number.h): the text is checked
 * against the grammar first, and only then converted by strtol/strtod,
 * which then cannot see anything they would read differently. */
#include "io/number.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

static int digit(char c) { return c >= '0' && c <= '9'; }

int sn_parse_long(const char *s, long *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!digit(*p))
        return -1;
    while (digit(*p))
        p++;
    if (*p)
        return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno)
        return -1;
    *out = v;
    return 0;
}

int sn_parse_double(const char *s, double *out)
{
    const char *p = s;
    int digits = 0;
    if (*p == '-' || *p == '+')
        p++;
    while (digit(*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (digit(*p))
            p++, digits++;
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!digit(*p))
            return -1;
        while (digit(*p))
            p++;
    }
    if (*p)
        return -1;
    errno = 0;
    double v = strtod(s, NULL);
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return -1;
    *out = v;
    return 0;
}
