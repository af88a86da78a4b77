/* teachers_model.c - the walking stage of one county part: its units,
 * cells, arcs and links, the greedy start, the fill pass, the rows of
 * teachers.csv and the week of each walking teacher (the search is in
 * teachers_cg.c).
 *
 * A point x is indexed by column numbers: x (periods, per arc); per link
 * z (0/1: used) and v (days there a week, the fewest that hold its
 * periods); u (uncovered periods) per cell.
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

static int in_part(const tm_model *m, const int *comp, int part, int s)
{
    return m->net->schools[s].county == m->county && m->st->school[s].open &&
           (!comp || comp[s] == part);
}

static int ceil_div(int a, int b)
{
    return a <= 0 ? 0 : (a + b - 1) / b;
}

int tm_home_days(const sn_network *net, const sn_staffing *st,
                 const int *homep, int t, int h)
{
    int total = 0, d = 0, pday = net->sc.max_periods_per_day;
    for (int j = 0; j < net->nsubjects; j++) {
        int p = homep[(size_t)t * NJ + (size_t)j];
        int dc = st->daycap[(size_t)h * NJ + (size_t)j];
        total += p;
        if (p > 0 && ceil_div(p, dc > 0 ? dc : 1) > d)
            d = ceil_div(p, dc > 0 ? dc : 1);
    }
    int dt = ceil_div(total, pday > 0 ? pday : 1);
    return dt > d ? dt : d;
}

int tm_spare(const sn_network *net, const int *homep, int t)
{
    int p = sn_staffing_capacity(&net->sc, &net->teachers[t]);
    for (int j = 0; j < net->nsubjects; j++)
        p -= homep[(size_t)t * NJ + (size_t)j];
    return p;
}

static int add_arc(tm_model *m, int k, int s, int j, int link, int ub)
{
    if (grow((void **)&m->arc, &m->arc_cap, m->narc + 1, sizeof *m->arc))
        return SN_ENOMEM;
    tm_arc a = {k, s, j, link, ub, 0};
    m->arc[m->narc++] = a;
    return 0;
}

/* Arcs (one link) of unit k at school s; 0 or SN_ENOMEM. */
static int add_away(tm_model *m, int k, int s, double km)
{
    const sn_teacher *T = &m->net->teachers[m->unit[k].t];
    int link = -1, cap = m->unit[k].cap;
    int days = SN_DAYS - m->unit[k].hdays;
    for (int j = 0; j < m->net->nsubjects; j++) {
        int c = m->cell_of[(size_t)s * NJ + (size_t)j];
        if (c < 0 || !sn_staffing_may_walk(m->net, T, j))
            continue;
        if (link < 0) {
            if (grow((void **)&m->link, &m->link_cap, m->nlink + 1,
                     sizeof *m->link))
                return SN_ENOMEM;
            link = m->nlink++;
            tm_link l = {k, s, 0, 0, m->narc, m->narc,
                         cap < days ? cap : days, km};
            m->link[link] = l;
        }
        const tm_cell *C = &m->cell[c];
        int per_day = C->daycap < m->ppv ? C->daycap : m->ppv;
        int ub = days * per_day;
        if (C->demand < ub)
            ub = C->demand;
        if (cap < ub)
            ub = cap;
        if (add_arc(m, k, s, j, link, ub))
            return SN_ENOMEM;
        m->link[link].a1 = m->narc;
    }
    return 0;
}

static int add_cells(tm_model *m, const int *comp, int part)
{
    const sn_network *net = m->net;
    for (int s = 0; s < net->nschools; s++) {
        if (!in_part(m, comp, part, s))
            continue;
        for (int j = 0; j < net->nsubjects; j++) {
            size_t k = (size_t)s * NJ + (size_t)j;
            int d = m->st->demand[k];
            if (d <= 0)
                continue;
            tm_cell c = {s, j, d, m->st->daycap[k] > 0 ? m->st->daycap[k] : 1,
                         sn_staffing_weight(net, j), 0};
            m->cell_of[k] = m->ncell;
            m->cell[m->ncell++] = c;
        }
    }
    /* take what the home stage covers */
    for (int t = 0; t < net->nteachers; t++) {
        int h = m->st->home[t];
        if (!in_part(m, comp, part, h))
            continue;
        for (int j = 0; j < net->nsubjects; j++) {
            int p = m->homep[(size_t)t * NJ + (size_t)j];
            int c = m->cell_of[(size_t)h * NJ + (size_t)j];
            if (p > 0 && c >= 0)
                m->cell[c].demand -= p;
        }
    }
    int n = 0; /* keep the cells left uncovered */
    for (int c = 0; c < m->ncell; c++) {
        const tm_cell *C = &m->cell[c];
        size_t k = (size_t)C->s * NJ + (size_t)C->j;
        m->cell_of[k] = -1;
        if (C->demand > 0) {
            m->cell_of[k] = n;
            m->cell[n++] = *C;
        }
    }
    m->ncell = n;
    return 0;
}

