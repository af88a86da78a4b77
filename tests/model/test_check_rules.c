/* test_check_rules.c - every rule of docs/checker.md, in the order of that
 * page, on the fixture of check_fixture.h: a plan that breaks exactly that
 * rule, and exactly the one line the rule must give (or, for the rules
 * that allow something, no line).  Cases sit on the boundary of the rule
 * (a candidate one year early, one boarder over the beds, capital one yuan
 * over the budget), so that a checker loosened by a little fails here; the
 * mutants of tools/mutants.txt are checked against this file.
 *
 * Fixture distances (detour 1.3): Z1-P1 0, Z1-X 0.65, Z1-J1 1.3,
 * Z2-P2 0, Z2-X 1.95, Z5-J1 10.4 (boards), Z4-J1 37.7 (beyond 30 km).
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>

#include "model/check.h"
#include "tests/model/check_fixture.h"

static sn_network *net;
static sn_plan *plan;
static sn_check_report rep;
static sn_kpi *written;              /* summary numbers, or NULL */
static const sn_assignment *stay;    /* stayers.csv, or NULL */
static size_t nstay;

static void setup(void)
{
    net = fx_network();
    plan = fx_plan(net);
    sn_check_report_init(&rep);
    written = NULL;
    stay = NULL;
    nstay = 0;
}

static void teardown(void)
{
    sn_check_report_dispose(&rep);
    sn_plan_free(plan);
    sn_network_free(net);
}

TestSuite(check_rules, .init = setup, .fini = teardown);

