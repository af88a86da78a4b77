/* teachers_model.c - the walking-teacher model of one county: its
 * columns and rows (GLPK), the greedy start and the fill pass.
 *
 * Columns: x (periods, integer, per arc), v (visits, integer, per arc away
 * from home), z (link used, binary, per (teacher, school) away from home),
 * u (uncovered periods, per cell).  Rows: cover x + u = demand per cell;
 * capacity per teacher; x <= ub z and x <= ppv v per away arc; sum z <=
 * max_schools - 1 per teacher with more candidate schools than that.
 */
#include "solver/teachers_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS

static int grow(void **p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? 2 * *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (!q)
        return SN_ENOMEM;
    *p = q;
    *cap = c;
    return 0;
}

static int add_arc(tm_model *m, int t, int s, int j, int link, int ub,
                   double km)
{
    if (grow((void **)&m->arc, &m->arc_cap, m->narc + 1, sizeof *m->arc))
        return SN_ENOMEM;
    tm_arc a = {t, s, j, link, ub, 0, 0, km};
    m->arc[m->narc++] = a;
    return 0;
}

/* Arcs of teacher k at school s (home or away); 0 or SN_ENOMEM. */
static int add_school(tm_model *m, int k, int s, double km)
{
    const sn_teacher *T = &m->net->teachers[m->tch[k].t];
    int home = s == m->tch[k].home, link = -1;
    for (int j = 0; j < m->net->nsubjects; j++) {
        int c = m->cell_of[(size_t)s * NJ + (size_t)j];
        if (c < 0 || !(T->subjects >> j & 1))
            continue;
        if (!home && link < 0) {
            if (grow((void **)&m->link, &m->link_cap, m->nlink + 1,
                     sizeof *m->link))
                return SN_ENOMEM;
            link = m->nlink++;
            m->link[link].t = k;
            m->link[link].s = s;
            m->link[link].zcol = 0;
        }
        int d = m->cell[c].demand, cap = m->tch[k].cap;
        if (add_arc(m, k, s, j, link, d < cap ? d : cap, km))
            return SN_ENOMEM;
    }
    return 0;
}

int tm_init(tm_model *m, const sn_network *net, const sn_staffing *st,
            int county, const int *comp, int part)
{
    memset(m, 0, sizeof *m);
    m->net = net;
    m->st = st;
    m->county = county;
    m->ppv = net->sc.periods_per_visit > 0 ? net->sc.periods_per_visit : 1;
    m->max_links = net->sc.max_schools_per_teacher - 1;
    size_t ncells = (size_t)(net->nschools ? net->nschools : 1) * NJ;
    m->cell_of = malloc(ncells * sizeof *m->cell_of);
    m->cell = malloc(ncells * sizeof *m->cell);
    m->tch = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                    sizeof *m->tch);
    if (!m->cell_of || !m->cell || !m->tch)
        return SN_ENOMEM;
    for (size_t i = 0; i < ncells; i++)
        m->cell_of[i] = -1;
    for (int s = 0; s < net->nschools; s++) {
        if (net->schools[s].county != county || !st->school[s].open ||
            (comp && comp[s] != part))
            continue;
        for (int j = 0; j < net->nsubjects; j++) {
            int d = st->demand[(size_t)s * NJ + (size_t)j];
            if (d <= 0)
                continue;
            tm_cell c = {s, j, d, sn_staffing_weight(net, j), 0};
            m->cell_of[(size_t)s * NJ + (size_t)j] = m->ncell;
            m->cell[m->ncell++] = c;
        }
    }
    double maxkm = net->sc.max_itinerant_km;
    for (int t = 0; t < net->nteachers; t++) {
        int h = st->home[t];
        if (net->schools[h].county != county || (comp && comp[h] != part))
            continue;
        const sn_teacher *T = &net->teachers[t];
        tm_teacher *q = &m->tch[m->ntch];
        q->t = t;
        q->home = h;
        q->cap = sn_staffing_capacity(&net->sc, T);
        q->a0 = q->a1 = m->narc;
        int k = m->ntch++;
        if (q->cap <= 0)
            continue;
        if (st->school[h].open && add_school(m, k, h, 0.0))
            return SN_ENOMEM;
        for (int s = 0; T->itinerant && m->max_links > 0 &&
                        s < net->nschools; s++) {
            if (s == h || net->schools[s].county != county ||
                !st->school[s].open || (comp && comp[s] != part))
                continue;
            double km = sn_staffing_km(net, h, s);
            if (km >= 0 && km <= maxkm + 1e-9 && add_school(m, k, s, km))
                return SN_ENOMEM;
        }
        m->tch[k].a1 = m->narc;
    }
    int col = 0;
    for (int a = 0; a < m->narc; a++)
        m->arc[a].xcol = ++col;
    for (int a = 0; a < m->narc; a++)
        if (m->arc[a].link >= 0)
            m->arc[a].vcol = ++col;
    for (int l = 0; l < m->nlink; l++)
        m->link[l].zcol = ++col;
    for (int c = 0; c < m->ncell; c++)
        m->cell[c].ucol = ++col;
    m->ncols = col;
    return 0;
}

