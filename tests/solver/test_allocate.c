/* test_allocate.c - the allocation model on hand-made counties whose best
 * plan is known, every plan verified by the independent checker. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/kpi.h"
#include "solver/allocate.h"
#include "tiny.h"

/* Demand of year 2020 straight from the history. */
static int *demand_of(const sn_network *net)
{
    int *d = calloc((size_t)net->nzones * (SN_GRADES + 1), sizeof *d);
    cr_assert_not_null(d);
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++)
            d[z * (SN_GRADES + 1) + g] = sn_network_students(net, 2020, z, g);
    return d;
}

/* Plans 2020 with options o and runs the checker (with o's stayers) on
 * the result. */
static sn_plan *plan_with(const sn_network *net, const sn_allocate_opts *o)
{
    int *d = demand_of(net);
    sn_plan *p = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_allocate(&p, net, d, 2020, o, &err), 0, "%s", err.msg);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, o->stay, o->nstay,
                                       &err),
                 0, "%s", err.msg);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0, "the checker found violations");
    sn_check_report_dispose(&rep);
    free(d);
    return p;
}

static sn_plan *plan_checked(const sn_network *net, int heuristic_only)
{
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.heuristic_only = heuristic_only;
    return plan_with(net, &o);
}

static int students_at(const sn_plan *p, int school, int grade)
{
    int n = 0;
    for (size_t i = 0; i < p->nasg; i++)
        if (p->asg[i].school == school && p->asg[i].grade == grade)
            n += p->asg[i].students;
    return n;
}

static long unplaced_total(const sn_plan *p)
{
    long n = 0;
    for (size_t i = 0; i < p->nunplaced; i++)
        n += p->unplaced[i].students;
    return n;
}

/* Two primary schools 2 km apart; the town one has 73 first-graders for
 * one classroom.  The plan diverts the overflow to the village school,
 * where a second class is not needed. */
Test(solver_allocate, diverts_intake_above_the_cap)
{
    sn_network *net = tiny_new();
    int town = tiny_school(net, "T", 0, 0, 1, 6, 6);
    int vill = tiny_school(net, "V", 2, 0, 1, 6, 6);
    net->schools[town].closable = net->schools[vill].closable = 0;
    int z = tiny_zone(net, "Z", 0, 0.3, town, -1);
    tiny_finish(net);
    for (int g = 2; g <= 6; g++)
        tiny_students(net, z, g, 40);
    tiny_students(net, z, 1, 73);
    sn_plan *p = plan_checked(net, 0);
    cr_assert_eq(p->status, SN_PLAN_OPTIMAL);
    cr_expect_eq(unplaced_total(p), 0);
    /* six classrooms, six grades: grade 1 keeps one class of at most 45 */
    cr_expect_leq(students_at(p, town, 1), 45);
    cr_expect_eq(students_at(p, town, 1) + students_at(p, vill, 1), 73);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_STANDARD], 0); /* none above */
    cr_expect_eq(p->objective[SN_LEVEL_DIVERTED], 73 - 45); /* fewest */
    sn_plan_free(p);
    sn_network_free(net);
}

/* Enrolled pupils stay in intake mode, even above the hard cap, when the
 * school has no room for another class (B takes no first-graders, so no
 * room at A can be freed by diverting the intake); `all` moves them. */
Test(solver_allocate, intake_keeps_enrolled_all_moves_them)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1.5, 0, 2, 6, 12);
    net->schools[a].closable = net->schools[b].closable = 0;
    int z = tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    for (int g = 1; g <= 6; g++)
        tiny_students(net, z, g, 30);
    tiny_students(net, z, 4, 61); /* 61 > 56 in one class */
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(students_at(p, a, 4), 61);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 61 - 56); /* reported */
    sn_plan_free(p);

    net->sc.divert = SN_DIVERT_ALL;
    p = plan_checked(net, 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_STANDARD], 0); /* B: 2 rooms */
    cr_expect_eq(students_at(p, a, 4) + students_at(p, b, 4), 61);
    sn_plan_free(p);
    sn_network_free(net);
}

