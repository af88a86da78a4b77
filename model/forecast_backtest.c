/* forecast_backtest.c - scores the projection against held-out history.
 *
 * The last H years are hidden: the cohort method projects them from the
 * rest (sn_forecast_new with base year year_hi - H), and so do two naive
 * baselines computed here, each on the series being scored: the last value
 * carried forward, and a straight line (gsl_fit_linear, all years up to the
 * base year, clamped at 0) through each grade's series.  County totals and
 * zone totals of the baselines are sums over grades of the per-grade
 * baselines.  Part of the forecast module (model/forecast.h).
 */
#include "model/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#define G1 (SN_GRADES + 1)

/* Per-grade baseline values of one unit (county or zone). */
typedef struct base {
    double last[G1];  /* value in the base year */
    double line[G1];  /* fitted line at the scored year, >= 0 */
} base;

/* Running sums of one (level, horizon, method) row. */
typedef struct score {
    int n, in80, in95;
    double ape, spe;  /* sums of |P-A|/A and (P-A)/A */
    double abs, sgn, act; /* sums of |P-A|, P-A and A (weighted form) */
} score;

static void add(score *s, double p, double a, const sn_projection *iv)
{
    s->abs += fabs(p - a);
    s->sgn += p - a;
    s->act += a;
    if (a > 0) {
        s->ape += fabs(p - a) / a;
        s->spe += (p - a) / a;
    }
    if (iv) {
        s->in80 += a >= iv->low80 && a <= iv->high80;
        s->in95 += a >= iv->low95 && a <= iv->high95;
    }
    s->n++;
}

/* Fills b from series[i] = value in year lo + i, i < n (the base year is
 * the last), for the year h years after the base year. */
static int baseline(double *last, double *line, const double *x,
                    const double *y, int n, int h, sn_error *err)
{
    double c0, c1, c00, c01, c11, ss;
    int st = gsl_fit_linear(x, 1, y, 1, (size_t)n, &c0, &c1, &c00, &c01, &c11,
                            &ss);
    if (st != GSL_SUCCESS || !isfinite(c1))
        return sn_error_set(err, SN_ENUMERIC, "backtest: gsl_fit_linear "
                            "failed: %s", gsl_strerror(st));
    *last = y[n - 1];
    double v = c0 + c1 * h;
    *line = v > 0 ? v : 0.0;
    return 0;
}

/* Baselines of zone z (county < 0) or county k (zone < 0). */
static int unit_base(base *b, const sn_network *net, int z, int k, int B,
                     int h, double *x, double *y, sn_error *err)
{
    int n = B - net->year_lo + 1;
    for (int i = 0; i < n; i++)
        x[i] = i - (n - 1);
    for (int g = 1; g <= SN_GRADES; g++) {
        for (int i = 0; i < n; i++) {
            int yr = net->year_lo + i;
            if (z >= 0) {
                y[i] = sn_network_students(net, yr, z, g);
            } else {
                y[i] = 0;
                for (int zz = 0; zz < net->nzones; zz++)
                    if (net->zones[zz].county == k)
                        y[i] += sn_network_students(net, yr, zz, g);
            }
        }
        int rc = baseline(&b->last[g], &b->line[g], x, y, n, h, err);
        if (rc)
            return rc;
    }
    return 0;
}

static double actual(const sn_network *net, int year, int z, int k, int g)
{
    double a = 0;
    for (int zz = 0; zz < net->nzones; zz++) {
        if (z >= 0 ? zz != z : net->zones[zz].county != k)
            continue;
        for (int gg = 1; gg <= SN_GRADES; gg++)
            if (!g || gg == g)
                a += sn_network_students(net, year, zz, gg);
    }
    return a;
}

static double sum_grades(const double *v)
{
    double s = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        s += v[g];
    return s;
}

/* Scores every level at horizon h into s[level][method]. */
static int score_horizon(score s[SN_BT_NLEVELS][SN_BT_NMETHODS],
                         const sn_network *net, const sn_forecast *fc, int B,
                         int h, double *x, double *y, sn_error *err)
{
    int year = B + h, rc;
    base b;
    sn_projection iv;
    for (int k = 0; k < net->ncounties; k++) {
        if ((rc = unit_base(&b, net, -1, k, B, h, x, y, err)) != 0)
            return rc;
        for (int g = 0; g <= SN_GRADES; g++) {
            int lv = g ? SN_BT_GRADE : SN_BT_COUNTY;
            double a = actual(net, year, -1, k, g);
            if (a <= 0)
                continue;
            sn_forecast_county(&iv, fc, year, k, g);
            add(&s[lv][SN_BT_COHORT], iv.students, a, &iv);
            add(&s[lv][SN_BT_LAST], g ? b.last[g] : sum_grades(b.last), a,
                NULL);
            add(&s[lv][SN_BT_TREND], g ? b.line[g] : sum_grades(b.line), a,
                NULL);
        }
    }
    for (int z = 0; z < net->nzones; z++) {
        if ((rc = unit_base(&b, net, z, -1, B, h, x, y, err)) != 0)
            return rc;
        double a = actual(net, year, z, -1, 0);
        sn_forecast_zone(&iv, fc, year, z, 0);
        add(&s[SN_BT_ZONE][SN_BT_COHORT], iv.students, a, &iv);
        add(&s[SN_BT_ZONE][SN_BT_LAST], sum_grades(b.last), a, NULL);
        add(&s[SN_BT_ZONE][SN_BT_TREND], sum_grades(b.line), a, NULL);
    }
    return 0;
}

