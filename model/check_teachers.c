/* check_teachers.c - independent verifier of the teacher files (rules in
 * check_teachers.h and docs/teachers.md).  Every definition is restated
 * here on purpose rather than taken from model/staffing: a bug there must
 * not hide itself. */
#include "model/check_teachers.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS

int sn_teacher_files_new(sn_teacher_files **out, int ncounties)
{
    sn_teacher_files *f = calloc(1, sizeof *f);
    if (f)
        f->county = calloc((size_t)(ncounties > 0 ? ncounties : 1),
                           sizeof *f->county);
    if (!f || !f->county) {
        free(f);
        *out = NULL;
        return SN_ENOMEM;
    }
    f->ncounties = ncounties;
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
    free(f->county);
    free(f);
}

typedef struct tk {
    sn_check_report *rep;
    const sn_network *net;
    const sn_plan *plan;
    const sn_teacher_files *tf;
    int *demand, *covered;  /* [s * NJ + j] */
    char *open;             /* per school: kept or new, public */
    int *home;              /* per teacher, after rotation */
    int *actual, *required; /* per school, before rotation */
    int oom;
} tk;

static int holds(tk *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int holds(tk *c, int ok, const char *fmt, ...)
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

static const char *sid(const tk *c, int s) { return c->net->schools[s].id; }
static const char *tid(const tk *c, int t) { return c->net->teachers[t].id; }
static const char *jname(const tk *c, int j) { return c->net->subjects[j]; }

static double school_km(const sn_network *net, int a, int b)
{
    const sn_school *x = &net->schools[a], *y = &net->schools[b];
    if (a == b)
        return 0;
    if (!x->has_xy || !y->has_xy)
        return -1;
    double dx = x->x_km - y->x_km, dy = x->y_km - y->y_km;
    return sqrt(dx * dx + dy * dy) * net->sc.detour_factor;
}

static int capacity(const sn_scenario *sc, const sn_teacher *t)
{
    int cap = t->max_periods - (t->class_teacher ? sc->standard_periods / 2 : 0);
    return cap < 0 ? 0 : cap;
}

static int strong(const sn_teacher *t)
{
    return t->excellent || t->title == SN_TITLE_SENIOR;
}

/* ---- recomputation ------------------------------------------------------ */

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
            for (int j = 0; j < net->nsubjects; j++)
                c->demand[s * NJ + j] += sp->classes[g] *
                                         net->curriculum[g * NJ + j];
        }
        if (pupils < sc->small_school_pupils && byclass > need)
            need = byclass;
        c->required[s] = (int)ceil(need - 1e-9);
    }
    for (int t = 0; t < net->nteachers; t++) {
        c->home[t] = net->teachers[t].school;
        c->actual[c->home[t]]++;
    }
}

static int status_of(const tk *c, int s)
{
    return c->actual[s] > c->required[s] ? 0 : c->actual[s] == c->required[s]
                                                   ? 1 : 2;
}

static void check_staffing(tk *c)
{
    static const char *const names[] = {"over", "full", "under"};
    const sn_network *net = c->net;
    char *seen = calloc((size_t)net->nschools + 1, 1);
    if (!seen) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < c->tf->nstaff; i++) {
        const sn_tf_staff *r = &c->tf->staff[i];
        int s = r->school;
        holds(c, !seen[s], "staffing.csv: school %s listed twice", sid(c, s));
        seen[s] = 1;
        holds(c, r->required == c->required[s],
              "school %s: required teachers %d, recomputed %d", sid(c, s),
              r->required, c->required[s]);
        holds(c, r->actual == c->actual[s],
              "school %s: actual teachers %d, the input has %d", sid(c, s),
              r->actual, c->actual[s]);
        holds(c, r->status == status_of(c, s),
              "school %s: status %s, should be %s", sid(c, s),
              names[r->status], names[status_of(c, s)]);
    }
    for (int s = 0; s < net->nschools; s++)
        if (c->open[s] || c->actual[s] > 0)
            holds(c, seen[s], "staffing.csv: school %s missing", sid(c, s));
    free(seen);
}

/* ---- rotation ----------------------------------------------------------- */

