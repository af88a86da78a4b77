/* forecast.c - the projection object: points from forecast_points.c and
 * prediction intervals taken from the projection's own past errors.
 *
 * Intervals.  Before projecting from base year T, the same method projects
 * from every earlier origin o the history allows (o >= year_lo + K) and
 * records, for every horizon h with o + h <= T, the log errors
 * e = log((A + 1) / (P + 1)) of zone x grade cells, zone totals, county x
 * grade cells and county totals, each in the size band of its projection
 * P.  The interval of a new projection P at horizon h is
 * (P + 1) exp(q) - 1 (at least 0), q the 10/90% (80% interval) and
 * 2.5/97.5% (95%) quantiles of the errors of its level, band and horizon:
 * empirical quantiles when there are at least EMP_MIN errors, otherwise
 * mean +- t sd sqrt(1 + 1/n) of the log errors (normal prediction
 * interval); a band with fewer than OWN_MIN errors is pooled with its
 * neighbours until it has them (or every band is in).  Horizons longer
 * than any seen scale the longest seen linearly with h.  Without any
 * earlier origin the interval is counting noise only, +- z sqrt(P h), and
 * sn_forecast_calibrated() says so.  docs/projection.md has the reasons
 * and the backtest that chose this.
 */
#include "model/forecast_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define G1 SN_FC_G1
#define NB SN_FC_NBANDS
#define EMP_MIN 40 /* errors needed for empirical quantiles */
#define OWN_MIN 5  /* errors a band needs to stand alone (else pooled) */

enum { EL_CELL = 0, EL_ZONE = 1, EL_CCELL = 2, EL_COUNTY = 3, NEL = 4 };
enum { LO80 = 0, HI80 = 1, LO95 = 2, HI95 = 3, NQ = 4 };
static const double qprob[NQ] = {0.10, 0.90, 0.025, 0.975};

struct sn_forecast {
    int base_year, horizon, nzones, ncounties;
    int calibrated;   /* 1: intervals from past errors; 0: counting noise */
    int *zone_county;
    double *zone;     /* [((h-1) * nzones + z) * G1 + g] points */
    double *zhousing; /* the housing part of zone */
    double *county;   /* [((h-1) * ncounties + k) * G1 + g], g = 0: all */
    double *chousing;
    double *cg1;      /* [k * 9 + i] county grade 1 in T - 8 + i, i < 9 */
    double *q;        /* [((level * NB + band) * horizon + h-1) * NQ + i] */
    unsigned char *ok;/* [level * NB + band]: q holds quantiles; else the
                         interval is counting noise (fewer than 2 errors) */
};

/* ---- error buckets ------------------------------------------------------ */

typedef struct bucket {
    double *v;
    size_t n, cap;
} bucket;

typedef struct buckets {
    bucket *b; /* [(level * NB + band) * H + h - 1] */
    int H;
} buckets;

static int bucket_add(buckets *bs, int lv, double p, double a, int h)
{
    bucket *b = &bs->b[((size_t)lv * NB + (size_t)sn_fc_band(p)) * bs->H +
                       (size_t)(h - 1)];
    if (b->n == b->cap) {
        size_t ncap = b->cap ? 2 * b->cap : 64;
        double *v = realloc(b->v, ncap * sizeof *v);
        if (!v)
            return SN_ENOMEM;
        b->v = v;
        b->cap = ncap;
    }
    b->v[b->n++] = log((a + 1) / (p + 1));
    return 0;
}

/* Errors of the projection from origin o (points pts, Hh years). */
static int record(buckets *bs, const sn_network *net, const double *pts,
                  int o, int Hh, double *cacc)
{
    int nk = net->ncounties, rc = 0;
    for (int h = 1; h <= Hh && !rc; h++) {
        memset(cacc, 0, (size_t)nk * 2 * G1 * sizeof *cacc);
        for (int z = 0; z < net->nzones && !rc; z++) {
            if (sn_network_zone_first(net, z) > o)
                continue; /* a zone born later was never projected */
            const double *row = pts + ((size_t)(h - 1) * net->nzones + z) * G1;
            double *cp = cacc + (size_t)net->zones[z].county * 2 * G1;
            double pz = 0, az = 0;
            for (int g = 1; g <= SN_GRADES && !rc; g++) {
                double a = sn_network_students(net, o + h, z, g);
                rc = bucket_add(bs, EL_CELL, row[g], a, h);
                pz += row[g];
                az += a;
                cp[g] += row[g];
                cp[G1 + g] += a;
            }
            if (!rc)
                rc = bucket_add(bs, EL_ZONE, pz, az, h);
        }
        for (int k = 0; k < nk && !rc; k++) {
            const double *cp = cacc + (size_t)k * 2 * G1;
            double pk = 0, ak = 0;
            for (int g = 1; g <= SN_GRADES && !rc; g++) {
                rc = bucket_add(bs, EL_CCELL, cp[g], cp[G1 + g], h);
                pk += cp[g];
                ak += cp[G1 + g];
            }
            if (!rc && ak > 0)
                rc = bucket_add(bs, EL_COUNTY, pk, ak, h);
        }
    }
    return rc;
}

