/* test_forecast.c - hand-computed projections on tiny in-memory networks.
 *
 * Constants used below (Student's t with 2 degrees of freedom has the closed
 * form t_p = (2p - 1) / sqrt(2 p (1 - p))):
 *   t_0.90(2)  = 0.8 / sqrt(0.18)     = 1.885618083
 *   t_0.975(2) = 0.95 / sqrt(0.04875) = 4.302652730
 * The default ratio (gpr_method mean) is the aggregate ratio over the window,
 * sum of numerators / sum of denominators, not the mean of the yearly ratios.
 * With K = 3 yearly ratios the prediction sd of the next ratio is
 * s * sqrt(1 + 1/3), s the sample sd of the yearly ratios; the 80% half-width
 * of B * ratio is
 * B * s * sqrt(4/3) * t_0.90(2).  A straight line through n = 4 points has
 * prediction variance s2 (1 + 1/n + (x - xbar)^2 / Sxx), s2 = SSE / 2.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/forecast.h"
#include "model/network.h"

#define EPS 1e-6

static sn_network *tiny(int nzones, int lo, int hi)
{
    sn_network *net;
    cr_assert_eq(sn_network_new(&net), 0);
    cr_assert_eq(sn_network_add_county(net, "Jiangxian"), 0);
    char id[16];
    for (int z = 0; z < nzones; z++) {
        snprintf(id, sizeof id, "z%d", z + 1);
        sn_zone zn = {0};
        zn.id = id;
        zn.county = 0;
        zn.primary_school = zn.junior_school = -1;
        cr_assert_eq(sn_network_add_zone(net, &zn), z);
    }
    cr_assert_eq(sn_network_alloc_years(net, lo, hi), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    return net;
}

/* Sets one grade of one zone for consecutive years from `from`. */
static void series(sn_network *net, int z, int g, int from, int n,
                   const int *v)
{
    for (int i = 0; i < n; i++)
        sn_network_students_at(net, from + i, z)[g] = v[i];
}

static void migrants(sn_network *net, int z, int g, int from, int n,
                     const int *v)
{
    for (int i = 0; i < n; i++)
        net->migrants[((size_t)(from + i - net->year_lo) * net->nzones + z) *
                          (SN_GRADES + 1) + g] = v[i];
}

/* Network A: one zone, 2013-2016.
 *   grade 1: 40 50 45 47            (2013..2016)
 *   grade 2: 36 38 51 44            (2013..2016)
 *   grade 3:  0 35 37 50            (2013..2016)
 * GPR 1->2: yearly 38/40 = 0.95, 51/50 = 1.02, 44/45 = 0.977778 (sd
 *   0.035247508); aggregate (38 + 51 + 44) / (40 + 50 + 45) = 133/135 =
 *   0.985185185 (the mean of the yearly ratios would be 0.982592593).
 * GPR 2->3: yearly 35/36, 37/38, 50/51; aggregate 122/125 = 0.976. */
static sn_network *network_a(void)
{
    sn_network *net = tiny(1, 2013, 2016);
    series(net, 0, 1, 2013, 4, (const int[]){40, 50, 45, 47});
    series(net, 0, 2, 2013, 4, (const int[]){36, 38, 51, 44});
    series(net, 0, 3, 2013, 4, (const int[]){0, 35, 37, 50});
    return net;
}

static void expect(const sn_projection *p, double pt, double h80, double h95)
{
    cr_expect_float_eq(p->students, pt, EPS, "point %.9f != %.9f",
                       p->students, pt);
    cr_expect_float_eq(p->high80, pt + h80, EPS, "high80 %.9f != %.9f",
                       p->high80, pt + h80);
    cr_expect_float_eq(p->low80, fmax(0, pt - h80), EPS);
    if (h95 >= 0) {
        cr_expect_float_eq(p->high95, pt + h95, EPS, "high95 %.9f != %.9f",
                           p->high95, pt + h95);
        cr_expect_float_eq(p->low95, fmax(0, pt - h95), EPS);
    }
}

