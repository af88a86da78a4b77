/* test_forecast.c - hand-computed point projections on tiny in-memory
 * networks.  The default ratio (gpr_method mean) is the aggregate ratio
 * over the window, sum of numerators / sum of denominators.  Grade 1
 * without births follows a damped trend: a least-squares line through the
 * zone's grade-1 history, level L at the base year and slope b, gives
 * L + b (phi + ... + phi^h) h years ahead (phi = entry_damping, 0.8).
 * Networks with K + 1 history years have no earlier origin, so their
 * intervals are counting noise, P +- z sqrt(P h) (z = 1.2815515655 and
 * 1.9599639845); calibrated intervals are tested in test_forecast_interval.c.
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

Test(model_forecast, exact_gpr_and_counting_noise_interval)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    cr_expect_eq(sn_forecast_first_year(fc), 2017);
    cr_expect_eq(sn_forecast_last_year(fc), 2018);
    cr_expect_eq(sn_forecast_calibrated(fc), 0); /* 2013-2016, K = 3 */
    sn_projection p;
    /* 2017 grade 2 = 47 * 133/135 = 46.303703704, +- z sqrt(P) */
    cr_assert_eq(sn_forecast_zone(&p, fc, 2017, 0, 2), 0);
    expect(&p, 46.303703704, 1.2815515655 * sqrt(46.303703704),
           1.9599639845 * sqrt(46.303703704));
    /* 2018 grade 3 = 46.303703704 * 0.976 = 45.192414815, +- z sqrt(2P) */
    cr_assert_eq(sn_forecast_zone(&p, fc, 2018, 0, 3), 0);
    expect(&p, 45.192414815, 1.2815515655 * sqrt(2 * 45.192414815), -1);
    cr_expect_float_eq(p.housing, 0, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

Test(model_forecast, entry_damped_trend_without_births)
{
    sn_network *net = network_a();
    sn_forecast *fc;
    sn_error err = {0};
    /* Grade 1 on x = -3..0: 40 50 45 47.  xbar = -1.5, Sxx = 5, Sxy = 8:
     * slope 1.6, level at x = 0: 47.9.  Damped (phi 0.8): 47.9 + 1.6 x 0.8
     * = 49.18 in 2017, 47.9 + 1.6 x 1.44 = 50.204 in 2018; the straight
     * line (phi 1) 49.5 and 51.1. */
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    sn_projection p;
    cr_assert_eq(sn_forecast_zone(&p, fc, 2017, 0, 1), 0);
    cr_expect_float_eq(p.students, 49.18, EPS);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.students, 50.204, EPS);
    sn_forecast_free(fc);
    net->sc.entry_damping = 1;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.students, 51.1, EPS);
    sn_forecast_free(fc);
    net->sc.entry_damping = 1.5;
    cr_expect_eq(sn_forecast_new(&fc, net, 2016, 2, &err), SN_EINPUT);
    cr_expect(strstr(err.msg, "entry_damping"), "%s", err.msg);
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
 * 2017 = 5 x = 4.900049975.  A: aggregate 586/600, w = 600/660, GPR
 * 0.976698015, 195 x = 190.456112853.  County: 195.356162828. */
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
    cr_expect_float_eq(p.students, 4.900049975, EPS);
    sn_forecast_zone(&p, fc, 2017, 0, 2);
    cr_expect_float_eq(p.students, 190.456112853, EPS);
    cr_assert_eq(sn_forecast_county(&p, fc, 2017, 0, 2), 0);
    cr_expect_float_eq(p.students, 195.356162828, EPS);
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
 * 2017 grade 1 = 55 x = 52.608695652.  Births of 2012 are unknown: 2018
 * grade 1 comes from the damped trend through 40 50 57 47 (slope 2.8,
 * level 52.7): 52.7 + 2.8 (0.8 + 0.64) = 56.732. */
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
    cr_expect_float_eq(p.students, 52.608695652, EPS);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.students, 56.732, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Migrants projected apart.  Grade 1 students 60 64 58 66, of which
 * migrants 20 22 18 24 (locals 40 42 40 42); grade 2 2014..2016 students
 * 54 60 52, migrants 15 18 13 (locals 39 42 39).  Local GPR
 * (39 + 42 + 39) / (40 + 42 + 40) = 120/122, migrant GPR
 * (15 + 18 + 13) / (20 + 22 + 18) = 46/60.  Grade 2 in 2017 =
 * 42 x 120/122 + 24 x 46/60 = 41.311475410 + 18.4 = 59.711475410.
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
    cr_expect_float_eq(p.students, 59.711475410, EPS);
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
    /* all grades of the zone: points add */
    sn_projection g1, g2, all;
    sn_forecast_zone(&g1, fc, 2017, 0, 1);
    sn_forecast_zone(&g2, fc, 2017, 0, 2);
    sn_forecast_zone(&all, fc, 2017, 0, 0);
    sn_projection g3;
    sn_forecast_zone(&g3, fc, 2017, 0, 3);
    cr_expect_float_eq(all.students, g1.students + g2.students + g3.students,
                       EPS);
    cr_expect_float_eq(all.high80, all.students + 1.2815515655 *
                       sqrt(all.students), EPS);
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
    cr_expect_float_eq(p.students, 195.356162828, EPS); /* = the county */
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
    /* 2017: grade 1 49.18 rounds to 49, grade 2 46.30 to 46,
     * grade 3 = 44 x 0.976 = 42.944 to 43 */
    cr_assert_eq(sn_forecast_demand(d, net, 2017, &src, &err), 0, "%s",
                 err.msg);
    cr_expect_str_eq(src, "projection");
    cr_expect_eq(d[0], 0);
    cr_expect_eq(d[1], 49);
    cr_expect_eq(d[2], 46);
    cr_expect_eq(d[3], 43);
    cr_expect_eq(d[4], 0); /* grade 4 never seen: ratios 0/35, 0/37 */
    cr_expect_eq(sn_forecast_demand(d, net, 2012, &src, &err), SN_EUSAGE);
    sn_network_free(net);
}

