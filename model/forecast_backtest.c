/* forecast_backtest.c - rolling-origin backtest of the projection.
 *
 * Every base year B the history allows (year_lo + K .. year_hi - 1) is an
 * origin: the cohort method projects from it (sn_forecast_new, whose
 * intervals are calibrated on origins before B only, so the coverage is
 * honest) and so do two naive baselines computed here on the series being
 * scored: the last value carried forward, and a straight line
 * (gsl_fit_linear, all years up to B, clamped at 0) through each grade's
 * series.  Errors are pooled over origins by level, zone size band and
 * horizon.  Part of the forecast module (model/forecast.h).
 */
#include "model/forecast_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#define G1 SN_FC_G1
#define NB SN_BT_NBANDS
#define NBR (NB + 1) /* band rows: all, then each band */

/* Running sums of one (level, band, horizon, method) row. */
typedef struct score {
    int n, ncover, in80, in95;
    double ape, spe;      /* sums of |P-A|/A and (P-A)/A */
    double abs, sgn, act; /* sums of |P-A|, P-A and A (weighted form) */
} score;

static void add(score *s, double p, double a, const sn_projection *iv,
                int calibrated)
{
    s->abs += fabs(p - a);
    s->sgn += p - a;
    s->act += a;
    if (a > 0) {
        s->ape += fabs(p - a) / a;
        s->spe += (p - a) / a;
    }
    if (iv && calibrated) {
        s->ncover++;
        s->in80 += a >= iv->low80 && a <= iv->high80;
        s->in95 += a >= iv->low95 && a <= iv->high95;
    }
    s->n++;
}

/* A baseline of one series at origin B: the last value, and the straight
 * line c0 + c1 h (h years after B, clamped at 0 when used). */
typedef struct base {
    double last, c0, c1;
} base;

static double line_at(const base *b, int h)
{
    double v = b->c0 + b->c1 * h;
    return v > 0 ? v : 0.0;
}

/* Fits the baselines of the series y[0..n-1] (the last point is year B). */
static int baseline(base *b, double *x, const double *y, int n,
                    sn_error *err)
{
    b->last = b->c0 = y[n - 1];
    b->c1 = 0;
    if (n < 2)
        return 0;
    for (int i = 0; i < n; i++)
        x[i] = i - (n - 1);
    double c0, c1, c00, c01, c11, ss;
    int st = gsl_fit_linear(x, 1, y, 1, (size_t)n, &c0, &c1, &c00, &c01, &c11,
                            &ss);
    if (st != GSL_SUCCESS || !isfinite(c1))
        return sn_error_set(err, SN_ENUMERIC, "backtest: gsl_fit_linear "
                            "failed: %s", gsl_strerror(st));
    b->c0 = c0;
    b->c1 = c1;
    return 0;
}

typedef struct bt_ctx {
    const sn_network *net;
    int H;
    score *s;       /* [((level * NBR + band + 1) * H + h - 1) * NM + m] */
    double *x, *y;  /* scratch, one per history year */
    base *cb, *zb;  /* baselines of the origin: [k * G1 + g], [z * G1 + g] */
    sn_error *err;
} bt_ctx;

static score *at(bt_ctx *c, int lv, int band, int h, int m)
{
    return &c->s[(((size_t)lv * NBR + (size_t)(band + 1)) * (size_t)c->H +
                  (size_t)(h - 1)) * SN_BT_NMETHODS + (size_t)m];
}

/* Baselines of grade g of zone z (z >= 0) or county k, origin B. */
static int unit_base(base *b, bt_ctx *c, int z, int k, int g, int B)
{
    const sn_network *net = c->net;
    int first = z >= 0 ? sn_network_zone_first(net, z) : net->year_lo;
    int n = B - first + 1;
    for (int i = 0; i < n; i++) {
        int yr = first + i;
        if (z >= 0) {
            c->y[i] = sn_network_students(net, yr, z, g);
        } else {
            c->y[i] = 0;
            for (int zz = 0; zz < net->nzones; zz++)
                if (net->zones[zz].county == k)
                    c->y[i] += sn_network_students(net, yr, zz, g);
        }
    }
    return baseline(b, c->x, c->y, n, c->err);
}