Test(model_forecast, exact_gpr_and_interval)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    cr_expect_eq(sn_forecast_first_year(fc), 2017);
    cr_expect_eq(sn_forecast_last_year(fc), 2018);
    sn_projection p;
    /* 2017 grade 2 = 47 * 133/135 = 46.303703704;
     * h80 = 47 * 0.035247508 * sqrt(4/3) * 1.885618083 = 3.607026894,
     * h95 = the same with 4.302652730 = 8.230608440. */
    cr_assert_eq(sn_forecast_zone(&p, fc, 2017, 0, 2), 0);
    expect(&p, 46.303703704, 3.607026894, 8.230608440);
    /* 2018 grade 3 = 46.303703704 * 0.976 = 45.192414815.  With
     * sds in scaled units (sd * t_q(2) / z_q, z_0.90 = 1.281551566,
     * z_0.975 = 1.959963985), V = (h80 of 2017 / z)^2 and v = (sd of the
     * 2->3 ratio * sqrt(4/3) * t / z)^2, the variance is
     * R^2 V + P^2 v + V v (R = 0.976, P = 46.303703704):
 * h80 = z sqrt(.) = 3.547852959, h95 = 8.095864849. */
    cr_assert_eq(sn_forecast_zone(&p, fc, 2018, 0, 3), 0);
    expect(&p, 45.192414815, 3.547852959, 8.095864849);
    sn_forecast_free(fc);
    sn_network_free(net);
}

Test(model_forecast, entry_trend_without_births)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    /* Grade 1 on x = -3..0: 40 50 45 47.  xbar = -1.5, Sxx = 5, Sxy = 8:
     * slope 1.6, intercept 47.9, at x = 1: 49.5.  Residuals -3.1 5.3 -1.3
     * -0.9, SSE = 40.2, s2 = 20.1; prediction variance
     * 20.1 (1 + 1/4 + 2.5^2/5) = 50.25, sd 7.088723439:
     * h80 = 1.885618083 sd = 13.366625104, h95 = 30.500315257. */
    sn_projection p;
    cr_assert_eq(sn_forecast_zone(&p, fc, 2017, 0, 1), 0);
    expect(&p, 49.5, 13.366625104, 30.500315257);
    sn_forecast_free(fc);
    sn_network_free(net);
}

