/* staffing.h - the teacher side of a plan: staffing norms, the county
 * staff quota, subject demand, teaching capacity, funding, the teachers'
 * state from one plan year to the next, and the result type of the
 * teacher solver (redeployment, rotation, walking-teacher assignment, the
 * week of walking teachers, shortages).
 *
 * Definitions (docs/teachers.md has the sources):
 *  - subject demand D[s,j] = sum over grades of classes[s][g] x
 *    curriculum[g][j] (periods a week) for schools open in the plan;
 *  - a day's periods of subject j at school s, C[s,j] = sum over grades of
 *    classes[s][g] x ceil(curriculum[g][j] / 5): a class has at most
 *    ceil(p / 5) periods of a p-period subject on one day;
 *  - required teachers = ceil(pupils_primary / ratio_primary + pupils_junior
 *    / ratio_junior), and for a school with fewer than small_school_pupils
 *    pupils at least ceil(classes_primary x class_ratio_primary +
 *    classes_junior x class_ratio_junior) (班师比, small schools and
 *    teaching points); 0 for a school the plan closes or does not build;
 *  - quota: without `county_quota` for the county, the required number;
 *    with it, the county's quota N shared over its open schools in
 *    proportion to their required numbers, largest remainders first (ties
 *    to the school listed first), so that the shares sum to N;
 *  - actual = teachers whose home is the school at the start of the year;
 *    status over (actual > quota), full (equal), under (below);
 *  - a teacher's teaching capacity = max_periods, minus half a standard
 *    load (standard_periods / 2, rounded down) for a class teacher, never
 *    below 0 (policy 三.9: the class teacher's duty is half a load);
 *  - subject priority: music, art, pe and it (the shortage subjects of
 *    三.8) weigh SN_SHORTAGE_WEIGHT, others 1;
 *  - who may teach away from home (走教): any teacher in a shortage
 *    subject; in other subjects only a teacher marked `itinerant` (the
 *    input flag is the teacher's willingness); in both cases only when
 *    the teacher's capacity fits a week of days (at most SN_DAYS x
 *    max_periods_per_day);
 *  - qualified capacity Q[s,j] = sum of the capacities of the teachers at
 *    home at s qualified in j; a school's coverage of j is min(D, Q).
 * Indices refer to the sn_network the plan was made for.  Nothing here
 * prints, allocates globals or calls the solver.
 */
#ifndef SN_STAFFING_H
#define SN_STAFFING_H

#include <stddef.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

#define SN_SHORTAGE_WEIGHT 3
#define SN_DAYS 5 /* a school week */

typedef enum { SN_STAFF_OVER = 0, SN_STAFF_FULL = 1,
               SN_STAFF_UNDER = 2 } sn_staff_status;

/* Where each teacher stands at the start of a plan year: the input at the
 * first year, then what the previous year's redeployment and rotation
 * left (sn_teacher_state_next). */
typedef struct sn_teacher_state {
    int year;          /* the plan year this state starts */
    int nteachers;
    int *home;         /* [t] home school */
    int *years;        /* [t] years at that school */
    int *last_rotated; /* [t] plan year of the teacher's last rotation, or 0 */
} sn_teacher_state;

typedef struct sn_school_staff {
    int open;               /* kept or new in the plan, public */
    int pupils;             /* all grades, from the plan */
    int required, quota;    /* teachers (definitions above) */
    int actual;             /* at the start of the year */
    int actual_after;       /* after redeployment and rotation */
    sn_staff_status status; /* actual against quota */
    double funds;           /* public funds, yuan a year */
    double allowance;       /* rural teacher allowance, yuan a year (homes
                             * after redeployment and rotation) */
} sn_school_staff;

/* One row of teachers.csv: periods a week of one subject at one school.
 * km_per_week: for the first (subject order) row of a school away from
 * home, 2 x km x the days the teacher is there (timetable.csv); 0 on the
 * other rows and at home. */
