/* check_moves.c - the teacher checker's redeployment and rotation rules
 * (docs/teachers.md, "Checker rules"), restated from the definitions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/check_teachers_impl.h"

enum { R_CLOSED = 0, R_SURPLUS = 1, R_CLOSED_OVER = 2 };

/* Whether an open school of county k teaches one of teacher t's subjects
 * (any subject when `any`) and ends with count[s] < quota[s] (room) or,
 * when room is 0, at all. */
static int school_with(const tk *c, int k, int t, int any, int need_room,
                       const int *count)
{
    const sn_network *net = c->net;
    for (int s = 0; s < net->nschools; s++) {
        if (!c->open[s] || net->schools[s].county != k ||
            (need_room && count[s] >= c->quota[s]))
            continue;
        if (any)
            return 1;
        for (int j = 0; j < net->nsubjects; j++)
            if ((net->teachers[t].subjects >> j & 1) && c->demand[s * NJ + j] > 0)
                return 1;
    }
    return 0;
}

/* Whether school s keeps min(D, Q) of every subject: Q now against Q0. */
static int keeps(const tk *c, int s, const int *Q, const int *Q0, int *lost)
{
    for (int j = 0; j < c->net->nsubjects; j++) {
        int d = c->demand[s * NJ + j], q = Q[s * NJ + j], q0 = Q0[s * NJ + j];
        if ((q < d ? q : d) < (q0 < d ? q0 : d)) {
            *lost = j;
            return 0;
        }
    }
    return 1;
}

typedef struct rdw {
    char *moved;
    int *in, *in_over, *out, *count, *Q0, *Q;
} rdw;

static void redeploy_row(tk *c, const sn_tf_redeploy *r, rdw *w)
{
    const sn_network *net = c->net;
    int t = r->teacher, k = net->schools[r->from].county;
    const char *id = ck_tid(c, t);
    static const char *const why[] = {"school_closed", "surplus",
                                      "school_closed_over_quota"};
    ck_holds(c, !w->moved[t], "redeploy: teacher %s redeployed twice", id);
    w->moved[t] = 1;
    ck_holds(c, r->from == c->start[t], "redeploy: teacher %s is not at %s "
             "but at %s", id, ck_sid(c, r->from), ck_sid(c, c->start[t]));
    ck_holds(c, r->to != r->from && c->open[r->to] &&
                    net->schools[r->to].county == k,
             "redeploy: teacher %s goes to %s, not another open school of "
             "the county", id, ck_sid(c, r->to));
    ck_holds(c, (r->reason == R_SURPLUS) == (c->open[r->from] != 0) &&
                    !net->schools[r->from].is_private,
             "redeploy: teacher %s from %s with reason %s, but the school "
             "is %s", id, ck_sid(c, r->from), why[r->reason],
             net->schools[r->from].is_private ? "private"
             : c->open[r->from]               ? "open"
                                              : "not open in the plan");
    if (r->subject >= 0)
        ck_holds(c, (net->teachers[t].subjects >> r->subject & 1) &&
                        c->demand[r->to * NJ + r->subject] > 0,
                 "redeploy: teacher %s to %s for %s: not qualified or not "
                 "taught there", id, ck_sid(c, r->to), ck_jname(c, r->subject));
    else
        ck_holds(c, !school_with(c, k, t, 0, 0, w->count),
                 "redeploy: teacher %s has no subject at %s, but a school of "
                 "the county teaches one of its subjects", id,
                 ck_sid(c, r->to));
    if (r->reason == R_SURPLUS) {
        int j = r->subject;
        ck_holds(c, j >= 0 && w->Q0[r->to * NJ + j] < c->demand[r->to * NJ + j],
                 "redeploy: surplus teacher %s goes to %s for %s, where the "
                 "school's own teachers could cover it", id, ck_sid(c, r->to),
                 j >= 0 ? ck_jname(c, j) : "no subject");
        w->out[r->from]++;
    }
    if (r->reason == R_CLOSED_OVER)
        w->in_over[r->to]++;
    else
        w->in[r->to]++;
    c->mid[t] = r->to;
}

