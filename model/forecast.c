/* forecast.c - cohort-survival enrolment projection with GSL.
 *
 * Each zone is projected as two components, local pupils (students minus
 * migrants) and migrant pupils, each with its own ratios; the components are
 * summed.  Uncertainty is carried as two standard deviations per cell, one
 * for the 80% and one for the 95% interval, each already scaled so that
 * point +- z_q * sd_q is the interval (z_q the normal quantile): a piece
 * whose interval comes from Student's t with d degrees of freedom enters
 * with sd * t_q(d) / z_q.  Pieces whose errors are correlated in unknown
 * ways (zone and county parts of a blend, the two components, zones of one
 * county, grades of one zone) are combined by adding standard deviations,
 * the perfect-correlation bound; a cohort's step from one grade to the next
 * uses the variance of a product of independent factors.  docs/projection.md
 * explains why.
 *
 * Layout: every per-cell array is [((h - 1) * nunits + unit) * G1 + g] with
 * h = 1..horizon and g = 1..9 (g = 0: all grades, county arrays only).
 */
#include "model/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define G1 (SN_GRADES + 1)
#define ENTRY_AGE 6 /* grade 1 entrants were born six years earlier */

enum { LOCAL = 0, MIGRANT = 1, NCOMP = 2 };
enum { Q80 = 0, Q95 = 1, NQ = 2 };
enum { PT = 0, SD80 = 1, SD95 = 2, NV = 3 };

static const double level_q[NQ] = {0.90, 0.975}; /* upper tail quantiles */

struct sn_forecast {
    int base_year, horizon, nzones, ncounties;
    double zq[NQ];  /* normal quantiles of the 80% and 95% intervals */
    int *zone_county;
    double *zone;   /* [cell][NV], g = 1..9 */
    double *county; /* [cell][NV], g = 0..9 */
};

/* Average, spread and weight of a series of yearly ratios. */
typedef struct rstat {
    double r; /* ratio estimate (aggregate, weighted aggregate or median) */
    double s; /* sample standard deviation of the yearly ratios, 0 if m < 2 */
    int m;    /* yearly ratios with a positive denominator */
    double n; /* sum of the denominators: pupils (or births) at risk */
} rstat;

/* A straight line through (x, y) fitted by gsl_fit_linear. */
typedef struct line {
    double c0, c1, cov00, cov01, cov11, s2; /* s2: residual variance */
} line;

/* Working state of one projection; everything here is owned by it. */
typedef struct ctx {
    const sn_network *net;
    int T, H, K, lo, ny;  /* base year, horizon, window, first year, years */
    sn_gpr_method method;
    double lambda;        /* shrink_students */
    double rscale[NQ];    /* ratio sd -> scaled: sqrt(1 + 1/K) t_q(K-1)/z_q */
    double tscale[NQ];    /* trend sd -> scaled: t_q(ny - 2) / z_q */
    double *agg;          /* county sums [((c * ny + y) * ncounties + k) * G1 + g] */
    rstat *cgpr;          /* county GPRs [(c * ncounties + k) * G1 + g] */
    rstat *centry;        /* county births entry ratio [k] (locals) */
    line *cline;          /* county grade-1 trend [c * ncounties + k] */
    double *cwin1;        /* county grade-1 pupils in window [c * ncounties + k] */
    double *x, *y;        /* ny years: x = year - T */
    double *rx, *rw;      /* K yearly ratios and their window positions */
    double *num, *den;    /* the K ratios' numerators and denominators */
} ctx;

/* ---- data access ------------------------------------------------------- */

static double count(const sn_network *net, int comp, int year, int z, int g)
{
    int m = sn_network_migrants(net, year, z, g);
    return comp == MIGRANT ? m : sn_network_students(net, year, z, g) - m;
}

static int births_known(const sn_network *net, int year)
{
    return net->births && year >= net->births_lo && year <= net->births_hi;
}

