/* test_multiyear.c - a three-year plan of a tiny network: the milestone cap
 * of each year, classrooms that persist, a school that stays closed,
 * pupils who move up a grade where they are (scaled to the demand), and
 * every year's restated plan through the checker with its stayers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/forecast.h"
#include "solver/allocate.h"
#include "solver/multiyear.h"
#include "tests/solver/tiny.h"

#define NG (SN_GRADES + 1)

/* A (6 rooms, 6 more allowed, cheap) and B (costly to keep, 1 km away);
 * zone ZA designated to A with 60 pupils a grade, ZB to B with 5.  The
 * standard size is out of the way (70) so the caps decide: 66 in 2020, 56
 * from 2021.  ZA's grade 3 shrinks to 50 in 2021. */
static sn_network *network(void)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    net->schools[a].max_new_classrooms = 6;
    net->schools[a].classroom_cost = 1000;
    net->schools[a].closable = 0;
    net->schools[b].annual_cost = 1e6;
    tiny_zone(net, "ZA", 0, 0, a, -1);
    tiny_zone(net, "ZB", 1, 0, b, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2022), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    for (int y = 2020; y <= 2022; y++)
        for (int g = 1; g <= 6; g++) {
            sn_network_students_at(net, y, 0)[g] =
                y == 2021 && g == 3 ? 50 : 60;
            sn_network_students_at(net, y, 1)[g] = 5;
        }
    sn_scenario *sc = &net->sc;
    sc->standard_primary = sc->standard_junior = 70;
    sc->hard_cap = 56;
    sc->milestones[0] = (sn_milestone){2020, 66, ""};
    sc->milestones[1] = (sn_milestone){2021, 56, ""};
    sc->nmilestones = 2;
    sc->time_limit = 20;
    return net;
}

typedef struct year_out {
    sn_plan *plan;             /* restated */
    sn_assignment *stay;
    size_t nstay;
    sn_timeline_row row;
} year_out;

