/* test_summary.c - the validate summary of the tiny data set: counts per
 * county and the three kinds of warnings. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "io/read_network.h"
#include "model/summary.h"
#include "tests/io/helpers.h"

static sn_network *tiny(void)
{
    sn_diag d = SN_DIAG_INIT;
    sn_network *net = NULL;
    cr_assert_eq(sn_network_read(&net, "tests/data/tiny/scenario.ini", &d,
                                 NULL), 0);
    sn_diag_dispose(&d);
    return net;
}

Test(model_summary, counts_the_tiny_set)
{
    sn_network *net = tiny();
    sn_diag w = SN_DIAG_INIT;
    sn_summary *s;
    cr_assert_eq(sn_summary_new(&s, net, &w), 0);
    /* plan year 2021 is beyond the history 2015-2020 */
    cr_assert_eq(s->year, 2020);
    cr_assert_eq(s->year_source, SN_SUMMARY_LAST_HISTORY);
    const sn_county_summary *ly = &s->county[0], *wr = &s->county[1];
    cr_assert_eq(ly->schools[SN_PRIMARY][SN_OPEN], 2);
    cr_assert_eq(ly->schools[SN_NINE_YEAR][SN_CANDIDATE], 1);
    cr_assert_eq(ly->schools[SN_NINE_YEAR][SN_OPEN], 1);
    cr_assert_eq(ly->zones, 3);
    cr_assert_eq(ly->classrooms, 24 + 6 + 18); /* candidate not counted */
    cr_assert_eq(ly->seats, 900);
    cr_assert_eq(ly->boarding_beds, 120);
    cr_assert_eq(wr->boarding_beds, 200);
    long want = 0;
    for (int z = 0; z < 3; z++)
        for (int g = 7; g <= 9; g++)
            want += sn_network_students(net, 2020, z, g);
    cr_assert_eq(ly->students[SN_JUNIOR], want);
    cr_assert_eq(ly->students[SN_PRIMARY], 1239);
    cr_assert_eq(ly->migrants[SN_PRIMARY], 78);
    cr_assert_eq(ly->teachers, 6);
    cr_assert_eq(ly->teachers_by_subject[sn_network_find_subject(net,
                                                                 "maths")],
                 3);
    cr_assert_eq(wr->teachers, 2);
    SN_EXPECT_MSG(&w, "warning: zone 'LY-Z2' (county 临猗县): no school "
                      "teaches grades 5-6 within walking (2.385/5 km) or "
                      "boarding (25 km, grades 4-9) reach");
    SN_EXPECT_MSG(&w, "warning: zone 'WR-Z1' (county 万荣县): no school "
                      "teaches grades 7-9 within walking (2.385/5 km) or "
                      "boarding (25 km, grades 4-9) reach");
    /* 高村 school boards, but first to third graders do not board
     * (boarding_min_grade 4): the plan finds them no_reach */
    SN_EXPECT_MSG(&w, "warning: zone 'WR-Z2' (county 万荣县): no school "
                      "teaches grades 1-3 within walking (2.385/5 km) or "
                      "boarding (25 km, grades 4-9) reach");
    SN_EXPECT_MSG(&w, "warning: zone 'LY-Z3' (county 临猗县): 378 primary "
                      "pupils but no designated school");
    SN_EXPECT_MSG(&w, "warning: zone 'LY-Z3' (county 临猗县): 234 junior "
                      "pupils but no designated school");
    cr_assert_eq(w.warnings, 5);
    sn_summary_free(s);
    sn_diag_dispose(&w);
    sn_network_free(net);
}

Test(model_summary, uses_the_plan_year_inside_history)
{
    sn_network *net = tiny();
    net->sc.year = 2017;
    net->schools[6].has_xy = 0;
    net->ndistances = 0; /* WR-N1 now has no location at all */
    for (int z = 0; z <= net->nzones; z++)
        net->dist_start[z] = 0;
    sn_diag w = SN_DIAG_INIT;
    sn_summary *s;
    cr_assert_eq(sn_summary_new(&s, net, &w), 0);
    cr_assert_eq(s->year, 2017);
    cr_assert_eq(s->year_source, SN_SUMMARY_PLAN_YEAR);
    SN_EXPECT_MSG(&w, "warning: school 'WR-N1': no coordinates and no "
                      "distances: no zone can reach it");
    sn_summary_free(s);
    sn_diag_dispose(&w);
    sn_network_free(net);
}

/* The reach warning follows the plan's rules (docs/model.md): enrolled
 * pupils keep their designated school at any known distance (divert =
 * intake), so only 高村's first graders lack a school; a school bus
 * reaches what walking does not.  These are exactly the plan's no_reach
 * rows for these settings (LY-Z3, with no designated school, has its own
 * warning). */
Test(model_summary, reach_follows_the_plan_s_rules)
{
    sn_network *net = tiny();
    net->sc.divert = SN_DIVERT_INTAKE;
    sn_diag w = SN_DIAG_INIT;
    sn_summary *s;
    cr_assert_eq(sn_summary_new(&s, net, &w), 0);
    SN_EXPECT_MSG(&w, "warning: zone 'WR-Z2' (county 万荣县): no school "
                      "teaches grade 1 within walking (2.385/5 km) or "
                      "boarding (25 km, grades 4-9) reach");
    cr_expect_eq(w.warnings, 5);
    sn_summary_free(s);
    sn_diag_dispose(&w);
    net->sc.bus_max_km = 200;
    w = (sn_diag)SN_DIAG_INIT;
    cr_assert_eq(sn_summary_new(&s, net, &w), 0);
    SN_EXPECT_MSG(&w, "warning: zone 'WR-Z1' (county 万荣县): no school "
                      "teaches grades 7-9 within walking (2.385/5 km), bus "
                      "(200 km) or boarding (25 km, grades 4-9) reach");
    char *all = sn_test_dump(&w);
    cr_expect_eq(w.warnings, 3, "%s", all);
    free(all);
    sn_summary_free(s);
    sn_diag_dispose(&w);
    sn_network_free(net);
}