static void run(void)
{
    sn_error err = {0, ""};
    sn_check_report_dispose(&rep);
    cr_assert_eq(sn_plan_check_stayers(&rep, net, plan, written, stay, nstay,
                                       &err),
                 0, "%s", err.msg);
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

Test(check_rules, the_fixture_plan_holds)
{
    expect_none();
}

/* ---- Shape ---------------------------------------------------------------- */

Test(check_rules, shape_assignment_index_in_range)
{
    fx_put(plan, Z1, 3, 99, 0);
    expect_only("assignment 10: zone 0, grade 3 or school 99 out of range");
}

Test(check_rules, shape_assignment_grade_in_range)
{
    fx_put(plan, Z1, 10, P1, 0);
    expect_only("assignment 10: zone 0, grade 10 or school 0 out of range");
}

Test(check_rules, shape_unplaced_row_in_range)
{
    fx_unplaced(plan, Z1, 2, 0, (sn_unplaced_reason)7);
    expect_only("unplaced row 2: zone 0, grade 2 or reason 7 out of range");
}

Test(check_rules, shape_no_triple_twice)
{
    find(Z1, 3, P1)->students = 20;
    fx_put(plan, Z1, 3, P1, 10);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 3 -> school P1: listed more than once");
}

Test(check_rules, shape_no_unplaced_pair_twice)
{
    plan->unplaced[0].students = 4; /* Z3 grade 1: 7 = 4 + 3 */
    fx_unplaced(plan, Z3, 1, 3, SN_UNPLACED_NO_REACH);
    expect_only("zone Z3 grade 1: unplaced pupils listed more than once");
}

Test(check_rules, shape_no_negative_assignment)
{
    find(Z1, 2, P1)->students = 43;
    fx_put(plan, Z1, 2, X, -3);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 2 -> school X: -3 students (negative)");
}

Test(check_rules, shape_no_negative_unplaced)
{
    find(Z1, 2, P1)->students = 41;
    fx_unplaced(plan, Z1, 2, -1, SN_UNPLACED_NO_CAPACITY);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 2: -1 unplaced (negative)");
}

Test(check_rules, shape_rows_of_0_pupils_are_ignored)
{
    fx_put(plan, Z1, 2, N1, 0);  /* a school that is not built */
    fx_put(plan, Z2, 7, P3, 0);  /* a grade it does not teach */
    expect_none();
}

/* ---- Demand conservation -------------------------------------------------- */

Test(check_rules, conservation_placed_plus_unplaced_is_demand)
{
    find(Z1, 2, P1)->students = 39;
    fx_finish(plan, net);
    expect_only("zone Z1 grade 2: 39 placed + 0 unplaced = 39, demand is 40");
}

Test(check_rules, conservation_nobody_invented)
{
    plan->unplaced[1].students = 6; /* Z4 grade 7 has 5 */
    expect_only("zone Z4 grade 7: 0 placed + 6 unplaced = 6, demand is 5");
}

Test(check_rules, demand_source_says_where_the_demand_came_from)
{
    plan->demand_source = "history"; /* 2020 is in the history */
    expect_none();
    plan->demand_source = "projection";
    expect_only("demand_source is projection but the demand of 2020 is "
                "history");
}

/* ---- County, grades taught ------------------------------------------------- */

Test(check_rules, county_pupils_stay_in_their_county)
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

Test(check_rules, grades_taught_only)
{
    find(Z1, 7, J1)->students = 15;
    fx_put(plan, Z1, 7, X, 5);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 7 -> school X: school teaches grades 1-6");
}

/* ---- School states ---------------------------------------------------------- */

Test(check_rules, states_a_closed_school_takes_nobody)
{
    plan->schools[X].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("zone Z2 grade 1 -> school X: 10 students at a school that "
                "is closed");
}

Test(check_rules, states_a_not_built_candidate_takes_nobody)
{
    find(Z2, 1, X)->school = N1;
    fx_finish(plan, net);
    expect_only("zone Z2 grade 1 -> school N1: 10 students at a school that "
                "is not_built");
}

Test(check_rules, states_a_closed_school_runs_no_classes)
{
    net->schools[P3].closable = 1;
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    plan->schools[P3].classes[2] = 1;
    fx_finish(plan, net);
    expect_only("school P3 grade 2: 1 classes in a grade it does not teach "
                "or at a school that is closed");
}

Test(check_rules, states_a_closed_school_adds_no_classrooms)
{
    net->schools[P3].closable = 1;
    net->schools[P3].max_new_classrooms = 2;
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    plan->schools[P3].classrooms_added = 1;
    fx_finish(plan, net);
    expect_only("school P3: 1 classrooms added at a school that is closed");
}

Test(check_rules, states_a_candidate_opens_in_its_ready_year)
{
    plan->schools[N1].state = SN_SCHOOL_NEW; /* ready 2020, plan 2020 */
    fx_finish(plan, net);
    expect_none();
}

/* One year early is already too early. */
Test(check_rules, states_a_candidate_never_opens_a_year_early)
{
    net->schools[N1].ready_year = 2021;
    plan->schools[N1].state = SN_SCHOOL_NEW;
    fx_finish(plan, net);
    expect_only("school N1: opens in 2020 but is ready only in 2021");
}

Test(check_rules, states_an_existing_school_is_open_or_closed)
{
    plan->schools[R1].state = SN_SCHOOL_NOT_BUILT;
    fx_finish(plan, net);
    expect_only("school R1: state not_built but the school exists");
}

Test(check_rules, states_a_candidate_is_new_or_not_built)
{
    plan->schools[N1].state = SN_SCHOOL_KEPT;
    fx_finish(plan, net);
    expect_only("school N1: state open but the school is a candidate");
}

Test(check_rules, states_closures_need_allow_closures)
{
    net->sc.allow_closures = 0;
    net->schools[P3].closable = 1;
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school P3: closed but closures are not allowed "
                "(allow_closures = 0)");
}

Test(check_rules, states_closures_need_closable)
{
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school P3: closed but it is not closable");
}

Test(check_rules, states_a_remote_school_never_closes)
{
    plan->schools[R1].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school R1: closed but it is remote");
}

/* ---- Scenario overrides ----------------------------------------------------- */

Test(check_rules, overrides_a_closed_school_is_closed)
{
    net->schools[P3].force = SN_FORCE_CLOSED;
    expect_only("school P3: state open but the scenario closes it");
}

Test(check_rules, overrides_a_closed_candidate_is_not_built)
{
    net->schools[N1].force = SN_FORCE_CLOSED;
    plan->schools[N1].state = SN_SCHOOL_NEW;
    fx_finish(plan, net);
    expect_only("school N1: state new but the scenario closes it");
}

/* The scenario's closure needs neither allow_closures nor closable. */
Test(check_rules, overrides_a_closure_needs_no_permission)
{
    net->sc.allow_closures = 0;
    net->schools[P3].force = SN_FORCE_CLOSED; /* P3 is not closable */
    plan->schools[P3].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_none();
}

Test(check_rules, overrides_never_close_a_remote_school)
{
    net->schools[R1].force = SN_FORCE_CLOSED;
    plan->schools[R1].state = SN_SCHOOL_CLOSED;
    fx_finish(plan, net);
    expect_only("school R1: closed but it is remote");
}