static void plan_year(year_out *o, sn_multiyear *my, sn_network *net,
                      int year)
{
    int demand[2 * NG];
    sn_error err = {0, ""};
    cr_assert_eq(sn_forecast_demand(demand, net, year, NULL, &err), 0);
    cr_assert_eq(sn_multiyear_stayers(&o->stay, &o->nstay, my, demand), 0);
    cr_assert_eq(sn_multiyear_apply(my, net, year), 0);
    cr_expect_eq(sn_multiyear_apply(my, net, year), SN_EUSAGE);
    sn_allocate_opts opts = SN_ALLOCATE_OPTS_INIT;
    opts.stay = o->stay;
    opts.nstay = o->nstay;
    sn_plan *w = NULL;
    cr_assert_eq(sn_allocate(&w, net, demand, year, &opts, &err), 0, "%s",
                 err.msg);
    cr_expect_eq(sn_multiyear_commit(&o->plan, &o->row, my, w, &err),
                 SN_EUSAGE, "commit refuses an applied network");
    sn_multiyear_restore(my, net);
    cr_assert_eq(sn_multiyear_commit(&o->plan, &o->row, my, w, &err), 0,
                 "%s", err.msg);
    sn_plan_free(w);
    cr_expect_eq(o->plan->status, SN_PLAN_OPTIMAL);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check_stayers(&rep, net, o->plan, NULL, o->stay,
                                       o->nstay, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%d: %s", year, rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0, "year %d", year);
    sn_check_report_dispose(&rep);
}

static int students_at(const sn_plan *p, int zone, int grade, int school)
{
    int n = 0;
    for (size_t i = 0; i < p->nasg; i++)
        if (p->asg[i].zone == zone && p->asg[i].grade == grade &&
            p->asg[i].school == school)
            n += p->asg[i].students;
    return n;
}

static int stay_of(const year_out *o, int zone, int grade, int school)
{
    for (size_t i = 0; i < o->nstay; i++)
        if (o->stay[i].zone == zone && o->stay[i].grade == grade &&
            o->stay[i].school == school)
            return o->stay[i].students;
    return 0;
}

Test(solver_multiyear, milestones_classrooms_closures_and_stayers)
{
    sn_network *net = network();
    sn_multiyear *my;
    cr_assert_eq(sn_multiyear_new(&my, net), 0);
    year_out y[3];
    memset(y, 0, sizeof y);
    for (int k = 0; k < 3; k++)
        plan_year(&y[k], my, net, 2020 + k);
    const int A = 0, B = 1, ZA = 0, ZB = 1;

    /* 2020, cap 66: B (costly) closes, its pupils fit A's one class a
     * grade (65 <= 66); nothing is built */
    cr_expect_eq(y[0].nstay, 0);
    cr_expect_eq(y[0].plan->schools[B].state, SN_SCHOOL_CLOSED);
    cr_expect_eq(y[0].plan->schools[A].students[1], 65);
    cr_expect_eq(y[0].plan->schools[A].classes[1], 1);
    cr_expect_eq(y[0].plan->schools[A].classrooms_added, 0);
    cr_expect_eq(y[0].row.hard_cap, 66);
    cr_expect_eq(y[0].row.over_56, 6);
    cr_expect_eq(y[0].row.closed_this_year, 1);

    /* 2021: pupils move up a grade at A (ZB's too, since B closed); ZA's
     * grade 3 carries only the 50 of the demand */
    cr_expect_eq(stay_of(&y[1], ZA, 2, A), 60);
    cr_expect_eq(stay_of(&y[1], ZB, 2, A), 5);
    cr_expect_eq(stay_of(&y[1], ZA, 3, A), 50);
    cr_expect_eq(stay_of(&y[1], ZA, 1, A), 0, "grade 1 is intake");
    cr_expect_eq(stay_of(&y[1], ZB, 6, B), 0);
    cr_expect_eq(students_at(y[1].plan, ZB, 4, A), 5);
    /* cap 56: five classrooms built, two classes a grade except grade 3
     * (50 + 5 = 55 fit one), none above 56 */
    cr_expect_eq(y[1].row.hard_cap, 56);
    cr_expect_eq(y[1].plan->schools[A].classrooms_added, 5);
    cr_expect_eq(y[1].plan->schools[A].classes[1], 2);
    cr_expect_eq(y[1].plan->schools[A].classes[3], 1);
    cr_expect_eq(y[1].row.over_56, 0);
    cr_expect_eq(y[1].row.classrooms_added_this_year, 5);
    cr_expect_eq(y[1].row.classrooms_left, 1);
    /* B stays closed, and the plan says since when */
    cr_expect_eq(y[1].plan->schools[B].state, SN_SCHOOL_CLOSED);
    cr_expect_eq(y[1].plan->schools[B].closed_year, 2020);
    cr_expect_eq(y[1].row.closed_this_year, 0);
    cr_expect_eq(y[1].row.schools_closed, 1);

    /* 2022: the five classrooms are still there (counted as built so far)
     * and one more is built for the 65 of grade 4; B is still closed */
    cr_expect_eq(y[2].plan->schools[A].classrooms_added, 6);
    cr_expect_eq(y[2].row.classrooms_added_this_year, 1);
    cr_expect_eq(y[2].row.classrooms_added, 6);
    cr_expect_eq(y[2].row.classrooms_left, 0);
    cr_expect_eq(y[2].plan->schools[B].state, SN_SCHOOL_CLOSED);
    cr_expect_eq(y[2].plan->schools[B].closed_year, 2020);
    cr_expect_eq(y[2].plan->schools[A].closed_year, 0);
    cr_expect_eq(y[2].plan->schools[A].classes[4], 2);
    cr_expect_eq(y[2].row.over_56, 0);
    /* the network is the original again */
    cr_expect_eq(net->schools[A].classrooms, 6);
    cr_expect_eq(net->schools[A].max_new_classrooms, 6);
    cr_expect_eq(net->schools[B].force, SN_FORCE_NONE);
    cr_expect_eq(net->sc.hard_cap, 56);
    for (int k = 0; k < 3; k++) {
        sn_plan_free(y[k].plan);
        free(y[k].stay);
    }
    sn_multiyear_free(my);
    sn_multiyear_free(NULL);
    sn_network_free(net);
}

/* The checker holds carried-over pupils to their school, and no longer
 * to the designated one. */
Test(solver_multiyear, checker_holds_stayers_to_their_school)
{
    sn_network *net = network();
    sn_multiyear *my;
    cr_assert_eq(sn_multiyear_new(&my, net), 0);
    year_out y[2];
    memset(y, 0, sizeof y);
    plan_year(&y[0], my, net, 2020);
    plan_year(&y[1], my, net, 2021);
    sn_plan *p = y[1].plan;
    sn_check_report rep;
    sn_error err = {0, ""};
    /* without the stayers, ZB's pupils at A are fine too (B is closed) */
    cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, NULL, 0, &err), 0);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    /* ZB's 5 second-graders carried over at A are left unplaced instead
     * (B is closed, so no designated-school rule covers them): without the
     * stayers only the unplaced row is wrong (A seats them above the cap
     * if need be); with them the carried pupils' rule breaks too */
    const int A = 0, B = 1, ZB = 1;
    sn_assignment *moved = NULL;
    for (size_t i = 0; i < p->nasg; i++)
        if (p->asg[i].zone == ZB && p->asg[i].grade == 2 &&
            p->asg[i].school == A)
            moved = &p->asg[i];
    cr_assert(moved && moved->students == 5 && moved->diverted);
    moved->students = 0;
    p->schools[A].students[2] -= 5;
    p->schools[A].diverted_in -= 5;
    p->schools[B].diverted_out -= 5;
    sn_unplaced u = {ZB, 2, 5, SN_UNPLACED_NO_CAPACITY};
    cr_assert_eq(sn_plan_add_unplaced(p, &u), 0);
    cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, NULL, 0, &err), 0);
    cr_expect_eq(rep.nviolations, 1);
    if (rep.nviolations == 1)
        cr_expect_str_eq(rep.violations[0], "zone ZB grade 2: 5 unplaced for "
                         "no_capacity but open school A is within day reach "
                         "(a seat above the cap exists)");
    sn_check_report_dispose(&rep);
    cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, y[1].stay,
                                       y[1].nstay, &err), 0);
    cr_expect_eq(rep.nviolations, 2);
    if (rep.nviolations == 2)
        cr_expect_str_eq(rep.violations[0], "zone ZB grade 2: 5 pupils "
                         "carried over at school A (stayers.csv) are not "
                         "there");
    sn_check_report_dispose(&rep);
    moved->students = 5; /* as it was, for the clamping case below */
    p->schools[A].students[2] += 5;
    p->schools[A].diverted_in += 5;
    p->schools[B].diverted_out += 5;
    p->nunplaced--;
    /* a stayer row at a school that is open and in reach but where the
     * plan has fewer pupils is reported */
    sn_assignment fake = {1, 5, 0, 9, 0, 0, 0}; /* ZB grade 5 at A: 9 */
    sn_assignment *st = malloc((y[1].nstay + 1) * sizeof *st);
    memcpy(st, y[1].stay, y[1].nstay * sizeof *st);
    for (size_t i = 0; i < y[1].nstay; i++)
        if (st[i].zone == 1 && st[i].grade == 5)
            st[i].students = 0;
    st[y[1].nstay] = fake;
    /* the demand of ZB grade 5 is 5: clamped to 5, and 5 are there */
    cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, st,
                                       y[1].nstay + 1, &err), 0);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    free(st);
    for (int k = 0; k < 2; k++) {
        sn_plan_free(y[k].plan);
        free(y[k].stay);
    }
    sn_multiyear_free(my);
    sn_network_free(net);
}

