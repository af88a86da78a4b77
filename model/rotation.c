/* rotation.c - greedy yearly teacher rotation meeting the county quotas
 * (rules and method in rotation.h).
 *
 * Invariants while a county is planned: count[s] is the number of teachers
 * whose home is s now, Q their qualified capacity, Q0 the qualified
 * capacity after the redeployment (the coverage each school keeps); a
 * teacher moves at most once.
 */
#include "model/rotation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/redeploy.h"

#define NJ SN_MAX_SUBJECTS
#define KEEP 24 /* candidate destinations (partners) kept per teacher */

typedef struct cand {
    double cost;
    int teacher, to, subject; /* swaps: `to` is the partner teacher */
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    if (x->teacher != y->teacher)
        return x->teacher < y->teacher ? -1 : 1;
    return (x->to > y->to) - (x->to < y->to);
}

/* Keeps the KEEP cheapest of c[0..*n) plus x. */
static void keep(cand *c, int *n, cand x)
{
    if (*n < KEEP) {
        c[(*n)++] = x;
        return;
    }
    int worst = 0;
    for (int i = 1; i < *n; i++)
        if (cmp_cand(&c[i], &c[worst]) > 0)
            worst = i;
    if (cmp_cand(&x, &c[worst]) < 0)
        c[worst] = x;
}

typedef struct rot {
    sn_staffing *st;
    const sn_network *net;
    int *need, *Q, *Q0;   /* [s * NJ + j] */
    int *count;           /* per school */
    char *moved;          /* per teacher */
    int movers, strong;   /* this county so far */
} rot;

int sn_rotation_eligible(const sn_staffing *st, const sn_network *net, int t)
{
    int h = st->start[t], min = net->sc.rotation_min_years;
    return st->home[t] == h && st->school[h].open && st->years[t] >= min &&
           (st->last_rotated[t] == 0 || st->year - st->last_rotated[t] >= min);
}

static int cap_of(const rot *r, int t)
{
    return sn_staffing_capacity(&r->net->sc, &r->net->teachers[t]);
}

/* Whether school s keeps its coverage when teacher `out` leaves and
 * teacher `in` (or -1) arrives. */
static int covered(const rot *r, int s, int out, int in)
{
    const sn_network *net = r->net;
    unsigned long long so = net->teachers[out].subjects;
    unsigned long long si = in >= 0 ? net->teachers[in].subjects : 0;
    int co = cap_of(r, out), ci = in >= 0 ? cap_of(r, in) : 0;
    for (int j = 0; j < net->nsubjects; j++) {
        if (!(so >> j & 1))
            continue;
        size_t k = (size_t)s * NJ + (size_t)j;
        int d = r->st->demand[k];
        int q = r->Q[k] - co + ((si >> j & 1) ? ci : 0);
        if ((q < d ? q : d) < (r->Q0[k] < d ? r->Q0[k] : d))
            return 0;
    }
    return 1;
}

/* Best KEEP one-way destinations of teacher t appended to c. */
static int oneway_cands(cand *c, const rot *r, int t)
{
    const sn_network *net = r->net;
    const sn_staffing *st = r->st;
    const sn_teacher *T = &net->teachers[t];
    int h = st->home[t], n = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        if (s == h || !ss->open || ss->status != SN_STAFF_UNDER ||
            net->schools[s].county != net->schools[h].county)
            continue;
        double km = sn_staffing_km(net, h, s);
        if (km < 0)
            continue;
        int best = -1;
        const int *need = r->need + (size_t)s * NJ;
        for (int j = 0; j < net->nsubjects; j++)
            if ((T->subjects >> j & 1) && st->demand[(size_t)s * NJ + j] > 0 &&
                (best < 0 || need[j] > need[best]))
                best = j;
        if (best < 0)
            continue;
        cand x = {km + (need[best] > 0 ? 0 : 40) +
                      (net->schools[s].urban ? 20 : 0), t, s, best};
        keep(c, &n, x);
    }
    return n;
}

static int swappable(const rot *r, int t)
{
    const sn_school_staff *ss = &r->st->school[r->st->home[t]];
    return ss->open && ss->status != SN_STAFF_OVER;
}

