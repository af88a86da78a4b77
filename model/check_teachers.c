/* check_teachers.c - independent verifier of the teacher files (rules in
 * check_teachers.h and docs/teachers.md): the teachers' state, staffing
 * and quotas, the assignment rows, shortages and the summary; the moves
 * and the week are in check_moves.c and check_week.c. */
#include "model/check_teachers.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check_teachers_impl.h"

int sn_teacher_files_new(sn_teacher_files **out, int ncounties,
                         int nteachers)
{
    size_t nt = (size_t)(nteachers > 0 ? nteachers : 1);
    sn_teacher_files *f = calloc(1, sizeof *f);
    *out = NULL;
    if (!f)
        return SN_ENOMEM;
    f->ncounties = ncounties;
    f->nteachers = nteachers;
    f->county = calloc((size_t)(ncounties > 0 ? ncounties : 1),
                       sizeof *f->county);
    f->state_home = calloc(nt, sizeof *f->state_home);
    f->state_years = calloc(nt, sizeof *f->state_years);
    f->state_last = calloc(nt, sizeof *f->state_last);
    f->state_seen = calloc(nt, 1);
    if (!f->county || !f->state_home || !f->state_years || !f->state_last ||
        !f->state_seen) {
        sn_teacher_files_free(f);
        return SN_ENOMEM;
    }
    *out = f;
    return 0;
}

void sn_teacher_files_free(sn_teacher_files *f)
{
    if (!f)
        return;
    free(f->rows);
    free(f->shorts);
    free(f->staff);
    free(f->moves);
    free(f->redeploys);
    free(f->days);
    free(f->state_home);
    free(f->state_years);
    free(f->state_last);
    free(f->state_seen);
    sn_teacher_files_free(f->prev);
    free(f->county);
    free(f);
}

int ck_holds(tk *c, int ok, const char *fmt, ...)
{
    sn_check_report *rep = c->rep;
    rep->rules_checked++;
    if (ok)
        return 1;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (rep->nviolations == rep->cap) {
        size_t ncap = rep->cap ? 2 * rep->cap : 32;
        char **nl = realloc(rep->violations, ncap * sizeof *nl);
        if (!nl) {
            rep->lost++;
            return 0;
        }
        rep->violations = nl;
        rep->cap = ncap;
    }
    char *line = strdup(buf);
    if (!line)
        rep->lost++;
    else
        rep->violations[rep->nviolations++] = line;
    return 0;
}

const char *ck_sid(const tk *c, int s) { return c->net->schools[s].id; }
const char *ck_tid(const tk *c, int t) { return c->net->teachers[t].id; }
const char *ck_jname(const tk *c, int j) { return c->net->subjects[j]; }

double ck_km(const sn_network *net, int a, int b)
{
    const sn_school *x = &net->schools[a], *y = &net->schools[b];
    if (a == b)
        return 0;
    if (!x->has_xy || !y->has_xy)
        return -1;
    double dx = x->x_km - y->x_km, dy = x->y_km - y->y_km;
    return sqrt(dx * dx + dy * dy) * net->sc.detour_factor;
}

int ck_capacity(const sn_scenario *sc, const sn_teacher *t)
{
    int cap = t->max_periods - (t->class_teacher ? sc->standard_periods / 2 : 0);
    return cap < 0 ? 0 : cap;
}

int ck_strong(const sn_teacher *t)
{
    return t->excellent || t->title == SN_TITLE_SENIOR;
}

int ck_shortage_subject(const sn_network *net, int j)
{
    const char *n = net->subjects[j];
    return !strcmp(n, "music") || !strcmp(n, "art") || !strcmp(n, "pe") ||
           !strcmp(n, "it");
}

int ck_may_walk(const sn_network *net, int t, int j)
{
    const sn_teacher *T = &net->teachers[t];
    return (T->subjects >> j & 1) &&
           (T->itinerant || ck_shortage_subject(net, j)) &&
           ck_capacity(&net->sc, T) <= CK_DAYS * net->sc.max_periods_per_day;
}

