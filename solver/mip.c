/* mip.c - GLPK error guard and a MIP run with limits, start and progress. */
#include "solver/mip.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

double sn_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_error(void *info)
{
    sn_glpk_guard *g = info;
    longjmp(g->jb, 1);
}

static int on_term(void *info, const char *s)
{
    sn_glpk_guard *g = info;
    size_t n = strlen(s);
    if (n > 1 || (n == 1 && s[0] != '\n')) {
        snprintf(g->last, sizeof g->last, "%s", s);
        size_t m = strlen(g->last);
        while (m && (g->last[m - 1] == '\n' || g->last[m - 1] == '\r'))
            g->last[--m] = 0;
    }
    return 1; /* swallow: GLPK never writes to our stdout */
}

void sn_glpk_guard_install(sn_glpk_guard *g)
{
    g->last[0] = 0;
    glp_term_hook(on_term, g);
    glp_error_hook(on_error, g);
}

void sn_glpk_guard_release(void)
{
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_free_env();
}

typedef struct cb_state {
    const sn_mip_opts *o;
    double t0;
    double bound;
    int has_bound;
    int start_given;
    double last_report;
    long long it0;      /* iterations before branch and cut */
    long long work;     /* work units so far */
    long long unit;     /* units of one simplex iteration or node */
    sn_end ended_by;    /* limit seen by the callback */
} cb_state;

/* Work units of one simplex iteration (or node) of P: pricing and the
 * ratio test touch every row and column, so the unit grows with the
 * problem (budget.h: a unit is about 100 elementary steps). */
static long long iter_unit(glp_prob *P)
{
    return 1 + (glp_get_num_rows(P) + (long long)glp_get_num_cols(P)) / 100;
}

/* Ends the search when the work budget or the stop flag says so. */
static void check_limits(cb_state *st, glp_tree *T)
{
    int a, n, t;
    glp_ios_tree_size(T, &a, &n, &t);
    st->work = (glp_get_it_cnt(glp_ios_get_prob(T)) - st->it0 + t) * st->unit;
    if (st->o->stop && *st->o->stop) {
        st->ended_by = SN_END_STOP;
        glp_ios_terminate(T);
    } else if (st->o->work_limit > 0 && st->work >= st->o->work_limit) {
        st->ended_by = SN_END_WORK;
        glp_ios_terminate(T);
    }
}

static void report(cb_state *st, glp_tree *T)
{
    if (!st->o->progress)
        return;
    double now = sn_clock();
    if (now - st->last_report < 0.25)
        return;
    st->last_report = now;
    sn_progress p = {0};
    p.phase = st->o->phase;
    glp_prob *P = glp_ios_get_prob(T);
    p.has_best = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
    p.best = p.has_best ? glp_mip_obj_val(P) : 0.0;
    p.bound = st->bound;
    p.gap = p.has_best ? glp_ios_mip_gap(T) : INFINITY;
    p.elapsed = st->o->elapsed0 + (now - st->t0);
    st->o->progress(st->o->progress_ctx, &p);
}

static void callback(glp_tree *T, void *info)
{
    cb_state *st = info;
    if (st->o->stop && *st->o->stop) {
        st->ended_by = SN_END_STOP;
        glp_ios_terminate(T);
        return;
    }
    int best = glp_ios_best_node(T);
    if (best) {
        double b = glp_ios_node_bound(T, best);
        if (!st->has_bound || b > st->bound) {
            st->bound = b;
            st->has_bound = 1;
        }
    }
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (st->o->start && !st->start_given) {
            st->start_given = 1;
            glp_ios_heur_sol(T, st->o->start);
        }
        break;
    case GLP_ISELECT:
        check_limits(st, T);
        report(st, T);
        break;
    case GLP_IBINGO:
        report(st, T);
        break;
    default:
        break;
    }
}

