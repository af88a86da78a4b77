/* test_check_seats.c - the checker rules of issue 9: a seat for every
 * child in reach (above the cap if need be), never pupils in 0 classes,
 * classes without a classroom, young children who do not board, buses,
 * enrolled pupils who keep their school, and the stated shortfall.  Each
 * test breaks exactly one rule of the fixture plan (check_fixture.h) and
 * expects exactly that rule's line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/check.h"
#include "tests/model/check_fixture.h"

static sn_network *net;
static sn_plan *plan;
static sn_check_report rep;

static void setup(void)
{
    net = fx_network();
    plan = fx_plan(net);
    sn_check_report_init(&rep);
}

static void teardown(void)
{
    sn_check_report_dispose(&rep);
    sn_plan_free(plan);
    sn_network_free(net);
}

TestSuite(check_seats, .init = setup, .fini = teardown);

static void run_with(const sn_kpi *written)
{
    sn_error err = {0, ""};
    sn_check_report_dispose(&rep);
    cr_assert_eq(sn_plan_check_summary(&rep, net, plan, written, &err), 0,
                 "%s", err.msg);
}

static void expect_only_with(const sn_kpi *written, const char *line)
{
    run_with(written);
    fx_expect_only(&rep, line);
}

static void expect_only(const char *line) { expect_only_with(NULL, line); }

static void expect_none(void)
{
    run_with(NULL);
    fx_expect_none(&rep);
}

static sn_assignment *find(int z, int g, int s)
{
    return fx_find(plan, z, g, s);
}

/* ---- classes and the hard cap ------------------------------------------------ */

/* Anyone may sit above the cap: a grade above it is reported, not a
 * violation, once nothing cheaper is left (no classroom free, no spare
 * class, no addition allowed). */
Test(check_seats, above_the_cap_when_nothing_is_left)
{
    net->schools[P1].classrooms = 5;
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[1] = 1; /* 63 first graders, 5 classes */
    expect_none();
    cr_expect_eq(rep.reported_over_cap, 1);
    cr_expect_eq(rep.over_hard_cap_after, 1);
}

Test(check_seats, above_the_cap_with_a_classroom_free)
{
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[1] = 1;
    expect_only("school P1 grade 1: 63 students above hard cap 56 in 1 "
                "classes while 7 classrooms are free");
}

Test(check_seats, above_the_cap_while_another_grade_has_a_spare_class)
{
    net->schools[P1].classrooms = 6;
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[1] = 1;
    plan->schools[P1].classes[2] = 2; /* 40 pupils need one class */
    expect_only("school P1 grade 1: above hard cap 56 while grade 2 runs 2 "
                "classes it does not need within the cap");
    /* standard size before the cap: the spare class is the plan's choice */
    static const int order[SN_LEVELS] = {
        SN_LEVEL_UNPLACED, SN_LEVEL_OVER_STANDARD, SN_LEVEL_OVER_CAP,
        SN_LEVEL_COST, SN_LEVEL_DIVERTED, SN_LEVEL_KM};
    memcpy(net->sc.objective_order, order, sizeof order);
    expect_none();
}

Test(check_seats, above_the_cap_with_additions_left)
{
    net->schools[P1].classrooms = 5;
    plan->schools[P1].classes[1] = 1;
    expect_only("school P1 grade 1: above hard cap 56 with 0 of 2 classrooms "
                "added (the cap comes before cost)");
    /* cost before the cap: not building is the plan's choice */
    net->sc.objective_mode = SN_OBJECTIVE_WEIGHTED;
    expect_none();
    net->sc.objective_mode = SN_OBJECTIVE_LEXICOGRAPHIC;
    /* a capital budget that has no room for one more classroom */
    net->sc.capital_budget = 299999;
    expect_none();
}

