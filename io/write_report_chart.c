/* write_report_chart.c - small SVG charts for the reports: grouped or
 * stacked bars, horizontal bars, points and lines.
 *
 * Pure output: every chart is a function of its arguments, coordinates in
 * a fixed viewBox with one decimal, so the same numbers give the same
 * bytes.  Each mark carries a data-tip (the page's script shows it on
 * hover) and a class the browser test can count.
 */
#include <math.h>
#include <string.h>

#include "io/write_report_impl.h"

#define W 560.0

/* A step of 1, 2 or 5 times a power of ten giving about `want` ticks
 * over [0, span]. */
static double nice_step(double span, int want)
{
    if (!(span > 0) || !isfinite(span))
        return 1;
    double raw = span / want, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void tick_label(char *buf, size_t n, double v, double step)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (dec > 6)
        dec = 6;
    rep_fmt_num(buf, n, v, dec);
}

static void put_text(FILE *f, double x, double y, const char *anchor,
                     const char *cls, const char *s)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
               "class=\"%s\">", x, y, anchor, cls);
    rep_put_html(f, s);
    fputs("</text>\n", f);
}

static void chart_begin(FILE *f, const char *id, const char *title, double h)
{
    fputs("<div class=\"chart\"><h3>", f);
    rep_put_html(f, title);
    fprintf(f, "</h3>\n<svg id=\"%s\" viewBox=\"0 0 %.0f %.0f\" "
               "role=\"img\" aria-label=\"", id, W, h);
    rep_put_html(f, title);
    fputs("\">\n<style>.ax{font-size:11px;fill:#52606d}.vl{font-size:11px;"
          "fill:#1f2933}.lg{font-size:11.5px;fill:#1f2933}</style>\n", f);
}

static void chart_end(FILE *f) { fputs("</svg></div>\n", f); }

/* Horizontal grid lines and labels of a y axis from 0 to top. */
static void y_axis(FILE *f, double x0, double x1, double y0, double y1,
                   double top, double step, const char *label)
{
    char buf[64];
    for (double v = 0; v <= top + step * 1e-6; v += step) {
        double y = y0 - (y0 - y1) * v / top;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"%s\" stroke-width=\"1\"/>\n", x0, y, x1, y,
                v == 0 ? "#9aa5b1" : "#e4e7eb");
        tick_label(buf, sizeof buf, v, step);
        put_text(f, x0 - 5, y + 3.5, "end", "ax", buf);
    }
    if (!label)
        return;
    fprintf(f, "<text transform=\"translate(12 %.1f) rotate(-90)\" "
               "text-anchor=\"middle\" class=\"ax\">", (y0 + y1) / 2);
    rep_put_html(f, label);
    fputs("</text>\n", f);
}

/* Width of a legend label at 11.5 px: CJK characters are wider. */
static double label_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE1 ? 12.0 : 6.6;
    return w;
}

/* Lays the legend out in rows from x0 to W - 10; draws it when f is not
 * NULL.  Returns the number of rows. */
static int legend(FILE *f, int n, const char *const *name,
                  const char *const *col, double x0, double y)
{
    double x = x0;
    int rows = n > 0;
    for (int s = 0; s < n; s++) {
        double w = 26 + label_width(name[s]);
        if (x > x0 && x + w > W - 10) {
            x = x0;
            y += 16;
            rows++;
        }
        if (f) {
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" "
                       "height=\"11\" fill=\"%s\"/>\n", x, y - 9, col[s]);
            put_text(f, x + 15, y, "start", "lg", name[s]);
        }
        x += w;
    }
    return rows;
}