Test(check_rules, overrides_a_kept_school_stays_open)
{
    net->schools[X].force = SN_FORCE_OPEN;
    plan->schools[X].state = SN_SCHOOL_CLOSED;
    find(Z2, 1, X)->students = 0;
    find(Z2, 1, P2)->students = 20;
    fx_finish(plan, net);
    expect_only("school X: state closed but the scenario keeps it");
}

Test(check_rules, overrides_a_kept_candidate_opens_once_ready)
{
    net->schools[N1].force = SN_FORCE_OPEN; /* ready 2020 */
    expect_only("school N1: state not_built but the scenario keeps it");
}

/* A kept candidate may open before its ready year, and need not. */
Test(check_rules, overrides_a_kept_candidate_may_open_early)
{
    net->schools[N1].force = SN_FORCE_OPEN;
    net->schools[N1].ready_year = 2022;
    expect_none();
    plan->schools[N1].state = SN_SCHOOL_NEW;
    fx_finish(plan, net);
    expect_none();
}

Test(check_rules, overrides_capital_within_the_budget)
{
    plan->schools[N1].state = SN_SCHOOL_NEW;     /* build_cost 1e7 */
    plan->schools[P1].classrooms_added = 1;      /* 300,000 */
    fx_finish(plan, net);
    net->sc.capital_budget = 10300000;
    expect_none();
    /* 1e-6 relative is rounding (about 10 yuan here); 20 yuan is not */
    net->sc.capital_budget = 10299980;
    expect_only("county C: capital 10300000.000 exceeds capital_budget "
                "10299980.000");
}

/* A school the scenario opens counts against the budget too. */
Test(check_rules, overrides_capital_counts_a_kept_candidate)
{
    net->schools[N1].force = SN_FORCE_OPEN;
    plan->schools[N1].state = SN_SCHOOL_NEW;
    fx_finish(plan, net);
    net->sc.capital_budget = 9999980;
    expect_only("county C: capital 10000000.000 exceeds capital_budget "
                "9999980.000");
}

/* The hard cap is the one of the plan's year. */
Test(check_rules, overrides_the_hard_cap_of_the_plan_year)
{
    fx_students(net, Z2, 1, 62);
    find(Z2, 1, P2)->students = 52; /* one class of 52: under 56 */
    fx_finish(plan, net);
    expect_none();
    net->sc.nmilestones = 1;
    /* later: not this plan's cap */
    net->sc.milestones[0] = (sn_milestone){2021, 50, ""};
    expect_none();
    net->sc.milestones[0].year = 2020;
    expect_only("school P2 grade 1: 52 students above hard cap 50 in 1 "
                "classes while 4 classrooms are free");
}

/* ---- Carried-over pupils ----------------------------------------------------- */

Test(check_rules, stayers_are_at_their_school)
{
    static const sn_assignment st[] = {{Z2, 3, X, 10, 0, 0, 0}};
    stay = st;
    nstay = 1;
    expect_only("zone Z2 grade 3: 10 pupils carried over at school X "
                "(stayers.csv) are not there");
    /* there, they are exempt from the designated-school rule */
    find(Z2, 3, P2)->school = X;
    plan->schools[P2].classes[3] = 0;
    fx_finish(plan, net);
    expect_none();
}

/* Clamped to the demand: 15 carried, 10 in the zone and grade. */
Test(check_rules, stayers_are_clamped_to_the_demand)
{
    static const sn_assignment st[] = {{Z2, 3, X, 15, 0, 0, 0}};
    stay = st;
    nstay = 1;
    find(Z2, 3, P2)->school = X;
    plan->schools[P2].classes[3] = 0;
    fx_finish(plan, net);
    expect_none();
}

/* A carried pupil keeps his school at any distance: boarding, or by day
 * (no bed, too young: today's reality); not elsewhere, not unplaced. */
