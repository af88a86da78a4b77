/* staffing.h - the teacher side of a plan: staffing norms, subject demand,
 * teaching capacity, funding, and the result type of the teacher solver
 * (walking-teacher assignment, shortages, rotation).
 *
 * Definitions (docs/teachers.md has the sources):
 *  - subject demand D[s,j] = sum over grades of classes[s][g] x
 *    curriculum[g][j] (periods a week) for schools open in the plan;
 *  - required teachers = ceil(pupils_primary / ratio_primary + pupils_junior
 *    / ratio_junior), and for a school with fewer than small_school_pupils
 *    pupils at least ceil(classes_primary x class_ratio_primary +
 *    classes_junior x class_ratio_junior) (班师比, small schools and
 *    teaching points); 0 for a school the plan closes or does not build;
 *  - actual = teachers whose home is the school; status over (actual >
 *    required), full (equal), under (below);
 *  - a teacher's teaching capacity = max_periods, minus half a standard
 *    load (standard_periods / 2, rounded down) for a class teacher, never
 *    below 0 (policy 三.9: the class teacher's duty is half a load);
 *  - subject priority: music, art, pe and it (the shortage subjects of
 *    三.8) weigh SN_SHORTAGE_WEIGHT, others 1.
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

typedef enum { SN_STAFF_OVER = 0, SN_STAFF_FULL = 1,
               SN_STAFF_UNDER = 2 } sn_staff_status;

typedef struct sn_school_staff {
    int open;               /* kept or new in the plan, public */
    int pupils;             /* all grades, from the plan */
    int required, actual;   /* teachers (actual: home school before rotation) */
    sn_staff_status status;
    double funds;           /* public funds, yuan a year */
    double allowance;       /* rural teacher allowance, yuan a year (homes
                             * after rotation) */
} sn_school_staff;

/* One row of teachers.csv: periods a week of one subject at one school. */
typedef struct sn_teach_row {
    int teacher, school, subject;
    int periods;
    double km_per_week;     /* 2 x km x ceil(periods / periods_per_visit);
                             * 0 at the home school */
} sn_teach_row;

/* One row of rotation.csv. */
typedef struct sn_move {
    int teacher, from, to, subject;
} sn_move;

/* Per-county report. */
typedef struct sn_county_staff {
    int eligible, movers, strong_movers; /* rotation (strong: excellent or
                                          * senior title) */
    int quota_movers, quota_strong;      /* what the policy asks */
    /* strong teachers / all teachers, in urban and rural schools */
    double strong_urban_before, strong_rural_before;
    double strong_urban_after, strong_rural_after;
    double funds, allowance;             /* yuan a year */
} sn_county_staff;

#define SN_TEACHER_LEVELS 3 /* uncovered (weighted), travel km, links */

typedef struct sn_staffing {
    int nschools, nteachers, ncounties;
    sn_school_staff *school;   /* nschools */
    int *demand;               /* [s * SN_MAX_SUBJECTS + j] periods a week */
    int *uncovered;            /* same shape: demand no row covers */
    int *home;                 /* [t] home after rotation */
    sn_county_staff *county;   /* ncounties */
    sn_teach_row *rows; size_t nrows, rows_cap;
    sn_move *moves; size_t nmoves, moves_cap;
    /* solver report */
    sn_plan_status status;
    double objective[SN_TEACHER_LEVELS], bound[SN_TEACHER_LEVELS], gap;
    double seconds;
} sn_staffing;

/* Computes demand, required/actual/status and funds for plan (made for
 * net); homes start as the input homes, rows/moves empty, uncovered =
 * demand.  Returns 0, SN_EUSAGE (plan does not fit net) or SN_ENOMEM;
 * *out is NULL on failure.  Free with sn_staffing_free. */
int sn_staffing_new(sn_staffing **out, const sn_network *net,
                    const sn_plan *plan, sn_error *err);
void sn_staffing_free(sn_staffing *st); /* accepts NULL */

int sn_staffing_add_row(sn_staffing *st, const sn_teach_row *r); /* 0/ENOMEM */
int sn_staffing_add_move(sn_staffing *st, const sn_move *m);
/* Sorts rows by (teacher, school, subject) and moves by teacher. */
void sn_staffing_sort(sn_staffing *st);
/* Recomputes uncovered from demand and rows, the allowance from the homes,
 * and the county totals of funds and allowance. */
void sn_staffing_tally(sn_staffing *st, const sn_network *net);

/* Teaching capacity of a teacher (definition above). */
int sn_staffing_capacity(const sn_scenario *sc, const sn_teacher *t);
/* Priority weight of subject j (definition above). */
int sn_staffing_weight(const sn_network *net, int subject);
/* School-to-school km: straight line x detour_factor, or -1 (unknown). */
double sn_staffing_km(const sn_network *net, int a, int b);
/* Whether county c is in the scenario's poverty_counties list. */
int sn_staffing_poverty(const sn_network *net, int county);
/* Monthly allowance of a teacher at school s (0 when none). */
double sn_staffing_allowance(const sn_network *net, int school);
/* Whether t is excellent or holds a senior title (rotation quota). */
int sn_teacher_strong(const sn_teacher *t);
const char *sn_staff_status_name(sn_staff_status st);

#endif