void ck_redeploy(tk *c)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf;
    size_t ns = (size_t)net->nschools + 1;
    rdw w = {calloc((size_t)net->nteachers + 1, 1), calloc(ns, sizeof(int)),
             calloc(ns, sizeof(int)), calloc(ns, sizeof(int)),
             calloc(ns, sizeof(int)), malloc(ns * NJ * sizeof(int)),
             malloc(ns * NJ * sizeof(int))};
    if (!w.moved || !w.in || !w.in_over || !w.out || !w.count || !w.Q0 ||
        !w.Q) {
        c->oom = 1;
        goto done;
    }
    ck_qualified(w.Q0, c, c->start);
    for (size_t i = 0; i < tf->nredeploys; i++)
        c->mid[tf->redeploys[i].teacher] = tf->redeploys[i].to;
    for (int t = 0; t < net->nteachers; t++)
        w.count[c->mid[t]]++;
    for (int t = 0; t < net->nteachers; t++)
        c->mid[t] = c->start[t];
    for (size_t i = 0; i < tf->nredeploys; i++)
        redeploy_row(c, &tf->redeploys[i], &w);
    ck_qualified(w.Q, c, c->mid);
    for (int t = 0; t < net->nteachers; t++) {
        int s = c->start[t], k = net->schools[s].county;
        if (!c->open[s] && !net->schools[s].is_private)
            ck_holds(c, w.moved[t] || !school_with(c, k, t, 1, 0, w.count),
                     "teacher %s stays at %s, which the plan closes "
                     "(redeploy.csv has no new home)", ck_tid(c, t),
                     ck_sid(c, s));
    }
    for (size_t i = 0; i < tf->nredeploys; i++) {
        const sn_tf_redeploy *r = &tf->redeploys[i];
        if (r->reason == R_CLOSED_OVER)
            ck_holds(c, !school_with(c, net->schools[r->from].county,
                                     r->teacher, r->subject < 0, 1, w.count),
                     "redeploy: teacher %s goes to %s beyond its quota while "
                     "a school of the county teaching its subjects has a "
                     "post left", ck_tid(c, r->teacher), ck_sid(c, r->to));
    }
    for (int s = 0; s < net->nschools; s++) {
        int lost = -1;
        if (w.out[s] > 0) {
            ck_holds(c, ck_status(c, s) == 0 &&
                            w.out[s] <= c->actual[s] - c->quota[s],
                     "redeploy: %s sends %d surplus teachers, it has %d "
                     "teachers for a quota of %d", ck_sid(c, s), w.out[s],
                     c->actual[s], c->quota[s]);
            int kept = keeps(c, s, w.Q, w.Q0, &lost);
            ck_holds(c, kept, "redeploy: %s loses the coverage of %s by "
                     "sending surplus teachers", ck_sid(c, s),
                     lost >= 0 ? ck_jname(c, lost) : "?");
        }
        if (w.in[s] > 0)
            ck_holds(c, c->actual[s] + w.in[s] <= c->quota[s],
                     "redeploy: %s receives %d teachers within its quota, "
                     "but has %d teachers for a quota of %d", ck_sid(c, s),
                     w.in[s], c->actual[s], c->quota[s]);
    }
done:
    free(w.moved);
    free(w.in);
    free(w.in_over);
    free(w.out);
    free(w.count);
    free(w.Q0);
    free(w.Q);
}

/* ---- rotation ----------------------------------------------------------- */

static int eligible(const tk *c, int t)
{
    int min = c->net->sc.rotation_min_years, s = c->start[t];
    return c->mid[t] == s && c->open[s] && c->years[t] >= min &&
           (c->last[t] == 0 || c->plan->year - c->last[t] >= min);
}

static void check_move(tk *c, const sn_tf_move *m, char *moved)
{
    const sn_network *net = c->net;
    const sn_teacher *T = &net->teachers[m->teacher];
    const char *id = ck_tid(c, m->teacher);
    int min = net->sc.rotation_min_years;
    ck_holds(c, !moved[m->teacher], "rotation: teacher %s moves twice", id);
    moved[m->teacher] = 1;
    ck_holds(c, m->from == c->mid[m->teacher], "rotation: teacher %s is not "
             "at %s but at %s", id, ck_sid(c, m->from),
             ck_sid(c, c->mid[m->teacher]));
    ck_holds(c, eligible(c, m->teacher), "rotation: teacher %s is not "
             "eligible (%d years at the school, at least %d needed; last "
             "rotated %d, again after %d years; school open; not redeployed)",
             id, c->years[m->teacher], min, c->last[m->teacher], min);
    ck_holds(c, m->to != m->from && c->open[m->to] &&
                    net->schools[m->to].county == net->schools[m->from].county,
             "rotation: teacher %s goes to %s, not another open school of the "
             "county", id, ck_sid(c, m->to));
    ck_holds(c, (T->subjects >> m->subject & 1) &&
                    c->demand[m->to * NJ + m->subject] > 0,
             "rotation: teacher %s to %s for %s: not qualified or not taught "
             "there", id, ck_sid(c, m->to), ck_jname(c, m->subject));
    ck_holds(c, m->strong == ck_strong(T), "rotation: teacher %s "
             "excellent_or_senior is %d, should be %d", id, m->strong,
             ck_strong(T));
    c->home[m->teacher] = m->to;
}

