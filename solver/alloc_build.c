/* alloc_build.c - the allocation model of one county: which pupils move,
 * along which arcs and how (walk, bus, board, or stay far), its columns
 * and its objective levels.  alloc_rows.c turns it into GLPK rows;
 * docs/model.md has the maths.
 *
 * Invariants: every group has at least one arc (groups without any are
 * `unreach`, reported no_reach); an arc is a boarding arc only for grades
 * at or above boarding_min_grade; the terms of one level never repeat a
 * column.
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

double am_boarding_cost(const sn_scenario *sc, int grade)
{
    return grade <= 6 ? sc->boarding_cost_primary : sc->boarding_cost_junior;
}

int am_integral_level(int k)
{
    return k != SN_LEVEL_COST && k != SN_LEVEL_KM && k != AM_WEIGHTED;
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
            m->level[SN_LEVEL_COST].constant += h->open_cost;
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

/* Whether a pupil of grade g of zone z can be placed at local school k,
 * and how (*mode): on foot, by bus within bus_max_km, or boarding (grades
 * from boarding_min_grade, a school with beds, within boarding_max_km). */
static int reach(const am_model *m, int z, int g, int k, double *km,
                 int *mode)
{
    const sn_scenario *sc = m->sc;
    const sn_school *s = &m->net->schools[m->sch[k].school];
    if (!sn_school_teaches(s, g))
        return 0;
    *km = sn_network_km(m->net, z, m->sch[k].school);
    if (*km < 0)
        return 0;
    if (am_walks(sc, g, *km)) {
        *mode = AM_WALK;
        return 1;
    }
    if (*km <= sc->bus_max_km + 1e-9) {
        *mode = AM_BUS;
        return 1;
    }
    *mode = AM_BOARD;
    return g >= sc->boarding_min_grade && s->boarding_beds > 0 &&
           *km <= sc->boarding_max_km + 1e-9;
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
 * arcs beyond walking (bus or boarding); drops the others, keeping the
 * order.  A zone far from town may reach dozens of boarding schools within
 * 30 km (or of schools within bus reach), and those arcs were most of the
 * model (53,000 of 58,000 columns on a 150-school county). */
static int keep_nearest_far(am_model *m, int a0, int h, int home)
{
    int K = m->sc->boarding_options, nb = 0;
    for (int a = a0; a < m->narc; a++)
        nb += m->arc[a].mode != AM_WALK;
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
        if (m->arc[a].mode == AM_WALK || school == h || school == home)
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

static int push_arc(am_model *m, int gi, int k, double km, int mode, int h)
{
    if (grow((void **)&m->arc, &m->arc_cap, m->narc + 1, sizeof *m->arc))
        return SN_ENOMEM;
    am_arc *a = &m->arc[m->narc++];
    memset(a, 0, sizeof *a);
    a->grp = gi;
    a->sch = k;
    a->km = km;
    a->mode = mode;
    a->boarding = mode == AM_BOARD;
    a->diverted = h >= 0 && m->sch[k].school != h;
    return 0;
}

/* A group of d pupils of zone z, grade g; h is their designated school
 * (diversion is counted against it), home the network school they stay at
 * if it stays open (conditional stay) or -1, home_mode how they get there
 * (AM_FAR when beyond every reach: they are enrolled there). */
static int add_group(am_model *m, int z, int g, int d, int h, int home,
                     int home_mode)
{
    int gi = m->ngrp;
    if (grow((void **)&m->grp, &m->grp_cap, gi + 1, sizeof *m->grp))
        return SN_ENOMEM;
    am_grp *G = &m->grp[gi];
    memset(G, 0, sizeof *G);
    G->zone = z;
    G->grade = g;
    G->demand = d;
    G->a0 = m->narc;
    G->home_arc = -1;
    for (int k = 0; k < m->nsch; k++) {
        double km;
        int mode;
        if (home >= 0 && m->sch[k].school == home) {
            km = sn_network_km(m->net, z, home);
            if (push_arc(m, gi, k, km, home_mode, h))
                return SN_ENOMEM;
        } else if (reach(m, z, g, k, &km, &mode) &&
                   push_arc(m, gi, k, km, mode, h)) {
            return SN_ENOMEM;
        }
    }
    if (keep_nearest_far(m, G->a0, h, home) != 0)
        return SN_ENOMEM;
    for (int a = G->a0; a < m->narc; a++) {
        const am_sch *s = &m->sch[m->arc[a].sch];
        const sn_school *ns = &m->net->schools[s->school];
        if (home >= 0 && s->school == home)
            G->home_arc = a;
        m->sch[m->arc[a].sch].has_arc[g] = 1;
        m->sch[m->arc[a].sch].has_board_arc |= m->arc[a].mode == AM_BOARD;
        /* a seat always exists at an existing public class-mode school in
         * reach: above the cap, or (boarding) above the beds */
        if (s->class_mode && !s->is_candidate && !ns->is_private)
            G->seated = 1;
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
                     int mode, int diverted)
{
    if (grow((void **)&m->fix, &m->fix_cap, m->nfix + 1, sizeof *m->fix))
        return SN_ENOMEM;
    int boarding = mode == AM_BOARD;
    m->fix[m->nfix++] = (am_fixed){z, g, k, d, km, mode, boarding, diverted};
    am_sch *h = &m->sch[k];
    h->fixed[g] += d;
    h->enrolled[g] += d;
    if (boarding)
        h->fixed_boarders += d;
    const sn_school *s = &m->net->schools[h->school];
    const sn_scenario *sc = m->sc;
    m->level[SN_LEVEL_COST].constant +=
        d * (km * sc->transport_cost_per_student_km +
             (s->is_private ? s->seat_price : 0.0) +
             (boarding ? am_boarding_cost(sc, g) : 0.0));
    m->level[SN_LEVEL_DIVERTED].constant += diverted ? d : 0;
    m->level[SN_LEVEL_KM].constant += d * km;
    return 0;
}

/* Places d enrolled pupils of zone z, grade g who stay at network school
 * `at`: enrolled pupils keep their school (issue 9), even beyond walking
 * and bus reach (AM_FAR, today's reality), and board there when their
 * grade may, the distance allows and beds are left.  A constant load when
 * `at` is always open, a conditional stay when it may close; pupils whose
 * school is not in the model (closed, another county) or at an unknown
 * distance are placed anew. */
static int place_stayers(am_model *m, int z, int g, int d, int h, int at)
{
    int k = at >= 0 ? m->local[at] : -1;
    if (k < 0)
        return add_group(m, z, g, d, h, -1, 0);
    double km;
    int mode;
    if (!reach(m, z, g, k, &km, &mode)) {
        if (km < 0 || !sn_school_teaches(&m->net->schools[at], g))
            return add_group(m, z, g, d, h, -1, 0);
        mode = AM_FAR;
    }
    am_sch *s = &m->sch[k];
    if (mode == AM_BOARD && s->fixed_boarders + s->stay_boarders + d > s->beds)
        mode = AM_FAR; /* no bed left: they stay as day pupils */
    if (s->ycol == 0)
        return add_fixed(m, z, g, k, d, km, mode, h >= 0 && at != h);
    if (mode == AM_BOARD)
        s->stay_boarders += d;
    s->enrolled[g] += d;
    return add_group(m, z, g, d, h, at, mode);
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
        return add_group(m, z, g, d, h, -1, 0);
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
                  : add_group(m, z, g, d, h, -1, 0);
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
        int enrolled = 0, grades = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            enrolled += h->enrolled[g];
            if (!h->class_mode || !sn_school_teaches(s, g) ||
                (!h->fixed[g] && !h->has_arc[g] && !h->enrolled[g]))
                continue;
            h->ncol[g] = ++c;
            h->ecol[g] = ++c;
            h->ocol[g] = ++c;
            grades++;
        }
        /* more grades may need a class than there are rooms (or than the
         * additions the order and budget allow) */
        if (h->class_mode && grades > h->rooms)
            h->scol = ++c;
        if (h->class_mode && h->has_board_arc)
            h->bcol = ++c;
        if (!h->class_mode && enrolled)
            h->seat_ocol = ++c;
    }
    m->ncols = c;
    m->is_int = calloc((size_t)c + 1, 1);
    m->ub = calloc((size_t)c + 1, sizeof *m->ub);
    m->lb = calloc((size_t)c + 1, sizeof *m->lb);
    if (!m->is_int || !m->ub || !m->lb)
        return SN_ENOMEM;
    return 0;
}

static int init_arc_terms(am_model *m)
{
    const sn_scenario *sc = m->sc;
    for (int a = 0; a < m->narc; a++) {
        const am_arc *A = &m->arc[a];
        const sn_school *s = &m->net->schools[m->sch[A->sch].school];
        int g = m->grp[A->grp].grade;
        m->is_int[A->col] = 1;
        m->ub[A->col] = m->grp[A->grp].demand;
        double cost = A->km * sc->transport_cost_per_student_km +
                      (s->is_private ? s->seat_price : 0.0) +
                      (A->boarding ? am_boarding_cost(sc, g) : 0.0);
        if (add_term(&m->level[SN_LEVEL_COST], A->col, cost) ||
            add_term(&m->level[SN_LEVEL_DIVERTED], A->col,
                     A->diverted ? 1.0 : 0.0) ||
            add_term(&m->level[SN_LEVEL_KM], A->col, A->km))
            return SN_ENOMEM;
    }
    for (int i = 0; i < m->ngrp; i++) {
        const am_grp *G = &m->grp[i];
        m->ub[G->ucol] = G->seated ? 0 : G->demand;
        if (add_term(&m->level[SN_LEVEL_UNPLACED], G->ucol, 1.0))
            return SN_ENOMEM;
    }
    return 0;
}

static int init_school_terms(am_model *m)
{
    double annuity = sn_scenario_annuity(m->sc);
    for (int k = 0; k < m->nsch; k++) {
        am_sch *h = &m->sch[k];
        const sn_school *s = &m->net->schools[h->school];
        int total_enrolled = 0, grades = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            grades += h->ncol[g] != 0;
        if (h->ycol) {
            m->is_int[h->ycol] = 1;
            m->ub[h->ycol] = 1;
            if (add_term(&m->level[SN_LEVEL_COST], h->ycol, h->open_cost))
                return SN_ENOMEM;
        }
        if (h->acol) {
            m->is_int[h->acol] = 1;
            m->ub[h->acol] = h->maxnew;
            if (add_term(&m->level[SN_LEVEL_COST], h->acol,
                         annuity * s->classroom_cost))
                return SN_ENOMEM;
        }
        for (int g = 1; g <= SN_GRADES; g++) {
            total_enrolled += h->enrolled[g];
            if (!h->ncol[g])
                continue;
            m->is_int[h->ncol[g]] = 1;
            m->ub[h->ncol[g]] = h->rooms + h->maxnew + grades;
            m->lb[h->ncol[g]] = h->fixed[g] > 0; /* never 0 classes */
            m->ub[h->ecol[g]] = INFINITY;
            m->ub[h->ocol[g]] = INFINITY; /* an over-cap seat for anyone */
            if (add_term(&m->level[SN_LEVEL_OVER_STANDARD], h->ecol[g], 1.0) ||
                add_term(&m->level[SN_LEVEL_OVER_CAP], h->ocol[g], 1.0))
                return SN_ENOMEM;
        }
        if (h->scol) {
            m->ub[h->scol] = grades - h->rooms;
            if (add_term(&m->level[SN_LEVEL_OVER_CAP], h->scol,
                         m->short_weight))
                return SN_ENOMEM;
        }
        if (h->bcol) { /* boarders above the beds: two to a bed */
            m->ub[h->bcol] = INFINITY;
            if (add_term(&m->level[SN_LEVEL_OVER_CAP], h->bcol, 1.0))
                return SN_ENOMEM;
        }
        if (h->seat_ocol) {
            m->ub[h->seat_ocol] = total_enrolled;
            if (add_term(&m->level[SN_LEVEL_OVER_CAP], h->seat_ocol, 1.0))
                return SN_ENOMEM;
        }
    }
    return 0;
}

/* The weighted sum of the levels, one term per column (weighted mode). */
static int init_weighted(am_model *m)
{
    const double *w = m->sc->objective_weight;
    double *coef = calloc((size_t)m->ncols + 1, sizeof *coef);
    if (!coef)
        return SN_ENOMEM;
    am_level *W = &m->level[AM_WEIGHTED];
    for (int k = 0; k < SN_LEVELS; k++) {
        W->constant += w[k] * m->level[k].constant;
        for (int i = 0; i < m->level[k].n; i++)
            coef[m->level[k].t[i].col] += w[k] * m->level[k].t[i].coef;
    }
    int rc = 0;
    for (int j = 1; j <= m->ncols && rc == 0; j++)
        rc = add_term(W, j, coef[j]);
    free(coef);
    return rc;
}

/* The county's hard cap per grade and the solve order. */
static void init_caps_and_order(am_model *m)
{
    const char *county = m->net->counties[m->county];
    int top = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        m->cap[g] = sn_scenario_cap(m->sc, county, m->year, g);
        /* look-ahead: classes sized for a stricter cap still to come */
        for (int y = m->year + 1;
             m->sc->look_ahead && y <= m->sc->plan_through; y++) {
            int later = sn_scenario_cap(m->sc, county, y, g);
            if (later < m->cap[g])
                m->cap[g] = later;
        }
        if (m->cap[g] > top)
            top = m->cap[g];
    }
    /* a class without a classroom weighs more than any class's pupils
     * above the cap: it is only ever run because a grade with pupils needs
     * a class (docs/model.md) */
    m->short_weight = (top < 200 ? top : 200) + 1;
    if (m->sc->objective_mode == SN_OBJECTIVE_WEIGHTED) {
        m->order[0] = AM_WEIGHTED;
        m->norder = 1;
    } else {
        memcpy(m->order, m->sc->objective_order, sizeof m->order);
        m->norder = SN_LEVELS;
    }
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
    init_caps_and_order(m);
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
        rc = init_arc_terms(m);
    if (rc == 0)
        rc = init_school_terms(m);
    if (rc == 0 && m->sc->objective_mode == SN_OBJECTIVE_WEIGHTED)
        rc = init_weighted(m);
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
    free(m->lb);
    for (int k = 0; k <= SN_LEVELS; k++)
        free(m->level[k].t);
    memset(m, 0, sizeof *m);
}

double am_level_value(const am_model *m, int k, const double *x)
{
    const am_level *l = &m->level[k];
    double v = l->constant;
    for (int i = 0; i < l->n; i++)
        v += l->t[i].coef * x[l->t[i].col];
    return v;
}

int am_better(const am_model *m, const double *a, const double *b)
{
    for (int i = 0; i < m->norder; i++) {
        int k = m->order[i];
        double va = am_level_value(m, k, a), vb = am_level_value(m, k, b);
        double tol = 1e-9 * fmax(1.0, fabs(vb));
        if (va < vb - tol)
            return 1;
        if (va > vb + tol)
            return 0;
    }
    return 0;
}