int ck_status(const tk *c, int s)
{
    return c->actual[s] > c->quota[s] ? 0 : c->actual[s] == c->quota[s] ? 1
                                                                         : 2;
}

void ck_qualified(int *Q, const tk *c, const int *home)
{
    const sn_network *net = c->net;
    memset(Q, 0, (size_t)net->nschools * NJ * sizeof *Q);
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        for (int j = 0; j < net->nsubjects; j++)
            if (T->subjects >> j & 1)
                Q[home[t] * NJ + j] += ck_capacity(&net->sc, T);
    }
}

/* ---- recomputation ------------------------------------------------------ */

/* County k's quota N shared over its open schools by required numbers:
 * floors, then one more for the largest remainders (ties: school order). */
static void share(tk *c, int k, long N)
{
    const sn_network *net = c->net;
    long R = 0, given = 0;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].county == k && c->open[s])
            R += c->required[s];
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].county == k)
            c->quota[s] = 0;
    if (R == 0)
        return;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].county == k && c->open[s]) {
            c->quota[s] = (int)(N * c->required[s] / R);
            given += c->quota[s];
        }
    for (; given < N; given++) {
        int b = -1;
        long br = -1;
        for (int s = 0; s < net->nschools; s++) {
            if (net->schools[s].county != k || !c->open[s])
                continue;
            long rem = N * c->required[s] - (long)c->quota[s] * R;
            if (rem > br && rem < R) {
                b = s;
                br = rem;
            }
        }
        if (b < 0)
            break;
        c->quota[b]++;
    }
}

static void recompute(tk *c)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_plan *sp = &c->plan->schools[s];
        c->open[s] = !net->schools[s].is_private &&
                     (sp->state == SN_SCHOOL_KEPT || sp->state == SN_SCHOOL_NEW);
        if (!c->open[s])
            continue;
        double pupils = 0, need = 0, byclass = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            pupils += sp->students[g];
            need += sp->students[g] / (g <= 6 ? sc->ratio_primary
                                              : sc->ratio_junior);
            byclass += sp->classes[g] * (g <= 6 ? sc->class_ratio_primary
                                                : sc->class_ratio_junior);
            for (int j = 0; j < net->nsubjects; j++) {
                int p = net->curriculum[g * NJ + j];
                c->demand[s * NJ + j] += sp->classes[g] * p;
                c->daycap[s * NJ + j] += sp->classes[g] *
                                         ((p + CK_DAYS - 1) / CK_DAYS);
            }
        }
        if (pupils < sc->small_school_pupils && byclass > need)
            need = byclass;
        c->required[s] = c->quota[s] = (int)ceil(need - 1e-9);
    }
    for (int i = 0; i < sc->ncounty_quota; i++) {
        int k = sn_network_find_county(net, sc->county_quota[i].county);
        if (k >= 0)
            share(c, k, sc->county_quota[i].quota);
    }
    const sn_teacher_files *tf = c->tf;
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        int use = tf->has_state && tf->state_seen[t];
        c->start[t] = use ? tf->state_home[t] : T->school;
        c->years[t] = use ? tf->state_years[t] : T->years_at_school;
        c->last[t] = use ? tf->state_last[t] : 0;
        c->mid[t] = c->home[t] = c->start[t];
        c->actual[c->start[t]]++;
    }
}

/* ---- the state at the start of the year ------------------------------- */

