/* lns.c - sub-MIPs of a level's GLPK problem (lns.h). */
#include "solver/lns.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct am_lns {
    am_model *m;
    const am_stage *st;
    int nrows, ncols;
    int *rs, *ci;         /* rows as CSR: ci[rs[r] .. rs[r+1]) */
    double *cv;
    int *cs, *ri;         /* columns as CSC: ri[cs[j] .. cs[j+1]) */
    int *rtype;
    double *rlo, *rup;
    int *ctype;
    double *clo, *cup;
    char *cint;
    double *obj;          /* [ncols + 1] level objective */
    char *zero;           /* [ncols + 1] forced to 0 by some row */
    double objc;          /* its constant */
    /* scratch */
    int *sub;             /* [ncols + 1]: sub-problem column or 0 */
    int *rowmark;         /* [nrows + 1] */
    int *rows;            /* touched rows */
    int *ind;             /* [ncols + 1] */
    double *val;          /* [ncols + 1] */
    double *start;        /* [ncols + 1] start in sub columns */
    double *xnew;         /* [ncols + 1] */
};

static void *xcalloc(size_t n, size_t s) { return calloc(n ? n : 1, s); }

void am_lns_free(am_lns *N)
{
    if (!N)
        return;
    free(N->rs);
    free(N->ci);
    free(N->cv);
    free(N->cs);
    free(N->ri);
    free(N->rtype);
    free(N->rlo);
    free(N->rup);
    free(N->ctype);
    free(N->clo);
    free(N->cup);
    free(N->cint);
    free(N->obj);
    free(N->zero);
    free(N->sub);
    free(N->rowmark);
    free(N->rows);
    free(N->ind);
    free(N->val);
    free(N->start);
    free(N->xnew);
    free(N);
}

/* Columns that a row "sum a_j x_j <= ~0, all a_j > 0, x_j >= 0" forces to
 * zero (the rows of levels bounded at zero: no pupil unplaced, none above
 * the cap, ...): never freed, so sub-MIPs stay small. */
static void mark_zero(am_lns *N)
{
    for (int r = 1; r <= N->nrows; r++) {
        if (N->rtype[r] != GLP_UP && N->rtype[r] != GLP_FX &&
            N->rtype[r] != GLP_DB)
            continue;
        double amax = 0;
        int ok = N->rs[r + 1] > N->rs[r];
        for (int t = N->rs[r]; t < N->rs[r + 1] && ok; t++) {
            int j = N->ci[t];
            ok = N->cv[t] > 0 && N->clo[j] == 0 &&
                 (N->ctype[j] == GLP_LO || N->ctype[j] == GLP_DB);
            amax = fmax(amax, N->cv[t]);
        }
        if (!ok || N->rup[r] > 1e-3 * amax)
            continue;
        for (int t = N->rs[r]; t < N->rs[r + 1]; t++)
            N->zero[N->ci[t]] = 1;
    }
}

