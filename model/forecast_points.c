/* forecast_points.c - the point projection: cohort survival with grade
 * progression ratios, grade 1 from births or a damped trend, and pupils
 * from new housing.  Part of the forecast module (model/forecast.h);
 * docs/projection.md explains every choice.
 *
 * Each zone is projected as two components, local pupils (students minus
 * migrants) and migrant pupils, each with its own ratios, and the two are
 * summed.  A zone's history starts at sn_network_zone_first: years before
 * it (the zone did not exist) are never read as zeros.  Deterministic: no
 * randomness, fixed order of summation.
 */
#include "model/forecast_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define G1 SN_FC_G1
#define ENTRY_AGE SN_FC_ENTRY_AGE

enum { LOCAL = 0, MIGRANT = 1, NCOMP = 2 };

/* Bands by pupils: <10, 10-29, 30-99, 100-299, 300-999, 1000-9999, more. */
const double sn_fc_band_lo[SN_FC_NBANDS + 1] = {0, 10, 30, 100, 300, 1000,
                                                10000, HUGE_VAL};

int sn_fc_band(double size)
{
    int b = 0;
    while (b + 1 < SN_FC_NBANDS && size >= sn_fc_band_lo[b + 1])
        b++;
    return b;
}

/* A ratio estimated from yearly transitions. */
typedef struct rstat {
    double r; /* estimate (aggregate, weighted aggregate or median) */
    int m;    /* yearly transitions with a positive denominator */
    double n; /* sum of the denominators: pupils (or births) at risk */
} rstat;

/* A damped linear trend: level at the base year and slope. */
typedef struct trend {
    double level, slope;
    int n; /* points fitted (0: none) */
} trend;

typedef struct ctx {
    const sn_network *net;
    int T, H, K, lo;
    sn_gpr_method method;
    double lambda, phi;
    rstat *cgpr;      /* [(comp * nk + k) * G1 + g] */
    rstat *centry;    /* [k] births entry ratio, locals */
    trend *ctrend;    /* [comp * nk + k] county grade-1 trend */
    double *cg1;      /* [(comp * nk + k) * K + i] county grade-1 pupils
                         in window year T - K + 1 + i */
    double *x, *y;    /* scratch, ny points */
    double *rx, *rw, *num, *den; /* scratch, K transitions */
} ctx;

static double count(const sn_network *net, int comp, int year, int z, int g)
{
    if (year < sn_network_zone_first(net, z))
        return 0;
    int m = sn_network_migrants(net, year, z, g);
    return comp == MIGRANT ? m : sn_network_students(net, year, z, g) - m;
}

static int births_known(const sn_network *net, int year)
{
    return net->births && year >= net->births_lo && year <= net->births_hi;
}

double sn_fc_actual_zone(const sn_network *net, int year, int z, int g)
{
    double a = 0;
    for (int gg = 1; gg <= SN_GRADES; gg++)
        if (!g || gg == g)
            a += sn_network_students(net, year, z, gg);
    return a;
}

int sn_fc_first_origin(const sn_network *net)
{
    return net->year_lo + net->sc.gpr_years;
}

/* ---- ratios ------------------------------------------------------------- */

/* Pushes transition num/den of window position pos when den > 0. */
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

/* The ratio of the m pushed transitions by the scenario's method: `mean`
 * is the aggregate ratio sum num / sum den (Cochran's ratio estimator),
 * `weighted` the same with weights 1..K (newest heaviest), `median` the
 * median of the yearly ratios.  No transition: ratio 1 (nothing to
 * multiply). */
static void average(rstat *st, ctx *c, int m, double n)
{
    st->m = m;
    st->n = n;
    st->r = 1.0;
    if (m == 0)
        return;
    if (c->method == SN_GPR_MEDIAN) {
        gsl_sort(c->rx, 1, (size_t)m);
        st->r = gsl_stats_median_from_sorted_data(c->rx, 1, (size_t)m);
        return;
    }
    double sn = 0, sd = 0;
    for (int i = 0; i < m; i++) {
        double w = c->method == SN_GPR_WEIGHTED ? c->rw[i] : 1.0;
        sn += w * c->num[i];
        sd += w * c->den[i];
    }
    st->r = sn / sd; /* sd > 0: every pushed den is > 0 */
}

/* Credibility weight of a zone's ratio: w = n / (n + lambda). */
static double blend(const ctx *c, const rstat *zs, const rstat *cs)
{
    double w = zs->m > 0 && zs->n > 0 ? zs->n / (zs->n + c->lambda) : 0.0;
    return w * zs->r + (1 - w) * cs->r;
}