/* Quantiles of the errors of one level, band and horizon into q[NQ];
 * returns 0 when there are fewer than 2 errors even with every band. */
static int quantiles(double q[NQ], const buckets *bs, int lv, int band,
                     int h, double *tmp)
{
    size_t n = 0;
    int lo = band, hi = band;
    for (;;) {
        n = 0;
        for (int b = lo; b <= hi; b++)
            n += bs->b[((size_t)lv * NB + (size_t)b) * bs->H + (size_t)(h - 1)].n;
        if (n >= OWN_MIN || (lo == 0 && hi == NB - 1))
            break;
        if (lo > 0) /* too few: pool the neighbouring bands, both sides */
            lo--;
        if (hi < NB - 1)
            hi++;
    }
    if (n < 2)
        return 0;
    size_t m = 0;
    for (int b = lo; b <= hi; b++) {
        const bucket *bk = &bs->b[((size_t)lv * NB + (size_t)b) * bs->H +
                                  (size_t)(h - 1)];
        if (bk->n) /* an empty bucket has no array */
            memcpy(tmp + m, bk->v, bk->n * sizeof *tmp);
        m += bk->n;
    }
    if (n >= EMP_MIN) {
        gsl_sort(tmp, 1, n);
        for (int i = 0; i < NQ; i++)
            q[i] = gsl_stats_quantile_from_sorted_data(tmp, 1, n, qprob[i]);
        return 1;
    }
    double mean = gsl_stats_mean(tmp, 1, n);
    double sd = gsl_stats_sd_m(tmp, 1, n, mean);
    for (int i = 0; i < NQ; i++) {
        double t = gsl_cdf_tdist_Pinv(qprob[i], (double)(n - 1));
        if (!isfinite(t))
            return 0;
        q[i] = mean + t * sd * sqrt(1.0 + 1.0 / (double)n);
    }
    return 1;
}

/* Fills fc->q from past origins; fc->calibrated = 0 when there are none. */
static int calibrate(sn_forecast *fc, const sn_network *net, sn_error *err)
{
    int T = fc->base_year, H = fc->horizon, o0 = sn_fc_first_origin(net);
    fc->calibrated = 0;
    if (o0 >= T)
        return 0;
    int Hmax = T - o0 < H ? T - o0 : H;
    buckets bs = {calloc((size_t)NEL * NB * (size_t)H, sizeof(bucket)), H};
    double *pts = malloc((size_t)Hmax * (size_t)net->nzones * G1 *
                         sizeof(double) + sizeof(double));
    double *cacc = malloc(((size_t)net->ncounties * 2 * G1 + 1) *
                          sizeof(double));
    double *tmp = NULL;
    size_t most = 0;
    int rc = 0;
    if (!bs.b || !pts || !cacc) {
        rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
        goto done;
    }
    for (int o = o0; o < T && !rc; o++) {
        int Hh = T - o < H ? T - o : H;
        if ((rc = sn_fc_points(pts, NULL, net, o, Hh, err)) == 0)
            rc = record(&bs, net, pts, o, Hh, cacc);
        if (rc == SN_ENOMEM)
            sn_error_set(err, rc, "projection: out of memory");
    }
    for (size_t i = 0; i < (size_t)NEL * NB * (size_t)H; i++)
        most += bs.b[i].n;
    tmp = malloc((most + 1) * sizeof *tmp);
    if (!rc && !tmp)
        rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
    for (int lv = 0; lv < NEL && !rc; lv++)
        for (int b = 0; b < NB; b++) {
            int seen = 0;
            for (int h = 1; h <= H; h++) {
                double *q = fc->q + (((size_t)lv * NB + b) * H + h - 1) * NQ;
                if (quantiles(q, &bs, lv, b, h, tmp)) {
                    seen = h;
                    continue;
                }
                if (!seen)
                    continue; /* filled below from a longer horizon */
                const double *qs = fc->q + (((size_t)lv * NB + b) * H +
                                            seen - 1) * NQ;
                /* symmetric about the point: the sign of a short
                 * horizon's bias says little about a long one's */
                for (int i = 0; i < NQ; i += 2) {
                    double w = fmax(fabs(qs[i]), fabs(qs[i + 1])) * h / seen;
                    q[i] = -w;
                    q[i + 1] = w;
                }
            }
            /* errors thin out with h: none at h = 1 means none at all */
            fc->ok[lv * NB + b] = seen > 0;
        }
    fc->calibrated = !rc;
done:
    if (bs.b)
        for (size_t i = 0; i < (size_t)NEL * NB * (size_t)H; i++)
            free(bs.b[i].v);
    free(bs.b);
    free(pts);
    free(cacc);
    free(tmp);
    return rc;
}

