/* test_staffing.c - staffing norms, capacity, funds and allowance. */
#include <criterion/criterion.h>

#include "model/staffing.h"
#include "tests/solver/teachers_fixture.h"

Test(model_staffing, ratio_and_class_minimum)
{
    sn_network *net = tt_new();
    tiny_school(net, "SMALL", 0, 0, 1, 6, 6);
    tiny_school(net, "BIG", 1, 0, 1, 6, 20);
    tiny_finish(net);
    sn_plan *plan = tt_plan(net, 3, 50);
    plan->schools[1].classes[1] = 5;
    plan->schools[1].students[1] = 190;
    sn_staffing *st;
    sn_error err = {0, ""};
    cr_assert_eq(sn_staffing_new(&st, net, plan, NULL, &err), 0);
    /* 50 / 19 = 2.63 but 3 classes x 1.7 = 5.1 -> 6 (under 100 pupils) */
    cr_expect_eq(st->school[0].required, 6);
    cr_expect_eq(st->school[1].required, 10); /* 190 / 19 */
    cr_expect_eq(st->demand[0 * SN_MAX_SUBJECTS + 0], 24); /* 3 x 8 */
    cr_expect_eq(st->demand[1 * SN_MAX_SUBJECTS + 1], 10); /* 5 x 2 */
    cr_expect_eq(st->school[0].status, SN_STAFF_UNDER);
    /* 50 pupils funded as 100 x 600 yuan */
    cr_expect_float_eq(st->school[0].funds, 60000.0, 1e-9);
    cr_expect_float_eq(st->school[1].funds, 190 * 600.0, 1e-9);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

Test(model_staffing, capacity_of_class_teacher_is_half_a_load_less)
{
    sn_scenario sc;
    cr_assert_eq(sn_scenario_init(&sc), 0);
    sn_teacher t = {0};
    t.max_periods = 17;
    cr_expect_eq(sn_staffing_capacity(&sc, &t), 17);
    t.class_teacher = 1;
    cr_expect_eq(sn_staffing_capacity(&sc, &t), 9);
    t.max_periods = 5;
    cr_expect_eq(sn_staffing_capacity(&sc, &t), 0);
    sn_scenario_dispose(&sc);
}

Test(model_staffing, allowance_in_poverty_counties_only)
{
    sn_network *net = tt_new();
    int a = tiny_school(net, "TOWN", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "VILLAGE", 1, 0, 1, 6, 6);
    int c = tiny_school(net, "MOUNTAIN", 2, 0, 1, 6, 6);
    net->schools[a].urban = 1;
    net->schools[c].remote = 1;
    tiny_finish(net);
    cr_expect_float_eq(sn_staffing_allowance(net, b), 0.0, 1e-9);
    free(net->sc.poverty_counties);
    net->sc.poverty_counties = strdup("X; C");
    cr_expect(sn_staffing_poverty(net, 0));
    cr_expect_float_eq(sn_staffing_allowance(net, a), 0.0, 1e-9);
    /* 1 km from the county seat (TOWN): 100 + 400 x 1 / 30, rounded */
    cr_expect_float_eq(sn_staffing_allowance(net, b), 113.0, 1e-9);
    cr_expect_float_eq(sn_staffing_allowance(net, c), 500.0, 1e-9);
    sn_network_free(net);
}

Test(model_staffing, shortage_weights)
{
    sn_network *net = tt_new();
    cr_expect_eq(sn_staffing_weight(net, 0), 1);
    cr_expect_eq(sn_staffing_weight(net, 1), SN_SHORTAGE_WEIGHT);
    sn_network_free(net);
}
