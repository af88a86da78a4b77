/* teachers_home.c - the home stage of the teacher assignment (一校定岗):
 * each open school's own teachers cover as much of its demand as they
 * can, weighted by subject priority, before anyone walks.
 *
 * Per school, one LP over units (the school's teachers grouped by their
 * subjects and their walking class: 0 may not walk, 1 may walk but is not
 * marked itinerant, 2 itinerant): maximise sum (BIG x weight(j) - class)
 * x[u,j] subject to sum_u x[u,j] <= D[h,j] and sum_j x[u,j] <= capacity.
 * BIG exceeds twice the school's capacity, so the first term decides
 * (the most weighted periods covered at home) and the second leaves spare
 * capacity with the teachers who may walk, willing ones first.  The
 * matrix is a transportation matrix, so the simplex vertex is integral.
 * A unit's periods go to its members in input order.
 */
#include "solver/teachers_home.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS

typedef struct hkey {
    unsigned long long subjects;
    int cls, t;
} hkey;

static int cmp_hkey(const void *pa, const void *pb)
{
    const hkey *a = pa, *b = pb;
    if (a->subjects != b->subjects)
        return a->subjects < b->subjects ? -1 : 1;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    return (a->t > b->t) - (a->t < b->t);
}

static int walk_class(const sn_network *net, const sn_teacher *T)
{
    for (int j = 0; j < net->nsubjects; j++)
        if (sn_staffing_may_walk(net, T, j))
            return T->itinerant ? 2 : 1;
    return 0;
}

/* The LP of school h over its teachers key[0..n) (sorted): fills homep.
 * Returns 0 or SN_ENOMEM. */
static int school_lp(int *homep, const sn_network *net,
                     const sn_staffing *st, int h, const hkey *key, int n,
                     sn_budget *b)
{
    const int *D = st->demand + (size_t)h * NJ;
    int nu = 0;
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    int nj = net->nsubjects;
    glp_add_rows(P, nj);
    for (int j = 0; j < nj; j++)
        glp_set_row_bnds(P, j + 1, GLP_UP, 0, D[j]);
    double capsum = 0;
    for (int i = 0; i < n; i++)
        capsum += sn_staffing_capacity(&net->sc, &net->teachers[key[i].t]);
    double big = 2.0 * capsum + 3.0;
    int *first = malloc(((size_t)n + 1) * sizeof *first);
    int *col0 = malloc(((size_t)n + 1) * sizeof *col0);
    if (!first || !col0) {
        free(first);
        free(col0);
        glp_delete_prob(P);
        return SN_ENOMEM;
    }
    for (int i = 0; i < n;) { /* one unit per (subjects, class) */
        int e = i, cap = 0;
        while (e < n && key[e].subjects == key[i].subjects &&
               key[e].cls == key[i].cls)
            cap += sn_staffing_capacity(&net->sc, &net->teachers[key[e++].t]);
        int row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_UP, 0, cap);
        first[nu] = i;
        col0[nu] = glp_get_num_cols(P) + 1;
        for (int j = 0; j < nj; j++) {
            if (!(key[i].subjects >> j & 1) || D[j] <= 0)
                continue;
            int c = glp_add_cols(P, 1), ind[3] = {0, j + 1, row};
            double val[3] = {0, 1, 1};
            glp_set_col_bnds(P, c, GLP_LO, 0, 0);
            glp_set_obj_coef(P, c, big * sn_staffing_weight(net, j) -
                                       key[i].cls);
            glp_set_mat_col(P, c, 2, ind, val);
        }
        nu++;
        i = e;
    }
    first[nu] = n;
    col0[nu] = glp_get_num_cols(P) + 1;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    int solved = glp_get_num_cols(P) > 0 && glp_simplex(P, &sm) == 0 &&
                 glp_get_status(P) == GLP_OPT;
    sn_budget_spend(b, glp_get_it_cnt(P) *
                           (1 + (glp_get_num_rows(P) +
                                 (long long)glp_get_num_cols(P)) / 100));
    if (solved) {
        for (int u = 0; u < nu; u++) {
            int c = col0[u], m = first[u];
            int left = sn_staffing_capacity(&net->sc,
                                            &net->teachers[key[m].t]);
            for (int j = 0; j < nj; j++) {
                if (!(key[first[u]].subjects >> j & 1) || D[j] <= 0)
                    continue;
                int p = (int)floor(glp_get_col_prim(P, c++) + 0.5);
                while (p > 0 && m < first[u + 1]) {
                    int take = p < left ? p : left;
                    homep[(size_t)key[m].t * NJ + (size_t)j] += take;
                    p -= take;
                    left -= take;
                    if (left == 0 && ++m < first[u + 1])
                        left = sn_staffing_capacity(&net->sc,
                                                    &net->teachers[key[m].t]);
                }
            }
        }
    }
    free(first);
    free(col0);
    glp_delete_prob(P);
    return 0;
}

int th_home(int *homep, const sn_network *net, const sn_staffing *st,
            int county, sn_budget *b)
{
    hkey *key = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                       sizeof *key);
    int *next = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                       sizeof *next);
    int *head = malloc((size_t)(net->nschools ? net->nschools : 1) *
                       sizeof *head);
    if (!key || !next || !head) {
        free(key);
        free(next);
        free(head);
        return SN_ENOMEM;
    }
    for (int s = 0; s < net->nschools; s++)
        head[s] = -1;
    for (int t = net->nteachers - 1; t >= 0; t--) { /* lists in input order */
        int h = st->home[t];
        if (net->schools[h].county != county)
            continue;
        memset(homep + (size_t)t * NJ, 0, NJ * sizeof *homep);
        next[t] = head[h];
        head[h] = t;
    }
    int rc = 0;
    for (int h = 0; h < net->nschools && rc == 0; h++) {
        if (net->schools[h].county != county || !st->school[h].open ||
            head[h] < 0)
            continue;
        int n = 0;
        for (int t = head[h]; t >= 0; t = next[t]) {
            hkey k = {net->teachers[t].subjects,
                      walk_class(net, &net->teachers[t]), t};
            key[n++] = k;
        }
        qsort(key, (size_t)n, sizeof *key, cmp_hkey);
        sn_budget_ops(b, n);
        rc = school_lp(homep, net, st, h, key, n, b);
    }
    free(key);
    free(next);
    free(head);
    return rc;
}
