/* alloc_rows.c - the GLPK problem of one county's allocation model
 * (alloc_build.c): columns with their bounds, the rows that tie flows,
 * classes, classrooms, beds and open/close decisions together, and the
 * objective levels as objectives and bound rows.  docs/model.md has the
 * maths.
 *
 * Tightness: a flow into a school that may close is linked by
 * x <= demand * y per arc (the disaggregated form of facility location),
 * never by one big-M row per school; likewise x <= demand * n keeps a grade
 * with pupils from having 0 classes.
 */
#include "solver/alloc_model.h"

#include <math.h>
#include <stdlib.h>

/* Triplets of the constraint matrix, loaded into GLPK in one call. */
typedef struct triplets {
    int *ia, *ja;
    double *ar;
    int n, cap;
} triplets;

static void put(triplets *t, int row, int col, double v)
{
    if (t->n + 1 >= t->cap) { /* GLPK's arrays start at index 1 */
        int ncap = t->cap ? 2 * t->cap : 4096;
        /* glp_realloc refuses NULL: the first block comes from glp_alloc */
        int *ia = t->ia ? glp_realloc(t->ia, ncap, sizeof *ia)
                        : glp_alloc(ncap, sizeof *ia);
        int *ja = t->ja ? glp_realloc(t->ja, ncap, sizeof *ja)
                        : glp_alloc(ncap, sizeof *ja);
        double *ar = t->ar ? glp_realloc(t->ar, ncap, sizeof *ar)
                           : glp_alloc(ncap, sizeof *ar);
        t->ia = ia;
        t->ja = ja;
        t->ar = ar;
        t->cap = ncap;
    }
    t->n++;
    t->ia[t->n] = row;
    t->ja[t->n] = col;
    t->ar[t->n] = v;
}

static int new_row(glp_prob *P, int type, double lo, double up)
{
    int r = glp_add_rows(P, 1);
    glp_set_row_bnds(P, r, type, lo, up);
    return r;
}

static void build_columns(am_model *m)
{
    glp_prob *P = m->P;
    if (m->ncols)
        glp_add_cols(P, m->ncols);
    for (int j = 1; j <= m->ncols; j++) {
        double lb = m->lb[j];
        if (isinf(m->ub[j]))
            glp_set_col_bnds(P, j, GLP_LO, lb, 0.0);
        else if (m->ub[j] <= lb)
            glp_set_col_bnds(P, j, GLP_FX, lb, lb);
        else
            glp_set_col_bnds(P, j, GLP_DB, lb, m->ub[j]);
        glp_set_col_kind(P, j, m->is_int[j] ? GLP_IV : GLP_CV);
    }
}

/* Pupils who must stay give a load F >= F_fixed, so size * n + slack >= F
 * holds with integer n.  Its mixed-integer rounding, slack >= r (q - n)
 * with q = ceil(F / size) and r = F - size (q - 1), is the convex hull of
 * that row; the LP relaxation alone would split classes fractionally and
 * bound the over-size levels at 0. */
static void mir_row(am_model *m, triplets *t, int F, int size, int ncol,
                    int slackcol)
{
    if (F <= 0 || size <= 0)
        return;
    int q = (F + size - 1) / size, r = F - size * (q - 1);
    if (r >= size) /* F is a multiple of size: the row itself is the hull */
        return;
    int row = new_row(m->P, GLP_LO, (double)r * q, 0);
    put(t, row, slackcol, 1.0);
    put(t, row, ncol, r);
}

/* Classes fit in the classrooms: sum_g n <= rooms y + a + short, with
 * a <= maxnew y and short <= its bound y at a school that may close. */
static int build_room_row(am_model *m, triplets *t, const am_sch *h)
{
    int row;
    if (h->ycol) {
        row = new_row(m->P, GLP_UP, 0, 0);
        put(t, row, h->ycol, -h->rooms);
    } else {
        row = new_row(m->P, GLP_UP, 0, h->rooms);
    }
    const int extra[2] = {h->acol, h->scol};
    for (int i = 0; i < 2; i++) {
        if (!extra[i])
            continue;
        put(t, row, extra[i], -1.0);
        if (h->ycol) {
            int r = new_row(m->P, GLP_UP, 0, 0);
            put(t, r, extra[i], 1.0);
            put(t, r, h->ycol, -m->ub[extra[i]]);
        }
    }
    return row;
}