/* Backtest on one zone, 2012-2016: with K = 3 the only origin is 2015,
 * one year ahead.  Grade g in year t is the cohort that entered in
 * t - g + 1, with entry cohorts 2004..2016: 60 58 57 55 52 50 46 43 40 50
 * 45 47 52, so every GPR is exactly 1 and grades 2-9 of 2016 are
 * projected exactly; grade 1 comes from the damped trend through 40 50 45
 * 47: 49.18 (actual 52).
 *   actual 2016 total 425; cohort 422.18; last (2015 total) 428;
 *   trend: per-grade lines at x = 1 sum to 416.5.
 *   APE: cohort 2.82/425 = 0.663529412%, last 0.705882353%, trend 2%.
 * The first origin has no earlier one: its intervals are not calibrated
 * and not counted in the coverage. */
Test(model_forecast, backtest_tiny)
{
    sn_network *net = tiny(1, 2012, 2016);
    const int c[] = {60, 58, 57, 55, 52, 50, 46, 43, 40, 50, 45, 47, 52};
    for (int t = 2012; t <= 2016; t++)
        for (int g = 1; g <= SN_GRADES; g++)
            sn_network_students_at(net, t, 0)[g] = c[t - g + 1 - 2004];
    sn_backtest *bt;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_backtest(&bt, net, 3, &err), 0, "%s", err.msg);
    cr_expect_eq(bt->first_origin, 2015);
    cr_expect_eq(bt->last_origin, 2015);
    /* county, grade, zone (all), zone (band 300-999): one horizon each */
    cr_assert_eq(bt->nrows, 4 * SN_BT_NMETHODS);
    const double mape[] = {0.663529412, 0.705882353, 2.0};
    const double mspe[] = {-0.663529412, 0.705882353, -2.0};
    for (int m = 0; m < SN_BT_NMETHODS; m++) {
        const sn_backtest_row *county = &bt->rows[m];
        const sn_backtest_row *zone = &bt->rows[2 * SN_BT_NMETHODS + m];
        const sn_backtest_row *band = &bt->rows[3 * SN_BT_NMETHODS + m];
        cr_expect_eq(county->level, SN_BT_COUNTY);
        cr_expect_eq(county->horizon, 1);
        cr_expect_eq((int)county->method, m);
        cr_expect_eq(county->n, 1);
        cr_expect_float_eq(county->mape, mape[m], EPS, "%s %.9f",
                           sn_bt_method_name(county->method), county->mape);
        cr_expect_float_eq(county->mspe, mspe[m], EPS);
        cr_expect_eq(zone->level, SN_BT_ZONE);
        cr_expect_eq(zone->band, -1);
        cr_expect_float_eq(zone->mape, mape[m], EPS); /* one zone */
        cr_expect_eq(band->band, 4);
        cr_expect_str_eq(sn_bt_band_name(band->band), "300-999");
        cr_expect_float_eq(band->mape, mape[m], EPS);
        cr_expect_eq(county->ncover, 0);
        cr_expect_float_eq(county->cover80, -1.0, EPS);
    }
    /* grade level, grade 1 cell APE 2.82/52; the other 8 cells exact */
    const sn_backtest_row *grade = &bt->rows[SN_BT_NMETHODS];
    cr_expect_eq(grade->level, SN_BT_GRADE);
    cr_expect_eq(grade->n, 9);
    cr_expect_float_eq(grade->mape, 100 * (2.82 / 52) / 9, EPS);
    sn_backtest_free(bt);

    cr_expect_eq(sn_forecast_backtest(&bt, net, 0, &err), SN_EUSAGE);
    net->sc.gpr_years = 4; /* first origin 2016: nothing to score */
    cr_expect_eq(sn_forecast_backtest(&bt, net, 2, &err), SN_EINPUT);
    cr_expect_null(bt);
    cr_expect(strstr(err.msg, "history too short"), "%s", err.msg);
    sn_backtest_free(NULL);
    sn_network_free(net);
}