Test(model_forecast, median_and_weighted_methods)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    sn_projection p;
    /* median of 0.95, 1.02, 0.977778 = 0.977777778; 47 x = 45.955555556 */
    net->sc.gpr_method = SN_GPR_MEDIAN;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_forecast_zone(&p, fc, 2017, 0, 2);
    cr_expect_float_eq(p.students, 45.955555556, EPS);
    sn_forecast_free(fc);
    /* weighted aggregate, weights 1, 2, 3 (most recent heaviest):
     * (38 + 2 * 51 + 3 * 44) / (40 + 2 * 50 + 3 * 45) = 272/275 =
     * 0.989090909; 47 x = 46.487272727 */
    net->sc.gpr_method = SN_GPR_WEIGHTED;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_forecast_zone(&p, fc, 2017, 0, 2);
    cr_expect_float_eq(p.students, 46.487272727, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Two zones: A large, B with a handful of pupils.
 *   A grade 1 2013..2016: 200 210 190 195; grade 2 2014..2016: 196 203 187
 *   B grade 1 2013..2016:   3   2   4   5; grade 2 2014..2016:   4   2   3
 * B's yearly ratios 4/3, 1, 3/4, aggregate (4 + 2 + 3) / (3 + 2 + 4) = 1;
 * n = 9 pupils, so with shrink_students 60 w = 9/69 = 0.130434783.  County
 * (sums of both zones) 200/203, 205/212, 190/194, aggregate 595/609 =
 * 0.977011494.  B's GPR = w 1 + (1 - w) 595/609 = (9 + 60 x 595/609) / 69
 * = 0.980009995 (lambda pseudo-pupils at the county ratio), grade 2 in
 * 2017 = 5 x = 4.900049975; sd = w sd_B + (1 - w) sd_county, h80 =
 * 5 sd sqrt(4/3) t = 0.503751043.  A: aggregate 586/600, w = 600/660, GPR
 * 0.976698015, 195 x = 190.456112853, h80 3.894619018.  County: points
 * add, sds add: 195.356162828 +- 4.398370060. */
Test(model_forecast, small_zone_shrinks_to_county)
{
    sn_network *net = tiny(2, 2013, 2016);
    series(net, 0, 1, 2013, 4, (const int[]){200, 210, 190, 195});
    series(net, 0, 2, 2014, 3, (const int[]){196, 203, 187});
    series(net, 1, 1, 2013, 4, (const int[]){3, 2, 4, 5});
    series(net, 1, 2, 2014, 3, (const int[]){4, 2, 3});
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 1, 2);
    expect(&p, 4.900049975, 0.503751043, -1);
    sn_forecast_zone(&p, fc, 2017, 0, 2);
    expect(&p, 190.456112853, 3.894619018, -1);
    cr_assert_eq(sn_forecast_county(&p, fc, 2017, 0, 2), 0);
    expect(&p, 195.356162828, 4.398370060, -1);
    sn_forecast_free(fc);
    /* shrink_students 0: B keeps its own aggregate ratio, 5 x 9/9 */
    net->sc.shrink_students = 0;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_forecast_zone(&p, fc, 2017, 1, 2);
    cr_expect_float_eq(p.students, 5.0, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Births 2008..2011: 52 61 48 55; grade 1 2014..2016: 50 57 47 (2013: 40).
 * Entry ratios 50/52, 57/61, 47/48, aggregate 154/161 = 0.956521739, so
 * 2017 grade 1 = 55 x = 52.608695652, h80 = 55 sd sqrt(4/3) t = 2.698885178
 * (sd of the yearly ratios), h95 =
 * 6.158386888.  Births of 2012 are unknown: 2018 grade 1 comes from the
 * line through 40 50 57 47 at x = 2: 58.3, h80 26.874523252. */
Test(model_forecast, births_path_then_trend_path)
{
    sn_network *net = tiny(1, 2013, 2016);
    series(net, 0, 1, 2013, 4, (const int[]){40, 50, 57, 47});
    cr_assert_eq(sn_network_alloc_births(net, 2007, 2011), 0);
    const int b[] = {45, 52, 61, 48, 55};
    for (int i = 0; i < 5; i++)
        net->births[i] = b[i];
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 0, 1);
    expect(&p, 52.608695652, 2.698885178, 6.158386888);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    expect(&p, 58.3, 26.874523252, -1);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Migrants projected apart.  Grade 1 students 60 64 58 66, of which
 * migrants 20 22 18 24 (locals 40 42 40 42); grade 2 2014..2016 students
 * 54 60 52, migrants 15 18 13 (locals 39 42 39).  Local GPR
 * (39 + 42 + 39) / (40 + 42 + 40) = 120/122, migrant GPR
 * (15 + 18 + 13) / (20 + 22 + 18) = 46/60.  Grade 2 in 2017 =
 * 42 x 120/122 + 24 x 46/60 = 41.311475410 + 18.4 = 59.711475410; sds add: h80 = (42 s_L + 24 s_M) sqrt(4/3) t = 3.900173469.
 * (One ratio for all pupils would give 66 x 166/182 = 60.197802198.) */
Test(model_forecast, migrants_are_a_separate_component)
{
    sn_network *net = tiny(1, 2013, 2016);
    series(net, 0, 1, 2013, 4, (const int[]){60, 64, 58, 66});
    series(net, 0, 2, 2014, 3, (const int[]){54, 60, 52});
    migrants(net, 0, 1, 2013, 4, (const int[]){20, 22, 18, 24});
    migrants(net, 0, 2, 2014, 3, (const int[]){15, 18, 13});
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 0, 2);
    expect(&p, 59.711475410, 3.900173469, -1);
    sn_forecast_free(fc);
    sn_network_free(net);
}

Test(model_forecast, rejects_too_short_history)
{
    sn_network *net = tiny(1, 2014, 2016);
    sn_forecast *fc = (sn_forecast *)&fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 3, &err), SN_EINPUT);
    cr_expect_null(fc);
    cr_expect(strstr(err.msg, "history too short"), "%s", err.msg);
    cr_expect(strstr(err.msg, "needs at least 4"), "%s", err.msg);
    /* two transitions are enough with gpr_years = 2 */
    net->sc.gpr_years = 2;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 3, &err), 0, "%s", err.msg);
    sn_forecast_free(fc);
    /* one transition gives no spread */
    net->sc.gpr_years = 1;
    cr_expect_eq(sn_forecast_new(&fc, net, 2016, 3, &err), SN_EINPUT);
    cr_expect(strstr(err.msg, "gpr_years must be at least 2"), "%s", err.msg);
    sn_network_free(net);
}