/* ---- public ------------------------------------------------------------- */

int sn_forecast_new(sn_forecast **out, const sn_network *net, int base_year,
                    int horizon_years, sn_error *err)
{
    *out = NULL;
    gsl_set_error_handler_off();
    if (horizon_years < 1)
        return sn_error_set(err, SN_EUSAGE, "projection: the number of years "
                            "to project must be at least 1 (got %d)",
                            horizon_years);
    size_t nk = (size_t)net->ncounties, nz = (size_t)net->nzones;
    size_t H = (size_t)horizon_years;
    sn_forecast *fc = calloc(1, sizeof *fc);
    if (!fc)
        return sn_error_set(err, SN_ENOMEM, "projection: out of memory");
    fc->base_year = base_year;
    fc->horizon = horizon_years;
    fc->nzones = net->nzones;
    fc->ncounties = net->ncounties;
    fc->zone_county = malloc((nz ? nz : 1) * sizeof(int));
    fc->zone = calloc(H * nz * G1 + 1, sizeof(double));
    fc->zhousing = calloc(H * nz * G1 + 1, sizeof(double));
    fc->county = calloc(H * nk * G1 + 1, sizeof(double));
    fc->chousing = calloc(H * nk * G1 + 1, sizeof(double));
    fc->cg1 = calloc(nk * 9 + 1, sizeof(double));
    fc->q = calloc((size_t)NEL * NB * H * NQ, sizeof(double));
    fc->ok = calloc((size_t)NEL * NB, 1);
    int rc;
    if (!fc->zone_county || !fc->zone || !fc->zhousing || !fc->county ||
        !fc->chousing || !fc->cg1 || !fc->q || !fc->ok) {
        rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
        goto fail;
    }
    if ((rc = sn_fc_points(fc->zone, fc->zhousing, net, base_year,
                           horizon_years, err)) != 0)
        goto fail;
    for (size_t z = 0; z < nz; z++) {
        int k = net->zones[z].county;
        fc->zone_county[z] = k;
        for (size_t h = 0; h < H; h++)
            for (int g = 1; g <= SN_GRADES; g++) {
                double p = fc->zone[(h * nz + z) * G1 + g];
                double hs = fc->zhousing[(h * nz + z) * G1 + g];
                double *c = fc->county + (h * nk + (size_t)k) * G1;
                double *ch = fc->chousing + (h * nk + (size_t)k) * G1;
                c[g] += p;
                c[0] += p;
                ch[g] += hs;
                ch[0] += hs;
            }
        for (int i = 0; i < 9; i++)
            fc->cg1[(size_t)k * 9 + i] +=
                sn_network_students(net, base_year - 8 + i, (int)z, 1);
    }
    if ((rc = calibrate(fc, net, err)) != 0)
        goto fail;
    *out = fc;
    return 0;
fail:
    sn_forecast_free(fc);
    return rc;
}