/* Eligible teachers of a county by school: first[s] .. next[t] (input
 * order), and the schools in order of swap cost from one school. */
typedef struct school_cost {
    double cost;
    int s;
} school_cost;

typedef struct by_school {
    int *first, *next;    /* per school, per teacher; -1 ends */
    school_cost *order;   /* scratch: schools by cost */
} by_school;

static int cmp_school(const void *pa, const void *pb)
{
    const school_cost *a = pa, *b = pb;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return (a->s > b->s) - (a->s < b->s);
}

/* Schools with eligible swappable teachers, by cost from x: km (+ 30 when
 * generic and the school is urban); returns their number. */
static int order_from(by_school *B, const rot *r, int x, int helping)
{
    const sn_network *net = r->net;
    int n = 0;
    for (int y = 0; y < net->nschools; y++) {
        if (y == x || B->first[y] < 0)
            continue;
        double km = sn_staffing_km(net, x, y);
        if (km < 0)
            continue;
        school_cost e = {km + (!helping && net->schools[y].urban ? 30 : 0), y};
        B->order[n++] = e;
    }
    qsort(B->order, (size_t)n, sizeof *B->order, cmp_school);
    return n;
}

/* Best KEEP swap partners of teacher a (schools in B->order[0..ns));
 * helping: a is strong at an urban school and the partner is not strong
 * at a rural one. */
static int swap_cands(cand *c, const rot *r, const by_school *B, int ns,
                      int a, int helping)
{
    const sn_network *net = r->net;
    const sn_teacher *A = &net->teachers[a];
    int x = r->st->home[a], n = 0;
    if (helping && (!sn_teacher_strong(A) || !net->schools[x].urban))
        return 0;
    for (int i = 0; i < ns && n < KEEP; i++) {
        int y = B->order[i].s;
        if (helping && net->schools[y].urban)
            continue;
        for (int b = B->first[y]; b >= 0 && n < KEEP; b = B->next[b]) {
            const sn_teacher *T = &net->teachers[b];
            if (helping && sn_teacher_strong(T))
                continue;
            unsigned long long common = A->subjects & T->subjects;
            int j = -1;
            for (int k = 0; common && k < net->nsubjects; k++)
                if ((common >> k & 1) && r->st->demand[(size_t)x * NJ + k] > 0 &&
                    r->st->demand[(size_t)y * NJ + k] > 0) {
                    j = k;
                    break;
                }
            if (j >= 0) {
                cand v = {B->order[i].cost, a, b, j};
                c[n++] = v;
            }
        }
    }
    return n;
}

static int do_move(rot *r, int t, int to, int subject, int swap)
{
    const sn_network *net = r->net;
    int h = r->st->home[t], cap = cap_of(r, t);
    sn_move m = {t, h, to, subject, swap};
    if (sn_staffing_add_move(r->st, &m))
        return SN_ENOMEM;
    for (int j = 0; j < net->nsubjects; j++)
        if (net->teachers[t].subjects >> j & 1) {
            r->Q[(size_t)h * NJ + (size_t)j] -= cap;
            r->Q[(size_t)to * NJ + (size_t)j] += cap;
        }
    r->moved[t] = 1;
    r->count[h]--;
    r->count[to]++;
    r->st->home[t] = to;
    r->movers++;
    r->strong += sn_teacher_strong(&net->teachers[t]);
    return 0;
}

/* One-way moves over -> under while the target is not met (on the strong
 * count when strong_only, else on movers); capped: within the sender's
 * surplus. */
static int sweep(rot *r, const cand *c, size_t nc, int strong_only,
                 int capped, int target)
{
    const sn_network *net = r->net;
    for (size_t i = 0; i < nc; i++) {
        if ((strong_only ? r->strong : r->movers) >= target)
            break;
        int t = c[i].teacher, h = r->st->home[t], s = c[i].to;
        if (r->moved[t] ||
            (strong_only && !sn_teacher_strong(&net->teachers[t])))
            continue;
        if ((capped && r->count[h] <= r->st->school[h].quota) ||
            r->count[s] >= r->st->school[s].quota || !covered(r, h, t, -1))
            continue;
        if (do_move(r, t, s, c[i].subject, 0))
            return SN_ENOMEM;
    }
    return 0;
}