/* Where the previous year's files leave each teacher. */
static void check_state(tk *c)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf, *p = tf->prev;
    if (!tf->has_state)
        return;
    int n = net->nteachers;
    int *home = malloc(((size_t)n + 1) * sizeof *home);
    int *last = malloc(((size_t)n + 1) * sizeof *last);
    if (!home || !last) {
        c->oom = 1;
        goto done;
    }
    for (int t = 0; t < n; t++) {
        home[t] = p ? p->state_home[t] : net->teachers[t].school;
        last[t] = p ? p->state_last[t] : 0;
    }
    if (p) {
        for (size_t i = 0; i < p->nredeploys; i++)
            home[p->redeploys[i].teacher] = p->redeploys[i].to;
        for (size_t i = 0; i < p->nmoves; i++) {
            home[p->moves[i].teacher] = p->moves[i].to;
            last[p->moves[i].teacher] = c->plan->year - 1;
        }
    }
    for (int t = 0; t < n; t++) {
        int years = !p ? net->teachers[t].years_at_school
                    : home[t] == p->state_home[t] ? p->state_years[t] + 1
                                                  : 1;
        if (!ck_holds(c, tf->state_seen[t], "teacher_state.csv: teacher %s "
                      "missing", ck_tid(c, t)))
            continue;
        ck_holds(c, tf->state_home[t] == home[t] &&
                        tf->state_years[t] == years &&
                        tf->state_last[t] == last[t],
                 "teacher_state.csv: teacher %s starts at %s (%d years, last "
                 "rotated %d), %s gives %s (%d years, last rotated %d)",
                 ck_tid(c, t), ck_sid(c, tf->state_home[t]),
                 tf->state_years[t], tf->state_last[t],
                 p ? "the previous year's plan" : "the input", ck_sid(c, home[t]),
                 years, last[t]);
    }
done:
    free(home);
    free(last);
}

/* ---- staffing ------------------------------------------------------------ */

static void check_staffing(tk *c)
{
    static const char *const names[] = {"over", "full", "under"};
    const sn_network *net = c->net;
    char *seen = calloc((size_t)net->nschools + 1, 1);
    int *after = calloc((size_t)net->nschools + 1, sizeof *after);
    if (!seen || !after) {
        c->oom = 1;
        goto done;
    }
    for (int t = 0; t < net->nteachers; t++)
        after[c->home[t]]++;
    for (size_t i = 0; i < c->tf->nstaff; i++) {
        const sn_tf_staff *r = &c->tf->staff[i];
        int s = r->school, d = after[s] - c->quota[s];
        ck_holds(c, !seen[s], "staffing.csv: school %s listed twice",
                 ck_sid(c, s));
        seen[s] = 1;
        ck_holds(c, r->required == c->required[s], "school %s: required "
                 "teachers %d, recomputed %d", ck_sid(c, s), r->required,
                 c->required[s]);
        ck_holds(c, r->quota == c->quota[s], "school %s: quota %d, "
                 "recomputed %d", ck_sid(c, s), r->quota, c->quota[s]);
        ck_holds(c, r->actual == c->actual[s], "school %s: actual teachers "
                 "%d at the start of the year, %d recomputed", ck_sid(c, s),
                 r->actual, c->actual[s]);
        ck_holds(c, r->status == ck_status(c, s), "school %s: status %s, "
                 "should be %s", ck_sid(c, s), names[r->status],
                 names[ck_status(c, s)]);
        ck_holds(c, r->actual_after == after[s] &&
                        r->surplus == (d > 0 ? d : 0) &&
                        r->shortage == (d < 0 ? -d : 0),
                 "school %s: after redeployment and rotation %d teachers "
                 "(surplus %d, shortage %d), recomputed %d (%d, %d)",
                 ck_sid(c, s), r->actual_after, r->surplus, r->shortage,
                 after[s], d > 0 ? d : 0, d < 0 ? -d : 0);
    }
    for (int s = 0; s < net->nschools; s++)
        if (c->open[s] || c->actual[s] > 0 || after[s] > 0)
            ck_holds(c, seen[s], "staffing.csv: school %s missing",
                     ck_sid(c, s));
done:
    free(seen);
    free(after);
}

/* ---- assignment rows ---------------------------------------------------- */