static int origin_bases(bt_ctx *c, int B)
{
    const sn_network *net = c->net;
    int rc = 0;
    for (int k = 0; k < net->ncounties && !rc; k++)
        for (int g = 1; g <= SN_GRADES && !rc; g++)
            rc = unit_base(&c->cb[k * G1 + g], c, -1, k, g, B);
    for (int z = 0; z < net->nzones && !rc; z++)
        if (sn_network_zone_first(net, z) <= B)
            for (int g = 1; g <= SN_GRADES && !rc; g++)
                rc = unit_base(&c->zb[(size_t)z * G1 + g], c, z, -1, g, B);
    return rc;
}

static void add_all(bt_ctx *c, int lv, int band, int h, double cohort,
                    double last, double line, double a,
                    const sn_projection *iv, int cal)
{
    add(at(c, lv, band, h, SN_BT_COHORT), cohort, a, iv, cal);
    add(at(c, lv, band, h, SN_BT_LAST), last, a, NULL, 0);
    add(at(c, lv, band, h, SN_BT_TREND), line, a, NULL, 0);
}

static int score_origin(bt_ctx *c, const sn_forecast *fc, int B, int Hh)
{
    const sn_network *net = c->net;
    int cal = sn_forecast_calibrated(fc), rc = origin_bases(c, B);
    sn_projection iv;
    for (int h = 1; h <= Hh && !rc; h++) {
        int year = B + h;
        for (int k = 0; k < net->ncounties; k++) {
            double sl = 0, st = 0, ak = 0;
            for (int g = 1; g <= SN_GRADES; g++) {
                const base *b = &c->cb[k * G1 + g];
                double a = 0;
                for (int z = 0; z < net->nzones; z++)
                    if (net->zones[z].county == k)
                        a += sn_network_students(net, year, z, g);
                sl += b->last;
                st += line_at(b, h);
                ak += a;
                if (a <= 0)
                    continue;
                sn_forecast_county(&iv, fc, year, k, g);
                add_all(c, SN_BT_GRADE, -1, h, iv.students, b->last,
                        line_at(b, h), a, &iv, cal);
            }
            if (ak <= 0)
                continue;
            sn_forecast_county(&iv, fc, year, k, 0);
            add_all(c, SN_BT_COUNTY, -1, h, iv.students, sl, st, ak, &iv, cal);
        }
        for (int z = 0; z < net->nzones; z++) {
            if (sn_network_zone_first(net, z) > B)
                continue; /* the zone did not exist at the origin */
            double sl = 0, st = 0;
            for (int g = 1; g <= SN_GRADES; g++) {
                const base *b = &c->zb[(size_t)z * G1 + g];
                sl += b->last;
                st += line_at(b, h);
            }
            double a = sn_fc_actual_zone(net, year, z, 0);
            int band = sn_fc_band(sn_fc_actual_zone(net, B, z, 0));
            sn_forecast_zone(&iv, fc, year, z, 0);
            add_all(c, SN_BT_ZONE, -1, h, iv.students, sl, st, a, &iv, cal);
            add_all(c, SN_BT_ZONE, band, h, iv.students, sl, st, a, &iv, cal);
        }
    }
    return rc;
}

static void to_row(sn_backtest_row *r, const score *s, int lv, int band,
                   int h, int m)
{
    r->level = (sn_bt_level)lv;
    r->band = band;
    r->horizon = h;
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
    r->ncover = s->ncover;
    r->cover80 = r->cover95 = -1;
    if (s->ncover > 0) {
        r->cover80 = (double)s->in80 / s->ncover;
        r->cover95 = (double)s->in95 / s->ncover;
    }
}