Test(model_forecast, rejects_bad_arguments)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    cr_expect_eq(sn_forecast_new(&fc, net, 2016, 0, &err), SN_EUSAGE);
    cr_expect_eq(sn_forecast_new(&fc, net, 2017, 1, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "outside the history 2013-2016"), "%s", err.msg);
    net->sc.shrink_students = -2.5;
    cr_expect_eq(sn_forecast_new(&fc, net, 2016, 1, &err), SN_EINPUT);
    net->sc.shrink_students = 60;
    migrants(net, 0, 2, 2015, 1, (const int[]){52});
    cr_expect_eq(sn_forecast_new(&fc, net, 2016, 1, &err), SN_EINPUT);
    cr_expect(strstr(err.msg, "zone z1, 2015, grade 2: migrants (52)"), "%s",
              err.msg);
    sn_network_free(net);

    sn_network *empty = tiny(1, 1, 0);
    cr_expect_eq(sn_forecast_new(&fc, empty, 2016, 1, &err), SN_EINPUT);
    cr_expect(strstr(err.msg, "no enrolment history"), "%s", err.msg);
    sn_network_free(empty);
}

Test(model_forecast, accessors_reject_out_of_range)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_projection p;
    cr_expect_eq(sn_forecast_zone(&p, fc, 2016, 0, 1), SN_EUSAGE);
    cr_expect_eq(sn_forecast_zone(&p, fc, 2018, 0, 1), SN_EUSAGE);
    cr_expect_eq(sn_forecast_zone(&p, fc, 2017, 1, 1), SN_EUSAGE);
    cr_expect_eq(sn_forecast_zone(&p, fc, 2017, 0, 10), SN_EUSAGE);
    cr_expect_eq(sn_forecast_county(&p, fc, 2017, 1, 0), SN_EUSAGE);
    cr_expect_eq(sn_forecast_school(&p, fc, net, 2017, 0, 0), SN_EUSAGE);
    cr_expect_float_eq(p.students, 0, EPS);
    /* all grades of the zone: points and sds add */
    sn_projection g1, g2, all;
    sn_forecast_zone(&g1, fc, 2017, 0, 1);
    sn_forecast_zone(&g2, fc, 2017, 0, 2);
    sn_forecast_zone(&all, fc, 2017, 0, 0);
    sn_projection g3;
    sn_forecast_zone(&g3, fc, 2017, 0, 3);
    cr_expect_float_eq(all.students, g1.students + g2.students + g3.students,
                       EPS);
    cr_expect_float_eq(all.high80 - all.students,
                       (g1.high80 - g1.students) + (g2.high80 - g2.students) +
                           (g3.high80 - g3.students), EPS);
    sn_forecast_free(fc);
    sn_forecast_free(NULL);
    sn_network_free(net);
}