/* Transitions g -> g+1 of zone z ending in t = T-K+1..T, only where the
 * zone existed in t - 1. */
static int zone_gpr(ctx *c, int comp, int z, int g, double *n)
{
    int m = 0;
    int first = sn_network_zone_first(c->net, z);
    for (int i = 1; i <= c->K; i++) {
        int t = c->T - c->K + i;
        if (t - 1 >= first)
            m = push(c, m, count(c->net, comp, t, z, g + 1),
                     count(c->net, comp, t - 1, z, g), i, n);
    }
    return m;
}

/* County GPRs: the sums of its zones' numerators and denominators (zones
 * that existed in t - 1 only, so a new zone does not inflate a ratio). */
static void county_gprs(ctx *c)
{
    const sn_network *net = c->net;
    int nk = net->ncounties;
    for (int comp = 0; comp < NCOMP; comp++)
        for (int k = 0; k < nk; k++)
            for (int g = 1; g < SN_GRADES; g++) {
                int m = 0;
                double n = 0;
                for (int i = 1; i <= c->K; i++) {
                    int t = c->T - c->K + i;
                    double nu = 0, de = 0;
                    for (int z = 0; z < net->nzones; z++)
                        if (net->zones[z].county == k &&
                            t - 1 >= sn_network_zone_first(net, z)) {
                            nu += count(net, comp, t, z, g + 1);
                            de += count(net, comp, t - 1, z, g);
                        }
                    m = push(c, m, nu, de, i, &n);
                }
                average(&c->cgpr[(comp * nk + k) * G1 + g], c, m, n);
            }
}

/* Births entry ratio of zone z (z >= 0) or county k (z < 0): grade-1
 * locals in t over births of t - 6, t in the window, years the zone
 * existed and births are known. */
static void entry_ratio(rstat *st, ctx *c, int z, int k)
{
    const sn_network *net = c->net;
    int m = 0;
    double n = 0;
    for (int i = 1; i <= c->K; i++) {
        int t = c->T - c->K + i;
        if (!births_known(net, t - ENTRY_AGE))
            continue;
        double g1 = 0, b = 0;
        for (int zz = z >= 0 ? z : 0; zz < (z >= 0 ? z + 1 : net->nzones);
             zz++) {
            if (net->zones[zz].county != k)
                continue;
            if (t < sn_network_zone_first(net, zz))
                continue;
            g1 += count(net, LOCAL, t, zz, 1);
            b += sn_network_births(net, t - ENTRY_AGE, zz);
        }
        m = push(c, m, g1, b, i, &n);
    }
    average(st, c, m, n);
}

/* ---- damped trend ------------------------------------------------------- */

/* Fits a line through c->y[i] at x = i - (n - 1) (the base year is x = 0)
 * for the last n points.  Fewer than 3 points: no trend (n = 0). */
static int fit_trend(trend *tr, ctx *c, int n, sn_error *err)
{
    memset(tr, 0, sizeof *tr);
    if (n < 3)
        return 0;
    double c0, c1, c00, c01, c11, ss;
    for (int i = 0; i < n; i++)
        c->x[i] = i - (n - 1);
    int st = gsl_fit_linear(c->x, 1, c->y, 1, (size_t)n, &c0, &c1, &c00,
                            &c01, &c11, &ss);
    if (st != GSL_SUCCESS || !isfinite(c0) || !isfinite(c1))
        return sn_error_set(err, SN_ENUMERIC, "projection: gsl_fit_linear "
                            "failed: %s", gsl_strerror(st));
    tr->level = c0;
    tr->slope = c1;
    tr->n = n;
    return 0;
}

/* Damped trend h years after the base year: level + slope (phi + phi^2 +
 * ... + phi^h) (Gardner and McKenzie); phi = 1 is the straight line,
 * phi = 0 the fitted level. */
static double damped(const trend *tr, double phi, int h)
{
    double s = 0, p = 1;
    for (int i = 1; i <= h; i++) {
        p *= phi;
        s += p;
    }
    return tr->level + tr->slope * s;
}

static void county_trends(ctx *c, sn_error *err, int *rc)
{
    const sn_network *net = c->net;
    int nk = net->ncounties, ny = c->T - c->lo + 1;
    for (int comp = 0; comp < NCOMP && !*rc; comp++)
        for (int k = 0; k < nk && !*rc; k++) {
            for (int i = 0; i < ny; i++) {
                int t = c->lo + i;
                c->y[i] = 0;
                for (int z = 0; z < net->nzones; z++)
                    if (net->zones[z].county == k)
                        c->y[i] += count(net, comp, t, z, 1);
                if (t > c->T - c->K)
                    c->cg1[(comp * nk + k) * c->K + (t - (c->T - c->K + 1))] =
                        c->y[i];
            }
            *rc = fit_trend(&c->ctrend[comp * nk + k], c, ny, err);
        }
}