/* Swaps while the target is not met; strong_only: teacher a is strong and
 * the target is on strong movers. */
static int swap_sweep(rot *r, const cand *c, size_t nc, int strong_only,
                      int target, int *swaps)
{
    for (size_t i = 0; i < nc; i++) {
        if ((strong_only ? r->strong : r->movers) >= target)
            break;
        int a = c[i].teacher, b = c[i].to;
        if (r->moved[a] || r->moved[b] ||
            (strong_only && !sn_teacher_strong(&r->net->teachers[a])))
            continue;
        int x = r->st->home[a], y = r->st->home[b];
        if (!covered(r, x, a, b) || !covered(r, y, b, a))
            continue;
        if (do_move(r, a, y, c[i].subject, 1) ||
            do_move(r, b, x, c[i].subject, 1))
            return SN_ENOMEM;
        (*swaps)++;
    }
    return 0;
}

typedef struct lists {
    cand *one, *any, *help;
    size_t n1, n2, n3;
} lists;

static int build_lists(lists *L, const rot *r, const int *elig, int ne)
{
    const sn_network *net = r->net;
    size_t n = ((size_t)ne + 1) * KEEP, ns = (size_t)net->nschools + 1;
    by_school B = {malloc(ns * sizeof(int)),
                   malloc(((size_t)net->nteachers + 1) * sizeof(int)),
                   malloc(ns * sizeof(school_cost))};
    L->one = malloc(n * sizeof *L->one);
    L->any = malloc(n * sizeof *L->any);
    L->help = malloc(n * sizeof *L->help);
    int rc = SN_ENOMEM;
    if (!L->one || !L->any || !L->help || !B.first || !B.next || !B.order)
        goto done;
    L->n1 = L->n2 = L->n3 = 0;
    for (int s = 0; s < net->nschools; s++)
        B.first[s] = -1;
    for (int i = ne - 1; i >= 0; i--) { /* swappable, in input order */
        int t = elig[i], h = r->st->home[t];
        if (!swappable(r, t))
            continue;
        B.next[t] = B.first[h];
        B.first[h] = t;
    }
    for (int i = 0; i < ne; i++)
        if (r->st->school[r->st->home[elig[i]]].status == SN_STAFF_OVER)
            L->n1 += (size_t)oneway_cands(L->one + L->n1, r, elig[i]);
    for (int x = 0; x < net->nschools; x++) {
        if (B.first[x] < 0)
            continue;
        for (int helping = 0; helping < 2; helping++) {
            int ns_ord = order_from(&B, r, x, helping);
            for (int a = B.first[x]; a >= 0; a = B.next[a]) {
                if (helping)
                    L->n3 += (size_t)swap_cands(L->help + L->n3, r, &B,
                                                ns_ord, a, 1);
                else
                    L->n2 += (size_t)swap_cands(L->any + L->n2, r, &B,
                                                ns_ord, a, 0);
            }
        }
    }
    if (L->n1)
        qsort(L->one, L->n1, sizeof *L->one, cmp_cand);
    if (L->n2)
        qsort(L->any, L->n2, sizeof *L->any, cmp_cand);
    if (L->n3)
        qsort(L->help, L->n3, sizeof *L->help, cmp_cand);
    rc = 0;
done:
    free(B.first);
    free(B.next);
    free(B.order);
    return rc;
}