int am_lns_new(am_lns **out, am_model *m, const am_stage *st)
{
    *out = NULL;
    am_lns *N = calloc(1, sizeof *N);
    if (!N)
        return SN_ENOMEM;
    glp_prob *P = m->P;
    N->m = m;
    N->st = st;
    N->nrows = glp_get_num_rows(P);
    N->ncols = glp_get_num_cols(P);
    size_t nr = (size_t)N->nrows + 2, nc = (size_t)N->ncols + 2;
    size_t nz = (size_t)glp_get_num_nz(P) + 1;
    N->rs = xcalloc(nr, sizeof *N->rs);
    N->ci = xcalloc(nz, sizeof *N->ci);
    N->cv = xcalloc(nz, sizeof *N->cv);
    N->cs = xcalloc(nc, sizeof *N->cs);
    N->ri = xcalloc(nz, sizeof *N->ri);
    N->rtype = xcalloc(nr, sizeof *N->rtype);
    N->rlo = xcalloc(nr, sizeof *N->rlo);
    N->rup = xcalloc(nr, sizeof *N->rup);
    N->ctype = xcalloc(nc, sizeof *N->ctype);
    N->clo = xcalloc(nc, sizeof *N->clo);
    N->cup = xcalloc(nc, sizeof *N->cup);
    N->cint = xcalloc(nc, 1);
    N->obj = xcalloc(nc, sizeof *N->obj);
    N->zero = xcalloc(nc, 1);
    N->sub = xcalloc(nc, sizeof *N->sub);
    N->rowmark = xcalloc(nr, sizeof *N->rowmark);
    N->rows = xcalloc(nr, sizeof *N->rows);
    N->ind = xcalloc(nc, sizeof *N->ind);
    N->val = xcalloc(nc, sizeof *N->val);
    N->start = xcalloc(nc, sizeof *N->start);
    N->xnew = xcalloc(nc, sizeof *N->xnew);
    if (!N->rs || !N->ci || !N->cv || !N->cs || !N->ri || !N->rtype ||
        !N->rlo || !N->rup || !N->ctype || !N->clo || !N->cup || !N->cint ||
        !N->obj || !N->zero || !N->sub || !N->rowmark || !N->rows || !N->ind ||
        !N->val || !N->start || !N->xnew) {
        am_lns_free(N);
        return SN_ENOMEM;
    }
    int pos = 0;
    for (int r = 1; r <= N->nrows; r++) {
        N->rs[r] = pos;
        int len = glp_get_mat_row(P, r, N->ind, N->val);
        for (int t = 1; t <= len; t++) {
            N->ci[pos] = N->ind[t];
            N->cv[pos] = N->val[t];
            N->cs[N->ind[t]]++;
            pos++;
        }
        N->rtype[r] = glp_get_row_type(P, r);
        N->rlo[r] = glp_get_row_lb(P, r);
        N->rup[r] = glp_get_row_ub(P, r);
    }
    N->rs[N->nrows + 1] = pos;
    /* column starts, then fill */
    int acc = 0;
    for (int j = 1; j <= N->ncols; j++) {
        int c = N->cs[j];
        N->cs[j] = acc;
        acc += c;
    }
    N->cs[N->ncols + 1] = acc;
    for (int j = 1; j <= N->ncols; j++)
        N->ind[j] = N->cs[j];
    for (int r = 1; r <= N->nrows; r++)
        for (int t = N->rs[r]; t < N->rs[r + 1]; t++)
            N->ri[N->ind[N->ci[t]]++] = r;
    for (int j = 1; j <= N->ncols; j++) {
        N->ctype[j] = glp_get_col_type(P, j);
        N->clo[j] = glp_get_col_lb(P, j);
        N->cup[j] = glp_get_col_ub(P, j);
        N->cint[j] = glp_get_col_kind(P, j) != GLP_CV;
    }
    mark_zero(N);
    const am_level *l = &m->level[st->level];
    for (int i = 0; i < l->n; i++)
        N->obj[l->t[i].col] += l->t[i].coef;
    N->objc = l->constant;
    *out = N;
    return 0;
}

static int bad_value(int type, double lo, double up, double v)
{
    double tl = 1e-6 * fmax(1.0, fabs(lo)), tu = 1e-6 * fmax(1.0, fabs(up));
    switch (type) {
    case GLP_LO:
        return v < lo - tl;
    case GLP_UP:
        return v > up + tu;
    case GLP_DB:
    case GLP_FX:
        return v < lo - tl || v > up + tu;
    default:
        return 0;
    }
}

int am_lns_feasible(const am_lns *N, const double *x)
{
    for (int j = 1; j <= N->ncols; j++) {
        if (bad_value(N->ctype[j], N->clo[j], N->cup[j], x[j]))
            return 0;
        if (N->cint[j] && fabs(x[j] - floor(x[j] + 0.5)) > 1e-6)
            return 0;
    }
    for (int r = 1; r <= N->nrows; r++) {
        double a = 0;
        for (int t = N->rs[r]; t < N->rs[r + 1]; t++)
            a += N->cv[t] * x[N->ci[t]];
        if (bad_value(N->rtype[r], N->rlo[r], N->rup[r], a))
            return 0;
    }
    return 1;
}