/* A zone with no school in walking reach and no boarding school: its
 * pupils are reported as no_reach, never dropped. */
Test(solver_allocate, reports_pupils_out_of_reach)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_zone(net, "NEAR", 0, 0, a, -1);
    int far = tiny_zone(net, "FAR", 20, 0, -1, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 20);
    tiny_students(net, far, 1, 7);
    sn_plan *p = plan_checked(net, 0);
    cr_assert_eq(p->nunplaced, 1);
    cr_expect_eq(p->unplaced[0].zone, far);
    cr_expect_eq(p->unplaced[0].students, 7);
    cr_expect_eq(p->unplaced[0].reason, SN_UNPLACED_NO_REACH);
    sn_plan_free(p);
    sn_network_free(net);
}

/* Not enough classrooms anywhere: every child still has a seat, above the
 * cap (a seat for every child in reach); the shortfall is the over-cap
 * level, not unplaced pupils. */
Test(solver_allocate, seats_every_child_above_the_cap)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 1, 1);
    net->schools[a].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 60);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(unplaced_total(p), 0);
    cr_expect_eq(students_at(p, a, 1), 60);
    cr_expect_eq(p->schools[a].classes[1], 1);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 4);
    sn_plan_free(p);
    sn_network_free(net);
}

/* A single pupil above the cap is diverted when the next school has room,
 * even when diversion comes before cost and the standard size (a custom
 * order): 57 first graders, two schools of one classroom each. */
Test(solver_allocate, one_pupil_above_the_cap_is_diverted)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 1, 1);
    int b = tiny_school(net, "B", 1, 0, 1, 1, 1);
    net->schools[a].closable = net->schools[b].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 57);
    static const int order[SN_LEVELS] = {
        SN_LEVEL_UNPLACED, SN_LEVEL_OVER_CAP, SN_LEVEL_DIVERTED,
        SN_LEVEL_COST, SN_LEVEL_OVER_STANDARD, SN_LEVEL_KM};
    memcpy(net->sc.objective_order, order, sizeof order);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 0);
    cr_expect_eq(p->objective[SN_LEVEL_DIVERTED], 1);
    cr_expect_eq(students_at(p, a, 1), 56);
    sn_plan_free(p);
    sn_network_free(net);
}

/* A boarding school with its beds full still seats its boarders, two to a
 * bed (counted like pupils above the cap, beds_short in shortfall.csv):
 * seventh graders 20 km from the only junior school, 10 beds for 14. */
Test(solver_allocate, boarders_above_the_beds_when_beds_are_full)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 7, 9, 6);
    net->schools[a].closable = 0;
    net->schools[a].boarding_beds = 10;
    tiny_zone(net, "NEAR", 0, 0, -1, a);
    tiny_zone(net, "FAR", 15, 0, -1, -1);
    tiny_finish(net);
    tiny_students(net, 0, 7, 30);
    tiny_students(net, 1, 7, 14);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->nunplaced, 0);
    cr_expect_eq(p->schools[a].boarders, 14);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 4);
    sn_shortfall_row *rows;
    size_t n;
    cr_assert_eq(sn_kpi_shortfall(&rows, &n, net, p), 0);
    cr_assert_eq(n, 1);
    cr_expect_eq(rows[0].grade, 0);
    cr_expect_eq(rows[0].beds_short, 4);
    free(rows);
    sn_plan_free(p);
    sn_network_free(net);
}

/* A candidate school opens only from its ready year, and only when the
 * plan needs it. */
Test(solver_allocate, candidate_opens_from_ready_year)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 1);
    int c = tiny_school(net, "NEW", 0.5, 0, 1, 6, 6);
    net->schools[a].closable = 0;
    net->schools[c].status = SN_CANDIDATE;
    net->schools[c].ready_year = 2021;
    net->schools[c].build_cost = 3.0e7;
    net->schools[c].annual_cost = 1.2e6;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 80);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->schools[c].state, SN_SCHOOL_NOT_BUILT);
    cr_expect_eq(unplaced_total(p), 0); /* seated above the cap */
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 80 - 56);
    sn_plan_free(p);
    net->schools[c].ready_year = 2019;
    p = plan_checked(net, 0);
    cr_expect_eq(p->schools[c].state, SN_SCHOOL_NEW);
    cr_expect_eq(unplaced_total(p), 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_CAP], 0);
    sn_plan_free(p);
    sn_network_free(net);
}