/* Forced states and the capital budget in the checker. */
Test(solver_multiyear, checker_accepts_forced_closure_and_checks_budget)
{
    sn_network *net = network();
    net->sc.allow_closures = 0;
    net->schools[1].force = SN_FORCE_CLOSED;
    int demand[2 * NG];
    sn_error err = {0, ""};
    cr_assert_eq(sn_forecast_demand(demand, net, 2021, NULL, &err), 0);
    net->sc.hard_cap = sn_scenario_hard_cap(&net->sc, 2021);
    sn_plan *p = NULL;
    cr_assert_eq(sn_allocate(&p, net, demand, 2021, NULL, &err), 0);
    net->sc.hard_cap = 56;
    cr_expect_eq(p->schools[1].state, SN_SCHOOL_CLOSED);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0, "a forced closure needs no "
                 "allow_closures");
    sn_check_report_dispose(&rep);
    /* the plan built 5 classrooms at 1000 each: a budget of 2385 is
     * broken */
    cr_assert_eq(p->schools[0].classrooms_added, 5);
    net->sc.capital_budget = 2385;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0);
    cr_expect_eq(rep.nviolations, 1);
    if (rep.nviolations)
        cr_expect_str_eq(rep.violations[0], "county C: capital 5000.000 "
                         "exceeds capital_budget 2385.000");
    sn_check_report_dispose(&rep);
    /* the scenario keeps B open: the plan's closure is now a violation */
    net->sc.capital_budget = 0;
    net->schools[1].force = SN_FORCE_OPEN;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0);
    cr_expect_geq(rep.nviolations, 1);
    if (rep.nviolations)
        cr_expect_str_eq(rep.violations[0], "school B: state closed but the "
                         "scenario keeps it");
    sn_check_report_dispose(&rep);
    sn_plan_free(p);
    sn_network_free(net);
}