static double *aggp(const ctx *c, int comp, int year, int k)
{
    return c->agg + (((size_t)comp * c->ny + (size_t)(year - c->lo)) *
                         (size_t)c->net->ncounties + (size_t)k) * G1;
}

/* ---- GSL-backed statistics --------------------------------------------- */

/* Estimates the ratio from the m yearly transitions in c->num / c->den
 * (window positions in c->rw, yearly ratios in c->rx) by the scenario's
 * method:
 *   mean      aggregate ratio sum num / sum den (the ratio of sums, i.e.
 *             the classical ratio estimator: a pupil-weighted mean of the
 *             yearly ratios, without the upward bias of the plain mean of
 *             ratios with small, noisy denominators);
 *   weighted  sum w num / sum w den with w = window position (1 = oldest),
 *             the same estimator with recent years heavier;
 *   median    median of the yearly ratios (sorts c->rx).
 * The spread s is the sample sd of the yearly ratios in every case. */
static void average(rstat *st, const ctx *c, int m, double n)
{
    st->m = m;
    st->n = n;
    st->s = m >= 2 ? gsl_stats_sd(c->rx, 1, (size_t)m) : 0.0;
    if (m == 0) {
        st->r = 1.0; /* no pupils at risk: the ratio never multiplies > 0 */
        return;
    }
    double sn = 0, sd = 0;
    switch (c->method) {
    case SN_GPR_MEDIAN:
        gsl_sort(c->rx, 1, (size_t)m);
        st->r = gsl_stats_median_from_sorted_data(c->rx, 1, (size_t)m);
        return;
    case SN_GPR_WEIGHTED:
        for (int i = 0; i < m; i++) {
            sn += c->rw[i] * c->num[i];
            sd += c->rw[i] * c->den[i];
        }
        break;
    default:
        for (int i = 0; i < m; i++) {
            sn += c->num[i];
            sd += c->den[i];
        }
        break;
    }
    st->r = sn / sd; /* sd > 0: every pushed den is > 0 */
}

/* Pushes the transition num/den of window position pos (1 = oldest) when
 * den > 0; returns the new count and adds den to *n. */
static int push(ctx *c, int m, double num, double den, int pos, double *n)
{
    if (den <= 0)
        return m;
    c->rx[m] = num / den;
    c->rw[m] = pos;
    c->num[m] = num;
    c->den[m] = den;
    *n += den;
    return m + 1;
}

/* Shrinks a zone's ratio towards its county's: w = n / (n + lambda).  The
 * spread is blended with the same weights (the county spread stands in for
 * a zone with fewer than two yearly ratios).  Returns the ratio; sets
 * sd[q] to the scaled prediction sd of the next yearly ratio. */
static double blend(const ctx *c, const rstat *zs, const rstat *cs,
                    double sd[NQ])
{
    double w = zs->m > 0 && zs->n > 0 ? zs->n / (zs->n + c->lambda) : 0.0;
    double sz = zs->m >= 2 ? zs->s : cs->s;
    double s = w * sz + (1 - w) * cs->s;
    for (int q = 0; q < NQ; q++)
        sd[q] = s * c->rscale[q];
    return w * zs->r + (1 - w) * cs->r;
}

static int fit(line *ln, const ctx *c, int n, sn_error *err)
{
    double sumsq;
    int st = gsl_fit_linear(c->x + (c->ny - n), 1, c->y + (c->ny - n), 1,
                            (size_t)n, &ln->c0, &ln->c1, &ln->cov00,
                            &ln->cov01, &ln->cov11, &sumsq);
    if (st != GSL_SUCCESS || !isfinite(ln->c1))
        return sn_error_set(err, SN_ENUMERIC, "projection: gsl_fit_linear "
                            "failed: %s", gsl_strerror(st));
    ln->s2 = sumsq / (n - 2);
    return 0;
}