void tm_dispose(tm_model *m)
{
    free(m->tch);
    free(m->arc);
    free(m->link);
    free(m->cell);
    free(m->cell_of);
    memset(m, 0, sizeof *m);
}

/* ---- greedy and fill ---------------------------------------------------- */

typedef struct fill_state {
    int *left;   /* per local teacher */
    int *rem;    /* per cell */
    int *links;  /* away schools used per local teacher */
    char *used;  /* per link */
} fill_state;

static int cell_of_arc(const tm_model *m, const tm_arc *a)
{
    return m->cell_of[(size_t)a->s * NJ + (size_t)a->j];
}

static void take(const tm_model *m, fill_state *f, double *x, int a)
{
    const tm_arc *A = &m->arc[a];
    int c = cell_of_arc(m, A);
    int n = f->left[A->t] < f->rem[c] ? f->left[A->t] : f->rem[c];
    if (n <= 0)
        return;
    if (A->link >= 0 && !f->used[A->link]) {
        if (f->links[A->t] >= m->max_links)
            return;
        f->used[A->link] = 1;
        f->links[A->t]++;
    }
    x[A->xcol] += n;
    f->left[A->t] -= n;
    f->rem[c] -= n;
}

/* Sets v, z and u from the x part. */
static void complete(const tm_model *m, double *x)
{
    for (int l = 0; l < m->nlink; l++)
        x[m->link[l].zcol] = 0;
    for (int c = 0; c < m->ncell; c++)
        x[m->cell[c].ucol] = m->cell[c].demand;
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        double p = floor(x[A->xcol] + 0.5);
        x[A->xcol] = p;
        x[m->cell[cell_of_arc(m, A)].ucol] -= p;
        if (A->link >= 0) {
            x[A->vcol] = ceil(p / m->ppv);
            if (p > 0)
                x[m->link[A->link].zcol] = 1;
        }
    }
}

/* An away arc with its fill-order key: weight desc, km asc, index. */
typedef struct away_key {
    int weight;
    double km;
    int a;
} away_key;

static int cmp_away(const void *pa, const void *pb)
{
    const away_key *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->km != b->km)
        return a->km < b->km ? -1 : 1;
    return (a->a > b->a) - (a->a < b->a);
}

