/* mip.h - the one place GLPK is driven from: an error guard so that no
 * model aborts the process, and a MIP run with a start incumbent, time and
 * gap limits, best-bound tracking and progress reports.
 *
 * GLPK calls abort() on internal errors unless a hook jumps out.  Every use
 * of GLPK in schoolnet happens between sn_glpk_guard_install() and
 * sn_glpk_guard_release(), with a setjmp on guard.jb: after a jump all GLPK
 * objects are gone (glp_free_env), so the code that set the guard frees only
 * its own memory.  Only solver/ includes glpk.h.
 */
#ifndef SN_MIP_H
#define SN_MIP_H

#include <glpk.h>
#include <setjmp.h>
#include <signal.h>

#include "model/error.h"
#include "solver/budget.h"

typedef struct sn_glpk_guard {
    jmp_buf jb;
    char last[256]; /* last line GLPK printed: the reason of a failure */
} sn_glpk_guard;

/* Hooks GLPK's errors to longjmp(g->jb) and captures its terminal output
 * (nothing reaches stdout).  g must outlive the guarded section. */
void sn_glpk_guard_install(sn_glpk_guard *g);
/* Removes the hooks and frees GLPK's environment (and every GLPK object
 * still alive).  Call after a jump, or when the section is done. */
void sn_glpk_guard_release(void);

/* What a solve reports while it runs (for a progress line). */
typedef struct sn_progress {
    const char *phase;  /* "heuristic", "level 3 cost", ... */
    int has_best;
    double best, bound, gap;
    double elapsed;     /* seconds since the whole plan started */
    /* Filled by sn_allocate (NULL / 0 elsewhere): the county being
     * solved, its place among those of the plan (1-based), and the
     * plan's time limit.  Phase "counties" reports county_no counties
     * finished of `counties` (plans solved in several processes). */
    const char *county;
    int county_no, counties;
    double limit;
} sn_progress;
typedef void (*sn_progress_fn)(void *ctx, const sn_progress *p);

typedef struct sn_mip_opts {
    double time_limit;       /* seconds for this solve, > 0 */
    double mip_gap;          /* relative gap at which to stop */
    const double *start;     /* x[1..ncols] of a feasible point, or NULL */
    const char *phase;
    sn_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    double elapsed0;         /* seconds already spent, for reports */
    /* Stop request (set by a signal handler in cli/), or NULL: never.
     * When *stop != 0 the search ends at GLPK's next callback with the
     * best solution found (result.stopped = 1).  Borrowed. */
    const volatile sig_atomic_t *stop;
    /* A deterministic budget in work units (solver/budget.h): simplex
     * iterations and branch-and-bound nodes, each weighted by the size of
     * the problem (0: none).  A solve that ends by it gives the same
     * result on any machine; time_limit stays the safety stop. */
    long long work_limit;
} sn_mip_opts;

typedef enum {
    SN_MIP_OPTIMAL = 0,  /* proven within mip_gap */
    SN_MIP_FEASIBLE = 1, /* stopped by the time limit with a solution */
    SN_MIP_INFEASIBLE = 2,
    SN_MIP_NOSOL = 3     /* stopped with no solution */
} sn_mip_status;

typedef struct sn_mip_result {
    sn_mip_status status;
    double obj;    /* objective of the solution (when there is one) */
    double bound;  /* best bound proven */
    double gap;    /* relative gap |obj - bound| / max(|obj|, 1) */
    double seconds;
    int stopped;   /* 1: ended by opts->stop (status FEASIBLE or NOSOL) */
    long long work;   /* work units spent */
    sn_end ended_by;  /* SN_END_GAP when proven, else the limit that ended
                         it (work, time or stop), SN_END_NONE otherwise */
} sn_mip_result;

/* Solves the MIP P (minimisation): LP relaxation by simplex, then branch
 * and cut, handing opts->start to GLPK as the first incumbent, within the
 * time limit, the work limit and the stop flag (checked at every node).
 * The solution stays in P (glp_mip_col_val).  A stop request seen before
 * the LP relaxation returns at once with status NOSOL; the LP relaxation
 * itself is not interrupted (GLPK's simplex has no callback).  Returns 0
 * with res filled, or
 * SN_ESOLVER when GLPK reports a failure other than a limit.  Must run
 * inside a guard. */
int sn_mip_solve(sn_mip_result *res, glp_prob *P, const sn_mip_opts *opts,
                 sn_error *err);

/* Seconds on a monotonic clock. */
double sn_clock(void);

#endif