typedef struct rtw {
    int *in, *out, *count_mid, *count_end, *Qmid, *Q;
    char *moved;
} rtw;

/* Whether s keeps its coverage when t leaves and u (or -1) arrives. */
static int swap_keeps(const tk *c, const rtw *w, int s, int t, int u)
{
    const sn_network *net = c->net;
    int ct = ck_capacity(&net->sc, &net->teachers[t]);
    int cu = u >= 0 ? ck_capacity(&net->sc, &net->teachers[u]) : 0;
    for (int j = 0; j < net->nsubjects; j++) {
        if (!(net->teachers[t].subjects >> j & 1))
            continue;
        int d = c->demand[s * NJ + j], q0 = w->Qmid[s * NJ + j];
        int q = w->Q[s * NJ + j] - ct +
                (u >= 0 && (net->teachers[u].subjects >> j & 1) ? cu : 0);
        if ((q < d ? q : d) < (q0 < d ? q0 : d))
            return 0;
    }
    return 1;
}

/* A move the rules still allow in county k after the written ones: a
 * one-way move over -> under with a post left, or a swap of two teachers
 * of non-over schools sharing a subject both teach, coverage kept.
 * Writes the teacher into *who; 1 when found. */
static int move_left(tk *c, const rtw *w, int k, int *who)
{
    const sn_network *net = c->net;
    int *e = malloc(((size_t)net->nteachers + 1) * sizeof *e), ne = 0;
    if (!e) {
        c->oom = 1;
        return 0;
    }
    for (int t = 0; t < net->nteachers; t++)
        if (!w->moved[t] && net->schools[c->home[t]].county == k &&
            eligible(c, t))
            e[ne++] = t;
    int found = 0;
    for (int i = 0; i < ne && !found; i++) {
        int t = e[i], h = c->home[t];
        unsigned long long st = net->teachers[t].subjects;
        if (ck_status(c, h) == 0) {
            if (!swap_keeps(c, w, h, t, -1))
                continue;
            for (int s = 0; s < net->nschools && !found; s++) {
                if (s == h || !c->open[s] || net->schools[s].county != k ||
                    ck_status(c, s) != 2 ||
                    w->count_end[s] >= c->quota[s] || ck_km(net, h, s) < 0)
                    continue;
                for (int j = 0; j < net->nsubjects && !found; j++)
                    found = (st >> j & 1) && c->demand[s * NJ + j] > 0;
            }
            if (found)
                *who = t;
            continue;
        }
        for (int i2 = i + 1; i2 < ne && !found; i2++) {
            int u = e[i2], y = c->home[u];
            if (y == h || ck_status(c, y) == 0 || ck_km(net, h, y) < 0)
                continue;
            unsigned long long both = st & net->teachers[u].subjects;
            int j = 0;
            while (j < net->nsubjects &&
                   !((both >> j & 1) && c->demand[h * NJ + j] > 0 &&
                     c->demand[y * NJ + j] > 0))
                j++;
            if (j < net->nsubjects && swap_keeps(c, w, h, t, u) &&
                swap_keeps(c, w, y, u, t)) {
                *who = t;
                found = 1;
            }
        }
    }
    free(e);
    return found;
}

static void school_rules(tk *c, const rtw *w)
{
    const sn_network *net = c->net;
    for (int s = 0; s < net->nschools; s++) {
        int st = ck_status(c, s), lost = -1;
        int kept = !c->open[s] || keeps(c, s, w->Q, w->Qmid, &lost);
        if (c->open[s])
            ck_holds(c, kept, "rotation: %s loses the coverage of %s it had "
                     "(qualified capacity below the demand and below what it "
                     "was before the rotation)", ck_sid(c, s),
                     lost >= 0 ? ck_jname(c, lost) : "?");
        if (w->in[s] == 0 && w->out[s] == 0)
            continue;
        if (st == 0)
            ck_holds(c, w->in[s] == 0, "rotation: over-staffed school %s "
                     "receives %d teachers (only out, 只出不进)", ck_sid(c, s),
                     w->in[s]);
        else if (st == 1)
            ck_holds(c, w->in[s] == w->out[s], "rotation: full school %s "
                     "sends %d and receives %d (one out, one in, 出一进一)",
                     ck_sid(c, s), w->out[s], w->in[s]);
        else
            ck_holds(c, w->in[s] >= w->out[s] &&
                            (w->in[s] == w->out[s] ||
                             w->count_end[s] <= (w->count_mid[s] > c->quota[s]
                                                     ? w->count_mid[s]
                                                     : c->quota[s])),
                     "rotation: under-staffed school %s sends %d and "
                     "receives %d (%d teachers after, quota %d)", ck_sid(c, s),
                     w->out[s], w->in[s], w->count_end[s], c->quota[s]);
    }
}