static void fill_pass(const tm_model *m, double *x)
{
    fill_state f;
    f.left = calloc((size_t)m->ntch + 1, sizeof *f.left);
    f.rem = calloc((size_t)m->ncell + 1, sizeof *f.rem);
    f.links = calloc((size_t)m->ntch + 1, sizeof *f.links);
    f.used = calloc((size_t)m->nlink + 1, 1);
    away_key *away = malloc(((size_t)m->narc + 1) * sizeof *away);
    if (!f.left || !f.rem || !f.links || !f.used || !away)
        goto done; /* out of memory: x stays as it is (still feasible) */
    for (int k = 0; k < m->ntch; k++)
        f.left[k] = m->tch[k].cap;
    for (int c = 0; c < m->ncell; c++)
        f.rem[c] = m->cell[c].demand;
    int naway; /* assigned apart: the goto above crosses it */
    naway = 0;
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        int p = (int)floor(x[A->xcol] + 0.5);
        f.left[A->t] -= p;
        f.rem[cell_of_arc(m, A)] -= p;
        if (A->link >= 0) {
            away_key key = {m->cell[cell_of_arc(m, A)].weight, A->km, a};
            away[naway++] = key;
            if (p > 0 && !f.used[A->link]) {
                f.used[A->link] = 1;
                f.links[A->t]++;
            }
        }
    }
    /* home: teachers with fewer home subjects first; shortage subjects and
     * the largest remaining demand first */
    for (int nsub = 1; nsub <= NJ; nsub++)
        for (int k = 0; k < m->ntch; k++) {
            const tm_teacher *q = &m->tch[k];
            int nh = 0;
            for (int a = q->a0; a < q->a1; a++)
                nh += m->arc[a].link < 0;
            if (nh != nsub)
                continue;
            while (f.left[k] > 0) {
                int best = -1;
                for (int a = q->a0; a < q->a1; a++) {
                    const tm_arc *A = &m->arc[a];
                    int c = cell_of_arc(m, A);
                    if (A->link >= 0 || f.rem[c] <= 0)
                        continue;
                    if (best < 0) {
                        best = a;
                        continue;
                    }
                    const tm_cell *cb = &m->cell[cell_of_arc(m, &m->arc[best])];
                    if (m->cell[c].weight > cb->weight ||
                        (m->cell[c].weight == cb->weight &&
                         f.rem[c] > f.rem[cell_of_arc(m, &m->arc[best])]))
                        best = a;
                }
                if (best < 0)
                    break;
                take(m, &f, x, best);
            }
        }
    qsort(away, (size_t)naway, sizeof *away, cmp_away);
    for (int i = 0; i < naway; i++)
        take(m, &f, x, away[i].a);
done:
    free(f.left);
    free(f.rem);
    free(f.links);
    free(f.used);
    free(away);
    complete(m, x);
}

void tm_greedy(const tm_model *m, double *x)
{
    memset(x, 0, ((size_t)m->ncols + 1) * sizeof *x);
    fill_pass(m, x);
}

void tm_fill(const tm_model *m, double *x)
{
    fill_pass(m, x);
}

double tm_level_value(const tm_model *m, int k, const double *x)
{
    double v = 0;
    if (k == 0) {
        for (int c = 0; c < m->ncell; c++)
            v += m->cell[c].weight * x[m->cell[c].ucol];
    } else if (k == 1) {
        for (int a = 0; a < m->narc; a++)
            if (m->arc[a].link >= 0)
                v += 2.0 * m->arc[a].km * x[m->arc[a].vcol];
    } else {
        for (int l = 0; l < m->nlink; l++)
            v += x[m->link[l].zcol];
    }
    return v;
}

/* ---- GLPK --------------------------------------------------------------- */

typedef struct trip {
    int *ia, *ja;
    double *ar;
    int n, cap;
} trip;

static void put(trip *t, int row, int col, double v)
{
    if (t->n + 1 >= t->cap) { /* GLPK errors jump out through the guard */
        int c = t->cap ? 2 * t->cap : 1024;
        if (!t->cap) {
            t->ia = glp_alloc(c, (int)sizeof *t->ia);
            t->ja = glp_alloc(c, (int)sizeof *t->ja);
            t->ar = glp_alloc(c, (int)sizeof *t->ar);
        } else {
            t->ia = glp_realloc(t->ia, c, (int)sizeof *t->ia);
            t->ja = glp_realloc(t->ja, c, (int)sizeof *t->ja);
            t->ar = glp_realloc(t->ar, c, (int)sizeof *t->ar);
        }
        t->cap = c;
    }
    t->n++;
    t->ia[t->n] = row;
    t->ja[t->n] = col;
    t->ar[t->n] = v;
}

