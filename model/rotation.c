/* rotation.c - greedy yearly teacher rotation meeting the county quotas
 * (rules and method in rotation.h). */
#include "model/rotation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS
#define KEEP 24 /* candidate destinations kept per teacher */

typedef struct cand {
    double cost;
    int teacher, to, subject;
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

/* Estimated periods of subject j that school s's own teachers cannot give:
 * each teacher (fewest subjects first) spreads its capacity over its
 * subjects, largest remaining demand first. */
static int estimate_need(int *need, const sn_staffing *st,
                         const sn_network *net)
{
    size_t ns = (size_t)net->nschools;
    memcpy(need, st->demand, ns * NJ * sizeof *need);
    int *order = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                        sizeof *order);
    if (!order)
        return SN_ENOMEM;
    int n = 0;
    for (int k = 1; k <= SN_MAX_SUBJECTS; k++) /* by number of subjects */
        for (int t = 0; t < net->nteachers; t++)
            if (__builtin_popcountll(net->teachers[t].subjects) == k)
                order[n++] = t;
    for (int i = 0; i < n; i++) {
        const sn_teacher *T = &net->teachers[order[i]];
        int left = sn_staffing_capacity(&net->sc, T);
        int *row = need + (size_t)T->school * NJ;
        while (left > 0) {
            int best = -1;
            for (int j = 0; j < net->nsubjects; j++)
                if ((T->subjects >> j & 1) && row[j] > 0 &&
                    (best < 0 || row[j] > row[best]))
                    best = j;
            if (best < 0)
                break;
            int take = row[best] < left ? row[best] : left;
            row[best] -= take;
            left -= take;
        }
    }
    free(order);
    return 0;
}

static int eligible(const sn_network *net, const sn_staffing *st, int t)
{
    const sn_teacher *T = &net->teachers[t];
    return T->years_at_school >= net->sc.rotation_min_years &&
           st->school[T->school].open;
}

/* Best KEEP destinations of teacher t appended to c; returns the count. */
static int candidates(cand *c, const sn_network *net, const sn_staffing *st,
                      const int *need, int t)
{
    const sn_teacher *T = &net->teachers[t];
    int h = T->school, n = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        if (s == h || !ss->open || ss->status != SN_STAFF_UNDER ||
            net->schools[s].county != net->schools[h].county)
            continue;
        double km = sn_staffing_km(net, h, s);
        if (km < 0)
            continue;
        int best = -1;
        for (int j = 0; j < net->nsubjects; j++)
            if ((T->subjects >> j & 1) && st->demand[(size_t)s * NJ + j] > 0 &&
                (best < 0 || need[(size_t)s * NJ + j] >
                                 need[(size_t)s * NJ + best]))
                best = j;
        if (best < 0)
            continue;
        double cost = km + (need[(size_t)s * NJ + best] > 0 ? 0 : 40) +
                      (net->schools[s].urban ? 20 : 0);
        cand x = {cost, t, s, best};
        if (n < KEEP) {
            c[n++] = x;
        } else {
            int worst = 0;
            for (int i = 1; i < n; i++)
                if (cmp_cand(&c[i], &c[worst]) > 0)
                    worst = i;
            if (cmp_cand(&x, &c[worst]) < 0)
                c[worst] = x;
        }
    }
    return n;
}

typedef struct county_run {
    int *in, *out;       /* per school */
    char *moved;         /* per teacher */
    int movers, strong;  /* this county so far */
} county_run;

static int do_move(sn_staffing *st, const sn_network *net, county_run *r,
                   int t, int to, int subject)
{
    int h = net->teachers[t].school;
    sn_move m = {t, h, to, subject};
    if (sn_staffing_add_move(st, &m))
        return SN_ENOMEM;
    r->moved[t] = 1;
    r->in[to]++;
    r->out[h]++;
    st->home[t] = to;
    r->movers++;
    r->strong += sn_teacher_strong(&net->teachers[t]);
    return 0;
}

/* One-way moves over -> under while the target is not met (target on the
 * strong count when strong_only, else on movers). */
static int sweep(sn_staffing *st, const sn_network *net, const cand *c,
                 size_t nc, county_run *r, int strong_only, int capped,
                 int target)
{
    for (size_t i = 0; i < nc; i++) {
        if ((strong_only ? r->strong : r->movers) >= target)
            break;
        int t = c[i].teacher, h = net->teachers[t].school, s = c[i].to;
        if (r->moved[t] || (strong_only && !sn_teacher_strong(&net->teachers[t])))
            continue;
        const sn_school_staff *src = &st->school[h], *dst = &st->school[s];
        if (capped && r->out[h] >= src->actual - src->required)
            continue;
        if (dst->actual + r->in[s] - r->out[s] >= dst->required)
            continue;
        if (do_move(st, net, r, t, s, c[i].subject))
            return SN_ENOMEM;
    }
    return 0;
}

/* A swap: teacher a (cand.teacher) goes to b's school, b to a's, both to
 * teach cand.subject, which both schools teach. */
static int swappable(const sn_network *net, const sn_staffing *st, int t)
{
    int h = net->teachers[t].school;
    return st->school[h].open && st->school[h].status != SN_STAFF_OVER;
}