/* Prediction at x with the sd of a new observation (mean + residual). */
static int predict(double *yhat, double *sd, const line *ln, double x,
                   sn_error *err)
{
    double se;
    int st = gsl_fit_linear_est(x, ln->c0, ln->c1, ln->cov00, ln->cov01,
                                ln->cov11, yhat, &se);
    if (st != GSL_SUCCESS)
        return sn_error_set(err, SN_ENUMERIC, "projection: "
                            "gsl_fit_linear_est failed: %s", gsl_strerror(st));
    *sd = sqrt(se * se + ln->s2);
    return 0;
}

static int quantiles(ctx *c, double zq[NQ], sn_error *err)
{
    for (int q = 0; q < NQ; q++) {
        double z = gsl_cdf_ugaussian_Pinv(level_q[q]);
        double tr = gsl_cdf_tdist_Pinv(level_q[q], c->K - 1);
        double tt = gsl_cdf_tdist_Pinv(level_q[q], c->ny - 2);
        if (!isfinite(z) || !isfinite(tr) || !isfinite(tt) || z <= 0)
            return sn_error_set(err, SN_ENUMERIC, "projection: "
                                "gsl_cdf_tdist_Pinv failed");
        zq[q] = z;
        c->rscale[q] = sqrt(1.0 + 1.0 / c->K) * tr / z;
        c->tscale[q] = tt / z;
    }
    return 0;
}

/* ---- checks and county-level estimates --------------------------------- */

static int check_inputs(const sn_network *net, int T, int H, sn_error *err)
{
    const sn_scenario *sc = &net->sc;
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "projection: no enrolment "
                            "history (enrolment.csv has no rows)");
    if (H < 1)
        return sn_error_set(err, SN_EUSAGE, "projection: horizon must be at "
                            "least 1 year (got %d)", H);
    if (T < net->year_lo || T > net->year_hi)
        return sn_error_set(err, SN_EUSAGE, "projection: base year %d lies "
                            "outside the history %d-%d", T, net->year_lo,
                            net->year_hi);
    if (sc->gpr_years < 2)
        return sn_error_set(err, SN_EINPUT, "projection: gpr_years must be "
                            "at least 2 to estimate the spread of the ratios "
                            "(got %d)", sc->gpr_years);
    if (!(sc->shrink_students >= 0))
        return sn_error_set(err, SN_EINPUT, "projection: shrink_students "
                            "must be >= 0 (got %g)", sc->shrink_students);
    int have = T - net->year_lo + 1;
    if (have < sc->gpr_years + 1)
        return sn_error_set(err, SN_EINPUT, "projection: history too short: "
                            "%d-%d is %d year%s, but gpr_years = %d needs at "
                            "least %d (the base year and %d transitions)",
                            net->year_lo, T, have, have == 1 ? "" : "s",
                            sc->gpr_years, sc->gpr_years + 1, sc->gpr_years);
    for (int y = net->year_lo; y <= T; y++)
        for (int z = 0; z < net->nzones; z++)
            for (int g = 1; g <= SN_GRADES; g++) {
                int s = sn_network_students(net, y, z, g);
                int m = sn_network_migrants(net, y, z, g);
                if (s < 0 || m < 0 || m > s)
                    return sn_error_set(err, SN_EINPUT, "projection: zone %s,"
                                        " %d, grade %d: migrants (%d) must "
                                        "lie between 0 and students (%d)",
                                        net->zones[z].id, y, g, m, s);
            }
    return 0;
}

static void county_sums(ctx *c)
{
    const sn_network *net = c->net;
    for (int comp = 0; comp < NCOMP; comp++)
        for (int y = c->lo; y <= c->T; y++)
            for (int z = 0; z < net->nzones; z++) {
                double *a = aggp(c, comp, y, net->zones[z].county);
                for (int g = 1; g <= SN_GRADES; g++)
                    a[g] += count(net, comp, y, z, g);
            }
}

