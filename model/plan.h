/* plan.h - an allocation plan for one plan year: where pupils go, how many
 * classes each school runs, which schools close or open, what it costs.
 *
 * Produced by solver/allocate, written by io/write_plan, re-read and
 * verified by model/check (which recomputes everything from the inputs and
 * trusts none of the derived fields below).
 * Indices refer to the sn_network the plan was made for.
 */
#ifndef SN_PLAN_H
#define SN_PLAN_H

#include <stddef.h>

#include "model/network.h"

/* Ordered from best to worst: a plan made of parts (counties) has the
 * worst status of its parts. */
typedef enum {
    SN_PLAN_OPTIMAL = 0,     /* every objective level proven optimal (gap) */
    SN_PLAN_FEASIBLE = 1,    /* a plan, optimality not proven in the limits */
    SN_PLAN_INTERRUPTED = 2, /* a plan: the search was stopped by a signal
                              * (Ctrl-C, SIGTERM) before its limits */
    SN_PLAN_INFEASIBLE = 3,  /* no plan meets the hard rules */
    SN_PLAN_UNSOLVED = 4     /* nothing found in the limits */
} sn_plan_status;

typedef enum {
    SN_SCHOOL_KEPT = 0,     /* open before, open in the plan */
    SN_SCHOOL_CLOSED = 1,   /* open before, closed by the plan */
    SN_SCHOOL_NEW = 2,      /* candidate, opened by the plan */
    SN_SCHOOL_NOT_BUILT = 3 /* candidate, not opened */
} sn_school_state;

typedef enum {
    SN_UNPLACED_NO_REACH = 0,   /* no school teaching the grade in reach */
    SN_UNPLACED_NO_CAPACITY = 1 /* schools in reach are full */
} sn_unplaced_reason;

/* Students of one zone and grade at one school. */
typedef struct sn_assignment {
    int zone, grade, school;
    int students;
    double km;        /* zone -> school travel distance */
    int boarding;     /* 1: beyond walking distance, boards */
    int diverted;     /* 1: not the zone's designated school */
} sn_assignment;

typedef struct sn_school_plan {
    sn_school_state state;
    int opened_year, closed_year; /* year the plan opened / closed it
                                     (multi-year plans: the first such
                                     year); 0 when it did not */
    int classes[SN_GRADES + 1];
    int students[SN_GRADES + 1];
    int classrooms_added;
    int boarders;
    int diverted_in, diverted_out;
} sn_school_plan;

typedef struct sn_unplaced {
    int zone, grade, students;
    sn_unplaced_reason reason;
} sn_unplaced;

/* SN_LEVELS and the level ids (sn_level) are in model/scenario.h */

/* Which limit ended the solve of an objective level (summary.json
 * "ended_by"); over several counties the most severe (later) one. */
typedef enum {
    SN_END_NONE = 0,  /* not ended by a limit: nothing to solve, or proven */
    SN_END_GAP = 1,   /* proven within the gap */
    SN_END_WORK = 2,  /* the deterministic work budget ran out */
    SN_END_TIME = 3,  /* the time limit ran out */
    SN_END_STOP = 4   /* interrupted */
} sn_end;

typedef struct sn_plan_cost {
    double total, schools, capital, transport, private_seats;
    double boarding;   /* boarders x boarding_cost_primary / _junior */
} sn_plan_cost;

/* One row of shortfall.csv (model/kpi.h defines the numbers). */
typedef struct sn_shortfall_row {
    int school;
    int grade;             /* 1..9; 0: the school's classes without a room */
    int students, classes; /* of the grade (grade 0: of the school) */
    int classrooms;        /* the school's classrooms + added */
    long pupils_over_cap;
    int classrooms_short;
    long beds_short;       /* grade 0: boarders above the beds */
} sn_shortfall_row;

typedef struct sn_plan {
    int year;
    sn_plan_status status;
    double objective[SN_LEVELS]; /* value of each level (by sn_level id),
                                    evaluated on the final plan */
    double bound[SN_LEVELS];     /* best bound of each level (-inf when
                                    unknown, e.g. in weighted mode) */
    int weighted;                /* [objective] mode = weighted */
    double wvalue, wbound;       /* the weighted sum and its bound */
    double gap;                  /* relative gap of the worst level (of the
                                    weighted sum in weighted mode) */
    sn_end ended_by[SN_LEVELS];  /* which limit ended each level (by id) */
    double seconds;
    const char *demand_source;   /* "history" or "projection" (static) */
    int nschools;
    sn_school_plan *schools;     /* nschools entries */
    sn_assignment *asg; size_t nasg, asg_cap;
    sn_unplaced *unplaced; size_t nunplaced, unplaced_cap;
    sn_plan_cost cost;
    /* Stated in the plan files and read back for the checker (NULL when
     * the plan comes from the solver; io/write_plan computes them):
     * shortfall.csv's rows, and summary.json's classrooms short per
     * county (ncounties entries). */
    sn_shortfall_row *shortfall; size_t nshortfall;
    long *county_short;
} sn_plan;

/* Allocates an empty plan for a network's schools.  0 or SN_ENOMEM. */
int sn_plan_new(sn_plan **out, int nschools, int year);
void sn_plan_free(sn_plan *p); /* accepts NULL */
int sn_plan_add_assignment(sn_plan *p, const sn_assignment *a);
/* qsort order of assignments: zone, grade, school (indices ascending). */
int sn_assignment_cmp(const void *a, const void *b);
int sn_plan_add_unplaced(sn_plan *p, const sn_unplaced *u);
/* Sorts assignments by (zone, grade, school), merging rows of the same
 * triple, and unplaced by (zone, grade), so output order never depends on
 * the solver's order. */
void sn_plan_sort(sn_plan *p);
const char *sn_plan_status_name(sn_plan_status st);
/* Sets p->gap to the worst relative gap |value - bound| / max(|value|, 1)
 * over the levels; infinite (unknown) when a level has no finite bound. */
void sn_plan_update_gap(sn_plan *p);
/* Key of objective level k in summary.json: "unplaced", "over_hard_cap",
 * "over_standard", "cost", "diverted", "student_km". */
const char *sn_plan_level_name(int k);
const char *sn_school_state_name(sn_school_state st);
/* "none", "gap", "work", "time" or "stop". */
const char *sn_plan_end_name(sn_end e);

#endif
