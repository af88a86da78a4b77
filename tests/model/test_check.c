/* test_check.c - the plan checker: a plan that holds, then one change per
 * rule and the one line that rule must give. */
#include <criterion/criterion.h>
#include <stdio.h>

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

TestSuite(model_check, .init = setup, .fini = teardown);

static void run(void)
{
    sn_error err = {0, ""};
    sn_check_report_dispose(&rep);
    cr_assert_eq(sn_plan_check(&rep, net, plan, &err), 0, "%s", err.msg);
}

/* The plan breaks exactly one rule, and this is its line. */
static void expect_only(const char *line)
{
    run();
    fx_expect_only(&rep, line);
}

static void expect_none(void)
{
    run();
    fx_expect_none(&rep);
}

static sn_assignment *find(int z, int g, int s)
{
    return fx_find(plan, z, g, s);
}

Test(model_check, valid_plan_holds)
{
    expect_none();
    cr_expect_gt(rep.rules_checked, 100);
    cr_expect_eq(rep.over_hard_cap_after, 0);
    cr_expect_eq(rep.reported_over_cap, 0);
    /* P1 grade 4: 60 pupils in 2 classes of 30; nothing above 45/50 */
    cr_expect_eq(rep.over_standard_after, 0);
}

Test(model_check, conservation_missing_pupils)
{
    find(Z1, 2, P1)->students = 38;
    fx_finish(plan, net);
    expect_only("zone Z1 grade 2: 38 placed + 0 unplaced = 38, demand is 40");
}

Test(model_check, conservation_extra_unplaced)
{
    fx_unplaced(plan, Z2, 3, 2, SN_UNPLACED_NO_CAPACITY);
    run();
    cr_assert_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0], "zone Z2 grade 3: 10 placed + 2 "
                                   "unplaced = 12, demand is 10");
}

Test(model_check, negative_students)
{
    fx_put(plan, Z1, 2, X, -3);
    find(Z1, 2, P1)->students = 43;
    fx_finish(plan, net);
    run();
    cr_assert_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0],
                     "zone Z1 grade 2 -> school X: -3 students (negative)");
}

Test(model_check, duplicate_row)
{
    find(Z1, 3, P1)->students = 20;
    fx_put(plan, Z1, 3, P1, 10);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 3 -> school P1: listed more than once");
}

Test(model_check, index_out_of_range)
{
    fx_put(plan, Z1, 3, 99, 0);
    expect_only("assignment 10: zone 0, grade 3 or school 99 out of range");
}

Test(model_check, grade_not_taught)
{
    find(Z1, 7, J1)->students = 15;
    fx_put(plan, Z1, 7, X, 5);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 7 -> school X: school teaches grades 1-6");
}

Test(model_check, closed_school_takes_nobody)
{
    plan->schools[X].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("zone Z2 grade 1 -> school X: 10 students at a school that "
                "is closed");
}

Test(model_check, candidate_not_built_takes_nobody)
{
    find(Z2, 1, X)->school = N1;
    fx_finish(plan, net);
    expect_only("zone Z2 grade 1 -> school N1: 10 students at a school that "
                "is not_built");
}

Test(model_check, candidate_opens_only_when_ready)
{
    net->schools[N1].ready_year = 2022;
    plan->schools[N1].state = SN_SCHOOL_NEW;
    find(Z2, 1, X)->school = N1;
    fx_finish(plan, net);
    expect_only("school N1: opens in 2020 but is ready only in 2022");
}

Test(model_check, existing_school_cannot_be_new)
{
    plan->schools[R1].state = SN_SCHOOL_NEW;
    fx_finish(plan, net);
    expect_only("school R1: state new but the school exists");
}

Test(model_check, remote_school_never_closes)
{
    plan->schools[R1].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school R1: closed but it is remote");
}

Test(model_check, unclosable_school_never_closes)
{
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school P3: closed but it is not closable");
}

Test(model_check, no_closures_when_not_allowed)
{
    net->sc.allow_closures = 0;
    expect_none();
    plan->schools[X].state = SN_SCHOOL_CLOSED;
    find(Z2, 1, X)->students = 0;
    find(Z2, 1, P2)->students = 20;
    fx_finish(plan, net);
    expect_only("school X: closed but closures are not allowed "
                "(allow_closures = 0)");
}

Test(model_check, max_open_schools_per_county)
{
    net->sc.max_open_schools = 5; /* C: P1 P2 J1 R1 P3 public, X private */
    expect_none();
    net->sc.max_open_schools = 4;
    expect_only("county C: 5 open public schools exceed max_open_schools 4");
}

