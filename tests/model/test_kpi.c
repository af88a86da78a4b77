/* test_kpi.c - the shared definitions: even class split, designated
 * school, the status quo ("before") and the summary numbers. */
#include <criterion/criterion.h>

#include "model/kpi.h"
#include "tests/model/check_fixture.h"

#define NG (SN_GRADES + 1)

Test(model_kpi, classes_over_even_split)
{
    cr_expect_eq(sn_kpi_classes_over(0, 0, 56), 0);
    cr_expect_eq(sn_kpi_classes_over(-3, 1, 56), 0);
    cr_expect_eq(sn_kpi_classes_over(57, 0, 56), 1);
    cr_expect_eq(sn_kpi_classes_over(56, 1, 56), 0);
    cr_expect_eq(sn_kpi_classes_over(57, 1, 56), 1);
    /* 113 in 2 classes: 57 + 56 */
    cr_expect_eq(sn_kpi_classes_over(113, 2, 56), 1);
    /* 239 in 4 classes: 60 60 60 59, all above 56 and 45 */
    cr_expect_eq(sn_kpi_classes_over(239, 4, 56), 4);
    cr_expect_eq(sn_kpi_classes_over(239, 4, 59), 3);
    cr_expect_eq(sn_kpi_classes_over(239, 4, 60), 0);
}

Test(model_kpi, designated_school_must_teach_the_grade)
{
    sn_network *net = fx_network();
    cr_expect_eq(sn_kpi_designated(net, Z1, 1), P1);
    cr_expect_eq(sn_kpi_designated(net, Z1, 7), J1);
    cr_expect_eq(sn_kpi_designated(net, Z5, 1), -1);
    net->schools[P1].grade_hi = 4; /* a teaching point */
    cr_expect_eq(sn_kpi_designated(net, Z1, 5), -1);
    sn_network_free(net);
}

/* One school, 7 classrooms, grades 1-3 with 100, 30, 50 pupils: one class
 * each, then the four free rooms go to the largest classes: grade 1 (100
 * -> 2 classes of 50, then 3 of 33.3), grade 3 (50 -> 2 of 25); grade 1
 * would take a fourth but needs only ceil(100/45) = 3. */
Test(model_kpi, status_quo_spreads_classrooms_to_largest_classes)
{
    sn_network *net = fx_network();
    net->schools[P1].classrooms = 7;
    int *demand = calloc((size_t)net->nzones * NG, sizeof *demand);
    int *st = malloc((size_t)net->nschools * NG * sizeof *st);
    int *cl = malloc((size_t)net->nschools * NG * sizeof *cl);
    demand[Z1 * NG + 1] = 100;
    demand[Z1 * NG + 2] = 30;
    demand[Z1 * NG + 3] = 50;
    demand[Z3 * NG + 3] = 1;  /* also designated to P1 */
    demand[Z5 * NG + 1] = 40; /* no designated school: left out */
    sn_plan_status_quo(st, cl, net, demand);
    cr_expect_eq(st[P1 * NG + 1], 100);
    cr_expect_eq(st[P1 * NG + 3], 51);
    cr_expect_eq(cl[P1 * NG + 1], 3);
    cr_expect_eq(cl[P1 * NG + 2], 1);
    cr_expect_eq(cl[P1 * NG + 3], 2);
    cr_expect_eq(cl[P1 * NG + 4], 0);
    net->schools[P1].classrooms = 2; /* fewer rooms than grades: 1 each */
    sn_plan_status_quo(st, cl, net, demand);
    cr_expect_eq(cl[P1 * NG + 1] + cl[P1 * NG + 2] + cl[P1 * NG + 3], 3);
    net->schools[P1].classrooms = 4; /* one spare room: to grade 1 */
    sn_plan_status_quo(st, cl, net, demand);
    cr_expect_eq(cl[P1 * NG + 1], 2);
    cr_expect_eq(cl[P1 * NG + 3], 1);
    free(demand);
    free(st);
    free(cl);
    sn_network_free(net);
}

Test(model_kpi, summary_numbers_of_the_fixture)
{
    sn_network *net = fx_network();
    sn_plan *p = fx_plan(net);
    /* before: P1 has 12 rooms for 63+40+30+60 pupils -> no class above
     * 45; make the school small so the status quo is crowded */
    net->schools[P1].classrooms = 4;
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, p, NULL), 0);
    cr_expect_eq(k.students, 310);
    cr_expect_eq(k.unplaced, 12);
    cr_expect_eq(k.students_diverted, 10);
    /* one class a grade: 63 (> 56), 40, 30, 60 (> 56) */
    cr_expect_eq(k.over_hard_cap_before, 2);
    cr_expect_eq(k.over_standard_before, 2);
    cr_expect_eq(k.over_hard_cap_after, 0);
    cr_expect_float_eq(k.max_km, 10.4, 1e-9);
    cr_expect_float_eq(k.cost.private_seats, 30000.0, 1e-6);
    sn_plan_free(p);
    sn_network_free(net);
}
