/* teachers_model.h - internal: the walking stage of the teacher
 * assignment for one county part, shared by the builder, greedy and
 * timetable (teachers_model.c) and the driver (teachers.c).  Column
 * numbers are GLPK's (1-based); x[] vectors are indexed by column, x[0]
 * unused.
 *
 * The home stage (teachers_home.h) has fixed every teacher's periods at
 * home.  Here a unit is a teacher who may walk (staffing.h:
 * sn_staffing_may_walk) and has spare capacity left; a cell is a (school,
 * subject) with periods the home stage left uncovered (no teacher of the
 * school can cover them: the home stage is optimal).  Arcs join a unit to
 * the cells it may walk to.
 */
#ifndef SN_TEACHERS_MODEL_H
#define SN_TEACHERS_MODEL_H

#include "model/staffing.h"
#include "solver/mip.h"

/* Periods of unit k, subject j, at school s. */
typedef struct tm_arc {
    int k, s, j;
    int link;            /* tm_link index, or -1 at home */
    int ub;              /* upper bound of the periods */
    int xcol;
} tm_arc;

/* Unit k teaches at school s away from home: z (binary, the link is
 * used), v (integer, days there a week). */
typedef struct tm_link {
    int k, s, zcol, vcol;
    int a0, a1;          /* its arcs */
    int vmax;            /* days at most */
    double km;           /* home -> s */
} tm_link;

/* Periods of subject j at school s the home stage left uncovered. */
typedef struct tm_cell {
    int s, j, demand, daycap, weight, ucol;
} tm_cell;

typedef struct tm_unit {
    int t, home;
    int cap;             /* spare capacity after the home stage */
    int hdays;           /* days its home periods take */
    int kmw;             /* weight of its km: 1 itinerant, 2 not */
    int a0, a1;          /* arcs [a0, a1), grouped by link */
    int l0, l1;          /* links [l0, l1) */
} tm_unit;

typedef struct tm_model {
    const sn_network *net;
    const sn_staffing *st;
    const int *homep;    /* [t * SN_MAX_SUBJECTS + j] home periods */
    int county;
    int ppv;             /* periods of an away day (sn_staffing_away_day) */
    int pday;            /* periods of a home day (max_periods_per_day) */
    int max_links;       /* away schools per teacher */
    tm_unit *unit; int nunit;
    tm_arc *arc; int narc, arc_cap;
    tm_link *link; int nlink, link_cap;
    tm_cell *cell; int ncell;
    int *cell_of;        /* [s * SN_MAX_SUBJECTS + j] -> cell or -1 (all
                          * network schools) */
    int ncols;
} tm_model;

/* Home days of a teacher with home periods homep[t * SN_MAX_SUBJECTS +
 * j] at school h (0 when none). */
int tm_home_days(const sn_network *net, const sn_staffing *st,
                 const int *homep, int t, int h);
/* Spare capacity of teacher t after the home stage. */
int tm_spare(const sn_network *net, const int *homep, int t);

/* Collects the county's walkers with spare capacity (by home after
 * rotation), the uncovered cells, arcs and links; with comp (per network
 * school), only schools and homes with comp[s] == part.  homep is
 * borrowed for the model's life.  Returns 0 or SN_ENOMEM. */
int tm_init(tm_model *m, const sn_network *net, const sn_staffing *st,
            const int *homep, int county, const int *comp, int part);
void tm_dispose(tm_model *m);

/* Days unit k needs a week for its home periods and the away periods in
 * x, with add_n more periods on arc add_arc (-1: none): with away periods,
 * the sum over its schools of max(ceil(periods / day periods), max over
 * subjects of ceil(periods / daycap)); 0 without (no day rule). */
int tm_unit_days(const tm_model *m, int k, const double *x, int add_arc,
                 int add_n);
/* Greedy feasible point into x[1..ncols] (away periods by subject
 * priority and weighted distance), days and links set to match. */
void tm_greedy(const tm_model *m, double *x);
/* Adds periods wherever a unit with spare capacity may still cover an
 * uncovered cell (same rules, days within the week), then sets days,
 * links and uncovered to match x. */
void tm_fill(const tm_model *m, double *x);
/* Sets days, links and uncovered to match the periods of x (periods
 * rounded to whole numbers). */
void tm_complete(const tm_model *m, double *x);
/* The fewest days link l needs for periods p[0 .. a1 - a0) of its arcs. */
int tm_days_of(const tm_model *m, int l, const int *p);
/* Value of level k (0 uncovered weighted, 1 weighted km a week, 2 links)
 * at x. */
double tm_level_value(const tm_model *m, int k, const double *x);
/* Days of link l at x (column v). */
int tm_link_days(const tm_model *m, int l, const double *x);

/* Appends the away rows of x to st.  Returns 0 or SN_ENOMEM. */
int tm_extract(sn_staffing *st, const tm_model *m, const double *x);
/* Appends the timetable.csv rows of every walker with away periods in x:
 * home days first, then each away school in school order, each subject's
 * periods spread over the school's days (at most a day's periods, at most
 * daycap of a subject a day).  Returns 0, SN_ENOMEM, or SN_ESOLVER if a
 * week does not fit (an internal error). */
int tm_week(sn_staffing *st, const tm_model *m, const double *x);

#endif
