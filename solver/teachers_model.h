/* teachers_model.h - internal: the walking-teacher assignment model of one
 * county, shared by the builder/greedy (teachers_model.c) and the driver
 * (teachers.c).  Column numbers are GLPK's (1-based); x[] vectors are
 * indexed by column, x[0] unused.
 */
#ifndef SN_TEACHERS_MODEL_H
#define SN_TEACHERS_MODEL_H

#include "model/staffing.h"
#include "solver/mip.h"

/* Periods of teacher t, subject j, at school s. */
typedef struct tm_arc {
    int t, s, j;
    int link;            /* tm_link index, or -1 at home */
    int ub;              /* min(capacity, demand) */
    int xcol, vcol;      /* vcol 0 at home */
    double km;           /* home -> s */
} tm_arc;

/* Teacher t teaches at school s away from home. */
typedef struct tm_link {
    int t, s, zcol;
} tm_link;

/* Demand of subject j at school s. */
typedef struct tm_cell {
    int s, j, demand, weight, ucol;
} tm_cell;

typedef struct tm_teacher {
    int t, home, cap;
    int a0, a1;          /* arcs [a0, a1) */
} tm_teacher;

typedef struct tm_model {
    const sn_network *net;
    const sn_staffing *st;
    int county, ppv, max_links;
    tm_teacher *tch; int ntch;
    tm_arc *arc; int narc, arc_cap;
    tm_link *link; int nlink, link_cap;
    tm_cell *cell; int ncell;
    int *cell_of;        /* [s * SN_MAX_SUBJECTS + j] -> cell or -1 (all
                          * network schools) */
    int ncols;
    glp_prob *P;         /* built inside a guard; freed by it */
} tm_model;

/* Collects the county's teachers (by home after rotation), cells and arcs;
 * with comp (per network school), only schools and homes with comp[s] ==
 * part.  Returns 0 or SN_ENOMEM. */
int tm_init(tm_model *m, const sn_network *net, const sn_staffing *st,
            int county, const int *comp, int part);
void tm_dispose(tm_model *m);

/* Greedy feasible point into x[1..ncols] (home first, then itinerant
 * teachers nearest first), visits and links set to match. */
void tm_greedy(const tm_model *m, double *x);
/* Adds periods wherever a teacher with spare capacity may still cover an
 * uncovered cell (same rules), then sets visits and links to match x. */
void tm_fill(const tm_model *m, double *x);
/* Value of level k (0 uncovered weighted, 1 km a week, 2 links) at x. */
double tm_level_value(const tm_model *m, int k, const double *x);

/* LP rounding of P's current objective into x[1..ncols]: solves the LP,
 * keeps for each teacher the max_links away schools with most LP periods
 * (closing the others), solves the LP left (a transportation problem, so
 * integral), then fills and completes x as tm_fill.  P's column bounds
 * are restored.  Returns 0, or -1 when an LP was not solved in `seconds`
 * (x untouched then).  Inside a guard. */
int tm_round_lp(tm_model *m, double *x, double seconds);
/* Builds P with every row and no objective.  Inside a guard. */
void tm_build(tm_model *m);
/* Sets level k as P's objective. */
void tm_set_objective(tm_model *m, int k);
/* Adds the row "level k <= bound". */
void tm_bound_level(tm_model *m, int k, double bound);

#endif
