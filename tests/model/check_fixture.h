/* check_fixture.h - a small two-county network and a plan that holds, for
 * the checker and plan I/O tests.  Each test changes one thing and expects
 * exactly the line that rule gives.
 *
 * County C (history 2018-2020, plan year 2020, demand = history):
 *   P1 primary (0,0) 12 classrooms, may add 2     Z1 (0,0) -> P1, J1
 *   P2 primary (2,0) 6 classrooms                  Z2 (2,0) -> P2, J1
 *   J1 junior  (0,1) 6 classrooms, 50 beds         Z3 no coordinates -> P1
 *   X  private primary (0.5,0) 100 seats           Z5 (0,9)  -> -, J1 (boards)
 *   N1 candidate primary (1,1) 200 seats, 2020     Z4 (0,30) -> -, J1 (too far)
 *   R1 remote primary (5,5), P3 not closable (6,6)
 * County D: Q1 primary (50,50), zone ZD (50,50) -> Q1.
 * Detour factor 1.3; transport 2.385 yuan per student-km.
 */
#ifndef SN_TEST_CHECK_FIXTURE_H
#define SN_TEST_CHECK_FIXTURE_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/kpi.h"
#include "model/network.h"
#include "model/plan.h"

enum { P1, P2, J1, X, N1, R1, P3, Q1 };
enum { Z1, Z2, Z3, Z5, Z4, ZD };

static inline int fx_school(sn_network *net, const char *id, int county,
                            double x, double y, int lo, int hi,
                            int classrooms, int seats)
{
    sn_school s;
    memset(&s, 0, sizeof s);
    s.id = (char *)id;
    s.county = county;
    s.stage = hi <= 6 ? SN_PRIMARY : SN_JUNIOR;
    s.grade_lo = lo;
    s.grade_hi = hi;
    s.has_xy = 1;
    s.x_km = x;
    s.y_km = y;
    s.classrooms = classrooms;
    s.seats = seats;
    s.status = SN_OPEN;
    s.closable = 1;
    s.annual_cost = 500000;
    s.classroom_cost = 300000;
    int i = sn_network_add_school(net, &s);
    cr_assert_geq(i, 0);
    return i;
}

static inline void fx_zone(sn_network *net, const char *id, int county,
                           int has_xy, double x, double y, int p, int j)
{
    sn_zone z;
    memset(&z, 0, sizeof z);
    z.id = (char *)id;
    z.county = county;
    z.has_xy = has_xy;
    z.x_km = x;
    z.y_km = y;
    z.primary_school = p;
    z.junior_school = j;
    cr_assert_geq(sn_network_add_zone(net, &z), 0);
}

static inline void fx_students(sn_network *net, int z, int g, int n)
{
    sn_network_students_at(net, 2020, z)[g] = n;
}

static inline sn_network *fx_network(void)
{
    sn_network *net;
    cr_assert_eq(sn_network_new(&net), 0);
    cr_assert_eq(sn_network_add_county(net, "C"), 0);
    cr_assert_eq(sn_network_add_county(net, "D"), 1);
    net->sc.year = 2020;
    net->sc.transport_cost_per_student_km = 2.385;
    fx_school(net, "P1", 0, 0, 0, 1, 6, 12, -1);
    net->schools[P1].max_new_classrooms = 2;
    net->schools[P1].annual_cost = 1000000;
    fx_school(net, "P2", 0, 2, 0, 1, 6, 6, -1);
    fx_school(net, "J1", 0, 0, 1, 7, 9, 6, -1);
    net->schools[J1].boarding_beds = 50;
    fx_school(net, "X", 0, 0.5, 0, 1, 6, -1, 100);
    net->schools[X].is_private = 1;
    net->schools[X].seat_price = 3000;
    fx_school(net, "N1", 0, 1, 1, 1, 6, -1, 200);
    net->schools[N1].status = SN_CANDIDATE;
    net->schools[N1].ready_year = 2020;
    net->schools[N1].build_cost = 10000000;
    fx_school(net, "R1", 0, 5, 5, 1, 6, 2, -1);
    net->schools[R1].remote = 1;
    fx_school(net, "P3", 0, 6, 6, 1, 6, 2, -1);
    net->schools[P3].closable = 0;
    fx_school(net, "Q1", 1, 50, 50, 1, 6, 6, -1);
    fx_zone(net, "Z1", 0, 1, 0, 0, P1, J1);
    fx_zone(net, "Z2", 0, 1, 2, 0, P2, J1);
    fx_zone(net, "Z3", 0, 0, 0, 0, P1, -1);
    fx_zone(net, "Z5", 0, 1, 0, 9, -1, J1);
    fx_zone(net, "Z4", 0, 1, 0, 30, -1, J1);
    fx_zone(net, "ZD", 1, 1, 50, 50, Q1, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2018, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    fx_students(net, Z1, 1, 63);
    fx_students(net, Z1, 2, 40);
    fx_students(net, Z1, 3, 30);
    fx_students(net, Z1, 4, 60);
    fx_students(net, Z1, 7, 20);
    fx_students(net, Z2, 1, 20);
    fx_students(net, Z2, 3, 10);
    fx_students(net, Z3, 1, 7);
    fx_students(net, Z5, 7, 40);
    fx_students(net, Z4, 7, 5);
    fx_students(net, ZD, 1, 15);
    return net;
}

static inline void fx_put(sn_plan *p, int z, int g, int s, int n)
{
    sn_assignment a = {z, g, s, n, 0, 0, 0};
    cr_assert_eq(sn_plan_add_assignment(p, &a), 0);
}

static inline void fx_unplaced(sn_plan *p, int z, int g, int n,
                               sn_unplaced_reason r)
{
    sn_unplaced u = {z, g, n, r};
    cr_assert_eq(sn_plan_add_unplaced(p, &u), 0);
}

static inline int fx_beyond(const sn_network *net, const sn_assignment *a)
{
    double walk = a->grade <= 6 ? net->sc.max_km_primary
                                : net->sc.max_km_junior;
    return a->km > walk && a->km > net->sc.bus_max_km;
}

/* Restates what a plan derives from its assignments as they are (per-school
 * pupils, boarders, diversions) and its cost, written here independently
 * of model/check: a test that breaks a flag breaks only the flag's rule.
 * A boarder is a pupil with boarding = 1 beyond walking and bus reach. */
static inline void fx_restate(sn_plan *p, const sn_network *net)
{
    for (int s = 0; s < p->nschools; s++) {
        sn_school_plan *sp = &p->schools[s];
        memset(sp->students, 0, sizeof sp->students);
        sp->boarders = sp->diverted_in = sp->diverted_out = 0;
    }
    for (size_t i = 0; i < p->nasg; i++) {
        sn_assignment *a = &p->asg[i];
        int d = sn_kpi_designated(net, a->zone, a->grade);
        p->schools[a->school].students[a->grade] += a->students;
        if (a->boarding && fx_beyond(net, a))
            p->schools[a->school].boarders += a->students;
        if (a->diverted) {
            p->schools[a->school].diverted_in += a->students;
            p->schools[d].diverted_out += a->students;
        }
    }
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, p, NULL), 0);
    p->cost = k.cost;
    /* kpi's boarding cost follows the flag; the checker's the rule */
    double b = 0;
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        if (a->boarding && fx_beyond(net, a))
            b += a->students * (a->grade <= 6 ? net->sc.boarding_cost_primary
                                              : net->sc.boarding_cost_junior);
    }
    p->cost.total += b - p->cost.boarding;
    p->cost.boarding = b;
}