typedef struct sn_teach_row {
    int teacher, school, subject;
    int periods;
    double km_per_week;
} sn_teach_row;

/* One row of rotation.csv. */
typedef struct sn_move {
    int teacher, from, to, subject;
    int swap;               /* 1: one of a pair exchanged (出一进一) */
} sn_move;

/* One row of redeploy.csv: a new home for a teacher of a school the plan
 * closes (within the destination's quota, or beyond it when no school of
 * the county teaching the teacher's subjects has a post left), or for a
 * surplus teacher of an over-staffed school (只出不进). */
typedef enum { SN_REDEPLOY_CLOSED = 0, SN_REDEPLOY_SURPLUS = 1,
               SN_REDEPLOY_CLOSED_OVER = 2 } sn_redeploy_reason;
typedef struct sn_redeploy {
    int teacher, from, to;
    int subject;            /* the subject taken up at `to`; -1 when none of
                             * the teacher's subjects is taught there */
    sn_redeploy_reason reason;
} sn_redeploy;

/* One row of timetable.csv: a walking teacher's periods of one subject at
 * one school on one day (0 = Monday .. 4 = Friday). */
typedef struct sn_day_row {
    int teacher, day, school, subject, periods;
} sn_day_row;

/* Per-county report. */
typedef struct sn_county_staff {
    int eligible, movers, strong_movers; /* rotation (strong: excellent or
                                          * senior title) */
    int quota_movers, quota_strong;      /* what the policy asks */
    int swaps;                           /* pairs exchanged */
    /* strong teachers / all teachers, in urban and rural schools */
    double strong_urban_before, strong_rural_before;
    double strong_urban_after, strong_rural_after;
    double funds, allowance;             /* yuan a year */
    int staff_quota;                     /* county_quota, or -1 */
    int quota, actual, actual_after;     /* sums over the schools */
    int hires, releases;                 /* sums of shortage and surplus */
    int redeployed_closed, redeployed_surplus; /* closed: both reasons */
    /* the assignment levels of the county (see sn_staffing.objective) */
    double objective[3], bound[3];
} sn_county_staff;

#define SN_TEACHER_LEVELS 3 /* uncovered (weighted), travel km, links */

typedef struct sn_staffing {
    int year;
    int has_state;             /* started from an sn_teacher_state (a year
                                * of a multi-year plan) */
    int nschools, nteachers, ncounties;
    sn_school_staff *school;   /* nschools */
    int *demand;               /* [s * SN_MAX_SUBJECTS + j] periods a week */
    int *daycap;               /* same shape: C[s,j], a day's periods */
    int *uncovered;            /* same shape: demand no row covers */
    int *start;                /* [t] home at the start of the year */
    int *years;                /* [t] years there at the start */
    int *last_rotated;         /* [t] as sn_teacher_state */
    int *home;                 /* [t] home after redeployment and rotation */
    sn_county_staff *county;   /* ncounties */
    sn_teach_row *rows; size_t nrows, rows_cap;
    sn_move *moves; size_t nmoves, moves_cap;
    sn_redeploy *redeploys; size_t nredeploys, redeploys_cap;
    sn_day_row *days; size_t ndays, days_cap;
    /* solver report */
    sn_plan_status status;
    double objective[SN_TEACHER_LEVELS], bound[SN_TEACHER_LEVELS], gap;
    double seconds;
    /* which limit ended each assignment level (summary.json
     * "teachers"."ended_by"; over counties and parts the most severe),
     * the work units the stage spent and its work limit (0: none) */
    sn_end ended_by[SN_TEACHER_LEVELS];
    long long work, work_limit;
    /* size of the largest part's model (benchmarks) */
    int model_units, model_walkers, model_links, model_cols, model_rows;
} sn_staffing;

/* The state of the input (teachers.csv) at the start of `year`.  Returns
 * 0 or SN_ENOMEM; *out NULL on failure.  Free with _free (accepts NULL). */