static void check_row(tk *c, const sn_tf_row *r)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    const char *id = ck_tid(c, r->teacher);
    int h = c->home[r->teacher];
    ck_holds(c, r->home == h, "teachers.csv: teacher %s home_school %s, "
             "should be %s (after redeployment and rotation)", id,
             ck_sid(c, r->home), ck_sid(c, h));
    ck_holds(c, r->periods > 0, "teachers.csv: teacher %s at %s: %d periods",
             id, ck_sid(c, r->school), r->periods);
    ck_holds(c, net->teachers[r->teacher].subjects >> r->subject & 1,
             "teacher %s is not qualified for %s", id, ck_jname(c, r->subject));
    ck_holds(c, c->demand[r->school * NJ + r->subject] > 0,
             "teacher %s teaches %s at %s, which has no %s periods", id,
             ck_jname(c, r->subject), ck_sid(c, r->school),
             ck_jname(c, r->subject));
    if (r->school == h) {
        ck_holds(c, fabs(r->km_per_week) < 0.0005, "teacher %s at home: "
                 "km_per_week %.3f, should be 0", id, r->km_per_week);
        return;
    }
    double km = ck_km(net, h, r->school);
    ck_holds(c, ck_may_walk(net, r->teacher, r->subject), "teacher %s "
             "teaches %s at %s away from home: only a shortage subject, or a "
             "teacher marked itinerant, whose capacity fits %d days of %d "
             "periods, may", id, ck_jname(c, r->subject), ck_sid(c, r->school),
             CK_DAYS, sc->max_periods_per_day);
    ck_holds(c, net->schools[r->school].county == net->schools[h].county &&
                    km >= 0 && km <= sc->max_itinerant_km + 1e-9,
             "teacher %s: %s is %.3f km from home %s, beyond %g km (or in "
             "another county)", id, ck_sid(c, r->school), km, ck_sid(c, h),
             sc->max_itinerant_km);
}

static int cmp_row(const void *a, const void *b)
{
    const sn_tf_row *x = *(const sn_tf_row *const *)a;
    const sn_tf_row *y = *(const sn_tf_row *const *)b;
    if (x->teacher != y->teacher)
        return x->teacher < y->teacher ? -1 : 1;
    if (x->school != y->school)
        return x->school < y->school ? -1 : 1;
    return (x->subject > y->subject) - (x->subject < y->subject);
}

static void check_rows(tk *c)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf;
    size_t n = tf->nrows;
    int *load = calloc((size_t)net->nteachers + 1, sizeof *load);
    int *away = calloc((size_t)net->nteachers + 1, sizeof *away);
    const sn_tf_row **p = malloc((n ? n : 1) * sizeof *p);
    if (!load || !away || !p) {
        c->oom = 1;
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        p[i] = &tf->rows[i];
    if (n)
        qsort(p, n, sizeof *p, cmp_row);
    for (size_t i = 0; i < n; i++) {
        const sn_tf_row *r = p[i];
        check_row(c, r);
        load[r->teacher] += r->periods;
        c->covered[r->school * NJ + r->subject] += r->periods;
        int same = i > 0 && p[i - 1]->teacher == r->teacher &&
                   p[i - 1]->school == r->school;
        ck_holds(c, !(same && p[i - 1]->subject == r->subject),
                 "teachers.csv: teacher %s, school %s, subject %s listed "
                 "twice", ck_tid(c, r->teacher), ck_sid(c, r->school),
                 ck_jname(c, r->subject));
        away[r->teacher] += !same && r->school != c->home[r->teacher];
    }
    for (int t = 0; t < net->nteachers; t++) {
        int cap = ck_capacity(&net->sc, &net->teachers[t]);
        ck_holds(c, load[t] <= cap, "teacher %s teaches %d periods, "
                 "capacity %d", ck_tid(c, t), load[t], cap);
        ck_holds(c, away[t] + 1 <= net->sc.max_schools_per_teacher,
                 "teacher %s teaches at %d schools, at most %d", ck_tid(c, t),
                 away[t] + 1, net->sc.max_schools_per_teacher);
    }
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++)
            if (c->covered[s * NJ + j] > 0)
                ck_holds(c, c->covered[s * NJ + j] <= c->demand[s * NJ + j],
                         "school %s %s: %d periods taught, demand %d",
                         ck_sid(c, s), ck_jname(c, j), c->covered[s * NJ + j],
                         c->demand[s * NJ + j]);
    /* home first (一校定岗): a teacher who walks leaves no period of its
     * subjects uncovered at home */
    for (int t = 0; t < net->nteachers; t++) {
        int h = c->home[t];
        if (!away[t] || !c->open[h])
            continue;
        for (int j = 0; j < net->nsubjects; j++) {
            int left = c->demand[h * NJ + j] - c->covered[h * NJ + j];
            if ((net->teachers[t].subjects >> j & 1) && left > 0)
                ck_holds(c, 0, "teacher %s teaches away from home while %d "
                         "%s periods at its home school %s are uncovered",
                         ck_tid(c, t), left, ck_jname(c, j), ck_sid(c, h));
        }
    }
