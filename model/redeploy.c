/* redeploy.c - new homes for the teachers of closed schools and for
 * surplus teachers (rules and method in redeploy.h).
 *
 * Invariants while a county is planned: count[s] is the number of teachers
 * whose home is s now; need and Q describe those homes (need only at
 * receiving schools: it is only read there); a teacher moves at most once.
 */
#include "model/redeploy.h"

#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS
#define FAR 1e12 /* km of a pair without coordinates: last in every order */

void sn_staffing_qualified(int *Q, const sn_network *net, const int *home)
{
    memset(Q, 0, (size_t)net->nschools * NJ * sizeof *Q);
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        int cap = sn_staffing_capacity(&net->sc, T);
        for (int j = 0; j < net->nsubjects; j++)
            if (T->subjects >> j & 1)
                Q[(size_t)home[t] * NJ + (size_t)j] += cap;
    }
}

/* Spreads `cap` periods of a teacher with `subjects` over need[0..nj),
 * highest priority first, then the largest need: returns the weighted
 * periods covered, the subject of the largest share in *main (-1: none),
 * and takes them from need when apply is set.  `allowed` (or NULL)
 * restricts the subjects. */
static int spread(int *need, const sn_network *net, unsigned long long subjects,
                  int cap, const char *allowed, int apply, int *main)
{
    int left = cap, gain = 0, best_take = 0, taken[NJ] = {0};
    *main = -1;
    while (left > 0) {
        int b = -1;
        for (int j = 0; j < net->nsubjects; j++) {
            if (!(subjects >> j & 1) || need[j] - taken[j] <= 0 ||
                (allowed && !allowed[j]))
                continue;
            if (b < 0)
                b = j;
            else {
                int wj = sn_staffing_weight(net, j), wb = sn_staffing_weight(net, b);
                if (wj > wb || (wj == wb && need[j] - taken[j] >
                                                need[b] - taken[b]))
                    b = j;
            }
        }
        if (b < 0)
            break;
        int n = need[b] - taken[b] < left ? need[b] - taken[b] : left;
        taken[b] += n;
        left -= n;
        gain += n * sn_staffing_weight(net, b);
    }
    for (int j = 0; j < net->nsubjects; j++) {
        int w = taken[j] * sn_staffing_weight(net, j);
        if (taken[j] > 0 && (*main < 0 || w > best_take)) {
            *main = j;
            best_take = w;
        }
        if (apply)
            need[j] -= taken[j];
    }
    return gain;
}

int sn_staffing_need(int *need, const sn_staffing *st, const sn_network *net,
                     const int *home)
{
    size_t ns = (size_t)net->nschools;
    for (size_t s = 0; s < ns; s++)
        for (size_t j = 0; j < NJ; j++)
            need[s * NJ + j] = st->school[s].open ? st->demand[s * NJ + j] : 0;
    int *order = malloc((size_t)(net->nteachers ? net->nteachers : 1) *
                        sizeof *order);
    if (!order)
        return SN_ENOMEM;
    int n = 0;
    for (int k = 1; k <= NJ; k++) /* by number of subjects */
        for (int t = 0; t < net->nteachers; t++)
            if (__builtin_popcountll(net->teachers[t].subjects) == k)
                order[n++] = t;
    for (int i = 0; i < n; i++) {
        const sn_teacher *T = &net->teachers[order[i]];
        int h = home[order[i]], main;
        if (st->school[h].open)
            spread(need + (size_t)h * NJ, net, T->subjects,
                   sn_staffing_capacity(&net->sc, T), NULL, 1, &main);
    }
    free(order);
    return 0;
}

typedef struct cand {
    int gain, s, subject;
    double km;
} cand;

typedef struct rd {
    sn_staffing *st;
    const sn_network *net;
    int county;
    int *cand, ncand;    /* teachers with moving set, input order */
    int *need, *Q, *Q0;  /* [s * NJ + j] */
    int *count, *out;    /* per school */
    char *moving;        /* per teacher: a candidate not yet placed */
    cand *best;          /* per teacher, cached (gains only fall) */
} rd;

static int room(const rd *r, int s)
{
    return r->count[s] < r->st->school[s].quota;
}

/* The subjects school s lacks qualified capacity in (surplus moves). */
static void lacking(const rd *r, int s, char *allowed)
{
    const int *D = r->st->demand + (size_t)s * NJ, *Q = r->Q + (size_t)s * NJ;
    for (int j = 0; j < NJ; j++)
        allowed[j] = j < r->net->nsubjects && Q[j] < D[j];
}