void sn_forecast_free(sn_forecast *fc)
{
    if (!fc)
        return;
    free(fc->zone_county);
    free(fc->zone);
    free(fc->zhousing);
    free(fc->county);
    free(fc->chousing);
    free(fc->cg1);
    free(fc->q);
    free(fc->ok);
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

int sn_forecast_calibrated(const sn_forecast *fc)
{
    return fc->calibrated;
}

/* Point p (housing part hs) of level lv, h years ahead, with its interval. */
static void to_projection(sn_projection *out, const sn_forecast *fc, int lv,
                          int h, double p, double hs)
{
    out->students = p;
    out->housing = hs;
    double lo[2], hi[2];
    int band = sn_fc_band(p);
    if (fc->calibrated && fc->ok[lv * NB + band]) {
        const double *q = fc->q + (((size_t)lv * NB + (size_t)band) *
                                   (size_t)fc->horizon + (size_t)(h - 1)) * NQ;
        for (int i = 0; i < 2; i++) {
            lo[i] = (p + 1) * exp(q[2 * i]) - 1;
            hi[i] = (p + 1) * exp(q[2 * i + 1]) - 1;
        }
    } else {
        static const double z[2] = {1.2815515655, 1.9599639845};
        for (int i = 0; i < 2; i++) {
            lo[i] = p - z[i] * sqrt(p * h);
            hi[i] = p + z[i] * sqrt(p * h);
        }
    }
    out->low80 = lo[0] > 0 ? lo[0] : 0.0;
    out->high80 = hi[0] > 0 ? hi[0] : 0.0;
    out->low95 = lo[1] > 0 ? lo[1] : 0.0;
    out->high95 = hi[1] > 0 ? hi[1] : 0.0;
}

static int bad_cell(sn_projection *out, const sn_forecast *fc, int year,
                    int grade)
{
    memset(out, 0, sizeof *out);
    return year <= fc->base_year || year > fc->base_year + fc->horizon ||
           grade < 0 || grade > SN_GRADES;
}

static size_t zone_at(const sn_forecast *fc, int year, int z, int g)
{
    size_t h = (size_t)(year - fc->base_year - 1);
    return (h * (size_t)fc->nzones + (size_t)z) * G1 + (size_t)g;
}

int sn_forecast_zone(sn_projection *out, const sn_forecast *fc, int year,
                     int zone, int grade)
{
    if (bad_cell(out, fc, year, grade) || zone < 0 || zone >= fc->nzones)
        return SN_EUSAGE;
    double p = 0, hs = 0;
    for (int g = grade ? grade : 1; g <= (grade ? grade : SN_GRADES); g++) {
        p += fc->zone[zone_at(fc, year, zone, g)];
        hs += fc->zhousing[zone_at(fc, year, zone, g)];
    }
    to_projection(out, fc, grade ? EL_CELL : EL_ZONE, year - fc->base_year,
                  p, hs);
    return 0;
}

int sn_forecast_county(sn_projection *out, const sn_forecast *fc, int year,
                       int county, int grade)
{
    if (bad_cell(out, fc, year, grade) || county < 0 ||
        county >= fc->ncounties)
        return SN_EUSAGE;
    size_t h = (size_t)(year - fc->base_year - 1);
    size_t at = (h * (size_t)fc->ncounties + (size_t)county) * G1 +
                (size_t)grade;
    to_projection(out, fc, grade ? EL_CCELL : EL_COUNTY, (int)h + 1,
                  fc->county[at], fc->chousing[at]);
    return 0;
}

int sn_forecast_school(sn_projection *out, const sn_forecast *fc,
                       const sn_network *net, int year, int school, int grade)
{
    if (bad_cell(out, fc, year, grade) || school < 0 ||
        school >= net->nschools || net->nzones != fc->nzones)
        return SN_EUSAGE;
    const sn_school *s = &net->schools[school];
    double p = 0, hs = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        if (grade ? g != grade : !sn_school_teaches(s, g))
            continue;
        for (int z = 0; z < fc->nzones; z++) {
            const sn_zone *zn = &net->zones[z];
            int d = g <= 6 ? zn->primary_school : zn->junior_school;
            if (d == school) {
                p += fc->zone[zone_at(fc, year, z, g)];
                hs += fc->zhousing[zone_at(fc, year, z, g)];
            }
        }
    }
    /* a school gathers zones: its errors are taken as a zone total's */
    to_projection(out, fc, EL_ZONE, year - fc->base_year, p, hs);
    return 0;
}