static void check_move(tk *c, const sn_tf_move *m, char *moved)
{
    const sn_network *net = c->net;
    const sn_teacher *T = &net->teachers[m->teacher];
    const char *id = tid(c, m->teacher);
    holds(c, !moved[m->teacher], "rotation: teacher %s moves twice", id);
    moved[m->teacher] = 1;
    holds(c, m->from == T->school, "rotation: teacher %s is not at %s but at %s",
          id, sid(c, m->from), sid(c, T->school));
    holds(c, T->years_at_school >= net->sc.rotation_min_years &&
                 c->open[T->school],
          "rotation: teacher %s is not eligible (%d years at the school, "
          "at least %d needed, school open)", id, T->years_at_school,
          net->sc.rotation_min_years);
    holds(c, m->to != m->from && c->open[m->to] &&
                 net->schools[m->to].county == net->schools[T->school].county,
          "rotation: teacher %s goes to %s, not another open school of the "
          "county", id, sid(c, m->to));
    holds(c, (T->subjects >> m->subject & 1) &&
                 c->demand[m->to * NJ + m->subject] > 0,
          "rotation: teacher %s to %s for %s: not qualified or not taught "
          "there", id, sid(c, m->to), jname(c, m->subject));
    holds(c, m->strong == strong(T),
          "rotation: teacher %s excellent_or_senior is %d, should be %d", id,
          m->strong, strong(T));
    c->home[m->teacher] = m->to;
}

/* A move the rules still allow in county k after the written ones: a
 * one-way move over -> under with room, or a same-subject swap between
 * two non-over schools.  Writes the teacher into *who; 1 when found. */
static int move_left(const tk *c, int k, const int *in, const int *out,
                     const char *moved, int *who)
{
    const sn_network *net = c->net;
    int nt = net->nteachers;
    for (int t = 0; t < nt; t++) {
        const sn_teacher *T = &net->teachers[t];
        int h = T->school;
        if (moved[t] || net->schools[h].county != k || !c->open[h] ||
            T->years_at_school < net->sc.rotation_min_years)
            continue;
        for (int s = 0; s < net->nschools; s++) {
            if (s == h || !c->open[s] || net->schools[s].county != k ||
                school_km(net, h, s) < 0)
                continue;
            int taught = 0;
            for (int j = 0; j < net->nsubjects && !taught; j++)
                taught = (T->subjects >> j & 1) && c->demand[s * NJ + j] > 0 &&
                         c->demand[h * NJ + j] > 0;
            int one_way = status_of(c, h) == 0 && status_of(c, s) == 2 &&
                          c->actual[s] + in[s] - out[s] < c->required[s];
            int oneway_subject = 0;
            for (int j = 0; j < net->nsubjects && !oneway_subject; j++)
                oneway_subject = (T->subjects >> j & 1) &&
                                 c->demand[s * NJ + j] > 0;
            if (one_way && oneway_subject) {
                *who = t;
                return 1;
            }
            if (!taught || status_of(c, h) == 0 || status_of(c, s) == 0)
                continue;
            for (int u = 0; u < nt; u++) { /* a swap partner at s */
                const sn_teacher *U = &net->teachers[u];
                if (u == t || moved[u] || U->school != s ||
                    U->years_at_school < net->sc.rotation_min_years)
                    continue;
                for (int j = 0; j < net->nsubjects; j++)
                    if ((T->subjects & U->subjects) >> j & 1 &&
                        c->demand[s * NJ + j] > 0 && c->demand[h * NJ + j] > 0) {
                        *who = t;
                        return 1;
                    }
            }
        }
    }
    return 0;
}