int sn_mip_solve(sn_mip_result *res, glp_prob *P, const sn_mip_opts *o,
                 sn_error *err)
{
    memset(res, 0, sizeof *res);
    double t0 = sn_clock();
    if (o->stop && *o->stop) {
        res->status = SN_MIP_NOSOL;
        res->bound = -INFINITY;
        res->stopped = 1;
        res->ended_by = SN_END_STOP;
        return 0;
    }
    double limit = o->time_limit > 0.001 ? o->time_limit : 0.001;

    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    sm.tm_lim = (int)fmin(limit * 1000.0, 2e9);
    long long unit = iter_unit(P);
    if (o->work_limit > 0)
        sm.it_lim = (int)fmin((double)(o->work_limit / unit + 1), 2e9);
    long long it_start = glp_get_it_cnt(P);
    int rc = glp_simplex(P, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_std_basis(P); /* the basis left by a previous solve is unusable */
        rc = glp_simplex(P, &sm);
    }
    res->work = (glp_get_it_cnt(P) - it_start) * unit;
    if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
        res->status = SN_MIP_NOSOL;
        res->seconds = sn_clock() - t0;
        res->bound = -INFINITY;
        res->ended_by = rc == GLP_EITLIM ? SN_END_WORK : SN_END_TIME;
        return 0;
    }
    if (rc != 0)
        return sn_error_set(err, SN_ESOLVER, "simplex failed (code %d)", rc);
    int lp = glp_get_status(P);
    if (lp == GLP_NOFEAS || lp == GLP_INFEAS) {
        res->status = SN_MIP_INFEASIBLE;
        res->seconds = sn_clock() - t0;
        return 0;
    }
    if (lp != GLP_OPT)
        return sn_error_set(err, SN_ESOLVER,
                            "LP relaxation not solved (status %d)", lp);

    sn_mip_opts left_opts = *o;
    if (o->work_limit > 0)
        left_opts.work_limit = o->work_limit > res->work
                                   ? o->work_limit - res->work
                                   : 1;
    cb_state st = {&left_opts, sn_clock(), glp_get_obj_val(P), 1, 0, 0.0,
                   glp_get_it_cnt(P), 0, unit, SN_END_NONE};
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF; /* the start incumbent is in P's own columns */
    io.br_tech = GLP_BR_DTH;
    /* depth first: on the demo county it found the diversion and km
     * levels within 1% where best-local-bound stalled at 30% (40 s) */
    io.bt_tech = GLP_BT_DFS;
    io.mip_gap = o->mip_gap;
    io.fp_heur = o->start ? GLP_OFF : GLP_ON;
    io.mir_cuts = GLP_ON;
    double left = limit - (sn_clock() - t0);
    io.tm_lim = (int)fmax(1.0, fmin(left * 1000.0, 2e9));
    io.cb_func = callback;
    io.cb_info = &st;
    rc = glp_intopt(P, &io);
    res->seconds = sn_clock() - t0;
    res->work += st.work;
    res->stopped = rc == GLP_ESTOP && o->stop && *o->stop;
    int ms = glp_mip_status(P);
    int has = ms == GLP_OPT || ms == GLP_FEAS;
    res->obj = has ? glp_mip_obj_val(P) : NAN;
    res->bound = st.bound;
    if (rc == 0 && ms == GLP_OPT) {
        res->status = SN_MIP_OPTIMAL;
        res->bound = res->obj;
        res->ended_by = SN_END_GAP;
    } else if (rc == GLP_EMIPGAP && has) {
        res->status = SN_MIP_OPTIMAL;
        res->ended_by = SN_END_GAP;
    } else if (rc == GLP_ETMLIM || rc == GLP_ESTOP) {
        res->status = has ? SN_MIP_FEASIBLE : SN_MIP_NOSOL;
        res->ended_by = rc == GLP_ETMLIM ? SN_END_TIME : st.ended_by;
    } else if (rc == 0 && ms == GLP_NOFEAS) {
        res->status = SN_MIP_INFEASIBLE;
    } else {
        return sn_error_set(err, SN_ESOLVER,
                            "branch and cut failed (code %d, status %d)", rc,
                            ms);
    }
    if (has) {
        if (res->bound > res->obj)
            res->bound = res->obj;
        res->gap = fabs(res->obj - res->bound) / fmax(fabs(res->obj), 1.0);
    }
    return 0;
}