Test(check_rules, stayers_keep_their_school_at_any_distance)
{
    net->zones[Z5].junior_school = -1; /* J1 is not Z5's designated */
    fx_students(net, Z5, 8, 10);
    fx_put(plan, Z5, 8, J1, 10);
    plan->schools[J1].classes[8] = 1;
    fx_finish(plan, net);
    static const sn_assignment st[] = {{Z5, 8, J1, 10, 0, 0, 0}};
    stay = st;
    nstay = 1;
    expect_none();
    find(Z5, 8, J1)->boarding = 0; /* by day, 10.4 km */
    fx_restate(plan, net);
    expect_none();
    find(Z5, 8, J1)->students = 0;
    plan->schools[J1].classes[8] = 0;
    fx_unplaced(plan, Z5, 8, 10, SN_UNPLACED_NO_REACH);
    fx_restate(plan, net);
    run(); /* (the unplaced row breaks its own rule too: J1 is in reach) */
    cr_assert_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0], "zone Z5 grade 8: 10 pupils carried "
                                        "over at school J1 (stayers.csv) are "
                                        "not there");
}

/* Carried pupils count as enrolled pupils who stay (here for seats). */
Test(check_rules, stayers_count_as_enrolled_for_the_limits)
{
    find(Z2, 3, P2)->school = X;
    plan->schools[P2].classes[3] = 0;
    fx_finish(plan, net);
    net->schools[X].seats = 15; /* 20 at X: 10 placed, 10 carried */
    net->sc.divert = SN_DIVERT_ALL;
    expect_only("school X: 20 students exceed 15 seats");
    net->sc.divert = SN_DIVERT_INTAKE;
    static const sn_assignment st[] = {{Z2, 3, X, 10, 0, 0, 0}};
    stay = st;
    nstay = 1;
    expect_none();
}

/* ---- Open schools per county ------------------------------------------------- */

Test(check_rules, open_schools_at_most_max_open)
{
    net->sc.max_open_schools = 5; /* C: P1 P2 J1 R1 P3; X is private */
    expect_none();
    net->sc.max_open_schools = 4;
    expect_only("county C: 5 open public schools exceed max_open_schools 4");
}

/* ---- Reach --------------------------------------------------------------------- */

Test(check_rules, reach_km_as_written_within_1_m)
{
    find(Z2, 1, X)->km += 0.0009;
    expect_none();
    find(Z2, 1, X)->km += 0.0002;
    expect_only("zone Z2 grade 1 -> school X: km 1.951 written, 1.950 "
                "recomputed");
}

/* Beyond walking and bus reach a pupil boards, unless he is an enrolled
 * pupil keeping his school (a seventh grader is new there). */
Test(check_rules, reach_boarding_flag_beyond_walking)
{
    find(Z5, 7, J1)->boarding = 0;
    fx_restate(plan, net);
    expect_only("zone Z5 grade 7 -> school J1: 40 of 40 day pupils beyond "
                "walking (10.400 km) and bus reach (0.000 km) are not "
                "enrolled pupils keeping their school");
}

Test(check_rules, reach_no_boarding_flag_within_walking)
{
    find(Z1, 7, J1)->boarding = 1;
    expect_only("zone Z1 grade 7 -> school J1: boarding 1 but 1.300 km is "
                "within walking limit 5.000");
}

/* At exactly the walking limit a pupil still walks. */
Test(check_rules, reach_walking_limit_is_inclusive)
{
    net->sc.max_km_junior = 1.3;
    expect_none();
}

Test(check_rules, reach_boarding_within_boarding_max_km)
{
    net->sc.boarding_max_km = 10.4;
    expect_none();
    net->sc.boarding_max_km = 10.39;
    run();
    cr_assert_geq(rep.nviolations, 1);
    cr_expect_str_eq(rep.violations[0], "zone Z5 grade 7 -> school J1: "
                                        "10.400 km exceeds boarding limit "
                                        "10.390");
}

/* One boarder more than beds is already too many where no seat can be
 * added (a seat-mode school); at a class-mode school it is beds_short. */
Test(check_rules, reach_boarders_within_beds)
{
    net->schools[J1].classrooms = -1;
    net->schools[J1].seats = 100;
    plan->schools[J1].classes[7] = 0;
    net->schools[J1].boarding_beds = 40;
    expect_none();
    net->schools[J1].boarding_beds = 39;
    expect_only("school J1: 40 boarders exceed 39 boarding beds");
}

Test(check_rules, reach_unknown_distance_is_never_in_reach)
{
    plan->nunplaced = 1; /* drop Z3's unplaced row and place them */
    plan->unplaced[0] = (sn_unplaced){Z4, 7, 5, SN_UNPLACED_NO_REACH};
    fx_put(plan, Z3, 1, P1, 7);
    fx_finish(plan, net);
    expect_only("zone Z3 grade 1 -> school P1: distance unknown (never in "
                "reach)");
}