static int add_units(tm_model *m, const int *comp, int part)
{
    const sn_network *net = m->net;
    double maxkm = net->sc.max_itinerant_km;
    if (m->max_links <= 0)
        return 0;
    for (int t = 0; t < net->nteachers; t++) {
        int h = m->st->home[t];
        if (net->schools[h].county != m->county || (comp && comp[h] != part))
            continue;
        const sn_teacher *T = &net->teachers[t];
        int spare = tm_spare(net, m->homep, t);
        if (spare <= 0)
            continue;
        int k = m->nunit;
        tm_unit u = {t, h, spare,
                     tm_home_days(net, m->st, m->homep, t, h),
                     T->itinerant ? 1 : 2, m->narc, m->narc, m->nlink,
                     m->nlink};
        if (u.hdays >= SN_DAYS)
            continue;
        m->unit[k] = u;
        for (int s = 0; s < net->nschools; s++) {
            if (s == h || !in_part(m, comp, part, s))
                continue;
            double km = sn_staffing_km(net, h, s);
            if (km >= 0 && km <= maxkm + 1e-9 && add_away(m, k, s, km))
                return SN_ENOMEM;
        }
        m->unit[k].a1 = m->narc;
        m->unit[k].l1 = m->nlink;
        if (m->unit[k].l1 > m->unit[k].l0)
            m->nunit++; /* else: nowhere to walk, not a unit */
    }
    return 0;
}

int tm_init(tm_model *m, const sn_network *net, const sn_staffing *st,
            const int *homep, int county, const int *comp, int part)
{
    memset(m, 0, sizeof *m);
    m->net = net;
    m->st = st;
    m->homep = homep;
    m->county = county;
    m->ppv = sn_staffing_away_day(&net->sc);
    m->pday = net->sc.max_periods_per_day > 0 ? net->sc.max_periods_per_day : 1;
    m->max_links = net->sc.max_schools_per_teacher - 1;
    size_t ncells = (size_t)(net->nschools ? net->nschools : 1) * NJ;
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    m->cell_of = malloc(ncells * sizeof *m->cell_of);
    m->cell = malloc(ncells * sizeof *m->cell);
    m->unit = malloc(nt * sizeof *m->unit);
    if (!m->cell_of || !m->cell || !m->unit)
        return SN_ENOMEM;
    for (size_t i = 0; i < ncells; i++)
        m->cell_of[i] = -1;
    if (add_cells(m, comp, part) || add_units(m, comp, part))
        return SN_ENOMEM;
    int col = 0;
    for (int a = 0; a < m->narc; a++)
        m->arc[a].xcol = ++col;
    for (int l = 0; l < m->nlink; l++) {
        m->link[l].zcol = ++col;
        m->link[l].vcol = ++col;
    }
    for (int c = 0; c < m->ncell; c++)
        m->cell[c].ucol = ++col;
    m->ncols = col;
    return 0;
}

void tm_dispose(tm_model *m)
{
    free(m->unit);
    free(m->arc);
    free(m->link);
    free(m->cell);
    free(m->cell_of);
    memset(m, 0, sizeof *m);
}

/* ---- days --------------------------------------------------------------- */

static int cell_of_arc(const tm_model *m, const tm_arc *a)
{
    return m->cell_of[(size_t)a->s * NJ + (size_t)a->j];
}

/* Days of one link for its periods p[0..a1-a0). */
static int link_days(const tm_model *m, const int *p, int a0, int a1)
{
    int total = 0, d = 0;
    for (int a = a0; a < a1; a++) {
        total += p[a - a0];
        int dj = ceil_div(p[a - a0], m->cell[cell_of_arc(m, &m->arc[a])].daycap);
        if (dj > d)
            d = dj;
    }
    int dt = ceil_div(total, m->ppv);
    return dt > d ? dt : d;
}

int tm_days_of(const tm_model *m, int l, const int *p)
{
    return link_days(m, p, m->link[l].a0, m->link[l].a1);
}

