/* test_forecast_parts.c - the projection's newer parts on small in-memory
 * networks, with hand-computed values: short histories, a births drop,
 * intervals calibrated on past errors (a tiny zone's wider than a large
 * zone's), pupils from new housing and the nine-year retention. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/forecast.h"
#include "model/network.h"

#define EPS 1e-6

static sn_network *net_of(int nzones, int lo, int hi)
{
    sn_network *net;
    cr_assert_eq(sn_network_new(&net), 0);
    cr_assert_eq(sn_network_add_county(net, "Yuanqu"), 0);
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

static void fill(sn_network *net, int z, int from, int to, int value)
{
    for (int t = from; t <= to; t++)
        for (int g = 1; g <= SN_GRADES; g++)
            sn_network_students_at(net, t, z)[g] = value;
}

/* Zone A has 100 pupils in every grade 2012-2016; zone B exists from 2015
 * with 50.  B has two years of grade 1, too few for its own trend: it
 * takes its share of the county's damped trend over the years it existed,
 * 100 / (150 + 150) = 1/3.  County grade 1 on x = -4..0: 100 100 100 150
 * 150, slope 15, level 150; 2017: 150 + 15 x 0.8 = 162, so B gets 54.
 * Had B's missing years counted as zeros, its share over the window
 * 2014-2016 would be 100 / 400 (B = 40.5, 25% low). */
Test(model_forecast_parts, short_history_borrows_from_the_county)
{
    sn_network *net = net_of(2, 2012, 2016);
    fill(net, 0, 2012, 2016, 100);
    fill(net, 1, 2015, 2016, 50);
    net->zone_first[1] = 2015;
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 1, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 1, 1);
    cr_expect_float_eq(p.students, 54.0, EPS, "%.9f", p.students);
    /* B's ratios use 2015 -> 2016 only: 50 -> 50, and the county's are 1 */
    sn_forecast_zone(&p, fc, 2017, 1, 2);
    cr_expect_float_eq(p.students, 50.0, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* One zone whose grade 1 is 95% of the births six years before; births
 * fall 40% in 2011 (100 -> 60): grade 1 of 2017 falls with them to 57,
 * where the trend without births would have kept 95. */
Test(model_forecast_parts, grade_one_follows_a_births_drop)
{
    sn_network *net = net_of(1, 2010, 2016);
    fill(net, 0, 2010, 2016, 95);
    cr_assert_eq(sn_network_alloc_births(net, 2004, 2011), 0);
    for (int y = 2004; y <= 2010; y++)
        net->births[y - 2004] = 100;
    net->births[2011 - 2004] = 60;
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 0, 1);
    cr_expect_float_eq(p.students, 57.0, EPS, "%.9f", p.students);
    /* 2018 needs births of 2012: unknown, so the damped trend (flat 95) */
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.students, 95.0, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Deterministic noise in [-1, 1) (a 32-bit LCG). */
static double noise(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return (double)(*s >> 8) / (double)(1u << 23) - 1.0;
}

/* Two zones, 2006-2017: one with about 1000 pupils a grade, one with
 * about 4, both with cohorts that move up with a few percent of drift
 * and counting noise (about sqrt of the cohort).
 * Calibrated on the past origins, the tiny zone's interval is much wider
 * relative to its projection than the large zone's. */
Test(model_forecast_parts, a_tiny_zone_has_a_wider_interval)
{
    sn_network *net = net_of(2, 2006, 2017);
    unsigned s = 2385;
    const double size[2] = {1000, 4};
    for (int z = 0; z < 2; z++)
        for (int t = 2006; t <= 2017; t++)
            for (int g = 1; g <= SN_GRADES; g++) {
                double v = g == 1 || t == 2006
                               ? size[z]
                               : sn_network_students(net, t - 1, z, g - 1);
                /* a few percent of drift plus counting noise ~ sqrt(v) */
                v = v * (1 + 0.03 * noise(&s)) + 1.7 * sqrt(v) * noise(&s);
                sn_network_students_at(net, t, z)[g] =
                    v > 0 ? (int)floor(v + 0.5) : 0;
            }
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2017, 3, &err), 0, "%s", err.msg);
    cr_expect_eq(sn_forecast_calibrated(fc), 1);
    for (int y = 2018; y <= 2020; y++) {
        sn_projection big, tiny;
        sn_forecast_zone(&big, fc, y, 0, 0);
        sn_forecast_zone(&tiny, fc, y, 1, 0);
        double wb = (big.high80 - big.low80) / big.students;
        double wt = (tiny.high80 - tiny.low80) / tiny.students;
        cr_expect_gt(wt, 2 * wb, "%d: tiny %.4f, big %.4f", y, wt, wb);
        cr_expect_gt(big.high95 - big.low95, big.high80 - big.low80);
        cr_expect_leq(big.low95, big.low80);
        cr_expect_geq(big.high95, big.high80);
    }
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* 120 dwellings completed in 2018 in zone 1 add 120 x 0.19 / 6 = 3.8
 * pupils to each primary grade and 120 x 0.09 / 3 = 3.6 to each junior
 * grade from 2018 on, reported apart; dwellings completed by the base
 * year are already in the history and add nothing. */