done:
    free(load);
    free(away);
    free(p);
}

/* ---- shortages and summary ---------------------------------------------- */

static void check_shortages(tk *c)
{
    const sn_network *net = c->net;
    int sp = net->sc.standard_periods > 0 ? net->sc.standard_periods : 1;
    size_t ncell = (size_t)net->nschools * NJ;
    char *seen = calloc(ncell + 1, 1);
    if (!seen) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < c->tf->nshorts; i++) {
        const sn_tf_short *r = &c->tf->shorts[i];
        int k = r->school * NJ + r->subject;
        int left = c->demand[k] - c->covered[k];
        ck_holds(c, !seen[k], "shortages.csv: %s %s listed twice",
                 ck_sid(c, r->school), ck_jname(c, r->subject));
        seen[k] = 1;
        ck_holds(c, r->uncovered == left && left > 0,
                 "shortages.csv: %s %s uncovered %d, recomputed %d",
                 ck_sid(c, r->school), ck_jname(c, r->subject), r->uncovered,
                 left);
        ck_holds(c, r->posts == (left + sp - 1) / sp,
                 "shortages.csv: %s %s posts_needed %d, should be %d",
                 ck_sid(c, r->school), ck_jname(c, r->subject), r->posts,
                 (left + sp - 1) / sp);
    }
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++) {
            int k = s * NJ + j;
            if (c->demand[k] > c->covered[k])
                ck_holds(c, seen[k], "shortages.csv: %s %s has %d uncovered "
                         "periods but no row", ck_sid(c, s), ck_jname(c, j),
                         c->demand[k] - c->covered[k]);
        }
    free(seen);
}

static int near(double a, double b)
{
    return fabs(a - b) <= 0.002 + 1e-6 * fabs(b);
}

static int poverty(const sn_network *net, int county)
{
    const char *l = net->sc.poverty_counties, *name = net->counties[county];
    size_t n = strlen(name);
    while (l && *l) {
        l += strspn(l, " ;");
        size_t len = strcspn(l, ";");
        size_t end = len;
        while (end && l[end - 1] == ' ')
            end--;
        if (end == n && n && !strncmp(l, name, n))
            return 1;
        l += len;
    }
    return 0;
}

/* Monthly allowance at school s (docs/teachers.md, "Funding"). */
static double allowance_at(const sn_network *net, int s)
{
    const sn_scenario *sc = &net->sc;
    const sn_school *S = &net->schools[s];
    if (S->urban || S->is_private || !poverty(net, S->county))
        return 0;
    if (S->remote)
        return sc->allowance_max;
    double sx = 0, sy = 0;
    int n = 0;
    for (int k = 0; k < net->nschools; k++) {
        const sn_school *U = &net->schools[k];
        if (U->county == S->county && U->urban && U->has_xy &&
            U->status == SN_OPEN) {
            sx += U->x_km;
            sy += U->y_km;
            n++;
        }
    }
    if (!n || !S->has_xy)
        return sc->allowance_min;
    double dx = S->x_km - sx / n, dy = S->y_km - sy / n;
    double d = sqrt(dx * dx + dy * dy) * sc->detour_factor;
    double f = d >= sc->allowance_full_km ? 1.0 : d / sc->allowance_full_km;
    return floor(sc->allowance_min + (sc->allowance_max - sc->allowance_min) *
                 f + 0.5);
}

static double school_funds(const tk *c, int s)
{
    const sn_scenario *sc = &c->net->sc;
    const sn_school_plan *sp = &c->plan->schools[s];
    double pp = 0, pj = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        *(g <= 6 ? &pp : &pj) += sp->students[g];
    double f = pp * sc->funds_primary + pj * sc->funds_junior;
    if (pp + pj < sc->min_funded_pupils)
        f += (sc->min_funded_pupils - pp - pj) *
             (c->net->schools[s].grade_lo <= 6 ? sc->funds_primary
                                               : sc->funds_junior);
    return f;
}