/* County GPRs, births entry ratios and grade-1 trends. */
static int county_estimates(ctx *c, sn_error *err)
{
    const sn_network *net = c->net;
    int nk = net->ncounties;
    for (int comp = 0; comp < NCOMP; comp++)
        for (int k = 0; k < nk; k++) {
            for (int g = 1; g < SN_GRADES; g++) {
                int m = 0;
                double n = 0;
                for (int i = 1; i <= c->K; i++) {
                    int t = c->T - c->K + i;
                    m = push(c, m, aggp(c, comp, t, k)[g + 1],
                             aggp(c, comp, t - 1, k)[g], i, &n);
                }
                average(&c->cgpr[(comp * nk + k) * G1 + g], c, m, n);
            }
            double win = 0;
            for (int i = 0; i < c->ny; i++) {
                c->y[i] = aggp(c, comp, c->lo + i, k)[1];
                if (i >= c->ny - c->K)
                    win += c->y[i];
            }
            c->cwin1[comp * nk + k] = win;
            int rc = fit(&c->cline[comp * nk + k], c, c->ny, err);
            if (rc)
                return rc;
        }
    for (int k = 0; k < nk; k++) {
        int m = 0;
        double n = 0;
        for (int i = 1; i <= c->K; i++) {
            int t = c->T - c->K + i;
            if (!births_known(net, t - ENTRY_AGE))
                continue;
            double b = 0;
            for (int z = 0; z < net->nzones; z++)
                if (net->zones[z].county == k)
                    b += sn_network_births(net, t - ENTRY_AGE, z);
            m = push(c, m, aggp(c, LOCAL, t, k)[1], b, i, &n);
        }
        average(&c->centry[k], c, m, n);
    }
    return 0;
}

/* ---- one zone ---------------------------------------------------------- */

/* Everything a zone's cohort chain needs for one component. */
typedef struct zplan {
    double R[G1], sdR[G1][NQ];  /* GPR g -> g+1, g = 1..8 */
    int births_ok;              /* births entry ratio usable */
    double E, sdE[NQ];          /* births entry ratio */
    line ln;                    /* zone grade-1 trend */
    double w1, share;           /* trend blend weight, share of county */
} zplan;

static int zone_plan(zplan *p, ctx *c, int comp, int z, sn_error *err)
{
    const sn_network *net = c->net;
    int k = net->zones[z].county, nk = net->ncounties;
    for (int g = 1; g < SN_GRADES; g++) {
        rstat zs;
        int m = 0;
        double n = 0;
        for (int i = 1; i <= c->K; i++) {
            int t = c->T - c->K + i;
            m = push(c, m, count(net, comp, t, z, g + 1),
                     count(net, comp, t - 1, z, g), i, &n);
        }
        average(&zs, c, m, n);
        p->R[g] = blend(c, &zs, &c->cgpr[(comp * nk + k) * G1 + g], p->sdR[g]);
    }
    p->births_ok = 0;
    if (comp == LOCAL && c->centry[k].m > 0) {
        rstat zs;
        int m = 0;
        double n = 0;
        for (int i = 1; i <= c->K; i++) {
            int t = c->T - c->K + i;
            if (births_known(net, t - ENTRY_AGE))
                m = push(c, m, count(net, LOCAL, t, z, 1),
                         sn_network_births(net, t - ENTRY_AGE, z), i, &n);
        }
        average(&zs, c, m, n);
        p->E = blend(c, &zs, &c->centry[k], p->sdE);
        p->births_ok = 1;
    }
    double win = 0;
    for (int i = 0; i < c->ny; i++) {
        c->y[i] = count(net, comp, c->lo + i, z, 1);
        if (i >= c->ny - c->K)
            win += c->y[i];
    }
    double cwin = c->cwin1[comp * nk + k];
    p->w1 = win > 0 ? win / (win + c->lambda) : 0.0;
    p->share = cwin > 0 ? win / cwin : 0.0;
    return fit(&p->ln, c, c->ny, err);
}