Test(model_check, pupils_stay_in_their_county)
{
    find(ZD, 1, Q1)->students = 5;
    fx_put(plan, ZD, 1, R1, 10);
    cr_assert_eq(sn_network_add_distance(net, ZD, R1, 2.385), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    plan->schools[R1].classes[1] = 1;
    fx_finish(plan, net);
    expect_only("zone ZD grade 1 -> school R1: school in county C, zone in "
                "county D");
}

Test(model_check, written_km_must_match)
{
    find(Z2, 1, X)->km += 0.5;
    expect_only("zone Z2 grade 1 -> school X: km 2.450 written, 1.950 "
                "recomputed");
}

Test(model_check, km_within_tolerance)
{
    find(Z2, 1, X)->km += 0.0009;
    expect_none();
}

Test(model_check, unknown_distance_never_in_reach)
{
    plan->nunplaced = 1; /* drop Z3's unplaced row ... */
    plan->unplaced[0] = (sn_unplaced){Z4, 7, 5, SN_UNPLACED_NO_REACH};
    fx_put(plan, Z3, 1, P1, 7); /* ... and place them */
    plan->schools[P1].classes[1] = 2; /* 70 in 2 classes */
    fx_finish(plan, net);
    expect_only("zone Z3 grade 1 -> school P1: distance unknown (never in "
                "reach)");
}

Test(model_check, boarding_flag_must_match_distance)
{
    find(Z1, 7, J1)->boarding = 1;
    expect_only("zone Z1 grade 7 -> school J1: boarding 1 but 1.300 km is "
                "within walking limit 5.000");
}

Test(model_check, boarding_limit)
{
    net->sc.boarding_max_km = 10;
    run();
    cr_assert_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0], "zone Z5 grade 7 -> school J1: 10.400 km "
                                   "exceeds boarding limit 10.000");
}

/* Beds are a hard limit only where no seat can be added (seat mode);
 * at a class-mode school, boarders above the beds are a shortfall
 * (test_check_seats.c). */
Test(model_check, boarders_within_beds)
{
    net->schools[J1].classrooms = -1;
    net->schools[J1].seats = 100;
    plan->schools[J1].classes[7] = 0;
    net->schools[J1].boarding_beds = 30;
    expect_only("school J1: 40 boarders exceed 30 boarding beds");
}

Test(model_check, diverted_flag_must_match)
{
    find(Z2, 1, X)->diverted = 0;
    expect_only("zone Z2 grade 1 -> school X: diverted 0 but the designated "
                "school is P2");
}

/* The hard-cap rules are in test_check_seats.c. */

Test(model_check, grade_without_classes)
{
    plan->schools[P2].classes[3] = 0;
    expect_only("school P2 grade 3: 10 students in 0 classes");
}

Test(model_check, added_classrooms_within_limit)
{
    plan->schools[P1].classrooms_added = 3;
    fx_finish(plan, net);
    expect_only("school P1: 3 classrooms added, allowed 0 to 2");
}

Test(model_check, no_classrooms_added_at_closed_school)
{
    net->schools[P3].closable = 1;
    net->schools[P3].max_new_classrooms = 2;
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    plan->schools[P3].classrooms_added = 1;
    fx_finish(plan, net);
    expect_only("school P3: 1 classrooms added at a school that is closed");
}

Test(model_check, classes_only_in_taught_grades)
{
    plan->schools[P1].classes[8] = 1;
    expect_only("school P1 grade 8: 1 classes in a grade it does not teach or "
                "at a school that is open");
}

Test(model_check, seat_mode_capacity)
{
    net->schools[X].seats = 8;
    expect_only("school X: 10 students exceed 8 seats");
}

Test(model_check, seat_mode_has_no_classes)
{
    plan->schools[X].classes[1] = 1;
    expect_only("school X grade 1: 1 classes at a seat-mode school");
}

Test(model_check, intake_keeps_enrolled_pupils)
{
    find(Z1, 3, P1)->students = 25;
    fx_put(plan, Z1, 3, X, 5);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 3: 5 enrolled pupils not at their open "
                "designated school P1, 0.000 km away (divert = intake)");
    net->sc.divert = SN_DIVERT_ALL;
    expect_none();
}

Test(model_check, intake_allows_moving_from_a_closed_school)
{
    plan->schools[P2].state = SN_SCHOOL_CLOSED;
    plan->schools[P2].classes[1] = plan->schools[P2].classes[3] = 0;
    find(Z2, 1, P2)->school = P1;
    find(Z2, 3, P2)->school = P1;
    plan->schools[P1].classes[1] = 2; /* 73 in 2 classes */
    fx_finish(plan, net);
    expect_none();
}

