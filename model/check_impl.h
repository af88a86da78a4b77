/* check_impl.h - private to model/check*.c: the checker's state, built
 * from the inputs and the plan's assignments (check.c), and read by the
 * school rules (check_schools.c).  Nothing else includes it.
 */
#ifndef SN_CHECK_IMPL_H
#define SN_CHECK_IMPL_H

#include "model/check.h"

#define NG (SN_GRADES + 1)
#define KM_TOL 0.001  /* written km vs recomputed */
#define EPS 1e-9      /* slack on limits compared with computed km */

typedef struct ck {
    sn_check_report *rep;
    const sn_network *net;
    const sn_plan *plan;
    const sn_scenario *sc;
    /* carried-over pupils (multi-year plans), clamped to the demand and
     * sorted by (zone, grade, school); got: pupils the plan has there */
    sn_assignment *st;
    long *st_got;
    size_t nst;
    long *st_other, *st_des; /* [z*NG+g] carried to other / designated */
    int nz, ns;
    int *demand;          /* [z*NG+g] the year's demand */
    const char *source;   /* "history" or "projection" */
    long *placed, *unplaced, *at_home; /* [z*NG+g] */
    long *stud, *stay;    /* [s*NG+g] pupils; enrolled pupils who stay */
    long *boarders, *div_in, *div_out; /* [s] */
    double *km;           /* [i] recomputed km of assignment i */
    long *row_stay;       /* [i] pupils of assignment i who are enrolled
                             pupils keeping their school */
    char *ok;             /* [i] assignment i has valid indices */
    double *spent;        /* [county] one-off capital of the plan */
    long placed_total, unplaced_total, diverted;
    long bus_riders, beyond_walking, boarders_by_grade[NG];
    double student_km, max_km, seat_cost, boarding_cost;
    /* the order's trades (lexicographic mode only; else 0) */
    int cap_before_std, cap_before_cost;
} ck;

/* Counts one rule; when it does not hold, records the formatted line.
 * Returns ok. */
int sn_ck_holds(ck *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static inline int ck_open(sn_school_state st)
{
    return st == SN_SCHOOL_KEPT || st == SN_SCHOOL_NEW;
}

static inline double ck_walk(const sn_scenario *sc, int grade)
{
    return grade <= 6 ? sc->max_km_primary : sc->max_km_junior;
}

/* The hard cap of grade g at school s in the plan's year (its county's). */
static inline int ck_cap(const ck *c, int s, int g)
{
    return sn_scenario_cap(c->sc, c->net->counties[c->net->schools[s].county],
                           c->plan->year, g);
}

/* Boarding cost a year of one pupil of grade g. */
static inline double ck_board_cost(const sn_scenario *sc, int g)
{
    return g <= 6 ? sc->boarding_cost_primary : sc->boarding_cost_junior;
}

/* One-off capital per county into c->spent, checked against
 * capital_budget (check_schools.c); call before sn_ck_school. */
void sn_ck_spent(ck *c);
/* School rules (check_schools.c): states, classes, capacity, derived
 * numbers of school s. */
void sn_ck_school(ck *c, int s);
/* County rules and the stated totals (check_schools.c): open schools,
 * capital budget, classes before, cost, summary, shortfall.csv.  Returns 0
 * or SN_ENOMEM. */
int sn_ck_totals(ck *c, const sn_kpi *written);

#endif