static void build_school_rows(am_model *m, triplets *t)
{
    const sn_scenario *sc = m->sc;
    for (int k = 0; k < m->nsch; k++) {
        am_sch *h = &m->sch[k];
        int fixed_total = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            fixed_total += h->fixed[g];
        if (h->class_mode) {
            int roomsrow = build_room_row(m, t, h);
            for (int g = 1; g <= SN_GRADES; g++) {
                if (!h->ncol[g])
                    continue;
                put(t, roomsrow, h->ncol[g], 1.0);
                double rhs = -h->fixed[g];
                int std = sn_scenario_standard(sc, g);
                /* everyone may sit above the cap: o is unbounded, and the
                 * over-cap level counts it (a seat for every child) */
                h->caprow[g] = new_row(m->P, GLP_UP, 0, rhs);
                put(t, h->caprow[g], h->ncol[g], -m->cap[g]);
                put(t, h->caprow[g], h->ocol[g], -1.0);
                h->stdrow[g] = new_row(m->P, GLP_UP, 0, rhs);
                put(t, h->stdrow[g], h->ncol[g], -std);
                put(t, h->stdrow[g], h->ecol[g], -1.0);
                mir_row(m, t, h->fixed[g], std, h->ncol[g], h->ecol[g]);
                mir_row(m, t, h->fixed[g], m->cap[g], h->ncol[g],
                        h->ocol[g]);
            }
        } else {
            if (h->ycol) {
                h->seatrow = new_row(m->P, GLP_UP, 0, -fixed_total);
                put(t, h->seatrow, h->ycol, -h->seats);
            } else {
                h->seatrow = new_row(m->P, GLP_UP, 0, h->seats - fixed_total);
            }
            if (h->seat_ocol)
                put(t, h->seatrow, h->seat_ocol, -1.0);
        }
        h->bedrow = new_row(m->P, GLP_UP, 0, h->beds - h->fixed_boarders);
        if (h->bcol)
            put(t, h->bedrow, h->bcol, -1.0);
    }
}

static void build_flow_rows(am_model *m, triplets *t)
{
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        int r = new_row(m->P, GLP_FX, G->demand, G->demand);
        put(t, r, G->ucol, 1.0);
        for (int a = G->a0; a < G->a1; a++) {
            const am_arc *A = &m->arc[a];
            const am_sch *h = &m->sch[A->sch];
            put(t, r, A->col, 1.0);
            if (h->class_mode) {
                put(t, h->caprow[G->grade], A->col, 1.0);
                put(t, h->stdrow[G->grade], A->col, 1.0);
            } else {
                put(t, h->seatrow, A->col, 1.0);
            }
            if (A->boarding)
                put(t, h->bedrow, A->col, 1.0);
            /* never pupils in 0 classes: x <= d n, the disaggregated form
             * (one row per arc, as the facility link below); a grade with
             * pupils who stay has n >= 1 as a bound instead */
            if (h->class_mode && !h->fixed[G->grade]) {
                int c = new_row(m->P, GLP_UP, 0, 0);
                put(t, c, A->col, 1.0);
                put(t, c, h->ncol[G->grade], -(double)G->demand);
            }
            if (!h->ycol)
                continue;
            /* stay if open (equality) or go only where open (link) */
            int home = a == G->home_arc;
            int l = new_row(m->P, home ? GLP_FX : GLP_UP, 0, 0);
            put(t, l, A->col, 1.0);
            put(t, l, h->ycol, -(double)G->demand);
        }
    }
}

static void build_max_open(am_model *m, triplets *t)
{
    int cap = m->sc->max_open_schools;
    if (cap <= 0)
        return;
    int r = new_row(m->P, GLP_UP, 0, cap - m->fixed_open_public);
    for (int k = 0; k < m->nsch; k++)
        if (m->sch[k].ycol)
            put(t, r, m->sch[k].ycol, 1.0);
}

/* One-off capital of the county within the scenario's budget. */
static void build_capital_budget(am_model *m, triplets *t)
{
    double budget = m->sc->capital_budget;
    if (budget <= 0)
        return;
    int r = new_row(m->P, GLP_UP, 0, budget - m->fixed_capital);
    for (int k = 0; k < m->nsch; k++) {
        const am_sch *h = &m->sch[k];
        const sn_school *s = &m->net->schools[h->school];
        if (h->ycol && h->is_candidate && s->build_cost > 0)
            put(t, r, h->ycol, s->build_cost);
        if (h->acol && s->classroom_cost > 0)
            put(t, r, h->acol, s->classroom_cost);
    }
}

void am_build_glp(am_model *m)
{
    m->P = glp_create_prob();
    glp_set_obj_dir(m->P, GLP_MIN);
    build_columns(m);
    triplets t = {0};
    build_school_rows(m, &t);
    build_flow_rows(m, &t);
    build_max_open(m, &t);
    build_capital_budget(m, &t);
    if (t.n) {
        glp_load_matrix(m->P, t.n, t.ia, t.ja, t.ar);
        glp_free(t.ia);
        glp_free(t.ja);
        glp_free(t.ar);
    }
}

void am_set_objective(am_model *m, int k)
{
    for (int j = 1; j <= m->ncols; j++)
        glp_set_obj_coef(m->P, j, 0.0);
    const am_level *l = &m->level[k];
    for (int i = 0; i < l->n; i++)
        glp_set_obj_coef(m->P, l->t[i].col,
                         glp_get_obj_coef(m->P, l->t[i].col) + l->t[i].coef);
    glp_set_obj_coef(m->P, 0, l->constant);
}

int am_bound_level(am_model *m, int k, double bound)
{
    const am_level *l = &m->level[k];
    if (l->n == 0)
        return 0;
    int *ind = malloc(((size_t)l->n + 1) * sizeof *ind);
    double *val = malloc(((size_t)l->n + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return SN_ENOMEM;
    }
    int r = new_row(m->P, GLP_UP, 0, bound - l->constant);
    /* terms of one level never repeat a column */
    for (int i = 0; i < l->n; i++) {
        ind[i + 1] = l->t[i].col;
        val[i + 1] = l->t[i].coef;
    }
    glp_set_mat_row(m->P, r, l->n, ind, val);
    free(ind);
    free(val);
    return 0;
}