int tm_unit_days(const tm_model *m, int k, const double *x, int add_arc,
                 int add_n)
{
    const tm_unit *q = &m->unit[k];
    int p[NJ + 1] = {0}, days = 0, away = 0;
    for (int l = q->l0; l < q->l1; l++) {
        const tm_link *L = &m->link[l];
        for (int i = L->a0; i < L->a1; i++) {
            p[i - L->a0] = (int)floor(x[m->arc[i].xcol] + 0.5) +
                           (i == add_arc ? add_n : 0);
            away |= p[i - L->a0] > 0;
        }
        days += link_days(m, p, L->a0, L->a1);
    }
    return away ? days + q->hdays : 0;
}

int tm_link_days(const tm_model *m, int l, const double *x)
{
    return (int)floor(x[m->link[l].vcol] + 0.5);
}

/* ---- greedy and fill ---------------------------------------------------- */

typedef struct fill_state {
    int *left;   /* per unit */
    int *rem;    /* per cell */
    int *links;  /* away schools used per unit */
    char *used;  /* per link */
} fill_state;

static void take(const tm_model *m, fill_state *f, double *x, int a)
{
    const tm_arc *A = &m->arc[a];
    int c = cell_of_arc(m, A);
    int n = f->left[A->k] < f->rem[c] ? f->left[A->k] : f->rem[c];
    if (n > A->ub - (int)floor(x[A->xcol] + 0.5))
        n = A->ub - (int)floor(x[A->xcol] + 0.5);
    if (n <= 0)
        return;
    if (!f->used[A->link] && f->links[A->k] >= m->max_links)
        return;
    while (n > 0 && tm_unit_days(m, A->k, x, a, n) > SN_DAYS)
        n--;
    if (n <= 0)
        return;
    if (!f->used[A->link]) {
        f->used[A->link] = 1;
        f->links[A->k]++;
    }
    x[A->xcol] += n;
    f->left[A->k] -= n;
    f->rem[c] -= n;
}

/* Sets z, v and u from the x part (v: the fewest days that hold the
 * periods). */
static void complete(const tm_model *m, double *x)
{
    for (int c = 0; c < m->ncell; c++)
        x[m->cell[c].ucol] = m->cell[c].demand;
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        double p = floor(x[A->xcol] + 0.5);
        x[A->xcol] = p;
        x[m->cell[cell_of_arc(m, A)].ucol] -= p;
    }
    int p[NJ + 1] = {0};
    for (int l = 0; l < m->nlink; l++) {
        const tm_link *L = &m->link[l];
        for (int i = L->a0; i < L->a1; i++)
            p[i - L->a0] = (int)x[m->arc[i].xcol];
        int d = link_days(m, p, L->a0, L->a1);
        x[L->vcol] = d;
        x[L->zcol] = d > 0;
    }
}