/* ---- one zone ----------------------------------------------------------- */

typedef struct zplan {
    double R[G1];        /* GPR g -> g+1, g = 1..8 */
    int births_ok;       /* births entry ratio usable */
    double E;            /* births entry ratio */
    trend tr;            /* zone grade-1 trend (n = 0: none) */
    double w1, share;    /* trend blend weight, share of the county */
} zplan;

static int zone_plan(zplan *p, ctx *c, int comp, int z, sn_error *err)
{
    const sn_network *net = c->net;
    int k = net->zones[z].county, nk = net->ncounties;
    for (int g = 1; g < SN_GRADES; g++) {
        rstat zs;
        double n = 0;
        int m = zone_gpr(c, comp, z, g, &n);
        average(&zs, c, m, n);
        p->R[g] = blend(c, &zs, &c->cgpr[(comp * nk + k) * G1 + g]);
    }
    p->births_ok = 0;
    if (comp == LOCAL && c->centry[k].m > 0) {
        rstat zs;
        entry_ratio(&zs, c, z, k);
        p->E = blend(c, &zs, &c->centry[k]);
        p->births_ok = 1;
    }
    int first = sn_network_zone_first(net, z);
    if (first < c->lo)
        first = c->lo;
    int n = c->T - first + 1;
    double win = 0;
    for (int i = 0; i < n; i++) {
        int t = first + i;
        c->y[i] = count(net, comp, t, z, 1);
        if (t > c->T - c->K)
            win += c->y[i];
    }
    /* the county's grade 1 over the years of the window the zone existed */
    double cwin = 0;
    for (int i = 0; i < c->K; i++)
        if (c->T - c->K + 1 + i >= first)
            cwin += c->cg1[(comp * nk + k) * c->K + i];
    p->share = cwin > 0 ? win / cwin : 0.0;
    int rc = fit_trend(&p->tr, c, n > 0 ? n : 0, err);
    /* a zone with fewer than three years borrows the county's trend */
    p->w1 = p->tr.n && win > 0 ? win / (win + c->lambda) : 0.0;
    return rc;
}

/* Grade-1 entrants of one component h years after the base year: births
 * path when births of the year - 6 are known and the zone has births then
 * or in the window; otherwise the damped trend, the zone's own blended
 * with its share of the county's. */
static double entry(const ctx *c, const zplan *p, int comp, int z, int h)
{
    const sn_network *net = c->net;
    int year = c->T + h, by = year - ENTRY_AGE;
    if (p->births_ok && births_known(net, by)) {
        double b = sn_network_births(net, by, z), seen = b;
        for (int t = c->T - c->K + 1; t <= c->T; t++)
            seen += sn_network_births(net, t - ENTRY_AGE, z);
        if (seen > 0)
            return b * p->E;
    }
    int k = net->zones[z].county;
    const trend *ct = &c->ctrend[comp * net->ncounties + k];
    double yc = ct->n ? damped(ct, c->phi, h) : 0.0;
    double yz = p->tr.n ? damped(&p->tr, c->phi, h) : 0.0;
    double v = p->w1 * yz + (1 - p->w1) * p->share * yc;
    return v > 0 ? v : 0.0;
}

static int project_zone(double *pts, ctx *c, zplan *p, int z, sn_error *err)
{
    const sn_network *net = c->net;
    if (sn_network_zone_first(net, z) > c->T)
        return 0; /* no history: only new housing */
    for (int comp = 0; comp < NCOMP; comp++) {
        int rc = zone_plan(p, c, comp, z, err);
        if (rc)
            return rc;
        double P[G1];
        for (int g = 1; g <= SN_GRADES; g++)
            P[g] = count(net, comp, c->T, z, g);
        for (int h = 1; h <= c->H; h++) {
            for (int g = SN_GRADES - 1; g >= 1; g--)
                P[g + 1] = P[g] * p->R[g];
            P[1] = entry(c, p, comp, z, h);
            double *row = pts + ((size_t)(h - 1) * net->nzones + z) * G1;
            for (int g = 1; g <= SN_GRADES; g++)
                row[g] += P[g];
        }
    }
    return 0;
}

/* Pupils from dwellings completed after the base year: dwellings x yield
 * per grade (yield_primary / 6 for grades 1-6, yield_junior / 3 for 7-9)
 * in every year from completion on. */