/* Grade-1 entrants of one component in `year`: point and scaled variances.
 * Births path when births of year - 6 are known and the zone has births in
 * that year or in the window; otherwise the blended trend. */
static int entry(double *pt, double var[NQ], const ctx *c, const zplan *p,
                 int comp, int z, int year, sn_error *err)
{
    const sn_network *net = c->net;
    int by = year - ENTRY_AGE;
    if (p->births_ok && births_known(net, by)) {
        double b = sn_network_births(net, by, z), seen = b;
        for (int t = c->T - c->K + 1; t <= c->T; t++)
            seen += sn_network_births(net, t - ENTRY_AGE, z);
        if (seen > 0) {
            *pt = b * p->E;
            for (int q = 0; q < NQ; q++)
                var[q] = (b * p->sdE[q]) * (b * p->sdE[q]);
            return 0;
        }
    }
    int k = net->zones[z].county;
    double yz, sz, yc, scn;
    int rc = predict(&yz, &sz, &p->ln, year - c->T, err);
    if (!rc)
        rc = predict(&yc, &scn, &c->cline[comp * net->ncounties + k],
                     year - c->T, err);
    if (rc)
        return rc;
    double v = p->w1 * yz + (1 - p->w1) * p->share * yc;
    double s = p->w1 * sz + (1 - p->w1) * p->share * scn;
    *pt = v > 0 ? v : 0.0;
    for (int q = 0; q < NQ; q++)
        var[q] = (s * c->tscale[q]) * (s * c->tscale[q]);
    return 0;
}

/* Runs the cohort chain of zone z and adds it to fc (zone and county). */
static int project_zone(sn_forecast *fc, ctx *c, zplan *p, int z,
                        sn_error *err)
{
    const sn_network *net = c->net;
    int k = net->zones[z].county;
    for (int comp = 0; comp < NCOMP; comp++) {
        int rc = zone_plan(p, c, comp, z, err);
        if (rc)
            return rc;
        double P[G1], V[G1][NQ];
        for (int g = 1; g <= SN_GRADES; g++) {
            P[g] = count(net, comp, c->T, z, g);
            V[g][Q80] = V[g][Q95] = 0;
        }
        for (int h = 1; h <= c->H; h++) {
            for (int g = SN_GRADES - 1; g >= 1; g--) {
                double R = p->R[g];
                P[g + 1] = P[g] * R;
                for (int q = 0; q < NQ; q++) {
                    double v = p->sdR[g][q] * p->sdR[g][q];
                    V[g + 1][q] = R * R * V[g][q] + P[g] * P[g] * v +
                                  V[g][q] * v;
                }
            }
            rc = entry(&P[1], V[1], c, p, comp, z, c->T + h, err);
            if (rc)
                return rc;
            double *zc = fc->zone + (((size_t)(h - 1) * fc->nzones + z) * G1) * NV;
            double *cc = fc->county + (((size_t)(h - 1) * fc->ncounties + k) * G1) * NV;
            for (int g = 1; g <= SN_GRADES; g++) {
                double s80 = sqrt(V[g][Q80]), s95 = sqrt(V[g][Q95]);
                zc[g * NV + PT] += P[g];
                zc[g * NV + SD80] += s80;
                zc[g * NV + SD95] += s95;
                cc[g * NV + PT] += P[g];
                cc[g * NV + SD80] += s80;
                cc[g * NV + SD95] += s95;
                cc[PT] += P[g];
                cc[SD80] += s80;
                cc[SD95] += s95;
            }
        }
    }
    return 0;
}

/* ---- public ------------------------------------------------------------ */

static void ctx_dispose(ctx *c)
{
    free(c->agg);
    free(c->cgpr);
    free(c->centry);
    free(c->cline);
    free(c->cwin1);
    free(c->x);
    free(c->y);
    free(c->rx);
    free(c->rw);
    free(c->num);
    free(c->den);
}