double am_lns_obj(const am_lns *N, int j) { return N->obj[j]; }

double am_lns_value(const am_lns *N, const double *x)
{
    double v = N->objc;
    for (int j = 1; j <= N->ncols; j++)
        if (N->obj[j] != 0.0)
            v += N->obj[j] * x[j];
    return v;
}

typedef struct cb_limits {
    const am_lns_opts *o;
    sn_budget *b;
    const double *start;
    int given;
    int nodes;
    double bound;        /* best node bound seen (sub-problem objective) */
} cb_limits;

static void sub_callback(glp_tree *T, void *info)
{
    cb_limits *c = info;
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (!c->given) {
            c->given = 1;
            glp_ios_heur_sol(T, c->start);
        }
        break;
    case GLP_ISELECT: {
        int a, n, t, best = glp_ios_best_node(T);
        if (best)
            c->bound = fmax(c->bound, glp_ios_node_bound(T, best));
        glp_ios_tree_size(T, &a, &n, &t);
        c->nodes = t;
        glp_prob *S = glp_ios_get_prob(T);
        if (t > c->o->node_limit || glp_get_it_cnt(S) > c->o->iter_limit ||
            (c->b->stop && *c->b->stop) ||
            (isfinite(c->b->deadline) && sn_clock() >= c->b->deadline))
            glp_ios_terminate(T);
        break;
    }
    default:
        break;
    }
}

/* Builds the sub-problem of the free columns; returns it, or NULL when
 * nothing is free. */
static glp_prob *build_sub(am_lns *N, const char *free, const double *x,
                           int *nfree)
{
    int nf = 0, nrow = 0;
    for (int j = 1; j <= N->ncols; j++)
        N->sub[j] = free[j] && !(N->zero[j] && x[j] == 0) ? ++nf : 0;
    *nfree = nf;
    if (nf == 0)
        return NULL;
    glp_prob *S = glp_create_prob();
    glp_set_obj_dir(S, GLP_MIN);
    glp_add_cols(S, nf);
    for (int j = 1; j <= N->ncols; j++) {
        int s = N->sub[j];
        if (!s)
            continue;
        glp_set_col_bnds(S, s, N->ctype[j], N->clo[j], N->cup[j]);
        if (N->cint[j])
            glp_set_col_kind(S, s, GLP_IV);
        glp_set_obj_coef(S, s, N->obj[j]);
        N->start[s] = x[j];
        for (int t = N->cs[j]; t < N->cs[j + 1]; t++) {
            int r = N->ri[t];
            if (!N->rowmark[r]) {
                N->rowmark[r] = 1;
                N->rows[nrow++] = r;
            }
        }
    }
    for (int q = 0; q < nrow; q++) {
        int r = N->rows[q], len = 0;
        N->rowmark[r] = 0;
        double fixed = 0;
        for (int t = N->rs[r]; t < N->rs[r + 1]; t++) {
            int j = N->ci[t];
            if (N->sub[j]) {
                len++;
                N->ind[len] = N->sub[j];
                N->val[len] = N->cv[t];
            } else {
                fixed += N->cv[t] * x[j];
            }
        }
        int i = glp_add_rows(S, 1);
        glp_set_row_bnds(S, i, N->rtype[r], N->rlo[r] - fixed,
                         N->rup[r] - fixed);
        glp_set_mat_row(S, i, len, N->ind, N->val);
    }
    return S;
}