static void add_housing(double *pts, double *housing, const ctx *c)
{
    const sn_network *net = c->net;
    for (size_t i = 0; i < net->nhousing; i++) {
        const sn_housing *hs = &net->housing[i];
        if (hs->year <= c->T)
            continue; /* already in the enrolment history */
        for (int h = hs->year - c->T; h <= c->H; h++)
            for (int g = 1; g <= SN_GRADES; g++) {
                double v = hs->dwellings * (g <= 6 ? net->sc.yield_primary / 6
                                                   : net->sc.yield_junior / 3);
                size_t at = ((size_t)(h - 1) * net->nzones + hs->zone) * G1 + g;
                pts[at] += v;
                if (housing)
                    housing[at] += v;
            }
    }
}

/* ---- entry point -------------------------------------------------------- */

static int check_inputs(const sn_network *net, int T, int H, sn_error *err)
{
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "projection: no enrolment "
                            "history (enrolment.csv has no rows)");
    if (H < 1)
        return sn_error_set(err, SN_EUSAGE, "projection: the number of years "
                            "to project must be at least 1 (got %d)", H);
    if (T < net->year_lo || T > net->year_hi)
        return sn_error_set(err, SN_EUSAGE, "projection: base year %d lies "
                            "outside the history %d-%d", T, net->year_lo,
                            net->year_hi);
    int K = net->sc.gpr_years;
    if (K < 2)
        return sn_error_set(err, SN_EINPUT, "projection: gpr_years must be "
                            "at least 2 (got %d): the ratios need a spread",
                            K);
    if (T - net->year_lo < K)
        return sn_error_set(err, SN_EINPUT, "projection: history too short: "
                            "%d-%d has %d years, gpr_years = %d needs at "
                            "least %d", net->year_lo, T, T - net->year_lo + 1,
                            K, K + 1);
    if (!(net->sc.shrink_students >= 0))
        return sn_error_set(err, SN_EINPUT, "projection: shrink_students "
                            "must be >= 0 (got %g)", net->sc.shrink_students);
    if (!(net->sc.entry_damping >= 0 && net->sc.entry_damping <= 1))
        return sn_error_set(err, SN_EINPUT, "projection: entry_damping must "
                            "lie in 0-1 (got %g)", net->sc.entry_damping);
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

int sn_fc_points(double *pts, double *housing, const sn_network *net, int T,
                 int H, sn_error *err)
{
    gsl_set_error_handler_off();
    int rc = check_inputs(net, T, H, err);
    if (rc)
        return rc;
    size_t cells = (size_t)H * (size_t)net->nzones * G1;
    memset(pts, 0, cells * sizeof *pts);
    if (housing)
        memset(housing, 0, cells * sizeof *housing);
    ctx c;
    memset(&c, 0, sizeof c);
    c.net = net;
    c.T = T;
    c.H = H;
    c.K = net->sc.gpr_years;
    c.lo = net->year_lo;
    c.method = net->sc.gpr_method;
    c.lambda = net->sc.shrink_students;
    c.phi = net->sc.entry_damping;
    size_t nk = (size_t)net->ncounties, ny = (size_t)(T - net->year_lo + 1);
    zplan *p = malloc(sizeof *p);
    c.cgpr = calloc(NCOMP * nk * G1 + 1, sizeof(rstat));
    c.centry = calloc(nk + 1, sizeof(rstat));
    c.ctrend = calloc(NCOMP * nk + 1, sizeof(trend));
    c.cg1 = calloc(NCOMP * nk * (size_t)c.K + 1, sizeof(double));
    c.x = malloc(ny * sizeof(double));
    c.y = malloc(ny * sizeof(double));
    c.rx = malloc((size_t)c.K * sizeof(double));
    c.rw = malloc((size_t)c.K * sizeof(double));
    c.num = malloc((size_t)c.K * sizeof(double));
    c.den = malloc((size_t)c.K * sizeof(double));
    if (!p || !c.cgpr || !c.centry || !c.ctrend || !c.cg1 || !c.x ||
        !c.y || !c.rx || !c.rw || !c.num || !c.den) {
        rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
        goto done;
    }
    county_gprs(&c);
    for (int k = 0; k < net->ncounties; k++)
        entry_ratio(&c.centry[k], &c, -1, k);
    county_trends(&c, err, &rc);
    for (int z = 0; z < net->nzones && !rc; z++)
        rc = project_zone(pts, &c, p, z, err);
    if (!rc)
        add_housing(pts, housing, &c);
done:
    free(p);
    free(c.cgpr);
    free(c.centry);
    free(c.ctrend);
    free(c.cg1);
    free(c.x);
    free(c.y);
    free(c.rx);
    free(c.rw);
    free(c.num);
    free(c.den);
    return rc;
}