/* An away arc with its fill-order key: weight desc, weighted km asc,
 * index. */
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
    f.left = calloc((size_t)m->nunit + 1, sizeof *f.left);
    f.rem = calloc((size_t)m->ncell + 1, sizeof *f.rem);
    f.links = calloc((size_t)m->nunit + 1, sizeof *f.links);
    f.used = calloc((size_t)m->nlink + 1, 1);
    away_key *away = malloc(((size_t)m->narc + 1) * sizeof *away);
    if (!f.left || !f.rem || !f.links || !f.used || !away)
        goto done; /* out of memory: x stays as it is (still feasible) */
    for (int k = 0; k < m->nunit; k++)
        f.left[k] = m->unit[k].cap;
    for (int c = 0; c < m->ncell; c++)
        f.rem[c] = m->cell[c].demand;
    int naway; /* assigned apart: the goto above crosses it */
    naway = 0;
    for (int a = 0; a < m->narc; a++) {
        const tm_arc *A = &m->arc[a];
        int p = (int)floor(x[A->xcol] + 0.5);
        f.left[A->k] -= p;
        f.rem[cell_of_arc(m, A)] -= p;
        away_key key = {m->cell[cell_of_arc(m, A)].weight,
                        m->link[A->link].km * m->unit[A->k].kmw, a};
        away[naway++] = key;
        if (p > 0 && !f.used[A->link]) {
            f.used[A->link] = 1;
            f.links[A->k]++;
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

void tm_complete(const tm_model *m, double *x)
{
    complete(m, x);
}

double tm_level_value(const tm_model *m, int k, const double *x)
{
    double v = 0;
    if (k == 0) {
        for (int c = 0; c < m->ncell; c++)
            v += m->cell[c].weight * x[m->cell[c].ucol];
    } else if (k == 1) {
        for (int l = 0; l < m->nlink; l++)
            v += 2.0 * m->link[l].km * m->unit[m->link[l].k].kmw *
                 x[m->link[l].vcol];
    } else {
        for (int l = 0; l < m->nlink; l++)
            v += x[m->link[l].zcol];
    }
    return v;
}

/* ---- rows and the week -------------------------------------------------- */

static int add_row(sn_staffing *st, int t, int s, int j, int p, double km)
{
    sn_teach_row row = {t, s, j, p, km};
    return sn_staffing_add_row(st, &row);
}

int tm_extract(sn_staffing *st, const tm_model *m, const double *x)
{
    for (int l = 0; l < m->nlink; l++) {
        const tm_link *L = &m->link[l];
        int first = 1;
        for (int a = L->a0; a < L->a1; a++) {
            const tm_arc *A = &m->arc[a];
            int p = (int)floor(x[A->xcol] + 0.5);
            if (p <= 0)
                continue;
            double km = first ? 2.0 * L->km * tm_link_days(m, l, x) : 0.0;
            first = 0;
            if (add_row(st, m->unit[L->k].t, A->s, A->j, p, km))
                return SN_ENOMEM;
        }
    }
    return 0;
}

/* Periods of one subject at one school in a teacher's week. */
typedef struct day_item {
    int s, j, p, dc;
} day_item;

/* Spreads items it[0..n) of one school over days [d0, d0 + nd): each
 * period to the day with the most room left among those below the
 * subject's daycap; subjects tightest first.  Returns 0, SN_ENOMEM, or
 * SN_ESOLVER when a period finds no day. */
static int spread_days(sn_staffing *st, int t, day_item *it, int n, int d0,
                       int nd, int per_day)
{
    int load[SN_DAYS] = {0}, cnt[NJ][SN_DAYS];
    memset(cnt, 0, sizeof cnt);
    for (int i = 1; i < n; i++) /* insertion sort: p / dc descending */
        for (int j = i; j > 0 && (double)it[j].p / it[j].dc >
                                     (double)it[j - 1].p / it[j - 1].dc; j--) {
            day_item tmp = it[j];
            it[j] = it[j - 1];
            it[j - 1] = tmp;
        }
    for (int i = 0; i < n; i++)
        for (int p = it[i].p; p > 0; p--) {
            int best = -1;
            for (int d = 0; d < nd; d++)
                if (cnt[i][d] < it[i].dc && load[d] < per_day &&
                    (best < 0 || load[d] < load[best]))
                    best = d;
            if (best < 0)
                return SN_ESOLVER;
            cnt[i][best]++;
            load[best]++;
        }
    for (int d = 0; d < nd; d++)
        for (int j = 0; j < NJ; j++) /* rows in subject order */
            for (int i = 0; i < n; i++) {
                if (it[i].j != j || !cnt[i][d])
                    continue;
                sn_day_row row = {t, d0 + d, it[i].s, it[i].j, cnt[i][d]};
                if (sn_staffing_add_day(st, &row))
                    return SN_ENOMEM;
            }
    return 0;
}

int tm_week(sn_staffing *st, const tm_model *m, const double *x)
{
    day_item it[NJ];
    for (int k = 0; k < m->nunit; k++) {
        const tm_unit *q = &m->unit[k];
        if (tm_unit_days(m, k, x, -1, 0) == 0)
            continue;
        int n = 0, rc;
        for (int j = 0; j < m->net->nsubjects; j++) {
            int p = m->homep[(size_t)q->t * NJ + (size_t)j];
            int dc = m->st->daycap[(size_t)q->home * NJ + (size_t)j];
            if (p > 0) {
                day_item d = {q->home, j, p, dc > 0 ? dc : 1};
                it[n++] = d;
            }
        }
        if ((rc = spread_days(st, q->t, it, n, 0, q->hdays, m->pday)) != 0)
            return rc;
        int day = q->hdays;
        for (int l = q->l0; l < q->l1; l++) {
            const tm_link *L = &m->link[l];
            int pl[NJ + 1] = {0};
            n = 0;
            for (int a = L->a0; a < L->a1; a++) {
                const tm_arc *A = &m->arc[a];
                pl[a - L->a0] = (int)floor(x[A->xcol] + 0.5);
                if (pl[a - L->a0] > 0) {
                    day_item d = {A->s, A->j, pl[a - L->a0],
                                  m->cell[cell_of_arc(m, A)].daycap};
                    it[n++] = d;
                }
            }
            int nd = link_days(m, pl, L->a0, L->a1);
            if (day + nd > SN_DAYS)
                return SN_ESOLVER;
            if ((rc = spread_days(st, q->t, it, n, day, nd, m->ppv)) != 0)
                return rc;
            day += nd;
        }
    }
    return 0;
}
