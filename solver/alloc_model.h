/* alloc_model.h - internal: the allocation model of one county, shared by
 * the model builder (alloc_build.c), the constructive heuristic
 * (alloc_heur.c) and the level-by-level driver (allocate.c).
 *
 * Only pupils who may move get flow columns ("groups"), and only along arcs
 * within reach; enrolled pupils who stay are constant loads.  Column and
 * row numbers are GLPK's (1-based); 0 means "no column".
 */
#ifndef SN_ALLOC_MODEL_H
#define SN_ALLOC_MODEL_H

#include "model/network.h"
#include "model/plan.h"
#include "solver/budget.h"
#include "solver/mip.h"

#define AM_G (SN_GRADES + 1)

/* How a pupil gets to school (docs/model.md, "Who moves"). */
enum {
    AM_WALK = 0,  /* within the stage's walking limit */
    AM_BUS = 1,   /* beyond it, within bus_max_km: a day pupil on the bus */
    AM_BOARD = 2, /* beyond both, grade >= boarding_min_grade, beds */
    AM_FAR = 3    /* an enrolled pupil who stays at a school beyond walking
                     and bus reach without boarding (today's reality) */
};

/* Index of the weighted-sum level in am_model.level (weighted mode). */
#define AM_WEIGHTED SN_LEVELS

typedef struct am_arc {
    int grp, sch;        /* group, local school */
    double km;
    int mode;            /* AM_WALK .. AM_FAR */
    int boarding, diverted; /* boarding = (mode == AM_BOARD) */
    int col;             /* integer flow column */
} am_arc;

/* Pupils of one zone and grade that the model places. */
typedef struct am_grp {
    int zone, grade, demand;
    int a0, a1;          /* arcs [a0, a1) */
    int home_arc;        /* conditional stay: x[home] = demand * y[home] */
    int ucol;            /* unplaced column; its bound is 0 when the group
                            has a day arc to an existing public class-mode
                            school (an over-cap seat always exists) */
    int seated;          /* that day arc exists */
} am_grp;

/* Pupils who stay at an always-open school whatever the plan. */
typedef struct am_fixed {
    int zone, grade, sch, students;
    double km;
    int mode, boarding, diverted;
} am_fixed;

typedef struct am_sch {
    int school;          /* network index */
    int ycol;            /* open/close column, 0 when the state is fixed */
    int is_candidate;
    double open_cost;    /* yuan a year if open (annual + annuitised build) */
    int class_mode;
    int rooms, maxnew, acol, seats, beds;
    int ncol[AM_G], ocol[AM_G], ecol[AM_G];
    int scol;            /* classes without a classroom (0 = no column) */
    int bcol;            /* boarders above the beds (0 = no column) */
    int fixed[AM_G];     /* constant loads */
    int enrolled[AM_G];  /* designated enrolled pupils (bound on over-cap) */
    int fixed_boarders;
    int stay_boarders;   /* boarders of conditional stays */
    int seat_ocol;       /* seat mode over-capacity of enrolled pupils */
    int has_arc[AM_G];   /* some arc reaches (school, grade) */
    int has_board_arc;   /* some boarding arc reaches the school */
    int caprow[AM_G], stdrow[AM_G], seatrow, bedrow; /* rows, 0 = none */
} am_sch;

typedef struct am_term {
    int col;
    double coef;
} am_term;

typedef struct am_level {
    am_term *t;
    int n, cap;
    double constant;
} am_level;