/* ---- Diversion flag ------------------------------------------------------------ */

Test(check_rules, diverted_when_not_at_the_designated_school)
{
    find(Z2, 1, X)->diverted = 0;
    expect_only("zone Z2 grade 1 -> school X: diverted 0 but the designated "
                "school is P2");
}

Test(check_rules, not_diverted_at_the_designated_school)
{
    find(Z2, 1, P2)->diverted = 1;
    expect_only("zone Z2 grade 1 -> school P2: diverted 1 but it is the "
                "designated school");
}

/* ---- Class mode ----------------------------------------------------------------- */

/* Classes beyond the classrooms only one a grade with pupils (a
 * mixed-grade room each), and once every addition is built. */
Test(check_rules, class_mode_classes_fit_the_classrooms)
{
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[5] = 6; /* 6 + 6 = 12 rooms: fits */
    expect_none();
    plan->schools[P1].classes[5] = 7;
    expect_only("school P1: 13 classes in 12 classrooms + 0 added, but "
                "grade 1 runs 2 classes");
}

Test(check_rules, class_mode_added_classrooms_count)
{
    plan->schools[P1].classes[5] = 8;
    plan->schools[P1].classrooms_added = 2;
    fx_finish(plan, net);
    expect_none();
}

Test(check_rules, class_mode_added_classrooms_within_max)
{
    plan->schools[P1].classrooms_added = 3; /* max_new_classrooms 2 */
    fx_finish(plan, net);
    expect_only("school P1: 3 classrooms added, allowed 0 to 2");
}

Test(check_rules, class_mode_added_classrooms_not_negative)
{
    plan->schools[P1].classrooms_added = -1;
    fx_finish(plan, net);
    expect_only("school P1: -1 classrooms added, allowed 0 to 2");
}

Test(check_rules, class_mode_classes_not_negative)
{
    plan->schools[P1].classes[5] = -1;
    expect_only("school P1 grade 5: -1 classes (negative)");
}

Test(check_rules, class_mode_a_grade_with_pupils_has_a_class)
{
    plan->schools[P2].classes[3] = 0;
    expect_only("school P2 grade 3: 10 students in 0 classes");
}

Test(check_rules, class_mode_classes_without_pupils_are_allowed)
{
    plan->schools[P1].classes[6] = 1;
    expect_none();
}

/* A grade above the cap while a classroom is free. */
Test(check_rules, class_mode_hard_cap)
{
    net->schools[P1].max_new_classrooms = 0;
    fx_students(net, Z1, 1, 56);
    find(Z1, 1, P1)->students = 56;
    plan->schools[P1].classes[1] = 1;
    fx_finish(plan, net);
    expect_none(); /* 56 in one class: at the cap */
    fx_students(net, Z1, 1, 57);
    find(Z1, 1, P1)->students = 57;
    fx_finish(plan, net);
    expect_only("school P1 grade 1: 57 students above hard cap 56 in 1 "
                "classes while 7 classrooms are free");
}

/* One classroom free is already one too many beside a grade above the
 * cap. */
Test(check_rules, class_mode_above_the_cap_with_one_classroom_free)
{
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[1] = 1; /* 63 in one class; 5 classes */
    net->schools[P1].classrooms = 5;
    expect_none();
    net->schools[P1].classrooms = 6;
    expect_only("school P1 grade 1: 63 students above hard cap 56 in 1 "
                "classes while 1 classrooms are free");
}

/* Any pupil may sit above the cap (reported, not a violation) once no
 * classroom is free and every addition is built (the cap comes before
 * cost), under divert = all too. */
Test(check_rules, class_mode_pupils_may_sit_above_the_cap)
{
    net->schools[P1].classrooms = 5;
    net->schools[P1].max_new_classrooms = 0;
    plan->schools[P1].classes[4] = 1; /* 60 in one class */
    expect_none();
    cr_expect_eq(rep.reported_over_cap, 1);
    net->sc.divert = SN_DIVERT_ALL;
    expect_none();
    net->schools[P1].max_new_classrooms = 1;
    expect_only("school P1 grade 4: above hard cap 56 with 0 of 1 classrooms "
                "added (the cap comes before cost)");
}

/* ---- Seat mode ------------------------------------------------------------------ */