void rep_chart_bars(FILE *f, const rep_bars *b)
{
    const double x0 = 54, x1 = W - 10;
    double extra = 16.0 * (legend(NULL, b->nseries, b->series, b->col, x0,
                                  20) - 1);
    const double h = 290 + extra, y0 = h - 40, y1 = 34 + extra;
    double top = 0;
    for (int k = 0; k < b->ncat; k++) {
        double sum = 0;
        for (int s = 0; s < b->nseries; s++) {
            double v = b->v[s * b->ncat + k];
            sum += v;
            if (!b->stacked && v > top)
                top = v;
        }
        if (b->stacked && sum > top)
            top = sum;
    }
    double step = nice_step(top > 0 ? top : 1, 5);
    top = top > 0 ? ceil(top / step - 1e-9) * step : step * 5;
    chart_begin(f, b->id, b->title, h);
    y_axis(f, x0, x1, y0, y1, top, step, b->ylabel);
    double slot = (x1 - x0) / b->ncat;
    double bw = slot * 0.78 / (b->stacked ? 1 : b->nseries);
    char buf[64];
    for (int k = 0; k < b->ncat; k++) {
        double x = x0 + slot * k + slot * 0.11, base = y0;
        if (b->hi && b->hi[k])
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                       "height=\"%.1f\" fill=\"#fdecea\"/>\n",
                    x0 + slot * k, y1, slot, y0 - y1);
        for (int s = 0; s < b->nseries; s++) {
            double v = b->v[s * b->ncat + k];
            double hh = (y0 - y1) * v / top;
            double bx = b->stacked ? x : x + bw * s;
            double by = b->stacked ? base - hh : y0 - hh;
            rep_fmt_num(buf, sizeof buf, v, v == floor(v) ? 0 : 1);
            fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
                       "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                       "data-tip=\"", bx, by, bw, hh, b->col[s]);
            rep_put_html(f, b->cat[k]);
            fputs(": ", f);
            rep_put_html(f, b->series[s]);
            fprintf(f, " %s\"/>\n", buf);
            if (b->stacked)
                base -= hh;
        }
        put_text(f, x0 + slot * (k + 0.5), y0 + 15, "middle", "ax",
                 b->cat[k]);
    }
    legend(f, b->nseries, b->series, b->col, x0, 20);
    chart_end(f);
}

void rep_chart_hbars(FILE *f, const rep_hbars *b)
{
    const double lab = 168, row = 24, h = 20 + row * (b->n ? b->n : 1);
    double top = 0;
    for (int i = 0; i < b->n; i++)
        if (b->v[i] > top)
            top = b->v[i];
    chart_begin(f, b->id, b->title, h);
    double span = W - lab - 110;
    for (int i = 0; i < b->n; i++) {
        double y = 12 + row * i, len = top > 0 ? span * b->v[i] / top : 0;
        put_text(f, lab - 8, y + 13, "end", "vl", b->label[i]);
        fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                   "height=\"16\" fill=\"%s\" data-tip=\"", lab, y + 1,
                len > 0 ? len : 0.0, b->col[i]);
        rep_put_html(f, b->label[i]);
        fputs(": ", f);
        rep_put_html(f, b->text[i]);
        fputs("\"/>\n", f);
        put_text(f, lab + len + 6, y + 13, "start", "vl", b->text[i]);
    }
    chart_end(f);
}

static void range(const double *v, int n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i])) {
            *lo = v[i] < *lo ? v[i] : *lo;
            *hi = v[i] > *hi ? v[i] : *hi;
        }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
    if (*hi - *lo < 1e-9) { /* one value: from 0 when it is not below */
        double pad = fabs(*hi) > 0 ? fabs(*hi) * 0.1 : 1;
        if (*lo >= 0) {
            *lo = 0;
            *hi = *hi > 0 ? *hi + pad : 1;
        } else {
            *lo -= pad;
            *hi += pad;
        }
    }
}