Test(model_forecast, school_total_sums_designated_zones)
{
    sn_network *net = tiny(2, 2013, 2016);
    sn_school s = {0};
    s.id = "p1";
    s.grade_lo = 1;
    s.grade_hi = 6;
    cr_assert_eq(sn_network_add_school(net, &s), 0);
    net->zones[0].primary_school = 0;
    net->zones[1].primary_school = 0;
    series(net, 0, 1, 2013, 4, (const int[]){200, 210, 190, 195});
    series(net, 0, 2, 2014, 3, (const int[]){196, 203, 187});
    series(net, 1, 1, 2013, 4, (const int[]){3, 2, 4, 5});
    series(net, 1, 2, 2014, 3, (const int[]){4, 2, 3});
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_projection p, c;
    cr_assert_eq(sn_forecast_school(&p, fc, net, 2017, 0, 2), 0);
    expect(&p, 195.356162828, 4.398370060, -1); /* = the county, above */
    cr_assert_eq(sn_forecast_school(&p, fc, net, 2017, 0, 0), 0);
    cr_assert_eq(sn_forecast_county(&c, fc, 2017, 0, 0), 0);
    cr_expect_float_eq(p.students, c.students, EPS);
    cr_expect_float_eq(p.high95, c.high95, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

Test(model_forecast, demand_uses_history_then_projection)
{
    sn_network *net = network_a();
    int d[SN_GRADES + 1];
    const char *src = NULL;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_demand(d, net, 2015, &src, &err), 0);
    cr_expect_str_eq(src, "history");
    cr_expect_eq(d[1], 45);
    cr_expect_eq(d[2], 51);
    /* 2017: grade 1 49.5 rounds half up to 50, grade 2 46.18 to 46,
     * grade 3 = 44 x 0.976 = 42.944 to 43 */
    cr_assert_eq(sn_forecast_demand(d, net, 2017, &src, &err), 0, "%s",
                 err.msg);
    cr_expect_str_eq(src, "projection");
    cr_expect_eq(d[0], 0);
    cr_expect_eq(d[1], 50);
    cr_expect_eq(d[2], 46);
    cr_expect_eq(d[3], 43);
    cr_expect_eq(d[4], 0); /* grade 4 never seen: ratios 0/35, 0/37 */
    cr_expect_eq(sn_forecast_demand(d, net, 2012, &src, &err), SN_EUSAGE);
    sn_network_free(net);
}

/* Backtest on one zone, 2012-2016, holding out 2016 (base 2015).  Grade g
 * in year t is the cohort that entered in t - g + 1, with entry cohorts
 * 2004..2016: 60 58 57 55 52 50 46 43 40 50 45 47 52, so every GPR is
 * exactly 1 and grades 2-9 of 2016 are projected exactly; grade 1 comes
 * from the line through 40 50 45 47: 49.5 (actual 52).
 *   actual 2016 total 425; cohort 422.5; last (2015 total) 428;
 *   trend: per-grade lines at x = 1 sum to 416.5.
 *   APE: cohort 2.5/425 = 0.588235294%, last 0.705882353%, trend 2%. */
Test(model_forecast, backtest_tiny)
{
    sn_network *net = tiny(1, 2012, 2016);
    const int c[] = {60, 58, 57, 55, 52, 50, 46, 43, 40, 50, 45, 47, 52};
    for (int t = 2012; t <= 2016; t++)
        for (int g = 1; g <= SN_GRADES; g++)
            sn_network_students_at(net, t, 0)[g] = c[t - g + 1 - 2004];
    sn_backtest *bt;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_backtest(&bt, net, 1, &err), 0, "%s", err.msg);
    cr_expect_eq(bt->base_year, 2015);
    cr_assert_eq(bt->nrows, 9);
    const double mape[] = {0.588235294, 0.705882353, 2.0};
    const double mspe[] = {-0.588235294, 0.705882353, -2.0};
    for (int m = 0; m < SN_BT_NMETHODS; m++) {
        const sn_backtest_row *county = &bt->rows[m];
        const sn_backtest_row *zone = &bt->rows[2 * SN_BT_NMETHODS + m];
        cr_expect_eq(county->level, SN_BT_COUNTY);
        cr_expect_eq((int)county->method, m);
        cr_expect_eq(county->n, 1);
        cr_expect_float_eq(county->mape, mape[m], EPS, "%s %.9f",
                           sn_bt_method_name(county->method), county->mape);
        cr_expect_float_eq(county->mspe, mspe[m], EPS);
        cr_expect_eq(zone->level, SN_BT_ZONE);
        cr_expect_float_eq(zone->mape, mape[m], EPS); /* one zone */
    }
    /* the cohort interval 422.5 +- 13.366625 holds 425 */
    cr_expect_float_eq(bt->rows[0].cover80, 1.0, EPS);
    cr_expect_float_eq(bt->rows[1].cover80, -1.0, EPS);
    /* grade level, grade 1 cell APE 2.5/52; the other 8 cells exact */
    const sn_backtest_row *grade = &bt->rows[SN_BT_NMETHODS];
    cr_expect_eq(grade->level, SN_BT_GRADE);
    cr_expect_eq(grade->n, 9);
    cr_expect_float_eq(grade->mape, 100 * (2.5 / 52) / 9, EPS);
    sn_backtest_free(bt);

    cr_expect_eq(sn_forecast_backtest(&bt, net, 0, &err), SN_EUSAGE);
    cr_expect_eq(sn_forecast_backtest(&bt, net, 2, &err), SN_EINPUT);
    cr_expect_null(bt);
    cr_expect(strstr(err.msg, "history too short"), "%s", err.msg);
    sn_backtest_free(NULL);
    sn_network_free(net);
}