Test(check_rules, seat_mode_pupils_within_seats)
{
    net->schools[X].seats = 10;
    expect_none();
    net->schools[X].seats = 9;
    expect_only("school X: 10 students exceed 9 seats");
}

Test(check_rules, seat_mode_runs_no_classes)
{
    plan->schools[X].classes[1] = 1;
    expect_only("school X grade 1: 1 classes at a seat-mode school");
}

/* ---- Intake --------------------------------------------------------------------- */

Test(check_rules, intake_walking_pupils_stay_at_their_school)
{
    find(Z1, 3, P1)->students = 29;
    fx_put(plan, Z1, 3, X, 1);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 3: 1 enrolled pupils not at their open "
                "designated school P1, 0.000 km away (divert = intake)");
}

Test(check_rules, intake_unplaced_count_as_moved)
{
    find(Z1, 3, P1)->students = 29;
    fx_unplaced(plan, Z1, 3, 1, SN_UNPLACED_NO_CAPACITY);
    fx_finish(plan, net);
    run(); /* (the unplaced row breaks its own rule too: P1 seats him) */
    cr_assert_eq(rep.nviolations, 2);
    cr_expect_str_eq(rep.violations[0], "zone Z1 grade 3: 1 enrolled pupils "
                                        "not at their open designated school "
                                        "P1, 0.000 km away (divert = "
                                        "intake)");
}

/* Enrolled pupils keep their designated school beyond walking distance
 * too, beds or no beds (boarding, or by day as today). */
Test(check_rules, intake_pupils_beyond_walking_keep_their_school)
{
    fx_students(net, Z5, 8, 10);
    fx_put(plan, Z5, 8, P1, 10); /* a primary school: the grade is wrong, */
    fx_finish(plan, net);        /* but the rule here is intake's */
    net->schools[J1].boarding_beds = 40; /* full */
    run();
    int found = 0;
    for (size_t i = 0; i < rep.nviolations; i++)
        found |= !strcmp(rep.violations[i], "zone Z5 grade 8: 10 enrolled "
                                            "pupils not at their open "
                                            "designated school J1, 10.400 km "
                                            "away (divert = intake)");
    cr_expect(found);
}

Test(check_rules, intake_pupils_of_a_closing_school_may_move)
{
    plan->schools[P2].state = SN_SCHOOL_CLOSED;
    plan->schools[P2].classes[1] = plan->schools[P2].classes[3] = 0;
    find(Z2, 1, P2)->school = P1;
    find(Z2, 3, P2)->school = P1;
    fx_finish(plan, net);
    expect_none();
}

Test(check_rules, intake_is_lifted_by_divert_all)
{
    find(Z1, 3, P1)->students = 25;
    fx_put(plan, Z1, 3, X, 5);
    fx_finish(plan, net);
    net->sc.divert = SN_DIVERT_ALL;
    expect_none();
}

/* ---- Unplaced reasons -------------------------------------------------------------- */

Test(check_rules, unplaced_no_reach_only_without_an_open_school_in_reach)
{
    find(Z1, 1, P1)->students = 60;
    fx_unplaced(plan, Z1, 1, 3, SN_UNPLACED_NO_REACH);
    fx_finish(plan, net);
    expect_only("zone Z1 grade 1: 3 unplaced for no_reach but open school P1 "
                "is in reach");
}

Test(check_rules, unplaced_no_capacity_needs_a_school_in_reach)
{
    plan->unplaced[1].reason = SN_UNPLACED_NO_CAPACITY; /* Z4: 37.7 km */
    expect_only("zone Z4 grade 7: 5 unplaced for no_capacity but no school "
                "teaching the grade is in reach");
}

/* ---- Stated numbers ------------------------------------------------------------------- */

Test(check_rules, stated_students_per_grade)
{
    plan->schools[P2].students[3] = 11;
    expect_only("school P2 grade 3: plan states 11 students, assignments "
                "give 10");
}

Test(check_rules, stated_boarders)
{
    plan->schools[J1].boarders = 39;
    expect_only("school J1: plan states 39 boarders, assignments give 40");
}

Test(check_rules, stated_diverted_in)
{
    plan->schools[X].diverted_in = 9;
    expect_only("school X: plan states diverted_in 9, assignments give 10");
}

Test(check_rules, stated_diverted_out)
{
    plan->schools[P2].diverted_out = 11;
    expect_only("school P2: plan states diverted_out 11, assignments give "
                "10");
}