int sn_forecast_retention(double *out, const sn_forecast *fc, int year,
                          int county)
{
    *out = 0;
    if (year <= fc->base_year || year > fc->base_year + fc->horizon ||
        county < 0 || county >= fc->ncounties)
        return SN_EUSAGE;
    int y1 = year - 8; /* the cohort's grade-1 year */
    double g1;
    if (y1 <= fc->base_year)
        g1 = fc->cg1[(size_t)county * 9 + (size_t)(y1 - (fc->base_year - 8))];
    else
        g1 = fc->county[((size_t)(y1 - fc->base_year - 1) * fc->ncounties +
                         (size_t)county) * G1 + 1];
    double g9 = fc->county[((size_t)(year - fc->base_year - 1) *
                            fc->ncounties + (size_t)county) * G1 + 9];
    if (!(g1 > 0))
        return SN_EINPUT;
    *out = g9 / g1;
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
    /* points only: the planner needs no intervals */
    int H = year - net->year_hi;
    double *pts = malloc((size_t)H * (size_t)net->nzones * G1 *
                         sizeof(double) + sizeof(double));
    if (!pts)
        return sn_error_set(err, SN_ENOMEM, "projection: out of memory");
    int rc = sn_fc_points(pts, NULL, net, net->year_hi, H, err);
    if (rc) {
        free(pts);
        return rc;
    }
    for (int z = 0; z < net->nzones; z++) {
        out[(size_t)z * G1] = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            out[(size_t)z * G1 + g] = (int)floor(
                pts[((size_t)(H - 1) * net->nzones + z) * G1 + g] + 0.5);
    }
    free(pts);
    if (source)
        *source = "projection";
    return 0;
}

/* County sums of grade g in `year`: history, or the points pts of a
 * projection from year_hi (H years) beyond it. */
static void county_grade(double *out, const sn_network *net,
                         const double *pts, int year, int g)
{
    memset(out, 0, (size_t)net->ncounties * sizeof *out);
    for (int z = 0; z < net->nzones; z++) {
        double v;
        if (year <= net->year_hi)
            v = sn_network_students(net, year, z, g);
        else
            v = pts[((size_t)(year - net->year_hi - 1) * net->nzones + z) *
                    G1 + g];
        out[net->zones[z].county] += v;
    }
}

int sn_forecast_demand_info(sn_demand_info *out, const sn_network *net,
                            int year, sn_error *err)
{
    memset(out, 0, sizeof *out);
    if (net->year_lo > net->year_hi || !net->students)
        return sn_error_set(err, SN_EINPUT, "projection: no enrolment "
                            "history (enrolment.csv has no rows)");
    if (year < net->year_lo)
        return sn_error_set(err, SN_EUSAGE, "demand: year %d lies before the "
                            "history %d-%d", year, net->year_lo, net->year_hi);
    size_t nk = (size_t)net->ncounties;
    int H = year > net->year_hi ? year - net->year_hi : 0, rc = 0;
    size_t cells = (size_t)(H ? H : 1) * (size_t)net->nzones * G1 + 1;
    double *pts = H ? malloc(cells * sizeof *pts) : NULL;
    double *hs = H ? malloc(cells * sizeof *hs) : NULL;
    double *g9 = malloc((nk + 1) * sizeof *g9);
    double *g1 = malloc((nk + 1) * sizeof *g1);
    out->retention = malloc((nk + 1) * sizeof *out->retention);
    if ((H && (!pts || !hs)) || !g9 || !g1 || !out->retention) {
        rc = sn_error_set(err, SN_ENOMEM, "projection: out of memory");
        goto done;
    }
    if (H && (rc = sn_fc_points(pts, hs, net, net->year_hi, H, err)) != 0)
        goto done;
    out->ncounties = net->ncounties;
    if (H)
        for (size_t i = 0; i < (size_t)net->nzones * G1; i++)
            out->housing += hs[(size_t)(H - 1) * net->nzones * G1 + i];
    county_grade(g9, net, pts, year, 9);
    if (year - 8 >= net->year_lo)
        county_grade(g1, net, pts, year - 8, 1);
    else
        memset(g1, 0, (nk + 1) * sizeof *g1);
    for (size_t k = 0; k < nk; k++)
        out->retention[k] = g1[k] > 0 ? g9[k] / g1[k] : NAN;
done:
    free(pts);
    free(hs);
    free(g9);
    free(g1);
    if (rc) {
        free(out->retention);
        out->retention = NULL;
    }
    return rc;
}

void sn_demand_info_dispose(sn_demand_info *d)
{
    if (!d)
        return;
    free(d->retention);
    d->retention = NULL;
}