/* Gain of teacher t at school s (-1: not allowed). */
static int gain_at(const rd *r, int t, int s, int surplus, int *subject)
{
    const sn_network *net = r->net;
    const sn_teacher *T = &net->teachers[t];
    if (s == r->st->home[t] || !r->st->school[s].open ||
        net->schools[s].county != r->county || !room(r, s))
        return -1;
    int need[NJ];
    memcpy(need, r->need + (size_t)s * NJ, sizeof need);
    char allowed[NJ];
    if (surplus)
        lacking(r, s, allowed);
    return spread(need, net, T->subjects, sn_staffing_capacity(&net->sc, T),
                  surplus ? allowed : NULL, 0, subject);
}

static double km_or_far(const sn_network *net, int a, int b)
{
    double km = sn_staffing_km(net, a, b);
    return km < 0 ? FAR : km;
}

/* better: more gain, then fewer km, then the school listed first */
static int better(const cand *a, const cand *b)
{
    if (a->gain != b->gain)
        return a->gain > b->gain;
    if (a->km != b->km)
        return a->km < b->km;
    return a->s < b->s;
}

static void best_for(rd *r, int t, int surplus)
{
    cand c = {0, -1, -1, 0};
    for (int s = 0; s < r->net->nschools; s++) {
        int subject, g = gain_at(r, t, s, surplus, &subject);
        if (g <= 0)
            continue;
        cand x = {g, s, subject, km_or_far(r->net, r->st->home[t], s)};
        if (c.s < 0 || better(&x, &c))
            c = x;
    }
    r->best[t] = c;
}

/* Whether teacher t (at an over-staffed school) may leave as surplus. */
static int may_leave(const rd *r, int t)
{
    const sn_network *net = r->net;
    const sn_teacher *T = &net->teachers[t];
    int h = r->st->home[t];
    const sn_school_staff *ss = &r->st->school[h];
    if (h != r->st->start[t] || !ss->open || ss->status != SN_STAFF_OVER ||
        r->out[h] >= ss->actual - ss->quota)
        return 0;
    int cap = sn_staffing_capacity(&net->sc, T);
    for (int j = 0; j < net->nsubjects; j++) {
        if (!(T->subjects >> j & 1))
            continue;
        size_t k = (size_t)h * NJ + (size_t)j;
        int d = r->st->demand[k];
        int before = r->Q0[k] < d ? r->Q0[k] : d;
        int after = r->Q[k] - cap < d ? r->Q[k] - cap : d;
        if (after < before)
            return 0;
    }
    return 1;
}

static int place(rd *r, int t, int s, int subject, sn_redeploy_reason why)
{
    const sn_network *net = r->net;
    const sn_teacher *T = &net->teachers[t];
    int h = r->st->home[t], cap = sn_staffing_capacity(&net->sc, T), main;
    sn_redeploy row = {t, h, s, subject, why};
    if (sn_staffing_add_redeploy(r->st, &row))
        return SN_ENOMEM;
    char allowed[NJ];
    if (why == SN_REDEPLOY_SURPLUS)
        lacking(r, s, allowed);
    spread(r->need + (size_t)s * NJ, net, T->subjects, cap,
           why == SN_REDEPLOY_SURPLUS ? allowed : NULL, 1, &main);
    for (int j = 0; j < net->nsubjects; j++)
        if (T->subjects >> j & 1) {
            r->Q[(size_t)h * NJ + (size_t)j] -= cap;
            r->Q[(size_t)s * NJ + (size_t)j] += cap;
        }
    r->count[h]--;
    r->count[s]++;
    if (why == SN_REDEPLOY_SURPLUS)
        r->out[h]++;
    r->st->home[t] = s;
    r->moving[t] = 0;
    return 0;
}

/* The lazy greedy over the candidates marked in r->moving. */
static int greedy(rd *r, int surplus)
{
    const sn_network *net = r->net;
    r->ncand = 0;
    for (int t = 0; t < net->nteachers; t++)
        if (r->moving[t]) {
            r->cand[r->ncand++] = t;
            best_for(r, t, surplus);
        }
    for (;;) {
        int pick = -1;
        for (int i = 0; i < r->ncand; i++) {
            int t = r->cand[i];
            if (r->moving[t] && r->best[t].s >= 0 &&
                (pick < 0 || better(&r->best[t], &r->best[pick])))
                pick = t;
        }
        if (pick < 0)
            return 0;
        if (surplus && !may_leave(r, pick)) {
            r->moving[pick] = 0; /* its school can spare no more */
            continue;
        }
        cand c = r->best[pick];
        int subject, g = gain_at(r, pick, c.s, surplus, &subject);
        if (g != c.gain) { /* stale: the school filled up meanwhile */
            best_for(r, pick, surplus);
            continue;
        }
        if (place(r, pick, c.s, subject,
                  surplus ? SN_REDEPLOY_SURPLUS : SN_REDEPLOY_CLOSED))
            return SN_ENOMEM;
    }
}