/* The hard cap is the county's of the plan's year. */
Test(check_seats, cap_of_the_county_milestone)
{
    net->schools[P1].max_new_classrooms = 0;
    net->schools[P1].classrooms = 6;
    net->sc.milestones[0] = (sn_milestone){2019, 66, "C"};
    net->sc.milestones[1] = (sn_milestone){2020, SN_CAP_STANDARD, "D"};
    net->sc.nmilestones = 2;
    plan->schools[P1].classes[1] = 1; /* 63 <= 66 */
    plan->schools[P1].classes[2] = 2;
    expect_none();
    plan->schools[Q1].classes[1] = 1;
    fx_students(net, ZD, 1, 46);
    find(ZD, 1, Q1)->students = 46; /* 46 > 45, the standard size */
    fx_restate(plan, net);
    expect_only("school Q1 grade 1: 46 students above hard cap 45 in 1 "
                "classes while 5 classrooms are free");
}

Test(check_seats, classes_without_a_classroom_one_per_grade)
{
    net->schools[P1].classrooms = 5; /* 6 classes in 5 rooms */
    net->schools[P1].max_new_classrooms = 0;
    expect_only("school P1: 6 classes in 5 classrooms + 0 added, but grade 1 "
                "runs 2 classes");
    plan->schools[P1].classes[1] = 1;
    plan->schools[P1].classes[4] = 1;
    net->schools[P1].classrooms = 3; /* 4 grades, one class each */
    expect_none();
}

Test(check_seats, classes_without_a_classroom_after_additions)
{
    net->schools[P2].classrooms = 1; /* grades 1 and 3: 2 classes */
    net->schools[P2].max_new_classrooms = 1;
    expect_only("school P2: 2 classes in 1 classrooms + 0 added while 1 more "
                "may be added");
    plan->schools[P2].classrooms_added = 1;
    fx_finish(plan, net);
    expect_none();
}

/* ---- travel ------------------------------------------------------------------ */

Test(check_seats, young_children_do_not_board)
{
    net->sc.boarding_min_grade = 8; /* Z5's seventh graders board at J1 */
    expect_only("zone Z5 grade 7 -> school J1: grade 7 boards, but pupils "
                "below grade 8 do not board (boarding_min_grade)");
}

Test(check_seats, no_boarding_within_bus_reach)
{
    net->sc.bus_max_km = 12; /* Z5 is 10.4 km from J1: a bus ride */
    fx_restate(plan, net);
    expect_only("zone Z5 grade 7 -> school J1: boarding 1 but 10.400 km is "
                "within bus reach 12.000");
    fx_finish(plan, net);
    expect_none();
}

Test(check_seats, far_day_pupils_are_enrolled_pupils)
{
    find(Z5, 7, J1)->boarding = 0; /* seventh graders are not enrolled */
    fx_restate(plan, net);
    expect_only("zone Z5 grade 7 -> school J1: 40 of 40 day pupils beyond "
                "walking (10.400 km) and bus reach (0.000 km) are not "
                "enrolled pupils keeping their school");
}

/* Enrolled eighth graders 10.4 km from J1 keep their school by day (no
 * bed for them, or too young to board): today's reality, allowed. */
Test(check_seats, enrolled_pupils_keep_their_school_by_day)
{
    fx_students(net, Z5, 8, 12);
    fx_put(plan, Z5, 8, J1, 12);
    plan->schools[J1].classes[8] = 1;
    fx_finish(plan, net);
    find(Z5, 8, J1)->boarding = 0;
    fx_restate(plan, net);
    expect_none();
    /* and they may not be moved elsewhere while it is open */
    find(Z5, 8, J1)->students = 0;
    fx_unplaced(plan, Z5, 8, 12, SN_UNPLACED_NO_REACH);
    fx_restate(plan, net);
    run_with(NULL);
    cr_expect_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0], "zone Z5 grade 8: 12 enrolled pupils "
                     "not at their open designated school J1, 10.400 km away "
                     "(divert = intake)");
}

/* ---- unplaced ---------------------------------------------------------------- */

Test(check_seats, no_capacity_with_a_day_school_in_reach)
{
    find(Z2, 1, X)->students = 0;
    fx_unplaced(plan, Z2, 1, 10, SN_UNPLACED_NO_CAPACITY);
    fx_restate(plan, net);
    expect_only("zone Z2 grade 1: 10 unplaced for no_capacity but open school "
                "P1 is within day reach (a seat above the cap exists)");
    /* with no school of the grade open in reach, no_capacity holds: the
     * plan could have kept or built one */
    net->schools[P1].grade_hi = net->schools[P2].grade_hi = 0;
    net->schools[P1].grade_lo = net->schools[P2].grade_lo = 0;
    net->schools[X].seats = 0; /* the private school is full */
    run_with(NULL);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_expect(strstr(rep.violations[i], "no_capacity") == NULL, "%s",
                  rep.violations[i]);
}