Test(model_forecast_parts, housing_is_a_separate_component)
{
    sn_network *net = net_of(1, 2012, 2016);
    fill(net, 0, 2012, 2016, 40);
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 3, &err), 0, "%s", err.msg);
    sn_projection before;
    sn_forecast_zone(&before, fc, 2018, 0, 1);
    sn_forecast_free(fc);
    cr_assert_eq(sn_network_add_housing(net, 0, 2018, 120), 0);
    cr_assert_eq(sn_network_add_housing(net, 0, 2015, 999), 0);
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 3, &err), 0, "%s", err.msg);
    sn_projection p;
    sn_forecast_zone(&p, fc, 2017, 0, 1);
    cr_expect_float_eq(p.housing, 0, EPS);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.housing, 3.8, EPS);
    cr_expect_float_eq(p.students, before.students + 3.8, EPS);
    sn_forecast_zone(&p, fc, 2019, 0, 8);
    cr_expect_float_eq(p.housing, 3.6, EPS);
    sn_forecast_county(&p, fc, 2019, 0, 0);
    cr_expect_float_eq(p.housing, 6 * 3.8 + 3 * 3.6, EPS);
    int demand[SN_GRADES + 1];
    cr_assert_eq(sn_forecast_demand(demand, net, 2018, NULL, &err), 0);
    cr_expect_eq(demand[1], (int)floor(before.students + 3.8 + 0.5));
    sn_forecast_free(fc);
    net->sc.yield_primary = 0;
    net->sc.yield_junior = 0;
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 3, &err), 0, "%s", err.msg);
    sn_forecast_zone(&p, fc, 2018, 0, 1);
    cr_expect_float_eq(p.students, before.students, EPS);
    sn_forecast_free(fc);
    sn_network_free(net);
}

/* Cohorts of 100, 150, ... pupils enter each year and keep their size,
 * except that only 98% reach grade 9: the 8 -> 9 ratio is 0.98 and every
 * other ratio 1, so the nine-year retention of 2017 (grade 9 of 2017 over
 * grade 1 of 2009) is 0.98. */
Test(model_forecast_parts, nine_year_retention)
{
    sn_network *net = net_of(1, 2008, 2016);
    for (int t = 2008; t <= 2016; t++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int c = 100 + 50 * ((t - g + 1) % 7); /* cohort of entry year */
            sn_network_students_at(net, t, 0)[g] = g == 9 ? c * 98 / 100 : c;
        }
    sn_forecast *fc;
    sn_error err = {0};
    cr_assert_eq(sn_forecast_new(&fc, net, 2016, 2, &err), 0, "%s", err.msg);
    double r;
    cr_assert_eq(sn_forecast_retention(&r, fc, 2017, 0), 0);
    cr_expect_float_eq(r, 0.98, EPS, "%.9f", r);
    cr_assert_eq(sn_forecast_retention(&r, fc, 2018, 0), 0);
    cr_expect_float_eq(r, 0.98, EPS, "%.9f", r);
    cr_expect_eq(sn_forecast_retention(&r, fc, 2016, 0), SN_EUSAGE);
    cr_expect_eq(sn_forecast_retention(&r, fc, 2017, 1), SN_EUSAGE);
    sn_forecast_free(fc);
    /* the plan's summary: a history year and a projected one; 2015 has no
     * grade 1 of 2007 in the history (NAN) */
    sn_demand_info d;
    cr_assert_eq(sn_forecast_demand_info(&d, net, 2016, &err), 0, "%s",
                 err.msg);
    cr_expect_float_eq(d.retention[0], 0.98, EPS);
    cr_expect_float_eq(d.housing, 0, EPS);
    sn_demand_info_dispose(&d);
    cr_assert_eq(sn_network_add_housing(net, 0, 2018, 100), 0);
    cr_assert_eq(sn_forecast_demand_info(&d, net, 2018, &err), 0, "%s",
                 err.msg);
    /* grade 9 of 2018: 0.98 x 150 (the cohort of 2010) + 100 x 0.09 / 3
     * from the housing, over grade 1 of 2010 (150) */
    cr_expect_float_eq(d.retention[0], 0.98 + 3.0 / 150, EPS, "%.9f",
                       d.retention[0]);
    cr_expect_float_eq(d.housing, 100 * (0.19 + 0.09), EPS);
    sn_demand_info_dispose(&d);
    cr_assert_eq(sn_forecast_demand_info(&d, net, 2015, &err), 0);
    cr_expect(isnan(d.retention[0]));
    sn_demand_info_dispose(&d);
    cr_expect_eq(sn_forecast_demand_info(&d, net, 2001, &err), SN_EUSAGE);
    cr_expect_null(d.retention);
    sn_network_free(net);
}