static void to_row(sn_backtest_row *r, const score *s, int lv, int m, int h)
{
    r->horizon = h;
    r->level = (sn_bt_level)lv;
    r->method = (sn_bt_method)m;
    r->n = s->n;
    r->mape = r->mspe = 0;
    if (lv == SN_BT_ZONE) {
        if (s->act > 0) {
            r->mape = 100 * s->abs / s->act;
            r->mspe = 100 * s->sgn / s->act;
        }
    } else if (s->n > 0) {
        r->mape = 100 * s->ape / s->n;
        r->mspe = 100 * s->spe / s->n;
    }
    r->cover80 = r->cover95 = -1;
    if (m == SN_BT_COHORT && s->n > 0) {
        r->cover80 = (double)s->in80 / s->n;
        r->cover95 = (double)s->in95 / s->n;
    }
}

int sn_forecast_backtest(sn_backtest **out, const sn_network *net,
                         int holdout, sn_error *err)
{
    *out = NULL;
    gsl_set_error_handler_off();
    if (holdout < 1)
        return sn_error_set(err, SN_EUSAGE, "backtest: the number of held-out "
                            "years must be at least 1 (got %d)", holdout);
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "backtest: no enrolment history");
    int B = net->year_hi - holdout;
    if (B < net->year_lo)
        return sn_error_set(err, SN_EINPUT, "backtest: holding out %d years "
                            "leaves no history (%d-%d)", holdout,
                            net->year_lo, net->year_hi);
    sn_forecast *fc = NULL;
    sn_backtest *bt = calloc(1, sizeof *bt);
    double *x = malloc((size_t)(B - net->year_lo + 1) * sizeof(double));
    double *y = malloc((size_t)(B - net->year_lo + 1) * sizeof(double));
    size_t nrows = (size_t)SN_BT_NLEVELS * (size_t)holdout * SN_BT_NMETHODS;
    int rc;
    if (!bt || !x || !y || !(bt->rows = calloc(nrows, sizeof *bt->rows))) {
        rc = sn_error_set(err, SN_ENOMEM, "backtest: out of memory");
        goto fail;
    }
    bt->base_year = B;
    bt->holdout = holdout;
    bt->nrows = nrows;
    if ((rc = sn_forecast_new(&fc, net, B, holdout, err)) != 0) {
        if (err) {
            char why[SN_ERROR_MAX];
            snprintf(why, sizeof why, "%s", err->msg);
            sn_error_set(err, rc, "backtest: holding out %d years leaves "
                         "%d-%d: %s", holdout, net->year_lo, B, why);
        }
        goto fail;
    }
    for (int h = 1; h <= holdout; h++) {
        score s[SN_BT_NLEVELS][SN_BT_NMETHODS] = {{{0}}};
        if ((rc = score_horizon(s, net, fc, B, h, x, y, err)) != 0)
            goto fail;
        for (int lv = 0; lv < SN_BT_NLEVELS; lv++)
            for (int m = 0; m < SN_BT_NMETHODS; m++)
                to_row(&bt->rows[((size_t)lv * holdout + (size_t)(h - 1)) *
                                 SN_BT_NMETHODS + (size_t)m],
                       &s[lv][m], lv, m, h);
    }
    sn_forecast_free(fc);
    free(x);
    free(y);
    *out = bt;
    return 0;
fail:
    sn_forecast_free(fc);
    free(x);
    free(y);
    sn_backtest_free(bt);
    return rc;
}

void sn_backtest_free(sn_backtest *bt)
{
    if (!bt)
        return;
    free(bt->rows);
    free(bt);
}

const char *sn_bt_method_name(sn_bt_method m)
{
    switch (m) {
    case SN_BT_COHORT: return "cohort";
    case SN_BT_LAST: return "last";
    default: return "trend";
    }
}

const char *sn_bt_level_name(sn_bt_level l)
{
    switch (l) {
    case SN_BT_COUNTY: return "county";
    case SN_BT_GRADE: return "grade";
    default: return "zone";
    }
}