Test(check_rules, stated_cost_schools)
{
    plan->cost.schools -= 500000; /* as if a school were left out */
    plan->cost.total -= 500000;
    run();
    cr_assert_eq(rep.nviolations, 2);
    cr_expect_str_eq(rep.violations[0], "plan cost.total: 3081100.678 "
                                        "stated, 3581100.678 recomputed");
    cr_expect_str_eq(rep.violations[1], "plan cost.schools: 3000000.000 "
                                        "stated, 3500000.000 recomputed");
}

Test(check_rules, stated_cost_capital_is_the_annuity)
{
    plan->schools[P1].classrooms_added = 1;
    fx_finish(plan, net);
    expect_none();
    plan->cost.capital = 300000; /* the one-off cost, not its annuity */
    plan->cost.total = plan->cost.schools + plan->cost.capital +
                       plan->cost.transport + plan->cost.private_seats +
                       plan->cost.boarding;
    run();
    cr_assert_eq(rep.nviolations, 2);
    cr_expect(strstr(rep.violations[1], "plan cost.capital: 300000.000 "
                                        "stated, 22074.525 recomputed") ==
                  rep.violations[1], "%s", rep.violations[1]);
}

Test(check_rules, stated_cost_transport)
{
    plan->cost.transport += 1; /* the total, 3.5e6, absorbs 1 yuan */
    plan->cost.total += 1;
    expect_only("plan cost.transport: 1101.678 stated, 1100.678 "
                "recomputed");
}

Test(check_rules, stated_cost_private_seats)
{
    plan->cost.private_seats = 0;
    plan->cost.total -= 30000;
    run();
    cr_assert_eq(rep.nviolations, 2);
    cr_expect_str_eq(rep.violations[1], "plan cost.private_seats: 0.000 "
                                        "stated, 30000.000 recomputed");
}

Test(check_rules, stated_cost_total_is_the_sum)
{
    plan->cost.total += 10;
    expect_only("plan cost.total: 3581110.678 stated, 3581100.678 "
                "recomputed");
    plan->cost.total -= 7; /* 3 yuan: within 1e-6 relative */
    expect_none();
}

/* summary.json's numbers against their recomputation, one at a time. */
Test(check_rules, summary_numbers)
{
    sn_kpi k;
    sn_error err = {0, ""};
    cr_assert_eq(sn_kpi_compute(&k, net, plan, &err), 0);
    written = &k;
    expect_none();
    static const struct {
        size_t off;
        const char *key;
    } longs[] = {
        {offsetof(sn_kpi, students), "students"},
        {offsetof(sn_kpi, unplaced), "unplaced"},
        {offsetof(sn_kpi, students_diverted), "students_diverted"},
        {offsetof(sn_kpi, over_hard_cap_before),
         "classes_over_hard_cap.before"},
        {offsetof(sn_kpi, over_hard_cap_after), "classes_over_hard_cap.after"},
        {offsetof(sn_kpi, over_standard_before),
         "classes_over_standard.before"},
        {offsetof(sn_kpi, over_standard_after),
         "classes_over_standard.after"},
        {offsetof(sn_kpi, classrooms_added), "classrooms_added"},
    };
    for (size_t i = 0; i < sizeof longs / sizeof *longs; i++) {
        long *field = (long *)(void *)((char *)&k + longs[i].off);
        char line[200];
        snprintf(line, sizeof line, "summary %s: %ld written, %ld recomputed",
                 longs[i].key, *field + 1, *field);
        ++*field;
        expect_only(line);
        --*field;
    }
    k.schools_closed = 1;
    expect_only("summary schools_closed: 1 written, 0 recomputed");
    k.schools_closed = 0;
    k.schools_opened = 1;
    expect_only("summary schools_opened: 1 written, 0 recomputed");
    k.schools_opened = 0;
    k.mean_km += 0.0025;
    run();
    cr_assert_eq(rep.nviolations, 1);
    cr_expect(strncmp(rep.violations[0], "summary mean_km: ", 17) == 0,
              "%s", rep.violations[0]);
    k.mean_km -= 0.0025;
    k.max_km += 0.0025;
    expect_only("summary max_km: 10.402 written, 10.400 recomputed");
    k.max_km -= 0.0025;
    k.cost.transport += 1;
    expect_only("summary cost.transport: 1101.678 stated, 1100.678 "
                "recomputed");
}