/* Two counties on their own timetables (issue 9, policy 四.五): no cap
 * anywhere in 2020 but Xia's 66, 56 everywhere in 2021, the standard size
 * from 2022; each year's timeline row carries its county's cap, the key
 * that set it and whether the county met it. */
Test(solver_multiyear, county_milestones_in_the_timeline)
{
    sn_network *net;
    cr_assert_eq(sn_network_new(&net), 0);
    cr_assert_eq(sn_network_add_county(net, "Yanhu"), 0);
    cr_assert_eq(sn_network_add_county(net, "Xia"), 1);
    net->sc.year = 2020;
    net->sc.time_limit = 20;
    for (int c = 0; c < 2; c++) {
        char id[16]; /* room for any int: -O1 checks the truncation */
        snprintf(id, sizeof id, "S%d", c);
        sn_school s = {0};
        s.id = s.name = id;
        s.county = c;
        s.stage = SN_PRIMARY;
        s.grade_lo = 1;
        s.grade_hi = 6;
        s.has_xy = 1;
        s.x_km = 100.0 * c;
        s.classrooms = 6;
        s.seats = -1;
        s.max_new_classrooms = 6;
        s.classroom_cost = 1000;
        cr_assert_eq(sn_network_add_school(net, &s), c);
        sn_zone z = {0};
        snprintf(id, sizeof id, "Z%d", c);
        z.id = z.name = id;
        z.county = c;
        z.has_xy = 1;
        z.x_km = 100.0 * c;
        z.primary_school = c;
        z.junior_school = -1;
        cr_assert_eq(sn_network_add_zone(net, &z), c);
    }
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2022), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    for (int y = 2020; y <= 2022; y++)
        for (int c = 0; c < 2; c++)
            for (int g = 1; g <= 6; g++)
                sn_network_students_at(net, y, c)[g] = 60;
    sn_scenario *sc = &net->sc;
    sc->milestones[0] = (sn_milestone){2020, SN_CAP_NONE, ""};
    sc->milestones[1] = (sn_milestone){2020, 66, "Xia"};
    sc->milestones[2] = (sn_milestone){2021, 56, ""};
    sc->milestones[3] = (sn_milestone){2022, SN_CAP_STANDARD, ""};
    sc->nmilestones = 4;
    sn_multiyear *my;
    cr_assert_eq(sn_multiyear_new(&my, net), 0);
    sn_timeline_row rows[3][2];
    long added[3][2];
    for (int k = 0; k < 3; k++) {
        int year = 2020 + k, demand[2 * NG];
        sn_error err = {0, ""};
        sn_assignment *st = NULL;
        size_t nst = 0;
        cr_assert_eq(sn_forecast_demand(demand, net, year, NULL, &err), 0);
        cr_assert_eq(sn_multiyear_stayers(&st, &nst, my, demand), 0);
        cr_assert_eq(sn_multiyear_apply(my, net, year), 0);
        sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
        o.stay = st;
        o.nstay = nst;
        sn_plan *w = NULL, *p = NULL;
        cr_assert_eq(sn_allocate(&w, net, demand, year, &o, &err), 0);
        sn_multiyear_restore(my, net);
        cr_assert_eq(sn_multiyear_commit(&p, rows[k], my, w, &err), 0);
        sn_check_report rep;
        cr_assert_eq(sn_plan_check_stayers(&rep, net, p, NULL, st, nst, &err),
                     0);
        cr_expect_eq(rep.nviolations, 0, "%d: %s", year,
                     rep.nviolations ? rep.violations[0] : "");
        sn_check_report_dispose(&rep);
        for (int c = 0; c < 2; c++)
            added[k][c] = rows[k][c].classrooms_added;
        sn_plan_free(w);
        sn_plan_free(p);
        free(st);
    }
    cr_expect_eq(rows[0][0].hard_cap, SN_CAP_NONE);
    cr_expect_eq(rows[0][1].hard_cap, 66);
    cr_expect_str_eq(sc->milestones[rows[0][1].cap_from].county, "Xia");
    cr_expect_eq(added[0][0], 0, "no cap in Yanhu yet: nothing built");
    cr_expect_eq(added[0][1], 0, "60 <= 66 at Xia");
    cr_expect_eq(rows[1][0].hard_cap, 56);
    cr_expect_eq(rows[1][1].hard_cap, 56);
    cr_expect_eq(added[1][0], 6, "60 > 56: a second class a grade");
    cr_expect_eq(rows[2][0].hard_cap, SN_CAP_STANDARD);
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < 2; c++)
            cr_expect_eq(rows[k][c].meets_cap, 1, "%d county %d", 2020 + k,
                         c);
    sn_multiyear_free(my);
    sn_network_free(net);
}