static void county_rules(tk *c, const rtw *w)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    const sn_teacher_files *tf = c->tf;
    for (int k = 0; k < net->ncounties; k++) {
        int elig = 0, movers = 0, strongs = 0;
        for (int t = 0; t < net->nteachers; t++)
            elig += net->schools[c->start[t]].county == k && eligible(c, t);
        for (size_t i = 0; i < tf->nmoves; i++)
            if (net->schools[tf->moves[i].from].county == k) {
                movers++;
                strongs += ck_strong(&net->teachers[tf->moves[i].teacher]);
            }
        int qm = (int)ceil(sc->rotation_rate * elig - 1e-9);
        int qs = (int)ceil(sc->rotation_excellent_share * movers - 1e-9);
        int who = -1;
        /* a quota no legal move can reach is a shortfall the summary
         * reports (movers < quota_movers), not a violation */
        if (movers >= qm || move_left(c, w, k, &who))
            ck_holds(c, movers >= qm, "county %s: %d teachers rotate, at "
                     "least %d of %d eligible must (teacher %s could still "
                     "move)", net->counties[k], movers, qm, elig,
                     who >= 0 ? ck_tid(c, who) : "-");
        ck_holds(c, strongs >= qs, "county %s: %d excellent or senior "
                 "teachers among %d movers, at least %d must be",
                 net->counties[k], strongs, movers, qs);
        const sn_tf_county *x = &tf->county[k];
        if (tf->has_summary)
            ck_holds(c, x->seen && x->eligible == elig &&
                            x->movers == movers && x->strong_movers == strongs,
                     "summary.json: county %s rotation numbers differ from "
                     "rotation.csv (eligible %d, movers %d, strong %d)",
                     net->counties[k], elig, movers, strongs);
    }
}

/* Exchanges pair up: as many exchange moves from x to y as from y to x. */
static void exchanges(tk *c)
{
    const sn_teacher_files *tf = c->tf;
    for (size_t i = 0; i < tf->nmoves; i++) {
        const sn_tf_move *m = &tf->moves[i];
        if (!m->exchange)
            continue;
        int there = 0, back = 0;
        for (size_t k = 0; k < tf->nmoves; k++) {
            const sn_tf_move *q = &tf->moves[k];
            there += q->exchange && q->from == m->from && q->to == m->to;
            back += q->exchange && q->from == m->to && q->to == m->from;
        }
        ck_holds(c, there == back, "rotation: teacher %s is exchanged from "
                 "%s to %s, but %d exchanges go there and %d come back",
                 ck_tid(c, m->teacher), ck_sid(c, m->from), ck_sid(c, m->to),
                 there, back);
    }
}

void ck_rotation(tk *c)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf;
    size_t ns = (size_t)net->nschools + 1;
    rtw w = {calloc(ns, sizeof(int)), calloc(ns, sizeof(int)),
             calloc(ns, sizeof(int)), calloc(ns, sizeof(int)),
             malloc(ns * NJ * sizeof(int)), malloc(ns * NJ * sizeof(int)),
             calloc((size_t)net->nteachers + 1, 1)};
    if (!w.in || !w.out || !w.count_mid || !w.count_end || !w.Qmid || !w.Q ||
        !w.moved) {
        c->oom = 1;
        goto done;
    }
    for (int t = 0; t < net->nteachers; t++)
        c->home[t] = c->mid[t];
    for (size_t i = 0; i < tf->nmoves; i++) {
        const sn_tf_move *m = &tf->moves[i];
        check_move(c, m, w.moved);
        w.in[m->to]++;
        w.out[m->from]++;
    }
    for (int t = 0; t < net->nteachers; t++) {
        w.count_mid[c->mid[t]]++;
        w.count_end[c->home[t]]++;
    }
    ck_qualified(w.Qmid, c, c->mid);
    ck_qualified(w.Q, c, c->home);
    exchanges(c);
    school_rules(c, &w);
    county_rules(c, &w);
done:
    free(w.in);
    free(w.out);
    free(w.count_mid);
    free(w.count_end);
    free(w.Qmid);
    free(w.Q);
    free(w.moved);
}