static void check_rotation(tk *c)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    int *in = calloc((size_t)net->nschools + 1, sizeof *in);
    int *out = calloc((size_t)net->nschools + 1, sizeof *out);
    char *moved = calloc((size_t)net->nteachers + 1, 1);
    int *elig = calloc((size_t)net->ncounties + 1, sizeof *elig);
    int *movers = calloc((size_t)net->ncounties + 1, sizeof *movers);
    int *strongs = calloc((size_t)net->ncounties + 1, sizeof *strongs);
    if (!in || !out || !moved || !elig || !movers || !strongs) {
        c->oom = 1;
        goto done;
    }
    for (size_t i = 0; i < c->tf->nmoves; i++) {
        const sn_tf_move *m = &c->tf->moves[i];
        check_move(c, m, moved);
        in[m->to]++;
        out[m->from]++;
        int k = net->schools[net->teachers[m->teacher].school].county;
        movers[k]++;
        strongs[k] += strong(&net->teachers[m->teacher]);
    }
    for (int s = 0; s < net->nschools; s++) {
        int st = status_of(c, s);
        if (in[s] == 0 && out[s] == 0)
            continue;
        if (st == 0)
            holds(c, in[s] == 0, "rotation: over-staffed school %s receives "
                  "%d teachers (only out, 只出不进)", sid(c, s), in[s]);
        else if (st == 1)
            holds(c, in[s] == out[s], "rotation: full school %s sends %d and "
                  "receives %d (one out, one in, 出一进一)", sid(c, s), out[s],
                  in[s]);
        else
            holds(c, in[s] >= out[s], "rotation: under-staffed school %s "
                  "sends %d and receives only %d", sid(c, s), out[s], in[s]);
    }
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        if (T->years_at_school >= sc->rotation_min_years && c->open[T->school])
            elig[net->schools[T->school].county]++;
    }
    for (int k = 0; k < net->ncounties; k++) {
        int qm = (int)ceil(sc->rotation_rate * elig[k] - 1e-9);
        int qs = (int)ceil(sc->rotation_excellent_share * movers[k] - 1e-9);
        int who = -1;
        /* a quota no legal move can reach is a shortfall the summary
         * reports (movers < quota_movers), not a violation */
        if (movers[k] >= qm || move_left(c, k, in, out, moved, &who))
            holds(c, movers[k] >= qm, "county %s: %d teachers rotate, at "
                  "least %d of %d eligible must (teacher %s could still "
                  "move)", net->counties[k], movers[k], qm, elig[k],
                  who >= 0 ? tid(c, who) : "-");
        holds(c, strongs[k] >= qs, "county %s: %d excellent or senior "
              "teachers among %d movers, at least %d must be",
              net->counties[k], strongs[k], movers[k], qs);
        const sn_tf_county *w = &c->tf->county[k];
        if (c->tf->has_summary)
            holds(c, w->seen && w->eligible == elig[k] &&
                         w->movers == movers[k] && w->strong_movers == strongs[k],
                  "summary.json: county %s rotation numbers differ from "
                  "rotation.csv (eligible %d, movers %d, strong %d)",
                  net->counties[k], elig[k], movers[k], strongs[k]);
    }
done:
    free(in);
    free(out);
    free(moved);
    free(elig);
    free(movers);
    free(strongs);
}

/* ---- assignment rows ---------------------------------------------------- */

typedef struct tload {
    int periods;   /* all rows of the teacher */
    int away;      /* distinct schools away from home */
    size_t r0, r1; /* its rows in the sorted order */
} tload;

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

static void check_row(tk *c, const sn_tf_row *r)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    const sn_teacher *T = &net->teachers[r->teacher];
    const char *id = tid(c, r->teacher);
    int h = c->home[r->teacher];
    holds(c, r->home == h, "teachers.csv: teacher %s home_school %s, should "
          "be %s (after rotation)", id, sid(c, r->home), sid(c, h));
    holds(c, r->periods > 0, "teachers.csv: teacher %s at %s: %d periods",
          id, sid(c, r->school), r->periods);
    holds(c, T->subjects >> r->subject & 1, "teacher %s is not qualified "
          "for %s", id, jname(c, r->subject));
    holds(c, c->demand[r->school * NJ + r->subject] > 0,
          "teacher %s teaches %s at %s, which has no %s periods", id,
          jname(c, r->subject), sid(c, r->school), jname(c, r->subject));
    if (r->school == h) {
        holds(c, fabs(r->km_per_week) < 0.0005, "teacher %s at home: "
              "km_per_week %.3f, should be 0", id, r->km_per_week);
        return;
    }
    double km = school_km(net, h, r->school);
    holds(c, T->itinerant, "teacher %s teaches at %s away from home but is "
          "not itinerant", id, sid(c, r->school));
    holds(c, net->schools[r->school].county == net->schools[h].county &&
                 km >= 0 && km <= sc->max_itinerant_km + 1e-9,
          "teacher %s: %s is %.3f km from home %s, beyond %g km (or in "
          "another county)", id, sid(c, r->school), km, sid(c, h),
          sc->max_itinerant_km);
    int ppv = sc->periods_per_visit > 0 ? sc->periods_per_visit : 1;
    double want = 2.0 * km * ((r->periods + ppv - 1) / ppv);
    holds(c, fabs(r->km_per_week - want) <= 0.002 + 1e-9 * want,
          "teacher %s at %s: km_per_week %.3f, recomputed %.3f", id,
          sid(c, r->school), r->km_per_week, want);
}