/* max_open_schools closes the dearer of two schools in reach; the remote
 * school (out of the zone's reach) never closes; schools that must stay
 * open above the limit make the plan infeasible. */
Test(solver_allocate, max_open_schools_and_remote)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 12);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    int r = tiny_school(net, "R", 40, 40, 1, 6, 6);
    net->schools[r].remote = 1;
    net->schools[a].annual_cost = 2.385e6;
    net->schools[b].annual_cost = 1.5e6;
    net->schools[r].annual_cost = 1.0e6;
    tiny_zone(net, "Z", 0.5, 0, b, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 30);
    net->sc.max_open_schools = 2;
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->schools[r].state, SN_SCHOOL_KEPT);
    int open = (p->schools[a].state == SN_SCHOOL_KEPT) +
               (p->schools[b].state == SN_SCHOOL_KEPT);
    cr_expect_eq(open, 1);
    /* the cheaper school stays: cost decides before diversion */
    cr_expect_eq(p->schools[b].state, SN_SCHOOL_KEPT);
    sn_plan_free(p);

    net->schools[a].closable = net->schools[b].closable = 0;
    net->sc.max_open_schools = 2;
    int *d = demand_of(net);
    sn_error err = {0, ""};
    p = NULL;
    cr_assert_eq(sn_allocate(&p, net, d, 2020, NULL, &err), 0, "%s", err.msg);
    cr_expect_eq(p->status, SN_PLAN_INFEASIBLE);
    free(d);
    sn_plan_free(p);
    sn_network_free(net);
}

/* The constructive start alone already satisfies every rule.  Z2 lies
 * 5.2 km from B, beyond walking: grades 4-6 board there, enrolled grades
 * 2-3 keep their school as day pupils, first graders (who may not board,
 * and have no bus) have no school in reach. */
Test(solver_allocate, heuristic_plan_holds)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 2, 0, 1, 6, 8);
    net->schools[b].boarding_beds = 60; /* Z2 is 5.2 km away: boards */
    net->schools[a].max_new_classrooms = 2;
    net->schools[a].classroom_cost = 6.0e5;
    tiny_zone(net, "Z1", 0, 0, a, -1);
    tiny_zone(net, "Z2", 6, 0, b, -1);
    tiny_finish(net);
    for (int g = 1; g <= 6; g++) {
        tiny_students(net, 0, g, 50 + g);
        tiny_students(net, 1, g, 9 + g);
    }
    for (int h = 1; h >= 0; h--) {
        sn_plan *p = plan_checked(net, h);
        cr_expect_eq(p->status, h ? SN_PLAN_FEASIBLE : SN_PLAN_OPTIMAL);
        cr_assert_eq(p->nunplaced, 1);
        cr_expect_eq(p->unplaced[0].grade, 1);
        cr_expect_eq(p->unplaced[0].students, 10);
        cr_expect_eq(p->unplaced[0].reason, SN_UNPLACED_NO_REACH);
        cr_expect_eq(p->schools[b].boarders, 3 * 9 + 4 + 5 + 6);
        cr_expect_eq(students_at(p, b, 2), 9 + 2); /* stayed, by day */
        sn_plan_free(p);
    }
    sn_network_free(net);
}

/* A scenario may force a school closed (its pupils are placed elsewhere)
 * or open (a candidate is built even if not needed). */