void tm_build(tm_model *m)
{
    glp_prob *P = m->P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_cols(P, m->ncols);
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        glp_set_col_kind(P, A->xcol, GLP_IV);
        glp_set_col_bnds(P, A->xcol, GLP_DB, 0, A->ub);
        if (A->vcol) {
            glp_set_col_kind(P, A->vcol, GLP_IV);
            glp_set_col_bnds(P, A->vcol, GLP_DB, 0, ceil((double)A->ub / m->ppv));
        }
    }
    for (int l = 0; l < m->nlink; l++)
        glp_set_col_kind(P, m->link[l].zcol, GLP_BV);
    for (int c = 0; c < m->ncell; c++)
        glp_set_col_bnds(P, m->cell[c].ucol, GLP_DB, 0, m->cell[c].demand);
    trip t = {NULL, NULL, NULL, 0, 0};
    int row = 0;
    if (m->ncell)
        glp_add_rows(P, m->ncell);
    for (int c = 0; c < m->ncell; c++) {
        glp_set_row_bnds(P, ++row, GLP_FX, m->cell[c].demand,
                         m->cell[c].demand);
        put(&t, row, m->cell[c].ucol, 1.0);
    }
    for (int a = 0; a < m->narc; a++)
        put(&t, cell_of_arc(m, &m->arc[a]) + 1, m->arc[a].xcol, 1.0);
    for (int k = 0; k < m->ntch; k++) {
        const tm_teacher *q = &m->tch[k];
        if (q->a1 == q->a0)
            continue;
        row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_UP, 0, q->cap);
        int nl = 0, last = -1;
        for (int a = q->a0; a < q->a1; a++) {
            put(&t, row, m->arc[a].xcol, 1.0);
            if (m->arc[a].link >= 0 && m->arc[a].link != last) {
                last = m->arc[a].link;
                nl++;
            }
        }
        if (nl > m->max_links) {
            row = glp_add_rows(P, 1);
            glp_set_row_bnds(P, row, GLP_UP, 0, m->max_links);
            last = -1;
            for (int a = q->a0; a < q->a1; a++)
                if (m->arc[a].link >= 0 && m->arc[a].link != last) {
                    last = m->arc[a].link;
                    put(&t, row, m->link[last].zcol, 1.0);
                }
        }
    }
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        if (A->link < 0)
            continue;
        row = glp_add_rows(P, 3);
        glp_set_row_bnds(P, row, GLP_UP, 0, 0);
        put(&t, row, A->xcol, 1.0);
        put(&t, row, m->link[A->link].zcol, -(double)A->ub);
        glp_set_row_bnds(P, row + 1, GLP_UP, 0, 0);
        put(&t, row + 1, A->xcol, 1.0);
        put(&t, row + 1, A->vcol, -(double)m->ppv);
        glp_set_row_bnds(P, row + 2, GLP_UP, 0, 0);
        put(&t, row + 2, A->vcol, 1.0);
        put(&t, row + 2, m->link[A->link].zcol, -ceil((double)A->ub / m->ppv));
    }
    glp_load_matrix(P, t.n, t.ia, t.ja, t.ar);
    if (t.cap) {
        glp_free(t.ia);
        glp_free(t.ja);
        glp_free(t.ar);
    }
}

/* Coefficients of level k: calls fn(col, coef) for each term. */
static void level_terms(const tm_model *m, int k,
                        void (*fn)(void *, int, double), void *ctx)
{
    if (k == 0) {
        for (int c = 0; c < m->ncell; c++)
            fn(ctx, m->cell[c].ucol, m->cell[c].weight);
    } else if (k == 1) {
        for (int a = 0; a < m->narc; a++)
            if (m->arc[a].link >= 0 && m->arc[a].km > 0)
                fn(ctx, m->arc[a].vcol, 2.0 * m->arc[a].km);
    } else {
        for (int l = 0; l < m->nlink; l++)
            fn(ctx, m->link[l].zcol, 1.0);
    }
}

static void set_obj(void *ctx, int col, double v)
{
    glp_set_obj_coef(ctx, col, v);
}

void tm_set_objective(tm_model *m, int k)
{
    for (int j = 1; j <= m->ncols; j++)
        glp_set_obj_coef(m->P, j, 0.0);
    level_terms(m, k, set_obj, m->P);
}

static void collect(void *ctx, int col, double v)
{
    put(ctx, 0, col, v);
}

void tm_bound_level(tm_model *m, int k, double bound)
{
    trip t = {NULL, NULL, NULL, 0, 0};
    level_terms(m, k, collect, &t);
    if (t.n == 0)
        return;
    int row = glp_add_rows(m->P, 1);
    glp_set_row_bnds(m->P, row, GLP_UP, 0, bound);
    glp_set_mat_row(m->P, row, t.n, t.ja, t.ar);
    glp_free(t.ia);
    glp_free(t.ja);
    glp_free(t.ar);
}

/* ---- LP rounding -------------------------------------------------------- */