void rep_chart_xy(FILE *f, const rep_xy *c)
{
    int ns = c->nseries > 0 ? c->nseries : 1;
    const double x0 = 64, x1 = W - 24;
    double extra = c->series && ns > 1
                       ? 16.0 * (legend(NULL, ns, c->series, c->col, x0, 20) -
                                 1)
                       : 0;
    const double h = 300 + extra, y0 = h - 44, y1 = 34 + extra;
    double xlo, xhi, ylo, yhi;
    range(c->x, c->x_per_series ? c->n * ns : c->n, &xlo, &xhi);
    range(c->y, c->n * ns, &ylo, &yhi);
    double xs = c->x_is_year ? 1 : nice_step(xhi - xlo, 5);
    double ys = nice_step(yhi - ylo, 5);
    int counts = 1; /* whole numbers only: whole ticks */
    for (int i = 0; i < c->n * ns && counts; i++)
        counts = !isfinite(c->y[i]) || c->y[i] == floor(c->y[i]);
    if (counts && ys < 1)
        ys = 1;
    if (c->x_is_year && xhi - xlo > 10)
        xs = ceil((xhi - xlo) / 10);
    xlo = floor(xlo / xs) * xs;
    xhi = ceil(xhi / xs) * xs;
    ylo = ylo >= 0 && ylo < (yhi - ylo) ? 0 : floor(ylo / ys) * ys;
    yhi = ceil(yhi / ys - 1e-9) * ys;
    if (xhi <= xlo)
        xhi = xlo + xs;
    if (yhi <= ylo)
        yhi = ylo + ys;
    chart_begin(f, c->id, c->title, h);
    char buf[64];
#define PX(v) (x0 + (x1 - x0) * ((v) - xlo) / (xhi - xlo))
#define PY(v) (y0 - (y0 - y1) * ((v) - ylo) / (yhi - ylo))
    for (double v = ylo; v <= yhi + ys * 1e-6; v += ys) {
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#e4e7eb\"/>\n", x0, PY(v), x1, PY(v));
        tick_label(buf, sizeof buf, v, ys);
        put_text(f, x0 - 5, PY(v) + 3.5, "end", "ax", buf);
    }
    for (double v = xlo; v <= xhi + xs * 1e-6; v += xs) {
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#e4e7eb\"/>\n", PX(v), y0, PX(v), y1);
        if (c->x_is_year)
            snprintf(buf, sizeof buf, "%.0f", v);
        else
            tick_label(buf, sizeof buf, v, xs);
        put_text(f, PX(v), y0 + 15, "middle", "ax", buf);
    }
    put_text(f, (x0 + x1) / 2, h - 8, "middle", "ax", c->xlabel);
    fprintf(f, "<text transform=\"translate(13 %.1f) rotate(-90)\" "
               "text-anchor=\"middle\" class=\"ax\">", (y0 + y1) / 2);
    rep_put_html(f, c->ylabel);
    fputs("</text>\n", f);
    for (int s = 0; s < ns; s++) {
        const double *y = c->y + (size_t)s * (size_t)c->n;
        const double *x = c->x_per_series ? c->x + (size_t)s * (size_t)c->n
                                          : c->x;
        if (c->line && c->n > 1) {
            fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" "
                       "stroke-width=\"2\" points=\"", c->col[s]);
            for (int i = 0; i < c->n; i++)
                if (isfinite(x[i]) && isfinite(y[i]))
                    fprintf(f, "%s%.1f,%.1f", i ? " " : "", PX(x[i]),
                            PY(y[i]));
            fputs("\"/>\n", f);
        }
        for (int i = 0; i < c->n; i++) {
            if (!isfinite(x[i]) || !isfinite(y[i]))
                continue;
            char xv[64], yv[64];
            rep_fmt_num(xv, sizeof xv, x[i], c->x_is_year ? 0 : 3);
            rep_fmt_num(yv, sizeof yv, y[i], y[i] == floor(y[i]) ? 0 : 2);
            fprintf(f, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
                       "fill=\"%s\" data-tip=\"", PX(x[i]), PY(y[i]),
                    c->col[s]);
            if (c->ptlabel) {
                rep_put_html(f, c->ptlabel[i]);
                fputs(": ", f);
            } else if (c->series) {
                rep_put_html(f, c->series[s]);
                fputs(" ", f);
            }
            fprintf(f, "%s, %s\"/>\n", xv, yv);
            if (c->ptlabel)
                put_text(f, PX(x[i]) + 7, PY(y[i]) - 7, "start", "vl",
                         c->ptlabel[i]);
        }
    }
#undef PX
#undef PY
    if (c->series && ns > 1)
        legend(f, ns, c->series, c->col, x0, 20);
    chart_end(f);
}