int am_lns_solve(am_lns *N, const char *free, double *x,
                 const am_lns_opts *o, sn_budget *b)
{
    int nf;
    glp_prob *S = build_sub(N, free, x, &nf);
    if (!S)
        return 0;
    long long nnz = glp_get_num_nz(S);
    long long unit = 1 + (glp_get_num_rows(S) + (long long)nf) / 100;
    sn_budget_ops(b, 4 * nnz + N->ncols);
    long long left = sn_budget_work_left(b);
    left = left == LLONG_MAX ? left : left / unit + 1;
    int itlim = o->iter_limit;
    if (left < itlim)
        itlim = (int)left;
    double tleft = sn_budget_time_left(b);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.it_lim = itlim > 0 ? itlim : 1;
    sm.tm_lim = isfinite(tleft) ? (int)fmax(1.0, fmin(tleft * 1000, 2e9))
                                : INT_MAX;
    glp_scale_prob(S, GLP_SF_AUTO);
    int rc = glp_simplex(S, &sm);
    int improved = 0;
    long long iters = glp_get_it_cnt(S);
    /* the level value of the fixed columns: sub-problem values + this */
    double fixedpart = N->objc;
    for (int j = 1; j <= N->ncols; j++)
        if (!N->sub[j] && N->obj[j] != 0.0)
            fixedpart += N->obj[j] * x[j];
    double xv = am_lns_value(N, x);
    if (o->bound)
        *o->bound = -INFINITY;
    if (rc == 0 && glp_get_status(S) == GLP_OPT && o->bound)
        *o->bound = fixedpart + glp_get_obj_val(S);
    if (rc == 0 && glp_get_status(S) == GLP_NOFEAS && o->bound)
        *o->bound = INFINITY; /* nothing agrees with x: x is not feasible */
    if (rc == 0 && glp_get_status(S) == GLP_OPT &&
        fixedpart + glp_get_obj_val(S) < xv - 1e-9 * fmax(1.0, fabs(xv))) {
        /* the LP leaves room to improve: branch */
        am_lns_opts lim = *o;
        lim.iter_limit = itlim;
        cb_limits c = {&lim, b, N->start, 0, 0, glp_get_obj_val(S)};
        glp_iocp io;
        glp_init_iocp(&io);
        io.msg_lev = GLP_MSG_OFF;
        io.presolve = GLP_OFF;
        io.br_tech = GLP_BR_DTH;
        io.bt_tech = GLP_BT_BLB;
        /* MIR made small sub-MIPs 4x slower and no better */
        io.mir_cuts = o->cuts ? GLP_ON : GLP_OFF;
        io.tm_lim = sm.tm_lim;
        io.cb_func = sub_callback;
        io.cb_info = &c;
        rc = glp_intopt(S, &io);
        iters = glp_get_it_cnt(S);
        sn_budget_spend(b, c.nodes * unit);
        int ms = glp_mip_status(S), has = ms == GLP_OPT || ms == GLP_FEAS;
        if (o->bound) /* proven optimal: the incumbent's value; else the
                         best node bound GLPK reached (nodes it pruned are
                         no better than its incumbent) */
            *o->bound = fixedpart +
                        (rc == 0 && ms == GLP_OPT ? glp_mip_obj_val(S)
                         : has ? fmin(c.bound, glp_mip_obj_val(S))
                               : c.bound);
        if (has) {
            memcpy(N->xnew, x, ((size_t)N->ncols + 1) * sizeof *x);
            for (int j = 1; j <= N->ncols; j++) {
                int s = N->sub[j];
                if (!s)
                    continue;
                double v = glp_mip_col_val(S, s);
                N->xnew[j] = N->cint[j] ? floor(v + 0.5) : v;
            }
            double old = am_lns_value(N, x), nv = am_lns_value(N, N->xnew);
            if (nv < old - 1e-9 * fmax(1.0, fabs(old)) - 1e-9 &&
                am_lns_feasible(N, N->xnew)) {
                memcpy(x, N->xnew, ((size_t)N->ncols + 1) * sizeof *x);
                improved = 1;
            }
            sn_budget_ops(b, 4LL * (N->rs[N->nrows + 1] + N->ncols));
        }
    }
    sn_budget_spend(b, iters * unit);
    glp_delete_prob(S);
    return improved;
}