typedef struct csum {
    double funds, allowance;
    int quota, actual, after, hires, releases, closed, surplus;
} csum;

static void county_sums(tk *c, csum *k)
{
    const sn_network *net = c->net;
    int *after = calloc((size_t)net->nschools + 1, sizeof *after);
    if (!after) {
        c->oom = 1;
        return;
    }
    for (int t = 0; t < net->nteachers; t++) {
        int s = c->home[t];
        after[s]++;
        if (c->open[s])
            k[net->schools[s].county].allowance += 12.0 * allowance_at(net, s);
    }
    for (int s = 0; s < net->nschools; s++) {
        csum *x = &k[net->schools[s].county];
        if (c->open[s])
            x->funds += school_funds(c, s);
        x->quota += c->quota[s];
        x->actual += c->actual[s];
        x->after += after[s];
        int d = after[s] - c->quota[s];
        *(d > 0 ? &x->releases : &x->hires) += d > 0 ? d : -d;
    }
    for (size_t i = 0; i < c->tf->nredeploys; i++) {
        const sn_tf_redeploy *r = &c->tf->redeploys[i];
        csum *x = &k[net->schools[r->from].county];
        *(r->reason != 1 ? &x->closed : &x->surplus) += 1;
    }
    free(after);
}

static void check_summary(tk *c)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf;
    if (!ck_holds(c, tf->has_summary, "summary.json: no \"teachers\" section"))
        return;
    csum *k = calloc((size_t)net->ncounties + 1, sizeof *k);
    if (!k) {
        c->oom = 1;
        return;
    }
    county_sums(c, k);
    double unc = 0, km = 0, funds = 0, allowance = 0;
    long quota = 0, hires = 0, releases = 0, swaps = 0;
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++)
            if (c->demand[s * NJ + j] > c->covered[s * NJ + j])
                unc += c->demand[s * NJ + j] - c->covered[s * NJ + j];
    for (size_t i = 0; i < tf->nrows; i++)
        km += tf->rows[i].km_per_week;
    for (size_t i = 0; i < tf->nmoves; i++)
        swaps += tf->moves[i].exchange;
    for (int q = 0; q < net->ncounties; q++) {
        const sn_tf_county *w = &tf->county[q];
        int cswaps = 0;
        for (size_t i = 0; i < tf->nmoves; i++)
            cswaps += tf->moves[i].exchange &&
                      net->schools[tf->moves[i].from].county == q;
        funds += k[q].funds;
        allowance += k[q].allowance;
        quota += k[q].quota;
        hires += k[q].hires;
        releases += k[q].releases;
        ck_holds(c, near(w->funds, k[q].funds) &&
                        near(w->allowance, k[q].allowance),
                 "summary.json: county %s funds %.3f / allowance %.3f, "
                 "recomputed %.3f / %.3f", net->counties[q], w->funds,
                 w->allowance, k[q].funds, k[q].allowance);
        ck_holds(c, w->quota == k[q].quota && w->actual == k[q].actual &&
                        w->actual_after == k[q].after &&
                        w->hires == k[q].hires && w->releases == k[q].releases,
                 "summary.json: county %s quota %d, actual %d -> %d, hires "
                 "%d, releases %d; recomputed %d, %d -> %d, %d, %d",
                 net->counties[q], w->quota, w->actual, w->actual_after,
                 w->hires, w->releases, k[q].quota, k[q].actual, k[q].after,
                 k[q].hires, k[q].releases);
        ck_holds(c, w->redeployed_closed == k[q].closed &&
                        w->redeployed_surplus == k[q].surplus &&
                        2 * w->swaps == cswaps,
                 "summary.json: county %s redeployed %d + %d, swaps %d; the "
                 "files give %d + %d, %d", net->counties[q],
                 w->redeployed_closed, w->redeployed_surplus, w->swaps,
                 k[q].closed, k[q].surplus, cswaps / 2);
    }
    free(k);
    ck_holds(c, tf->periods_uncovered == unc, "summary.json: teachers."
             "periods_uncovered %.0f, recomputed %.0f", tf->periods_uncovered,
             unc);
    /* each row is written to 0.001 km, so n rows may differ from the
     * exact total by up to n x 0.0005 */
    ck_holds(c, fabs(tf->km_per_week - km) <=
                    0.002 + 0.0005 * (double)tf->nrows + 1e-6 * fabs(km),
             "summary.json: teachers.km_per_week %.3f, rows sum to %.3f",
             tf->km_per_week, km);
    ck_holds(c, tf->movers == (double)tf->nmoves &&
                    tf->redeployed == (double)tf->nredeploys &&
                    2 * tf->swaps == (double)swaps,
             "summary.json: teachers.movers %.0f, redeployed %.0f, swaps "
             "%.0f; the files have %zu, %zu, %ld", tf->movers, tf->redeployed,
             tf->swaps, tf->nmoves, tf->nredeploys, swaps / 2);
    ck_holds(c, tf->quota == (double)quota && tf->hires == (double)hires &&
                    tf->releases == (double)releases,
             "summary.json: teachers.quota %.0f, hires %.0f, releases %.0f; "
             "recomputed %ld, %ld, %ld", tf->quota, tf->hires, tf->releases,
             quota, hires, releases);
    ck_holds(c, near(tf->public_funds, funds) && near(tf->allowance, allowance),
             "summary.json: funds %.3f / allowance %.3f, recomputed %.3f / "
             "%.3f", tf->public_funds, tf->allowance, funds, allowance);
}

