/* alloc_build.c - the allocation model of one county: which pupils move,
 * along which arcs, and the GLPK rows that tie flows, classes, classrooms,
 * beds and open/close decisions together.  docs/model.md has the maths.
 *
 * Tightness: a flow into a school that may close is linked by
 * x <= demand * y per arc (the disaggregated form of facility location),
 * never by one big-M row per school.
 */
#include "solver/alloc_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int am_walks(const sn_scenario *sc, int grade, double km)
{
    double lim = grade <= 6 ? sc->max_km_primary : sc->max_km_junior;
    return km >= 0 && km <= lim + 1e-9;
}

static int grow(void **p, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return 0;
    int ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *q = realloc(*p, (size_t)ncap * sz);
    if (!q)
        return SN_ENOMEM;
    *p = q;
    *cap = ncap;
    return 0;
}

static int add_term(am_level *l, int col, double coef)
{
    if (coef == 0.0 || col == 0)
        return 0;
    if (grow((void **)&l->t, &l->cap, l->n + 1, sizeof *l->t))
        return SN_ENOMEM;
    l->t[l->n].col = col;
    l->t[l->n].coef = coef;
    l->n++;
    return 0;
}

/* Decides which schools of the county take part and how. */
static int init_schools(am_model *m)
{
    const sn_network *net = m->net;
    const sn_scenario *sc = m->sc;
    m->local = malloc((size_t)(net->nschools ? net->nschools : 1) *
                      sizeof *m->local);
    m->sch = calloc((size_t)(net->nschools ? net->nschools : 1),
                    sizeof *m->sch);
    if (!m->local || !m->sch)
        return SN_ENOMEM;
    double annuity = sn_scenario_annuity(sc);
    for (int i = 0; i < net->nschools; i++) {
        const sn_school *s = &net->schools[i];
        m->local[i] = -1;
        if (s->county != m->county)
            continue;
        if (s->force == SN_FORCE_CLOSED ||
            (s->status == SN_CANDIDATE && s->ready_year > m->year &&
             s->force != SN_FORCE_OPEN))
            continue;
        am_sch *h = &m->sch[m->nsch];
        h->school = i;
        h->is_candidate = s->status == SN_CANDIDATE;
        h->class_mode = s->classrooms >= 0;
        h->rooms = s->classrooms >= 0 ? s->classrooms : 0;
        h->maxnew = h->class_mode ? s->max_new_classrooms : 0;
        h->seats = s->seats >= 0 ? s->seats : 0;
        h->beds = s->boarding_beds;
        int decides = !s->is_private && s->force == SN_FORCE_NONE &&
                      (h->is_candidate ||
                       (sc->allow_closures && s->closable && !s->remote));
        h->ycol = decides ? -1 : 0; /* numbered later */
        h->open_cost = s->is_private ? 0.0 : s->annual_cost;
        if (h->is_candidate)
            h->open_cost += annuity * s->build_cost;
        if (!decides && !s->is_private) {
            m->fixed_open_public++;
            m->level[3].constant += h->open_cost;
            if (h->is_candidate)
                m->fixed_capital += s->build_cost;
        }
        m->local[i] = m->nsch++;
    }
    return 0;
}

static int designated(const sn_network *net, int zone, int grade)
{
    const sn_zone *z = &net->zones[zone];
    int h = grade <= 6 ? z->primary_school : z->junior_school;
    if (h < 0 || !sn_school_teaches(&net->schools[h], grade))
        return -1;
    return h;
}

/* Whether a pupil of grade g of zone z can reach local school k, and how. */
static int reach(const am_model *m, int z, int g, int k, double *km,
                 int *boarding)
{
    const sn_school *s = &m->net->schools[m->sch[k].school];
    if (!sn_school_teaches(s, g))
        return 0;
    *km = sn_network_km(m->net, z, m->sch[k].school);
    if (*km < 0)
        return 0;
    if (am_walks(m->sc, g, *km)) {
        *boarding = 0;
        return 1;
    }
    *boarding = 1;
    return s->boarding_beds > 0 && *km <= m->sc->boarding_max_km + 1e-9;
}

typedef struct by_km {
    double km;
    int arc;
} by_km;

static int cmp_by_km(const void *a, const void *b)
{
    const by_km *x = a, *y = b;
    if (x->km != y->km)
        return x->km < y->km ? -1 : 1;
    return x->arc - y->arc;
}

/* Keeps, of the arcs [a0, narc) of one group, every walking arc, the arcs
 * to the designated and home schools, and the `boarding_options` nearest
 * boarding arcs; drops the other boarding arcs, keeping the order.  A zone
 * far from town may reach dozens of boarding schools within 30 km, and
 * those arcs were most of the model (53,000 of 58,000 columns on a
 * 150-school county). */