static void check_rows(tk *c)
{
    const sn_network *net = c->net;
    size_t n = c->tf->nrows;
    const sn_tf_row **p = malloc((n ? n : 1) * sizeof *p);
    tload *ld = calloc((size_t)net->nteachers + 1, sizeof *ld);
    if (!p || !ld) {
        c->oom = 1;
        free(p);
        free(ld);
        return;
    }
    for (size_t i = 0; i < n; i++)
        p[i] = &c->tf->rows[i];
    if (n)
        qsort(p, n, sizeof *p, cmp_row);
    for (size_t i = 0; i < n; i++) {
        const sn_tf_row *r = p[i];
        check_row(c, r);
        int dup = i > 0 && p[i - 1]->teacher == r->teacher &&
                  p[i - 1]->school == r->school &&
                  p[i - 1]->subject == r->subject;
        holds(c, !dup, "teachers.csv: teacher %s, school %s, subject %s "
              "listed twice", tid(c, r->teacher), sid(c, r->school),
              jname(c, r->subject));
        if (ld[r->teacher].r1 == 0)
            ld[r->teacher].r0 = i;
        ld[r->teacher].r1 = i + 1;
        ld[r->teacher].periods += r->periods;
        if (r->school != c->home[r->teacher] &&
            (i == 0 || p[i - 1]->teacher != r->teacher ||
             p[i - 1]->school != r->school))
            ld[r->teacher].away++;
        c->covered[r->school * NJ + r->subject] += r->periods;
    }
    for (int t = 0; t < net->nteachers; t++) {
        int cap = capacity(&net->sc, &net->teachers[t]);
        holds(c, ld[t].periods <= cap, "teacher %s teaches %d periods, "
              "capacity %d", tid(c, t), ld[t].periods, cap);
        holds(c, ld[t].away + 1 <= net->sc.max_schools_per_teacher,
              "teacher %s teaches at %d schools, at most %d", tid(c, t),
              ld[t].away + 1, net->sc.max_schools_per_teacher);
    }
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++)
            if (c->covered[s * NJ + j] > 0)
                holds(c, c->covered[s * NJ + j] <= c->demand[s * NJ + j],
                      "school %s %s: %d periods taught, demand %d", sid(c, s),
                      jname(c, j), c->covered[s * NJ + j],
                      c->demand[s * NJ + j]);
    /* no period left that a teacher with spare capacity may teach */
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *T = &net->teachers[t];
        int spare = capacity(&net->sc, T) - ld[t].periods, h = c->home[t];
        if (spare <= 0)
            continue;
        for (int s = 0; s < net->nschools; s++) {
            if (!c->open[s] || (s != h && !T->itinerant))
                continue;
            if (s != h) {
                double km = school_km(net, h, s);
                if (km < 0 || km > net->sc.max_itinerant_km + 1e-9 ||
                    net->schools[s].county != net->schools[h].county)
                    continue;
                int already = 0;
                for (size_t i = ld[t].r0; i < ld[t].r1 && !already; i++)
                    already = p[i]->school == s;
                if (!already && ld[t].away + 1 >= net->sc.max_schools_per_teacher)
                    continue;
            }
            for (int j = 0; j < net->nsubjects; j++) {
                int left = c->demand[s * NJ + j] - c->covered[s * NJ + j];
                if (left > 0 && (T->subjects >> j & 1))
                    holds(c, 0, "school %s %s: %d periods uncovered while "
                          "teacher %s has %d spare periods and may teach "
                          "them", sid(c, s), jname(c, j), left, tid(c, t),
                          spare);
            }
        }
    }
    free(p);
    free(ld);
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
        holds(c, !seen[k], "shortages.csv: %s %s listed twice",
              sid(c, r->school), jname(c, r->subject));
        seen[k] = 1;
        holds(c, r->uncovered == left && left > 0,
              "shortages.csv: %s %s uncovered %d, recomputed %d",
              sid(c, r->school), jname(c, r->subject), r->uncovered, left);
        holds(c, r->posts == (left + sp - 1) / sp,
              "shortages.csv: %s %s posts_needed %d, should be %d",
              sid(c, r->school), jname(c, r->subject), r->posts,
              (left + sp - 1) / sp);
    }
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++) {
            int k = s * NJ + j;
            if (c->demand[k] > c->covered[k])
                holds(c, seen[k], "shortages.csv: %s %s has %d uncovered "
                      "periods but no row", sid(c, s), jname(c, j),
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

static void check_summary(tk *c)
{
    const sn_network *net = c->net;
    const sn_scenario *sc = &net->sc;
    const sn_teacher_files *tf = c->tf;
    if (!tf->has_summary) {
        holds(c, 0, "summary.json: no \"teachers\" section");
        return;
    }
    double unc = 0, km = 0, funds = 0, allowance = 0;
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++)
            if (c->demand[s * NJ + j] > c->covered[s * NJ + j])
                unc += c->demand[s * NJ + j] - c->covered[s * NJ + j];
    for (size_t i = 0; i < tf->nrows; i++)
        km += tf->rows[i].km_per_week;
    double *cf = calloc((size_t)net->ncounties + 1, sizeof *cf);
    double *ca = calloc((size_t)net->ncounties + 1, sizeof *ca);
    if (!cf || !ca) {
        c->oom = 1;
        free(cf);
        free(ca);
        return;
    }
    for (int s = 0; s < net->nschools; s++) {
        if (!c->open[s])
            continue;
        const sn_school_plan *sp = &c->plan->schools[s];
        double pp = 0, pj = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            *(g <= 6 ? &pp : &pj) += sp->students[g];
        double f = pp * sc->funds_primary + pj * sc->funds_junior;
        if (pp + pj < sc->min_funded_pupils)
            f += (sc->min_funded_pupils - pp - pj) *
                 (net->schools[s].grade_lo <= 6 ? sc->funds_primary
                                                : sc->funds_junior);
        cf[net->schools[s].county] += f;
    }
    for (int t = 0; t < net->nteachers; t++) {
        int s = c->home[t];
        const sn_school *S = &net->schools[s];
        if (c->open[s] && !S->urban && poverty(net, S->county))
            ca[S->county] += 12.0 * (S->remote ? sc->allowance_max
                                               : sc->allowance_min);
    }
    for (int k = 0; k < net->ncounties; k++) {
        funds += cf[k];
        allowance += ca[k];
        holds(c, near(tf->county[k].funds, cf[k]) &&
                     near(tf->county[k].allowance, ca[k]),
              "summary.json: county %s funds %.3f / allowance %.3f, "
              "recomputed %.3f / %.3f", net->counties[k], tf->county[k].funds,
              tf->county[k].allowance, cf[k], ca[k]);
    }
    free(cf);
    free(ca);
    holds(c, tf->periods_uncovered == unc, "summary.json: teachers."
          "periods_uncovered %.0f, recomputed %.0f", tf->periods_uncovered,
          unc);
    /* each row is written to 0.001 km, so n rows may differ from the
     * exact total by up to n x 0.0005 */
    holds(c, fabs(tf->km_per_week - km) <=
                 0.002 + 0.0005 * (double)tf->nrows + 1e-6 * fabs(km),
          "summary.json: teachers.km_per_week %.3f, rows sum to %.3f",
          tf->km_per_week, km);
    holds(c, tf->movers == (double)tf->nmoves, "summary.json: teachers.movers "
          "%.0f, rotation.csv has %zu", tf->movers, tf->nmoves);
    holds(c, near(tf->public_funds, funds) && near(tf->allowance, allowance),
          "summary.json: funds %.3f / allowance %.3f, recomputed %.3f / %.3f",
          tf->public_funds, tf->allowance, funds, allowance);
}

int sn_teachers_check(sn_check_report *rep, const sn_network *net,
                      const sn_plan *plan, const sn_teacher_files *tf,
                      sn_error *err)
{
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE, "plan has %d schools, network "
                            "has %d", plan->nschools, net->nschools);
    tk c = {rep, net, plan, tf, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    size_t ns = (size_t)net->nschools + 1, nt = (size_t)net->nteachers + 1;
    c.demand = calloc(ns * NJ, sizeof *c.demand);
    c.covered = calloc(ns * NJ, sizeof *c.covered);
    c.open = calloc(ns, 1);
    c.home = calloc(nt, sizeof *c.home);
    c.actual = calloc(ns, sizeof *c.actual);
    c.required = calloc(ns, sizeof *c.required);
    int rc = 0;
    if (!c.demand || !c.covered || !c.open || !c.home || !c.actual ||
        !c.required) {
        rc = SN_ENOMEM;
        goto done;
    }
    recompute(&c);
    check_staffing(&c);
    check_rotation(&c);  /* sets the homes after rotation */
    check_rows(&c);      /* sets covered */
    check_shortages(&c);
    check_summary(&c);
    if (c.oom)
        rc = SN_ENOMEM;
done:
    free(c.demand);
    free(c.covered);
    free(c.open);
    free(c.home);
    free(c.actual);
    free(c.required);
    return rc ? sn_error_set(err, rc, "out of memory") : 0;
}