/* A link with its LP flow, for the keep order: flow desc, km asc, index. */
typedef struct link_key {
    double flow, km;
    int l;
} link_key;

static int cmp_link(const void *pa, const void *pb)
{
    const link_key *a = pa, *b = pb;
    if (a->flow != b->flow)
        return a->flow > b->flow ? -1 : 1;
    if (a->km != b->km)
        return a->km < b->km ? -1 : 1;
    return (a->l > b->l) - (a->l < b->l);
}

static int lp_solve(glp_prob *P, double seconds)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.tm_lim = (int)fmin(fmax(seconds, 0.001) * 1000.0, 2e9);
    int rc = glp_simplex(P, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_std_basis(P);
        rc = glp_simplex(P, &sm);
    }
    return rc == 0 && glp_get_status(P) == GLP_OPT ? 0 : -1;
}

/* Opens (z = 1, v at its bound: the link rows are slack) or closes
 * (x = v = z = 0) link l in P. */
static void fix_link(tm_model *m, int l, int open, int *a_of_link)
{
    glp_prob *P = m->P;
    glp_set_col_bnds(P, m->link[l].zcol, GLP_FX, open, open);
    for (int a = a_of_link[l]; a < m->narc && m->arc[a].link == l; a++) {
        double vmax = ceil((double)m->arc[a].ub / m->ppv);
        glp_set_col_bnds(P, m->arc[a].vcol, GLP_FX, open ? vmax : 0,
                         open ? vmax : 0);
        if (!open)
            glp_set_col_bnds(P, m->arc[a].xcol, GLP_FX, 0, 0);
    }
}

static void free_link(tm_model *m, int l, const int *a_of_link)
{
    glp_prob *P = m->P;
    glp_set_col_bnds(P, m->link[l].zcol, GLP_DB, 0, 1);
    for (int a = a_of_link[l]; a < m->narc && m->arc[a].link == l; a++) {
        const tm_arc *A = &m->arc[a];
        glp_set_col_bnds(P, A->vcol, GLP_DB, 0, ceil((double)A->ub / m->ppv));
        glp_set_col_bnds(P, A->xcol, GLP_DB, 0, A->ub);
    }
}

int tm_round_lp(tm_model *m, double *x, double seconds)
{
    double t0 = sn_clock();
    int rc = -1;
    int *a_of_link = malloc(((size_t)m->nlink + 1) * sizeof *a_of_link);
    link_key *key = malloc(((size_t)m->nlink + 1) * sizeof *key);
    if (!a_of_link || !key)
        goto done;
    if (lp_solve(m->P, seconds))
        goto done;
    for (int l = 0; l < m->nlink; l++)
        a_of_link[l] = m->narc;
    for (int a = m->narc - 1; a >= 0; a--)
        if (m->arc[a].link >= 0)
            a_of_link[m->arc[a].link] = a;
    /* per teacher: keep the max_links links of most LP periods */
    for (int k = 0; k < m->ntch; k++) {
        const tm_teacher *q = &m->tch[k];
        int n = 0, last = -1;
        for (int a = q->a0; a < q->a1; a++) {
            int l = m->arc[a].link;
            if (l < 0)
                continue;
            if (l != last) {
                link_key e = {0.0, m->arc[a].km, l};
                key[n++] = e;
                last = l;
            }
            key[n - 1].flow += glp_get_col_prim(m->P, m->arc[a].xcol);
        }
        qsort(key, (size_t)n, sizeof *key, cmp_link);
        for (int i = 0; i < n; i++)
            fix_link(m, key[i].l, i < m->max_links && key[i].flow > 1e-6,
                     a_of_link);
    }
    /* what is left is a transportation problem: its optimal vertex is
     * integral */
    if (lp_solve(m->P, seconds - (sn_clock() - t0)) == 0) {
        for (int a = 0; a < m->narc; a++)
            x[m->arc[a].xcol] =
                floor(glp_get_col_prim(m->P, m->arc[a].xcol) + 1e-6);
        fill_pass(m, x); /* v, z, u to match; spare periods */
        rc = 0;
    }
    for (int l = 0; l < m->nlink; l++)
        free_link(m, l, a_of_link);
done:
    free(a_of_link);
    free(key);
    return rc;
}
