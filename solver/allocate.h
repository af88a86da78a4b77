/* allocate.h - student allocation for one plan year: which pupils go
 * where, how many classes each school runs, which schools close or open,
 * which classrooms are built.  Lexicographic objectives, one GLPK MIP per
 * level and county, warm-started by a constructive heuristic.  The maths
 * is in docs/model.md.
 */
#ifndef SN_ALLOCATE_H
#define SN_ALLOCATE_H

#include "model/network.h"
#include "model/plan.h"
#include "solver/mip.h"

typedef struct sn_allocate_opts {
    double time_limit;        /* seconds for the whole plan; <0: scenario */
    double mip_gap;           /* relative gap; <0: scenario */
    int heuristic_only;       /* 1: skip GLPK, return the greedy plan */
    sn_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
    int county;               /* solve only this county; -1: all */
    /* Enrolled pupils who stay where they are (multi-year plans): in intake
     * mode, stay[i].students of (zone, grade) stay at stay[i].school if it
     * is open and in reach, before the rest go to the designated school.
     * Borrowed for the call; may be NULL. */
    const sn_assignment *stay;
    size_t nstay;
    /* Stop request set by a signal handler (cli/), or NULL: never.  When
     * *stop != 0 the solve ends as soon as it can: levels and counties not
     * reached keep the constructive start, and the plan's status is
     * SN_PLAN_INTERRUPTED (unless worse).  Borrowed. */
    const volatile sig_atomic_t *stop;
    /* Deterministic work budget of the whole plan (docs/search.md): 0 uses
     * the scenario's [solver] work_limit, and 0 there means none.  Shared
     * by counties in proportion to their zones like the time limit, so a
     * plan ended by it is the same on any machine and with any --jobs. */
    long long work_limit;
} sn_allocate_opts;

#define SN_ALLOCATE_OPTS_INIT {-1.0, -1.0, 0, NULL, NULL, -1, NULL, 0, NULL, 0}

/* The work share of a county with `zones` zones out of `ztotal` (the
 * rounding every caller must share so that --jobs gives the same plan). */
long long sn_allocate_work_share(long long work, int zones, int ztotal);

/* Plans year `year` for every county of net (or opts->county only).
 * Counties get fixed shares of the time limit, by their zones, decided
 * before any solve: a county's plan does not depend on how fast the others
 * were solved, so counties solved in separate processes give the same
 * plan when their solves end by gap or optimality.  demand[z * (SN_GRADES + 1) +
 * g] is the pupils of zone z in grade g that year.  On success *out is a
 * new plan (free with sn_plan_free) whose status says how far the solve
 * got; pupils who could not be placed are in plan->unplaced.  Returns 0,
 * SN_ENOMEM, or SN_ESOLVER (GLPK failed to run; err says why); *out is
 * NULL on failure. */
int sn_allocate(sn_plan **out, const sn_network *net, const int *demand,
                int year, const sn_allocate_opts *opts, sn_error *err);

/* Writes the model of one county (county index, or -1 when the network has
 * one county) with objective level `level` (0..SN_LEVELS-1); the levels
 * before it are solved first and bounded at their optimum, exactly as
 * sn_allocate does.  format: 0 CPLEX LP, 1 free MPS.  The file's objective
 * has no constant term (MPS readers disagree on its sign); *constant (if
 * not NULL) receives it: file optimum + constant = the level's value.
 * Returns 0, SN_EUSAGE (bad county or level), SN_EIO, SN_ENOMEM or
 * SN_ESOLVER. */
int sn_allocate_export(const sn_network *net, const int *demand, int year,
                       int county, int level, int format, const char *path,
                       const sn_allocate_opts *opts, double *constant,
                       sn_error *err);

#endif