Test(solver_allocate, forced_states)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    int c = tiny_school(net, "C", 0, 1, 1, 6, 6);
    net->schools[c].status = SN_CANDIDATE;
    net->schools[c].ready_year = 2019;
    net->schools[c].build_cost = 2.0e7;
    net->schools[a].force = SN_FORCE_CLOSED;
    net->schools[c].force = SN_FORCE_OPEN;
    net->schools[b].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    for (int g = 1; g <= 6; g++)
        tiny_students(net, 0, g, 20);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->schools[a].state, SN_SCHOOL_CLOSED);
    cr_expect_eq(p->schools[c].state, SN_SCHOOL_NEW);
    cr_expect_eq(students_at(p, a, 3), 0);
    cr_expect_eq(unplaced_total(p), 0);
    cr_expect_eq(p->objective[SN_LEVEL_DIVERTED], 120); /* all, from A */
    sn_plan_free(p);
    sn_network_free(net);
}

/* Cost comes before the standard size: classes of 52 and 53 stay (no
 * classroom is built for them); with the standard size first (the old
 * order) two classrooms are built, and a capital budget for one leaves
 * the second oversized class over standard. */
Test(solver_allocate, order_and_capital_budget_decide_classrooms)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 2, 2);
    net->schools[a].closable = 0;
    net->schools[a].max_new_classrooms = 4;
    net->schools[a].classroom_cost = 6.5e5;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 1, 52);
    tiny_students(net, 0, 2, 53);
    sn_plan *p = plan_checked(net, 0);
    cr_expect_eq(p->schools[a].classrooms_added, 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_STANDARD], 7 + 8);
    sn_plan_free(p);
    static const int old[SN_LEVELS] = {
        SN_LEVEL_UNPLACED, SN_LEVEL_OVER_CAP, SN_LEVEL_OVER_STANDARD,
        SN_LEVEL_COST, SN_LEVEL_DIVERTED, SN_LEVEL_KM};
    memcpy(net->sc.objective_order, old, sizeof old);
    p = plan_checked(net, 0);
    cr_expect_eq(p->objective[SN_LEVEL_OVER_STANDARD], 0);
    cr_expect_eq(p->schools[a].classrooms_added, 2);
    sn_plan_free(p);
    net->sc.capital_budget = 7.0e5;
    p = plan_checked(net, 0);
    cr_expect_eq(p->schools[a].classrooms_added, 1);
    /* both grades are primary (standard 45): the third class goes to grade
     * 2 (53 is 8 over), grade 1 keeps one class of 52, 7 over */
    cr_expect_eq(p->objective[SN_LEVEL_OVER_STANDARD], 7, "over standard %g",
                 p->objective[SN_LEVEL_OVER_STANDARD]);
    sn_plan_free(p);
    sn_network_free(net);
}

/* Multi-year carry-over: enrolled pupils listed in `stay` stay at the
 * school they attend, not the designated one, and the county filter plans
 * one county only. */
Test(solver_allocate, stayers_stay_where_they_are)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    net->schools[a].closable = net->schools[b].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 3, 40);
    sn_assignment stay = {0, 3, b, 15, 0, 0, 0};
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.stay = &stay;
    o.nstay = 1;
    o.county = 0;
    sn_plan *p = plan_with(net, &o);
    cr_expect_eq(students_at(p, b, 3), 15);
    cr_expect_eq(students_at(p, a, 3), 25);
    cr_expect_eq(p->objective[SN_LEVEL_DIVERTED], 15); /* diverted */
    sn_plan_free(p);
    sn_network_free(net);
}

/* Stayers and newly placed pupils of one zone and grade at the same
 * school are one assignment row. */
Test(solver_allocate, one_row_per_zone_grade_school)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    net->schools[a].closable = net->schools[b].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    tiny_finish(net);
    tiny_students(net, 0, 3, 40);
    /* 10 stay at A by the carry-over, the other 30 go to A as designated */
    sn_assignment stay = {0, 3, a, 10, 0, 0, 0};
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.stay = &stay;
    o.nstay = 1;
    sn_plan *p = plan_with(net, &o);
    int rows = 0;
    for (size_t i = 0; i < p->nasg; i++)
        rows += p->asg[i].school == a && p->asg[i].grade == 3;
    cr_expect_eq(rows, 1);
    cr_expect_eq(students_at(p, a, 3), 40);
    sn_plan_free(p);
    sn_network_free(net);
}