int sn_teacher_state_new(sn_teacher_state **out, const sn_network *net,
                         int year);
void sn_teacher_state_free(sn_teacher_state *s);
/* The state at the start of the next plan year after st: homes after
 * redeployment and rotation; a teacher who moved has been 1 year at the
 * new school, the others one more; last_rotated is st's year for the
 * teachers rotation moved.  Returns 0 or SN_ENOMEM; *out NULL on failure. */
int sn_teacher_state_next(sn_teacher_state **out, const sn_staffing *st);

/* Computes demand, required, quota, actual, status and funds for plan
 * (made for net), from `state` (NULL: the input at plan->year); homes
 * after = start, rows/moves/redeploys/days empty, uncovered = demand.
 * Returns 0, SN_EUSAGE (plan or state does not fit net) or SN_ENOMEM;
 * *out is NULL on failure.  Free with sn_staffing_free. */
int sn_staffing_new(sn_staffing **out, const sn_network *net,
                    const sn_plan *plan, const sn_teacher_state *state,
                    sn_error *err);
void sn_staffing_free(sn_staffing *st); /* accepts NULL */

int sn_staffing_add_row(sn_staffing *st, const sn_teach_row *r); /* 0/ENOMEM */
int sn_staffing_add_move(sn_staffing *st, const sn_move *m);
int sn_staffing_add_redeploy(sn_staffing *st, const sn_redeploy *r);
int sn_staffing_add_day(sn_staffing *st, const sn_day_row *d);
/* Sorts rows by (teacher, school, subject), moves and redeploys by
 * teacher, days by (teacher, day, school, subject). */
void sn_staffing_sort(sn_staffing *st);
/* Recomputes uncovered from demand and rows, actual_after and the
 * allowance from the homes, and the county totals (funds, allowance,
 * quota, actual, hires, releases, redeployed). */
void sn_staffing_tally(sn_staffing *st, const sn_network *net);

/* Teaching capacity of a teacher (definition above). */
int sn_staffing_capacity(const sn_scenario *sc, const sn_teacher *t);
/* Priority weight of subject j (definition above). */
int sn_staffing_weight(const sn_network *net, int subject);
/* Whether teacher t may teach subject j away from home (definition above). */
int sn_staffing_may_walk(const sn_network *net, const sn_teacher *t,
                         int subject);
/* Periods an away day holds: min(periods_per_visit, max_periods_per_day). */
int sn_staffing_away_day(const sn_scenario *sc);
/* School-to-school km: straight line x detour_factor, or -1 (unknown). */
double sn_staffing_km(const sn_network *net, int a, int b);
/* Staff quota (编制) of county c from [teachers] county_quota, or -1. */
int sn_staffing_county_quota(const sn_network *net, int county);
/* Whether county c is in the scenario's poverty_counties list. */
int sn_staffing_poverty(const sn_network *net, int county);
/* The county seat of c: the mean position of the county's urban schools
 * (status open in schools.csv, with coordinates).  Returns 0 and sets
 * *x, *y, or -1 when the county has none. */
int sn_staffing_county_seat(const sn_network *net, int county, double *x,
                            double *y);
/* Monthly allowance of a teacher at school s (0 when none): rural public
 * schools of poverty counties; allowance_max at remote schools; else
 * allowance_min + (allowance_max - allowance_min) x min(1, d /
 * allowance_full_km), d = km from the county seat (straight line x
 * detour_factor), rounded to whole yuan; allowance_min when the county has
 * no seat or the school no coordinates. */
double sn_staffing_allowance(const sn_network *net, int school);
/* Whether t is excellent or holds a senior title (rotation quota). */
int sn_teacher_strong(const sn_teacher *t);
const char *sn_staff_status_name(sn_staff_status st);
const char *sn_redeploy_reason_name(sn_redeploy_reason r);

#endif