static int keep_nearest_boarding(am_model *m, int a0, int h, int home)
{
    int K = m->sc->boarding_options, nb = 0;
    for (int a = a0; a < m->narc; a++)
        nb += m->arc[a].boarding;
    if (K <= 0 || nb <= K)
        return 0;
    by_km *b = malloc((size_t)nb * sizeof *b);
    char *keep = calloc((size_t)(m->narc - a0), 1);
    if (!b || !keep) {
        free(b);
        free(keep);
        return SN_ENOMEM;
    }
    nb = 0;
    for (int a = a0; a < m->narc; a++) {
        int school = m->sch[m->arc[a].sch].school;
        if (!m->arc[a].boarding || school == h || school == home)
            keep[a - a0] = 1;
        else
            b[nb++] = (by_km){m->arc[a].km, a};
    }
    qsort(b, (size_t)nb, sizeof *b, cmp_by_km);
    for (int i = 0; i < nb && i < K; i++)
        keep[b[i].arc - a0] = 1;
    int w = a0;
    for (int a = a0; a < m->narc; a++)
        if (keep[a - a0])
            m->arc[w++] = m->arc[a];
    m->narc = w;
    free(b);
    free(keep);
    return 0;
}

/* A group of d pupils of zone z, grade g; h is their designated school
 * (diversion is counted against it), home the school they stay at if it
 * stays open (conditional stay), or -1. */
static int add_group(am_model *m, int z, int g, int d, int h, int home)
{
    int gi = m->ngrp;
    if (grow((void **)&m->grp, &m->grp_cap, gi + 1, sizeof *m->grp))
        return SN_ENOMEM;
    am_grp *G = &m->grp[gi];
    G->zone = z;
    G->grade = g;
    G->demand = d;
    G->a0 = m->narc;
    G->home_arc = -1;
    for (int k = 0; k < m->nsch; k++) {
        double km;
        int boarding;
        if (!reach(m, z, g, k, &km, &boarding))
            continue;
        if (grow((void **)&m->arc, &m->arc_cap, m->narc + 1, sizeof *m->arc))
            return SN_ENOMEM;
        am_arc *a = &m->arc[m->narc];
        a->grp = gi;
        a->sch = k;
        a->km = km;
        a->boarding = boarding;
        a->diverted = h >= 0 && m->sch[k].school != h;
        m->narc++;
    }
    if (keep_nearest_boarding(m, G->a0, h, home) != 0)
        return SN_ENOMEM;
    for (int a = G->a0; a < m->narc; a++) {
        int k = m->arc[a].sch;
        if (home >= 0 && m->sch[k].school == home)
            G->home_arc = a;
        m->sch[k].has_arc[g] = 1;
    }
    G->a1 = m->narc;
    if (G->a1 == G->a0) { /* nowhere to go: reported, not modelled */
        if (grow((void **)&m->unreach, &m->unreach_cap, m->nunreach + 1,
                 sizeof *m->unreach))
            return SN_ENOMEM;
        m->unreach[m->nunreach++] =
            (sn_unplaced){z, g, d, SN_UNPLACED_NO_REACH};
        return 0;
    }
    m->ngrp++;
    return 0;
}

static int add_fixed(am_model *m, int z, int g, int k, int d, double km,
                     int boarding, int diverted)
{
    if (grow((void **)&m->fix, &m->fix_cap, m->nfix + 1, sizeof *m->fix))
        return SN_ENOMEM;
    m->fix[m->nfix++] = (am_fixed){z, g, k, d, km, boarding, diverted};
    am_sch *h = &m->sch[k];
    h->fixed[g] += d;
    h->enrolled[g] += d;
    if (boarding)
        h->fixed_boarders += d;
    const sn_school *s = &m->net->schools[h->school];
    m->level[3].constant += d * (km * m->sc->transport_cost_per_student_km +
                                 (s->is_private ? s->seat_price : 0.0));
    m->level[4].constant += diverted ? d : 0;
    m->level[5].constant += d * km;
    return 0;
}

/* Places d enrolled pupils of zone z, grade g who stay at network school
 * `at` if they can: a constant load when `at` is always open, a
 * conditional stay when it may close; otherwise they are placed anew. */
static int place_stayers(am_model *m, int z, int g, int d, int h, int at)
{
    int k = at >= 0 ? m->local[at] : -1;
    if (k < 0)
        return add_group(m, z, g, d, h, -1);
    double km;
    int boarding;
    if (!reach(m, z, g, k, &km, &boarding))
        return add_group(m, z, g, d, h, -1); /* cannot stay: out of reach */
    am_sch *s = &m->sch[k];
    if (boarding && s->fixed_boarders + s->stay_boarders + d > s->beds)
        return add_group(m, z, g, d, h, -1); /* beds full: placed anew */
    if (s->ycol == 0)
        return add_fixed(m, z, g, k, d, km, boarding, h >= 0 && at != h);
    if (boarding)
        s->stay_boarders += d;
    s->enrolled[g] += d;
    return add_group(m, z, g, d, h, at);
}

