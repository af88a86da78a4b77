/* progress.c - the progress line of `plan` (progress.h). */
#include "cli/progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A number in at most 7 characters: 1234, 12.3k, 190.79M, 1.2e+15. */
static void short_num(char *b, size_t n, double v)
{
    double a = fabs(v);
    if (!isfinite(v))
        snprintf(b, n, "-");
    else if (a < 1e4)
        snprintf(b, n, a == floor(a) ? "%.0f" : "%.4g", v);
    else if (a < 1e6)
        snprintf(b, n, "%.4gk", v / 1e3);
    else if (a < 1e9)
        snprintf(b, n, "%.5gM", v / 1e6);
    else if (a < 1e12)
        snprintf(b, n, "%.4gG", v / 1e9);
    else
        snprintf(b, n, "%.1e", v);
}

/* Level names in a few columns ("level 4/6 cost" -> "cost"). */
static const char *short_phase(const char *phase)
{
    static const char *const names[][2] = {
        {"over hard cap", "over cap"}, {"over standard", "over std"},
        {"student-km", "km"}};
    if (!phase)
        return "";
    const char *sp = strrchr(phase, '/');
    if (sp && (sp = strchr(sp, ' ')) != NULL)
        phase = sp + 1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(phase, names[i][0]))
            return names[i][1];
    return phase;
}

/* Copies at most `cols` display columns of UTF-8 text s (wide characters
 * count two) into b. */
static void clip(char *b, size_t n, const char *s, int cols)
{
    size_t o = 0;
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
        int cw = len >= 3 ? 2 : 1;
        if (w + cw > cols || o + (size_t)len + 1 > n)
            break;
        for (int i = 0; i < len && p[i]; i++)
            b[o++] = (char)p[i];
        w += cw;
        p += len;
    }
    b[o] = '\0';
}

char *sn_cli_progress_line(char *buf, size_t n, const sn_progress *p)
{
    char county[64] = "", best[16], bound[16], gap[16] = "-", tl[24];
    if (p->county && p->counties > 0) {
        char name[32];
        clip(name, sizeof name, p->county, 12);
        snprintf(county, sizeof county, "%d/%d %s ", p->county_no,
                 p->counties, name);
    }
    if (p->limit > 0)
        snprintf(tl, sizeof tl, "%.0f/%.0fs", p->elapsed, p->limit);
    else
        snprintf(tl, sizeof tl, "%.0fs", p->elapsed);
    if (p->phase && !strcmp(p->phase, "counties")) {
        snprintf(buf, n, "counties done %d/%d  %s", p->county_no,
                 p->counties, tl);
        return buf;
    }
    short_num(best, sizeof best, p->has_best ? p->best : NAN);
    short_num(bound, sizeof bound, p->bound);
    if (p->has_best && isfinite(p->gap))
        snprintf(gap, sizeof gap, "%.2f%%", 100 * p->gap);
    snprintf(buf, n, "%s%-9.9s best %-8s bound %-8s gap %-7s %s", county,
             short_phase(p->phase), best, bound, gap, tl);
    return buf;
}

void sn_cli_progress(void *ctx, const sn_progress *p)
{
    (void)ctx;
    char line[160];
    fprintf(stderr, "\r\033[K%s", sn_cli_progress_line(line, sizeof line, p));
    fflush(stderr);
}

void sn_cli_progress_clear(void)
{
    fprintf(stderr, "\r\033[K");
    fflush(stderr);
}