int sn_teachers_check(sn_check_report *rep, const sn_network *net,
                      const sn_plan *plan, const sn_teacher_files *tf,
                      sn_error *err)
{
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE, "plan has %d schools, network "
                            "has %d", plan->nschools, net->nschools);
    if (tf->nteachers != net->nteachers || tf->ncounties != net->ncounties)
        return sn_error_set(err, SN_EUSAGE, "teacher files made for another "
                            "network");
    tk c;
    memset(&c, 0, sizeof c);
    c.rep = rep;
    c.net = net;
    c.plan = plan;
    c.tf = tf;
    size_t ns = (size_t)net->nschools + 1, nt = (size_t)net->nteachers + 1;
    c.demand = calloc(ns * NJ, sizeof *c.demand);
    c.covered = calloc(ns * NJ, sizeof *c.covered);
    c.daycap = calloc(ns * NJ, sizeof *c.daycap);
    c.open = calloc(ns, 1);
    c.start = calloc(nt, sizeof *c.start);
    c.years = calloc(nt, sizeof *c.years);
    c.last = calloc(nt, sizeof *c.last);
    c.mid = calloc(nt, sizeof *c.mid);
    c.home = calloc(nt, sizeof *c.home);
    c.actual = calloc(ns, sizeof *c.actual);
    c.required = calloc(ns, sizeof *c.required);
    c.quota = calloc(ns, sizeof *c.quota);
    int rc = 0;
    if (!c.demand || !c.covered || !c.daycap || !c.open || !c.start ||
        !c.years || !c.last || !c.mid || !c.home || !c.actual ||
        !c.required || !c.quota) {
        rc = SN_ENOMEM;
        goto done;
    }
    recompute(&c);
    check_state(&c);
    ck_redeploy(&c);     /* sets the homes after redeployment */
    ck_rotation(&c);     /* sets the homes after rotation */
    check_staffing(&c);
    check_rows(&c);      /* sets covered */
    ck_week(&c);
    check_shortages(&c);
    check_summary(&c);
    if (c.oom)
        rc = SN_ENOMEM;
done:
    free(c.demand);
    free(c.covered);
    free(c.daycap);
    free(c.open);
    free(c.start);
    free(c.years);
    free(c.last);
    free(c.mid);
    free(c.home);
    free(c.actual);
    free(c.required);
    free(c.quota);
    return rc ? sn_error_set(err, rc, "out of memory") : 0;
}