/* A boarding school in reach seats its boarders, two to a bed if need
 * be (beds_short in shortfall.csv): no_capacity only when no school in
 * reach is open. */
Test(check_seats, no_capacity_with_a_boarding_school_in_reach)
{
    find(Z5, 7, J1)->students = 30;
    fx_unplaced(plan, Z5, 7, 10, SN_UNPLACED_NO_CAPACITY);
    fx_restate(plan, net);
    expect_only("zone Z5 grade 7: 10 unplaced for no_capacity but open school "
                "J1 is within boarding reach (a seat above the cap or the "
                "beds exists)");
}

Test(check_seats, boarders_above_the_beds_are_a_shortfall)
{
    net->schools[J1].boarding_beds = 30; /* 40 board */
    expect_none();
    plan->shortfall = calloc(1, sizeof *plan->shortfall);
    plan->nshortfall = 0;
    expect_only("shortfall.csv: school J1 grade 0: 0 pupils over the cap, 0 "
                "classrooms and 10 beds short are missing or stated "
                "otherwise");
}

/* ---- stated numbers ------------------------------------------------------------ */

Test(check_seats, opened_and_closed_years)
{
    plan->schools[P2].closed_year = 2020; /* P2 is open */
    expect_only("school P2: closed_year 2020, but it is open in 2020");
    plan->schools[P2].closed_year = 0;
    plan->schools[P1].opened_year = 2019;
    expect_only("school P1: opened_year 2019, but it is open in 2020 (ready "
                "in 0)");
}

/* shortfall.csv as read back: each row must be a shortfall of the plan,
 * each shortfall a row; the summary's county numbers their sums. */
Test(check_seats, shortfall_rows_and_county_numbers)
{
    net->schools[P1].classrooms = 5;
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[1] = 1;
    plan->shortfall = calloc(2, sizeof *plan->shortfall);
    plan->county_short = calloc(2, sizeof *plan->county_short);
    plan->shortfall[0] = (sn_shortfall_row){P1, 1, 63, 1, 5, 7, 1, 0};
    plan->nshortfall = 1;
    plan->county_short[0] = 1;
    expect_none();
    plan->shortfall[0].pupils_over_cap = 6;
    run_with(NULL);
    cr_assert_eq(rep.nviolations, 2);
    cr_expect_str_eq(rep.violations[0], "shortfall.csv: school P1 grade 1: "
                     "7 pupils over the cap, 1 classrooms and 0 beds short "
                     "are missing or stated otherwise");
    cr_expect_str_eq(rep.violations[1], "shortfall.csv: the row of school P1 "
                     "grade 1 is not a shortfall of the plan");
    plan->shortfall[0].pupils_over_cap = 7;
    plan->county_short[0] = 2;
    expect_only("summary classrooms_short of county C: 2 written, 1 "
                "recomputed");
}

Test(check_seats, summary_realism_numbers)
{
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, plan, NULL), 0);
    k.cost = plan->cost;
    run_with(&k);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("  %s", rep.violations[i]);
    cr_assert_eq(rep.nviolations, 0);
    cr_expect_eq(k.boarders_by_grade[7], 40);
    cr_expect_float_eq(k.cost.boarding, 40 * 1250.0, 1e-9);
    k.boarders_by_grade[7] = 41;
    expect_only_with(&k, "summary boarders_by_grade[6]: 41 written, 40 "
                     "recomputed");
    k.boarders_by_grade[7] = 40;
    k.pupils_beyond_walking = 3;
    expect_only_with(&k, "summary pupils_beyond_walking: 3 written, 0 "
                     "recomputed");
    k.pupils_beyond_walking = 0;
    k.capital_one_off = 1;
    expect_only_with(&k, "summary capital_one_off: 1.000 written, 0.000 "
                     "recomputed");
    k.capital_one_off = 0;
    k.classrooms_short = 2;
    expect_only_with(&k, "summary classrooms_short: 2 written, 0 recomputed");
}