Test(model_check, unplaced_no_reach_must_be_true)
{
    find(Z1, 1, P1)->students = 60;
    fx_unplaced(plan, Z1, 1, 3, SN_UNPLACED_NO_REACH);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 1: 3 unplaced for no_reach but open school P1 "
                "is in reach");
}

Test(model_check, unplaced_no_capacity_needs_a_school_in_reach)
{
    plan->unplaced[1].reason = SN_UNPLACED_NO_CAPACITY;
    expect_only("zone Z4 grade 7: 5 unplaced for no_capacity but no school "
                "teaching the grade is in reach");
}

Test(model_check, stated_students_must_match)
{
    plan->schools[P1].students[1] = 64;
    expect_only("school P1 grade 1: plan states 64 students, assignments "
                "give 63");
}

Test(model_check, stated_boarders_and_diversions_must_match)
{
    plan->schools[J1].boarders = 0;
    plan->schools[X].diverted_in = 9;
    plan->schools[P2].diverted_out = 0;
    run();
    cr_assert_eq(rep.nviolations, 3);
    cr_expect_str_eq(rep.violations[0], "school P2: plan states diverted_out 0, "
                                   "assignments give 10");
    cr_expect_str_eq(rep.violations[1], "school J1: plan states 0 boarders, "
                                   "assignments give 40");
    cr_expect_str_eq(rep.violations[2], "school X: plan states diverted_in 9, "
                                   "assignments give 10");
}

Test(model_check, stated_cost_must_match)
{
    plan->cost.schools += 100;
    expect_only("plan cost.schools: 3500100.000 stated, 3500000.000 "
                "recomputed");
    plan->cost.schools -= 100;
    plan->cost.total += 3.0; /* within 1e-6 relative: rounding, not a fault */
    expect_none();
}

Test(model_check, cost_parts)
{
    /* schools: P1 1e6 + P2, J1, R1, P3, Q1 5e5 each (X is private, N1 not
     * built); seats: 10 x 3000 at X */
    cr_expect_float_eq(plan->cost.schools, 3500000.0, 1e-6);
    cr_expect_float_eq(plan->cost.private_seats, 30000.0, 1e-6);
    cr_expect_float_eq(plan->cost.capital, 0.0, 1e-6);
    plan->schools[N1].state = SN_SCHOOL_NEW;
    plan->schools[P1].classrooms_added = 2;
    fx_finish(plan, net);
    double annuity = sn_scenario_annuity(&net->sc);
    cr_expect_float_eq(plan->cost.capital, annuity * (1e7 + 2 * 300000.0),
                       1e-3);
    expect_none();
}

Test(model_check, summary_numbers_compared)
{
    sn_kpi k;
    sn_error err = {0, ""};
    cr_assert_eq(sn_kpi_compute(&k, net, plan, &err), 0);
    cr_assert_eq(sn_plan_check_summary(&rep, net, plan, &k, &err), 0);
    cr_assert_eq(rep.nviolations, 0, "%s", rep.nviolations ? rep.violations[0] : "");
    k.students_diverted = 11;
    k.over_hard_cap_before = 7;
    k.cost.transport += 5;
    sn_check_report_dispose(&rep);
    cr_assert_eq(sn_plan_check_summary(&rep, net, plan, &k, &err), 0);
    cr_assert_eq(rep.nviolations, 3);
    cr_expect_str_eq(rep.violations[0], "summary students_diverted: 11 "
                                        "written, 10 recomputed");
    cr_expect_str_eq(rep.violations[1], "summary classes_over_hard_cap.before"
                                        ": 7 written, 0 recomputed");
    cr_expect_str_eq(rep.violations[2], "summary cost.transport: 1105.678 "
                                        "stated, 1100.678 recomputed");
}

Test(model_check, plan_for_another_network_is_usage_error)
{
    sn_plan *p;
    sn_error err = {0, ""};
    cr_assert_eq(sn_plan_new(&p, 3, 2020), 0);
    cr_expect_eq(sn_plan_check(&rep, net, p, &err), SN_EUSAGE);
    cr_expect_str_eq(err.msg, "plan has 3 schools, network has 8");
    sn_plan_free(p);
}

Test(model_check, year_outside_history_is_forecast_error)
{
    sn_error err = {0, ""};
    plan->year = 2001;
    cr_expect_neq(sn_plan_check(&rep, net, plan, &err), 0);
}

Test(model_check, report_dispose_accepts_null)
{
    sn_check_report_dispose(NULL);
}