typedef struct am_model {
    const sn_network *net;
    const sn_scenario *sc;
    int county, year;
    int cap[AM_G];       /* the hard cap of each grade (county, year) */
    double short_weight; /* over-cap level: weight of a class without a
                            classroom, above any class's pupils */
    /* Levels solved, in order (sn_level ids; AM_WEIGHTED alone in
     * weighted mode).  Search code takes the order from here. */
    int order[SN_LEVELS];
    int norder;
    am_sch *sch; int nsch;
    int *local;          /* network school -> local index or -1 */
    am_grp *grp; int ngrp, grp_cap;
    am_arc *arc; int narc, arc_cap;
    am_fixed *fix; int nfix, fix_cap;
    sn_unplaced *unreach; int nunreach, unreach_cap; /* no school in reach */
    int ncols;
    char *is_int;        /* [1..ncols] */
    double *ub;          /* [1..ncols] column upper bounds */
    double *lb;          /* [1..ncols] column lower bounds (0 but for the
                            classes of a grade with pupils who stay) */
    am_level level[SN_LEVELS + 1]; /* by sn_level id; [AM_WEIGHTED] */
    int fixed_open_public; /* public schools open whatever the plan */
    double fixed_capital;  /* one-off capital of schools forced open */
    glp_prob *P;         /* built by am_build_glp; freed by the guard */
} am_model;

/* Collects schools, groups, arcs and fixed loads of one county.  demand is
 * nzones x AM_G; stay (may be NULL) lists enrolled pupils who stay at a
 * given school if it stays open (multi-year plans), sorted by (zone, grade)
 * or not - any order.  Returns 0 or SN_ENOMEM. */
int am_model_init(am_model *m, const sn_network *net, int county, int year,
                  const int *demand, const sn_assignment *stay,
                  size_t nstay);
void am_model_dispose(am_model *m);

/* Builds the GLPK problem (no objective set).  Must run inside a guard. */
void am_build_glp(am_model *m);
/* Sets objective level k as P's objective. */
void am_set_objective(am_model *m, int k);
/* Adds the row "level k <= bound". */
int am_bound_level(am_model *m, int k, double bound); /* 0 or SN_ENOMEM */
/* Value of level k (an sn_level id or AM_WEIGHTED) at x[1..ncols]. */
double am_level_value(const am_model *m, int k, const double *x);
/* Whether point a is better than b: levels compared in m->order
 * (lexicographic), or the weighted sum. */
int am_better(const am_model *m, const double *a, const double *b);
/* Whether level k takes integer values at integer points. */
int am_integral_level(int k);

/* Repairs the classes of a feasible point x in place so that the plan's
 * rules of docs/checker.md hold however the solve ended: a grade over the
 * hard cap gets any free classroom, (over-cap level before over-standard)
 * a class that another grade does not need, (over-cap before cost) the
 * additions left within the capital budget; classes without a classroom
 * only while every grade runs one class; then every slack (o, e, short,
 * additions) is set to its least value.  Never makes the point worse in
 * the level order (or the weighted sum).  Returns 0 or SN_ENOMEM. */
int am_polish(const am_model *m, double *x);

/* Fills x[1..ncols] with a feasible point built greedily, closes schools
 * down to max_open_schools, then drops schools while the plan improves,
 * charging its work to b (which it stops with).  Returns 0, or 1 when no
 * feasible point was found (max_open_schools or the capital budget too
 * tight), or SN_ENOMEM. */
int am_heuristic(const am_model *m, double *x, sn_budget *b);

/* The greedy as a tool for the search (solver/search.h): the plan for a
 * given state of the schools.  state[k] per local school: AM_DEFAULT (the
 * greedy decides: open unless a candidate, a candidate opens when pupils
 * are left), AM_CLOSED, or AM_OPEN.  Schools nobody attends are closed.
 * am_greedy_plan returns 0, or 1 when the point breaks max_open_schools
 * or the capital budget (x is still filled). */
enum { AM_DEFAULT = 0, AM_CLOSED = 1, AM_OPEN = 2 };
typedef struct am_greedy am_greedy;
int am_greedy_new(am_greedy **out, const am_model *m); /* 0 or SN_ENOMEM */
void am_greedy_free(am_greedy *g);
int am_greedy_plan(am_greedy *g, const char *state, double *x);
/* Work of one am_greedy_plan, in elementary steps. */
long long am_greedy_ops(const am_model *m);

/* Whether a pupil of grade g at km walks (1) or must board (0). */
int am_walks(const sn_scenario *sc, int grade, double km);
/* Boarding cost a year of one pupil of grade g. */
double am_boarding_cost(const sn_scenario *sc, int grade);

#endif
