/* teachers.h - the teacher side of a plan: staffing, the yearly rotation,
 * and the walking-teacher assignment (一校定岗、多校使用、就近走教, policy
 * 三.8) as GLPK MIPs, one county at a time.  The model is in
 * docs/teachers.md.
 *
 * Assignment: each teacher's weekly periods go to (school, subject) pairs:
 * the home school (after rotation) and, for teachers marked itinerant,
 * open schools of the county within max_itinerant_km (school to school:
 * straight line x detour_factor); at most max_schools_per_teacher schools,
 * home included; at most the teacher's capacity (staffing.h); only
 * qualified subjects; never more periods than a school's demand.
 * Objectives, solved one after the other and each bounded at its value:
 * (1) uncovered periods weighted by subject priority, (2) km a week, each
 * visit a round trip of 2 x km and ceil(periods / periods_per_visit)
 * visits per (teacher, school, subject), (3) itinerant links (teacher,
 * school) away from home.  A greedy plan is the first incumbent; after the
 * MIPs a fill pass adds any period a teacher with spare capacity can still
 * give, so no coverable period is left uncovered.
 */
#ifndef SN_TEACHERS_H
#define SN_TEACHERS_H

#include "model/network.h"
#include "model/plan.h"
#include "model/staffing.h"
#include "solver/mip.h"

typedef struct sn_teachers_opts {
    double time_limit;        /* seconds for all counties; <0: scenario */
    double mip_gap;           /* relative; <0: scenario */
    int heuristic_only;       /* 1: greedy plan only, no GLPK */
    sn_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
    int county;               /* >= 0: assign in this county only (bench) */
    /* where the teachers stand at the start of the plan year (a multi-year
     * plan: the previous year's homes); NULL: the input.  Borrowed for
     * the call. */
    const sn_teacher_state *start;
    /* Stop request set by a signal handler (cli/), or NULL: never.  When
     * *stop != 0 the MIPs end at once with the best assignment so far and
     * the status is SN_PLAN_INTERRUPTED (unless worse).  Borrowed. */
    const volatile sig_atomic_t *stop;
    /* Deterministic work budget of the whole teacher stage in work units
     * (solver/budget.h; docs/teachers.md "Limits"): 0 uses the scenario's
     * [solver] work_limit, and 0 there means none.  With one, counties get
     * fixed shares by teachers, parts and levels share work instead of
     * seconds, every simplex iteration, MIP node and search step is
     * charged, and time_limit is the safety stop only: a stage ended by
     * work gives the same files on any machine under any load. */
    long long work_limit;
} sn_teachers_opts;

#define SN_TEACHERS_OPTS_INIT {-1.0, -1.0, 0, NULL, NULL, -1, NULL, NULL, 0}

/* The teachers' part of a plan's time or work when the data have
 * teachers (`schoolnet plan`, plan --years): a quarter; the pupils get
 * the rest. */
#define SN_TEACHERS_WORK_SHARE 0.25

/* The teachers' share of a plan's work budget `work` (> 0): floor(work x
 * SN_TEACHERS_WORK_SHARE), at least 1; `work` itself when <= 0 (none).
 * The pupils get work minus this. */
long long sn_teachers_work_share(long long work);

/* Staffing, rotation and assignment for plan (made for net).  On success
 * *out is a new sn_staffing (free with sn_staffing_free) with rows, moves,
 * uncovered periods, county reports, the solve status, which limit ended
 * each level (ended_by) and the work spent; a solve stopped by a limit
 * keeps its best plan (status feasible).  Returns 0,
 * SN_EUSAGE (plan does not fit net), SN_ENOMEM or SN_ESOLVER (GLPK failed
 * to run: err says why); *out is NULL on failure. */
int sn_teachers_solve(sn_staffing **out, const sn_network *net,
                      const sn_plan *plan, const sn_teachers_opts *opts,
                      sn_error *err);

#endif