/* The subject teacher t takes up at s: the one with the most need there,
 * or -1 when s teaches none of the teacher's subjects. */
static int subject_at(const rd *r, int t, int s)
{
    const sn_network *net = r->net;
    int b = -1;
    for (int j = 0; j < net->nsubjects; j++) {
        size_t k = (size_t)s * NJ + (size_t)j;
        if (!(net->teachers[t].subjects >> j & 1) || r->st->demand[k] <= 0)
            continue;
        if (b < 0 || r->need[k] > r->need[(size_t)s * NJ + (size_t)b])
            b = j;
    }
    return b;
}

/* A school_closed teacher the greedy left: a school with room teaching
 * one of its subjects, else one teaching one of them (beyond its quota);
 * when no school teaches them, any school with room, else any open
 * school; nearest first. */
static int fallback(rd *r, int t)
{
    const sn_network *net = r->net;
    int teaches = 0;
    for (int s = 0; s < net->nschools && !teaches; s++)
        teaches = r->st->school[s].open && net->schools[s].county == r->county &&
                  subject_at(r, t, s) >= 0;
    for (int pass = 0; pass < 2; pass++) {
        int b = -1;
        double bkm = 0;
        for (int s = 0; s < net->nschools; s++) {
            if (!r->st->school[s].open || net->schools[s].county != r->county ||
                (pass == 0 && !room(r, s)) ||
                (teaches && subject_at(r, t, s) < 0))
                continue;
            double km = km_or_far(net, r->st->home[t], s);
            if (b < 0 || km < bkm) {
                b = s;
                bkm = km;
            }
        }
        if (b >= 0)
            return place(r, t, b, subject_at(r, t, b),
                         pass == 0 ? SN_REDEPLOY_CLOSED
                                   : SN_REDEPLOY_CLOSED_OVER);
    }
    return 0; /* the county has no open school: the teacher stays */
}

static int plan_county(rd *r)
{
    const sn_network *net = r->net;
    sn_staffing *st = r->st;
    int rc, any = 0;
    for (int t = 0; t < net->nteachers; t++) {
        int h = st->home[t];
        r->moving[t] = net->schools[h].county == r->county &&
                       !st->school[h].open && !net->schools[h].is_private;
        any |= r->moving[t];
    }
    if (any && (rc = greedy(r, 0)) != 0)
        return rc;
    for (int t = 0; t < net->nteachers; t++)
        if (r->moving[t] && (rc = fallback(r, t)) != 0)
            return rc;
    for (int t = 0; t < net->nteachers; t++) {
        int h = st->home[t];
        r->moving[t] = net->schools[h].county == r->county &&
                       st->school[h].open &&
                       st->school[h].status == SN_STAFF_OVER &&
                       h == st->start[t];
    }
    return greedy(r, 1);
}

int sn_redeploy_plan(sn_staffing *st, const sn_network *net, sn_error *err)
{
    size_t ncell = (size_t)(net->nschools ? net->nschools : 1) * NJ;
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    rd r = {st, net, 0, malloc(nt * sizeof(int)), 0,
            malloc(ncell * sizeof(int)),
            malloc(ncell * sizeof(int)), malloc(ncell * sizeof(int)),
            calloc((size_t)net->nschools + 1, sizeof(int)),
            calloc((size_t)net->nschools + 1, sizeof(int)), calloc(nt, 1),
            calloc(nt, sizeof(cand))};
    int rc = SN_ENOMEM;
    if (!r.cand || !r.need || !r.Q || !r.Q0 || !r.count || !r.out ||
        !r.moving || !r.best || sn_staffing_need(r.need, st, net, st->home))
        goto done;
    sn_staffing_qualified(r.Q, net, st->home);
    memcpy(r.Q0, r.Q, (size_t)net->nschools * NJ * sizeof *r.Q0);
    for (int t = 0; t < net->nteachers; t++)
        r.count[st->home[t]]++;
    rc = 0;
    for (int c = 0; c < net->ncounties && rc == 0; c++) {
        r.county = c;
        rc = plan_county(&r);
    }
    if (rc == 0)
        sn_staffing_tally(st, net);
done:
    free(r.cand);
    free(r.need);
    free(r.Q);
    free(r.Q0);
    free(r.count);
    free(r.out);
    free(r.moving);
    free(r.best);
    return rc ? sn_error_set(err, rc, "out of memory") : 0;
}