/* Places the pupils of one zone and grade.  In intake mode enrolled
 * pupils (grades other than 1 and 7) stay: first those listed in `stay`
 * (sorted by zone, grade, school) at their current school, the rest at the
 * designated school.  Stayers beyond the demand are ignored. */
static int init_demand(am_model *m, int z, int g, int d,
                       const sn_assignment *stay, size_t nstay)
{
    int h = designated(m->net, z, g);
    int entry = g == 1 || g == 7;
    if (m->sc->divert == SN_DIVERT_ALL || entry)
        return add_group(m, z, g, d, h, -1);
    for (size_t i = 0; i < nstay && d > 0; i++) {
        if (stay[i].students <= 0)
            continue;
        int n = stay[i].students < d ? stay[i].students : d;
        int rc = place_stayers(m, z, g, n, h, stay[i].school);
        if (rc)
            return rc;
        d -= n;
    }
    if (d <= 0)
        return 0;
    return h >= 0 ? place_stayers(m, z, g, d, h, h)
                  : add_group(m, z, g, d, h, -1);
}

static int number_columns(am_model *m)
{
    int c = 0;
    for (int a = 0; a < m->narc; a++)
        m->arc[a].col = ++c;
    for (int i = 0; i < m->ngrp; i++)
        m->grp[i].ucol = ++c;
    for (int k = 0; k < m->nsch; k++) {
        am_sch *h = &m->sch[k];
        const sn_school *s = &m->net->schools[h->school];
        if (h->ycol)
            h->ycol = ++c;
        if (h->class_mode && h->maxnew > 0)
            h->acol = ++c;
        int enrolled = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            enrolled += h->enrolled[g];
            if (!h->class_mode || !sn_school_teaches(s, g) ||
                (!h->fixed[g] && !h->has_arc[g] && !h->enrolled[g]))
                continue;
            h->ncol[g] = ++c;
            h->ecol[g] = ++c;
            if (h->enrolled[g])
                h->ocol[g] = ++c;
        }
        if (!h->class_mode && enrolled)
            h->seat_ocol = ++c;
    }
    m->ncols = c;
    m->is_int = calloc((size_t)c + 1, 1);
    m->ub = calloc((size_t)c + 1, sizeof *m->ub);
    if (!m->is_int || !m->ub)
        return SN_ENOMEM;
    return 0;
}

static int init_bounds_and_levels(am_model *m)
{
    const sn_scenario *sc = m->sc;
    double annuity = sn_scenario_annuity(sc);
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        const sn_school *s = &m->net->schools[m->sch[A->sch].school];
        m->is_int[A->col] = 1;
        m->ub[A->col] = m->grp[A->grp].demand;
        double c3 = A->km * sc->transport_cost_per_student_km +
                    (s->is_private ? s->seat_price : 0.0);
        if (add_term(&m->level[3], A->col, c3) ||
            add_term(&m->level[4], A->col, A->diverted ? 1.0 : 0.0) ||
            add_term(&m->level[5], A->col, A->km))
            return SN_ENOMEM;
    }
    for (int i = 0; i < m->ngrp; i++) {
        m->ub[m->grp[i].ucol] = m->grp[i].demand;
        if (add_term(&m->level[0], m->grp[i].ucol, 1.0))
            return SN_ENOMEM;
    }
    for (int k = 0; k < m->nsch; k++) {
        am_sch *h = &m->sch[k];
        const sn_school *s = &m->net->schools[h->school];
        int total_enrolled = 0;
        if (h->ycol) {
            m->is_int[h->ycol] = 1;
            m->ub[h->ycol] = 1;
            if (add_term(&m->level[3], h->ycol, h->open_cost))
                return SN_ENOMEM;
        }
        if (h->acol) {
            m->is_int[h->acol] = 1;
            m->ub[h->acol] = h->maxnew;
            if (add_term(&m->level[3], h->acol, annuity * s->classroom_cost))
                return SN_ENOMEM;
        }
        for (int g = 1; g <= SN_GRADES; g++) {
            total_enrolled += h->enrolled[g];
            if (!h->ncol[g])
                continue;
            m->is_int[h->ncol[g]] = 1;
            m->ub[h->ncol[g]] = h->rooms + h->maxnew;
            m->ub[h->ecol[g]] = INFINITY;
            if (add_term(&m->level[2], h->ecol[g], 1.0))
                return SN_ENOMEM;
            if (h->ocol[g]) {
                m->ub[h->ocol[g]] = h->enrolled[g];
                if (add_term(&m->level[1], h->ocol[g], 1.0))
                    return SN_ENOMEM;
            }
        }
        if (h->seat_ocol) {
            m->ub[h->seat_ocol] = total_enrolled;
            if (add_term(&m->level[1], h->seat_ocol, 1.0))
                return SN_ENOMEM;
        }
    }
    return 0;
}