static int plan_county(rot *r, int county, int *elig)
{
    sn_staffing *st = r->st;
    const sn_network *net = r->net;
    sn_county_staff *cs = &st->county[county];
    int ne = 0;
    for (int t = 0; t < net->nteachers; t++)
        if (net->schools[st->home[t]].county == county &&
            sn_rotation_eligible(st, net, t))
            elig[ne++] = t;
    cs->eligible = ne;
    r->movers = r->strong = 0;
    lists L = {NULL, NULL, NULL, 0, 0, 0};
    int rc = build_lists(&L, r, elig, ne);
    double share = net->sc.rotation_excellent_share;
    int qm = (int)ceil(net->sc.rotation_rate * ne - 1e-9);
    /* swaps may overshoot the movers' quota by one: aim the strong quota
     * at qm + 1 movers so it holds either way */
    int qs = (int)ceil(share * (qm + 1) - 1e-9);
    if (qs > qm + 1)
        qs = qm + 1;
    if (qm == 0)
        qs = 0;
    int swaps = 0;
    if (rc == 0)
        rc = swap_sweep(r, L.help, L.n3, 1, qs, &swaps);
    for (int capped = 1; capped >= 0 && rc == 0; capped--)
        rc = sweep(r, L.one, L.n1, 1, capped, qs);
    if (rc == 0)
        rc = swap_sweep(r, L.any, L.n2, 1, qs, &swaps);
    for (int capped = 1; capped >= 0 && rc == 0; capped--)
        rc = sweep(r, L.one, L.n1, 0, capped, qm);
    if (rc == 0)
        rc = swap_sweep(r, L.any, L.n2, 0, qm, &swaps);
    free(L.one);
    free(L.any);
    free(L.help);
    cs->quota_movers = qm;
    cs->quota_strong = sn_rotation_strong_quota(&net->sc, qm, r->movers);
    cs->swaps = swaps;
    return rc;
}

int sn_rotation_strong_quota(const sn_scenario *sc, int quota_movers,
                             int movers)
{
    int m = movers > quota_movers ? movers : quota_movers;
    return (int)ceil(sc->rotation_excellent_share * m - 1e-9);
}

void sn_rotation_shares(double *urban, double *rural, const sn_network *net,
                        const sn_staffing *st, const int *home, int county)
{
    long n[2] = {0, 0}, k[2] = {0, 0};
    for (int t = 0; t < net->nteachers; t++) {
        int s = home[t];
        if (net->schools[s].county != county || !st->school[s].open)
            continue;
        int u = net->schools[s].urban ? 0 : 1;
        n[u]++;
        k[u] += sn_teacher_strong(&net->teachers[t]);
    }
    *urban = n[0] ? (double)k[0] / (double)n[0] : 0.0;
    *rural = n[1] ? (double)k[1] / (double)n[1] : 0.0;
}

int sn_rotation_plan(sn_staffing *st, const sn_network *net, sn_error *err)
{
    size_t ncell = (size_t)(net->nschools ? net->nschools : 1) * NJ;
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    rot r = {st, net, malloc(ncell * sizeof(int)), malloc(ncell * sizeof(int)),
             malloc(ncell * sizeof(int)),
             calloc((size_t)net->nschools + 1, sizeof(int)), calloc(nt, 1),
             0, 0};
    int *elig = malloc(nt * sizeof *elig);
    int rc = SN_ENOMEM;
    if (!r.need || !r.Q || !r.Q0 || !r.count || !r.moved || !elig ||
        sn_staffing_need(r.need, st, net, st->home))
        goto done;
    sn_staffing_qualified(r.Q, net, st->home);
    memcpy(r.Q0, r.Q, (size_t)net->nschools * NJ * sizeof *r.Q0);
    for (int t = 0; t < net->nteachers; t++)
        r.count[st->home[t]]++;
    rc = 0;
    for (int c = 0; c < net->ncounties && rc == 0; c++)
        rc = plan_county(&r, c, elig);
    if (rc)
        goto done;
    for (size_t i = 0; i < st->nmoves; i++) {
        const sn_move *m = &st->moves[i];
        sn_county_staff *cs = &st->county[net->schools[m->from].county];
        cs->movers++;
        cs->strong_movers += sn_teacher_strong(&net->teachers[m->teacher]);
    }
    for (int c = 0; c < net->ncounties; c++) {
        sn_county_staff *cs = &st->county[c];
        sn_rotation_shares(&cs->strong_urban_before, &cs->strong_rural_before,
                           net, st, st->start, c);
        sn_rotation_shares(&cs->strong_urban_after, &cs->strong_rural_after,
                           net, st, st->home, c);
    }
    sn_staffing_tally(st, net);
done:
    free(r.need);
    free(r.Q);
    free(r.Q0);
    free(r.count);
    free(r.moved);
    free(elig);
    return rc ? sn_error_set(err, rc, "out of memory") : 0;
}