int sn_forecast_new(sn_forecast **out, const sn_network *net, int base_year,
                    int horizon_years, sn_error *err)
{
    *out = NULL;
    gsl_set_error_handler_off();
    int rc = check_inputs(net, base_year, horizon_years, err);
    if (rc)
        return rc;
    ctx c = {0};
    c.net = net;
    c.T = base_year;
    c.H = horizon_years;
    c.K = net->sc.gpr_years;
    c.lo = net->year_lo;
    c.ny = base_year - net->year_lo + 1;
    c.method = net->sc.gpr_method;
    c.lambda = net->sc.shrink_students;
    size_t nk = (size_t)net->ncounties, nz = (size_t)net->nzones;
    size_t H = (size_t)horizon_years;
    sn_forecast *fc = calloc(1, sizeof *fc);
    zplan *p = malloc(sizeof *p);
    if (!fc || !p)
        goto nomem;
    fc->base_year = base_year;
    fc->horizon = horizon_years;
    fc->nzones = net->nzones;
    fc->ncounties = net->ncounties;
    fc->zone_county = malloc((nz ? nz : 1) * sizeof(int));
    fc->zone = calloc(H * nz * G1 * NV + 1, sizeof(double));
    fc->county = calloc(H * nk * G1 * NV + 1, sizeof(double));
    c.agg = calloc(NCOMP * (size_t)c.ny * nk * G1 + 1, sizeof(double));
    c.cgpr = calloc(NCOMP * nk * G1 + 1, sizeof(rstat));
    c.centry = calloc(nk + 1, sizeof(rstat));
    c.cline = calloc(NCOMP * nk + 1, sizeof(line));
    c.cwin1 = calloc(NCOMP * nk + 1, sizeof(double));
    c.x = malloc((size_t)c.ny * sizeof(double));
    c.y = malloc((size_t)c.ny * sizeof(double));
    c.rx = malloc((size_t)c.K * sizeof(double));
    c.rw = malloc((size_t)c.K * sizeof(double));
    c.num = malloc((size_t)c.K * sizeof(double));
    c.den = malloc((size_t)c.K * sizeof(double));
    if (!fc->zone_county || !fc->zone || !fc->county || !c.agg || !c.cgpr ||
        !c.centry || !c.cline || !c.cwin1 || !c.x || !c.y || !c.rx || !c.rw ||
        !c.num || !c.den)
        goto nomem;
    for (int z = 0; z < net->nzones; z++)
        fc->zone_county[z] = net->zones[z].county;
    for (int i = 0; i < c.ny; i++)
        c.x[i] = i - (c.ny - 1); /* years relative to the base year */
    if ((rc = quantiles(&c, fc->zq, err)) != 0)
        goto fail;
    county_sums(&c);
    if ((rc = county_estimates(&c, err)) != 0)
        goto fail;
    for (int z = 0; z < net->nzones; z++)
        if ((rc = project_zone(fc, &c, p, z, err)) != 0)
            goto fail;
    free(p);
    ctx_dispose(&c);
    *out = fc;
    return 0;
nomem:
    rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
fail:
    free(p);
    ctx_dispose(&c);
    sn_forecast_free(fc);
    return rc;
}

void sn_forecast_free(sn_forecast *fc)
{
    if (!fc)
        return;
    free(fc->zone_county);
    free(fc->zone);
    free(fc->county);
    free(fc);
}

int sn_forecast_first_year(const sn_forecast *fc)
{
    return fc->base_year + 1;
}

int sn_forecast_last_year(const sn_forecast *fc)
{
    return fc->base_year + fc->horizon;
}

/* Adds a stored (point, sd80, sd95) cell to an accumulator. */
static void add_cell(double acc[NV], const double *cell)
{
    for (int i = 0; i < NV; i++)
        acc[i] += cell[i];
}