int am_model_init(am_model *m, const sn_network *net, int county, int year,
                  const int *demand, const sn_assignment *stay,
                  size_t nstay)
{
    memset(m, 0, sizeof *m);
    m->net = net;
    m->sc = &net->sc;
    m->county = county;
    m->year = year;
    int rc = init_schools(m);
    sn_assignment *sorted = NULL;
    if (rc == 0 && nstay) {
        sorted = malloc(nstay * sizeof *sorted);
        if (!sorted)
            rc = SN_ENOMEM;
        else {
            memcpy(sorted, stay, nstay * sizeof *sorted);
            qsort(sorted, nstay, sizeof *sorted, sn_assignment_cmp);
        }
    }
    size_t cur = 0; /* zones and grades ascend, so one cursor walks `sorted` */
    for (int z = 0; rc == 0 && z < net->nzones; z++) {
        if (net->zones[z].county != county)
            continue;
        for (int g = 1; rc == 0 && g <= SN_GRADES; g++) {
            while (cur < nstay && (sorted[cur].zone < z ||
                                   (sorted[cur].zone == z &&
                                    sorted[cur].grade < g)))
                cur++;
            size_t end = cur;
            while (end < nstay && sorted[end].zone == z &&
                   sorted[end].grade == g)
                end++;
            int d = demand[(size_t)z * AM_G + (size_t)g];
            if (d > 0)
                rc = init_demand(m, z, g, d, sorted + cur, end - cur);
        }
    }
    free(sorted);
    if (rc == 0)
        rc = number_columns(m);
    if (rc == 0)
        rc = init_bounds_and_levels(m);
    return rc;
}

void am_model_dispose(am_model *m)
{
    free(m->sch);
    free(m->local);
    free(m->grp);
    free(m->arc);
    free(m->fix);
    free(m->unreach);
    free(m->is_int);
    free(m->ub);
    for (int k = 0; k < SN_LEVELS; k++)
        free(m->level[k].t);
    memset(m, 0, sizeof *m);
}

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
        if (isinf(m->ub[j]))
            glp_set_col_bnds(P, j, GLP_LO, 0.0, 0.0);
        else if (m->ub[j] <= 0)
            glp_set_col_bnds(P, j, GLP_FX, 0.0, 0.0);
        else
            glp_set_col_bnds(P, j, GLP_DB, 0.0, m->ub[j]);
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

static void build_school_rows(am_model *m, triplets *t)
{
    const sn_scenario *sc = m->sc;
    for (int k = 0; k < m->nsch; k++) {
        am_sch *h = &m->sch[k];
        int roomsrow = 0, anyn = 0, fixed_total = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            fixed_total += h->fixed[g];
        if (h->class_mode) {
            if (h->ycol) {
                roomsrow = new_row(m->P, GLP_UP, 0, 0);
                put(t, roomsrow, h->ycol, -h->rooms);
            } else {
                roomsrow = new_row(m->P, GLP_UP, 0, h->rooms);
            }
            if (h->acol) {
                put(t, roomsrow, h->acol, -1.0);
                if (h->ycol) {
                    int r = new_row(m->P, GLP_UP, 0, 0);
                    put(t, r, h->acol, 1.0);
                    put(t, r, h->ycol, -h->maxnew);
                }
            }
            for (int g = 1; g <= SN_GRADES; g++) {
                if (!h->ncol[g])
                    continue;
                anyn = 1;
                put(t, roomsrow, h->ncol[g], 1.0);
                double rhs = -h->fixed[g];
                h->caprow[g] = new_row(m->P, GLP_UP, 0, rhs);
                put(t, h->caprow[g], h->ncol[g], -sc->hard_cap);
                if (h->ocol[g])
                    put(t, h->caprow[g], h->ocol[g], -1.0);
                h->stdrow[g] = new_row(m->P, GLP_UP, 0, rhs);
                put(t, h->stdrow[g], h->ncol[g],
                    -sn_scenario_standard(sc, g));
                put(t, h->stdrow[g], h->ecol[g], -1.0);
                mir_row(m, t, h->fixed[g], sn_scenario_standard(sc, g),
                        h->ncol[g], h->ecol[g]);
                if (h->ocol[g])
                    mir_row(m, t, h->fixed[g], sc->hard_cap, h->ncol[g],
                            h->ocol[g]);
            }
            (void)anyn;
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

double am_level_value(const am_model *m, int k, const double *x)
{
    const am_level *l = &m->level[k];
    double v = l->constant;
    for (int i = 0; i < l->n; i++)
        v += l->t[i].coef * x[l->t[i].col];
    return v;
}