/* A school where classrooms were built is not closed a later year (the
 * capital is spent, and the restated plan, which counts those classrooms,
 * must hold): in 2020 B (one room) takes 56 of 130 first graders and A
 * needs its addition for the other 74; in 2021 B has room for all and
 * costs less to keep, but A stays open. */
Test(solver_multiyear, no_closure_after_building)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 1, 1);
    int b = tiny_school(net, "B", 1, 0, 1, 1, 4);
    net->schools[a].max_new_classrooms = 1;
    net->schools[a].classroom_cost = 1000;
    net->schools[a].annual_cost = 5e5;
    net->schools[b].annual_cost = 1e5;
    net->schools[b].closable = 0;
    tiny_zone(net, "ZA", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2021), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 130;
    sn_network_students_at(net, 2021, 0)[1] = 130;
    net->schools[b].classrooms = 1; /* 2020: B holds 56, A the rest */
    sn_multiyear *my;
    cr_assert_eq(sn_multiyear_new(&my, net), 0);
    for (int year = 2020; year <= 2021; year++) {
        if (year == 2021)
            net->schools[b].classrooms = 4; /* B has room in 2021 */
        int demand[NG];
        sn_error err = {0, ""};
        cr_assert_eq(sn_forecast_demand(demand, net, year, NULL, &err), 0);
        cr_assert_eq(sn_multiyear_apply(my, net, year), 0);
        sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
        sn_plan *w = NULL, *p = NULL;
        cr_assert_eq(sn_allocate(&w, net, demand, year, &o, &err), 0);
        sn_multiyear_restore(my, net);
        cr_assert_eq(sn_multiyear_commit(&p, NULL, my, w, &err), 0);
        cr_expect_eq(p->schools[a].state, SN_SCHOOL_KEPT, "%d", year);
        cr_expect_eq(p->schools[a].classrooms_added, 1, "%d", year);
        sn_check_report rep;
        cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0);
        cr_expect_eq(rep.nviolations, 0, "%d: %s", year,
                     rep.nviolations ? rep.violations[0] : "");
        sn_check_report_dispose(&rep);
        sn_plan_free(w);
        sn_plan_free(p);
    }
    sn_multiyear_free(my);
    sn_network_free(net);
}