/* Best KEEP partners b of teacher a (eligible, at a full or under school). */
static int swap_candidates(cand *c, const sn_network *net,
                           const sn_staffing *st, const int *elig, int ne,
                           int a)
{
    const sn_teacher *A = &net->teachers[a];
    int x = A->school, n = 0;
    for (int i = 0; i < ne; i++) {
        int b = elig[i];
        const sn_teacher *B = &net->teachers[b];
        int y = B->school;
        if (y == x || !swappable(net, st, b))
            continue;
        unsigned long long common = A->subjects & B->subjects;
        int j = -1;
        for (int k = 0; common && k < net->nsubjects; k++)
            if ((common >> k & 1) && st->demand[(size_t)x * NJ + k] > 0 &&
                st->demand[(size_t)y * NJ + k] > 0) {
                j = k;
                break;
            }
        double km = j < 0 ? -1 : sn_staffing_km(net, x, y);
        if (km < 0)
            continue;
        cand v = {km + (net->schools[y].urban ? 30 : 0), a, b, j};
        if (n < KEEP) {
            c[n++] = v;
        } else {
            int worst = 0;
            for (int q = 1; q < n; q++)
                if (cmp_cand(&c[q], &c[worst]) > 0)
                    worst = q;
            if (cmp_cand(&v, &c[worst]) < 0)
                c[worst] = v;
        }
    }
    return n;
}

/* Swaps (cand.to is the partner teacher here) while the target is not met;
 * strong_only: teacher a must be strong and the target is on strong. */
static int swap_sweep(sn_staffing *st, const sn_network *net, const cand *c,
                      size_t nc, county_run *r, int strong_only, int target)
{
    for (size_t i = 0; i < nc; i++) {
        if ((strong_only ? r->strong : r->movers) >= target)
            break;
        int a = c[i].teacher, b = c[i].to;
        if (r->moved[a] || r->moved[b] ||
            (strong_only && !sn_teacher_strong(&net->teachers[a])))
            continue;
        int x = net->teachers[a].school, y = net->teachers[b].school;
        if (do_move(st, net, r, a, y, c[i].subject) ||
            do_move(st, net, r, b, x, c[i].subject))
            return SN_ENOMEM;
    }
    return 0;
}

/* Candidate lists of a county: one-way (from over schools) and swaps. */
static int build_cands(cand **one, size_t *n1, cand **two, size_t *n2,
                       const sn_network *net, const sn_staffing *st,
                       const int *need, const int *elig, int ne)
{
    *one = malloc(((size_t)ne + 1) * KEEP * sizeof **one);
    *two = malloc(((size_t)ne + 1) * KEEP * sizeof **two);
    if (!*one || !*two)
        return SN_ENOMEM;
    *n1 = *n2 = 0;
    for (int i = 0; i < ne; i++) {
        int t = elig[i];
        if (st->school[net->teachers[t].school].status == SN_STAFF_OVER)
            *n1 += (size_t)candidates(*one + *n1, net, st, need, t);
        else
            *n2 += (size_t)swap_candidates(*two + *n2, net, st, elig, ne, t);
    }
    if (*n1)
        qsort(*one, *n1, sizeof **one, cmp_cand);
    if (*n2)
        qsort(*two, *n2, sizeof **two, cmp_cand);
    return 0;
}

static int plan_county(sn_staffing *st, const sn_network *net, int county,
                       const int *need, county_run *r, int *elig)
{
    sn_county_staff *cs = &st->county[county];
    int ne = 0;
    for (int t = 0; t < net->nteachers; t++)
        if (net->schools[net->teachers[t].school].county == county &&
            eligible(net, st, t))
            elig[ne++] = t;
    cs->eligible = ne;
    r->movers = r->strong = 0;
    cand *one = NULL, *two = NULL;
    size_t n1 = 0, n2 = 0;
    int rc = build_cands(&one, &n1, &two, &n2, net, st, need, elig, ne);
    double share = net->sc.rotation_excellent_share;
    int qm = (int)ceil(net->sc.rotation_rate * ne - 1e-9);
    /* swaps may overshoot the movers' quota by one: aim the strong quota
     * at qm + 1 movers so it holds either way */
    int qs = (int)ceil(share * (qm + 1) - 1e-9);
    if (qs > qm + 1)
        qs = qm + 1;
    if (qm == 0)
        qs = 0;
    for (int capped = 1; capped >= 0 && rc == 0; capped--)
        rc = sweep(st, net, one, n1, r, 1, capped, qs);
    if (rc == 0)
        rc = swap_sweep(st, net, two, n2, r, 1, qs);
    for (int capped = 1; capped >= 0 && rc == 0; capped--)
        rc = sweep(st, net, one, n1, r, 0, capped, qm);
    if (rc == 0)
        rc = swap_sweep(st, net, two, n2, r, 0, qm);
    free(one);
    free(two);
    cs->quota_movers = qm;
    cs->quota_strong = sn_rotation_strong_quota(&net->sc, qm, r->movers);
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
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    int *need = malloc(ns * NJ * sizeof *need);
    int *orig = malloc(nt * sizeof *orig);
    int *elig = malloc(nt * sizeof *elig);
    county_run r = {calloc(ns, sizeof(int)), calloc(ns, sizeof(int)),
                    calloc(nt, 1), 0, 0};
    int rc = SN_ENOMEM;
    if (!need || !orig || !elig || !r.in || !r.out || !r.moved ||
        estimate_need(need, st, net))
        goto done;
    for (int t = 0; t < net->nteachers; t++)
        orig[t] = st->home[t] = net->teachers[t].school;
    rc = 0;
    for (int c = 0; c < net->ncounties && rc == 0; c++)
        rc = plan_county(st, net, c, need, &r, elig);
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
                           net, st, orig, c);
        sn_rotation_shares(&cs->strong_urban_after, &cs->strong_rural_after,
                           net, st, st->home, c);
    }
    sn_staffing_tally(st, net);
done:
    free(need);
    free(orig);
    free(elig);
    free(r.in);
    free(r.out);
    free(r.moved);
    return rc ? sn_error_set(err, rc, "out of memory") : 0;
}