/* Rows in the documented order; band rows without units are left out. */
static int build_rows(sn_backtest *bt, bt_ctx *c)
{
    size_t cap = (size_t)SN_BT_NLEVELS * NBR * (size_t)c->H * SN_BT_NMETHODS;
    bt->rows = calloc(cap, sizeof *bt->rows);
    if (!bt->rows)
        return SN_ENOMEM;
    for (int lv = 0; lv < SN_BT_NLEVELS; lv++)
        for (int b = -1; b < (lv == SN_BT_ZONE ? NB : 0); b++)
            for (int h = 1; h <= c->H; h++) {
                if (!at(c, lv, b, h, 0)->n)
                    continue;
                for (int m = 0; m < SN_BT_NMETHODS; m++)
                    to_row(&bt->rows[bt->nrows++], at(c, lv, b, h, m), lv, b,
                           h, m);
            }
    return 0;
}

int sn_forecast_backtest(sn_backtest **out, const sn_network *net,
                         int horizon, sn_error *err)
{
    *out = NULL;
    gsl_set_error_handler_off();
    if (horizon < 1)
        return sn_error_set(err, SN_EUSAGE, "backtest: the horizon must be "
                            "at least 1 year (got %d)", horizon);
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "backtest: no enrolment history");
    int o0 = sn_fc_first_origin(net), o1 = net->year_hi - 1;
    if (o0 > o1)
        return sn_error_set(err, SN_EINPUT, "backtest: history too short: "
                            "%d-%d has %d years, a backtest with gpr_years = "
                            "%d needs at least %d", net->year_lo,
                            net->year_hi, net->year_hi - net->year_lo + 1,
                            net->sc.gpr_years, net->sc.gpr_years + 2);
    int ny = net->year_hi - net->year_lo + 1, rc = 0;
    bt_ctx c = {net, horizon, NULL, NULL, NULL, NULL, NULL, err};
    sn_backtest *bt = calloc(1, sizeof *bt);
    c.s = calloc((size_t)SN_BT_NLEVELS * NBR * (size_t)horizon *
                 SN_BT_NMETHODS, sizeof *c.s);
    c.x = malloc((size_t)ny * sizeof(double));
    c.y = malloc((size_t)ny * sizeof(double));
    c.cb = malloc(((size_t)net->ncounties * G1 + 1) * sizeof *c.cb);
    c.zb = malloc(((size_t)net->nzones * G1 + 1) * sizeof *c.zb);
    if (!bt || !c.s || !c.x || !c.y || !c.cb || !c.zb) {
        rc = sn_error_set(err, SN_ENOMEM, "backtest: out of memory");
        goto done;
    }
    bt->first_origin = o0;
    bt->last_origin = o1;
    bt->horizon = horizon;
    for (int B = o0; B <= o1 && !rc; B++) {
        int Hh = net->year_hi - B < horizon ? net->year_hi - B : horizon;
        sn_forecast *fc;
        if ((rc = sn_forecast_new(&fc, net, B, Hh, err)) != 0)
            break;
        rc = score_origin(&c, fc, B, Hh);
        sn_forecast_free(fc);
    }
    if (!rc && build_rows(bt, &c))
        rc = sn_error_set(err, SN_ENOMEM, "backtest: out of memory");
done:
    free(c.s);
    free(c.x);
    free(c.y);
    free(c.cb);
    free(c.zb);
    if (rc) {
        sn_backtest_free(bt);
        return rc;
    }
    *out = bt;
    return 0;
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

const char *sn_bt_band_name(int band)
{
    static const char *const names[SN_BT_NBANDS] = {
        "0-9", "10-29", "30-99", "100-299", "300-999", "1000-9999", "10000+"};
    return band >= 0 && band < SN_BT_NBANDS ? names[band] : "all";
}