/* Sets km and flags from the network (a pupil beyond walking and bus
 * reach boards), then restates (fx_restate). */
static inline void fx_finish(sn_plan *p, const sn_network *net)
{
    for (size_t i = 0; i < p->nasg; i++) {
        sn_assignment *a = &p->asg[i];
        int d = sn_kpi_designated(net, a->zone, a->grade);
        a->km = sn_network_km(net, a->zone, a->school);
        a->boarding = fx_beyond(net, a);
        a->diverted = d >= 0 && d != a->school;
    }
    fx_restate(p, net);
}

static inline sn_plan *fx_plan(const sn_network *net)
{
    sn_plan *p;
    cr_assert_eq(sn_plan_new(&p, net->nschools, 2020), 0);
    p->status = SN_PLAN_OPTIMAL;
    p->schools[N1].state = SN_SCHOOL_NOT_BUILT;
    fx_put(p, Z1, 1, P1, 63);
    fx_put(p, Z1, 2, P1, 40);
    fx_put(p, Z1, 3, P1, 30);
    fx_put(p, Z1, 4, P1, 60);
    fx_put(p, Z1, 7, J1, 20);
    fx_put(p, Z2, 1, P2, 10);
    fx_put(p, Z2, 1, X, 10);
    fx_put(p, Z2, 3, P2, 10);
    fx_put(p, Z5, 7, J1, 40);
    fx_put(p, ZD, 1, Q1, 15);
    fx_unplaced(p, Z3, 1, 7, SN_UNPLACED_NO_REACH);
    fx_unplaced(p, Z4, 7, 5, SN_UNPLACED_NO_REACH);
    int *c = p->schools[P1].classes;
    c[1] = 2, c[2] = 1, c[3] = 1, c[4] = 2;
    p->schools[P2].classes[1] = 1;
    p->schools[P2].classes[3] = 1;
    p->schools[J1].classes[7] = 2;
    p->schools[Q1].classes[1] = 1;
    p->objective[SN_LEVEL_COST] = 1234.5;
    p->gap = 0.00385;
    p->seconds = 2.385;
    fx_finish(p, net);
    return p;
}

/* Fails the test unless rep holds exactly one violation, `line`
 * (every violation found is logged). */
static inline void fx_expect_only(const sn_check_report *rep,
                                  const char *line)
{
    if (rep->nviolations != 1 || strcmp(rep->violations[0], line) != 0) {
        for (size_t i = 0; i < rep->nviolations; i++)
            cr_log_error("  got: %s", rep->violations[i]);
        cr_assert_fail("expected only: %s", line);
    }
}

/* Fails the test when rep holds any violation (each logged). */
static inline void fx_expect_none(const sn_check_report *rep)
{
    for (size_t i = 0; i < rep->nviolations; i++)
        cr_log_error("  got: %s", rep->violations[i]);
    cr_assert_eq(rep->nviolations, 0, "expected no violation");
}

/* The assignment (zone z, grade g, school s) of p; fails the test when
 * there is none. */
static inline sn_assignment *fx_find(sn_plan *p, int z, int g, int s)
{
    for (size_t i = 0; i < p->nasg; i++)
        if (p->asg[i].zone == z && p->asg[i].grade == g &&
            p->asg[i].school == s)
            return &p->asg[i];
    cr_assert_fail("no assignment %d %d %d", z, g, s);
    return NULL;
}

#endif