static void to_projection(sn_projection *out, const sn_forecast *fc,
                          const double acc[NV])
{
    double p = acc[PT], h80 = fc->zq[Q80] * acc[SD80],
           h95 = fc->zq[Q95] * acc[SD95];
    out->students = p;
    out->low80 = p - h80 > 0 ? p - h80 : 0.0;
    out->high80 = p + h80;
    out->low95 = p - h95 > 0 ? p - h95 : 0.0;
    out->high95 = p + h95;
}

static int bad_cell(sn_projection *out, const sn_forecast *fc, int year,
                    int grade)
{
    memset(out, 0, sizeof *out);
    return year <= fc->base_year || year > fc->base_year + fc->horizon ||
           grade < 0 || grade > SN_GRADES;
}

static const double *zone_cell(const sn_forecast *fc, int year, int z, int g)
{
    size_t h = (size_t)(year - fc->base_year - 1);
    return fc->zone + ((h * fc->nzones + (size_t)z) * G1 + (size_t)g) * NV;
}

int sn_forecast_zone(sn_projection *out, const sn_forecast *fc, int year,
                     int zone, int grade)
{
    if (bad_cell(out, fc, year, grade) || zone < 0 || zone >= fc->nzones)
        return SN_EUSAGE;
    double acc[NV] = {0};
    for (int g = grade ? grade : 1; g <= (grade ? grade : SN_GRADES); g++)
        add_cell(acc, zone_cell(fc, year, zone, g));
    to_projection(out, fc, acc);
    return 0;
}

int sn_forecast_county(sn_projection *out, const sn_forecast *fc, int year,
                       int county, int grade)
{
    if (bad_cell(out, fc, year, grade) || county < 0 ||
        county >= fc->ncounties)
        return SN_EUSAGE;
    size_t h = (size_t)(year - fc->base_year - 1);
    to_projection(out, fc, fc->county + ((h * fc->ncounties + (size_t)county) *
                                         G1 + (size_t)grade) * NV);
    return 0;
}

int sn_forecast_school(sn_projection *out, const sn_forecast *fc,
                       const sn_network *net, int year, int school, int grade)
{
    if (bad_cell(out, fc, year, grade) || school < 0 ||
        school >= net->nschools || net->nzones != fc->nzones)
        return SN_EUSAGE;
    const sn_school *s = &net->schools[school];
    double acc[NV] = {0};
    for (int g = 1; g <= SN_GRADES; g++) {
        if (grade ? g != grade : !sn_school_teaches(s, g))
            continue;
        for (int z = 0; z < fc->nzones; z++) {
            const sn_zone *zn = &net->zones[z];
            int d = g <= 6 ? zn->primary_school : zn->junior_school;
            if (d == school)
                add_cell(acc, zone_cell(fc, year, z, g));
        }
    }
    to_projection(out, fc, acc);
    return 0;
}

int sn_forecast_demand(int *out, const sn_network *net, int year,
                       const char **source, sn_error *err)
{
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "projection: no enrolment "
                            "history (enrolment.csv has no rows)");
    if (year < net->year_lo)
        return sn_error_set(err, SN_EUSAGE, "demand: year %d lies before the "
                            "history %d-%d", year, net->year_lo, net->year_hi);
    if (year <= net->year_hi) {
        for (int z = 0; z < net->nzones; z++) {
            const int *row = sn_network_students_at(net, year, z);
            out[(size_t)z * G1] = 0;
            for (int g = 1; g <= SN_GRADES; g++)
                out[(size_t)z * G1 + g] = row[g];
        }
        if (source)
            *source = "history";
        return 0;
    }
    sn_forecast *fc;
    int rc = sn_forecast_new(&fc, net, net->year_hi, year - net->year_hi, err);
    if (rc)
        return rc;
    for (int z = 0; z < net->nzones; z++) {
        out[(size_t)z * G1] = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            out[(size_t)z * G1 + g] =
                (int)floor(zone_cell(fc, year, z, g)[PT] + 0.5);
    }
    sn_forecast_free(fc);
    if (source)
        *source = "projection";
    return 0;
}
