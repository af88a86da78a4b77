/* tiny.h - small in-memory networks for solver tests.  Each helper aborts
 * the test (cr_assert) on failure, so tests read as plain set-up. */
#ifndef SN_TEST_TINY_H
#define SN_TEST_TINY_H

#include <criterion/criterion.h>

#include "model/network.h"

/* A network with one county "C" and history year 2020 (students set by
 * tiny_students).  Scenario defaults, time limit 20 s. */
static inline sn_network *tiny_new(void)
{
    sn_network *net;
    cr_assert_eq(sn_network_new(&net), 0);
    cr_assert_eq(sn_network_add_county(net, "C"), 0);
    net->sc.time_limit = 20;
    net->sc.year = 2020;
    return net;
}

/* Adds a class-mode school at (x, y) teaching `lo`-`hi`. */
static inline int tiny_school(sn_network *net, const char *id, double x,
                              double y, int lo, int hi, int classrooms)
{
    sn_school s = {0};
    s.id = (char *)id;
    s.name = (char *)id;
    s.county = 0;
    s.stage = hi <= 6 ? SN_PRIMARY : lo >= 7 ? SN_JUNIOR : SN_NINE_YEAR;
    s.grade_lo = lo;
    s.grade_hi = hi;
    s.has_xy = 1;
    s.x_km = x;
    s.y_km = y;
    s.classrooms = classrooms;
    s.seats = -1;
    s.status = SN_OPEN;
    s.closable = 1;
    int i = sn_network_add_school(net, &s);
    cr_assert_geq(i, 0);
    return i;
}

static inline int tiny_zone(sn_network *net, const char *id, double x,
                            double y, int primary, int junior)
{
    sn_zone z = {0};
    z.id = (char *)id;
    z.name = (char *)id;
    z.county = 0;
    z.has_xy = 1;
    z.x_km = x;
    z.y_km = y;
    z.primary_school = primary;
    z.junior_school = junior;
    int i = sn_network_add_zone(net, &z);
    cr_assert_geq(i, 0);
    return i;
}

/* Allocates year 2020 for all zones added so far and finishes the net. */
static inline void tiny_finish(sn_network *net)
{
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
}

static inline void tiny_students(sn_network *net, int zone, int grade, int n)
{
    sn_network_students_at(net, 2020, zone)[grade] = n;
}

#endif
