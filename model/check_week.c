/* check_week.c - the teacher checker's week rules (docs/teachers.md,
 * "Checker rules"): timetable.csv against teachers.csv, the km a week of
 * each walk against its days, and no uncovered period a teacher with
 * spare capacity could still teach within its week. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/check_teachers_impl.h"

static int away_day(const sn_scenario *sc)
{
    int a = sc->periods_per_visit, b = sc->max_periods_per_day;
    return a < b ? a : b;
}

static int cdiv(int a, int b)
{
    return a <= 0 ? 0 : (a + b - 1) / (b > 0 ? b : 1);
}

/* One teacher's periods by (school, subject), from teachers.csv. */
typedef struct week {
    int n, school[3 * NJ], subject[3 * NJ], periods[3 * NJ];
} week;

/* Days the periods of w need, one school a day: per school max(ceil(total
 * / day periods), max over subjects ceil(periods / daycap)); 0 when the
 * teacher has no periods away from home (no day rule then). */
static int days_needed(const tk *c, int t, const week *w)
{
    int h = c->home[t], days = 0, away = 0;
    int done[3 * NJ] = {0};
    for (int i = 0; i < w->n; i++) {
        if (done[i])
            continue;
        int s = w->school[i], total = 0, d = 0;
        away |= s != h && w->periods[i] > 0;
        for (int k = i; k < w->n; k++) {
            if (w->school[k] != s)
                continue;
            done[k] = 1;
            total += w->periods[k];
            int dj = cdiv(w->periods[k], c->daycap[s * NJ + w->subject[k]]);
            if (dj > d)
                d = dj;
        }
        int dt = cdiv(total, s == h ? c->net->sc.max_periods_per_day
                                    : away_day(&c->net->sc));
        days += dt > d ? dt : d;
    }
    return away ? days : 0;
}

static void add(week *w, int s, int j, int p)
{
    for (int i = 0; i < w->n; i++)
        if (w->school[i] == s && w->subject[i] == j) {
            w->periods[i] += p;
            return;
        }
    if (w->n < 3 * NJ) {
        w->school[w->n] = s;
        w->subject[w->n] = j;
        w->periods[w->n++] = p;
    }
}

static int cmp_row_t(const void *a, const void *b)
{
    int x = (*(const sn_tf_row *const *)a)->teacher;
    int y = (*(const sn_tf_row *const *)b)->teacher;
    return (x > y) - (x < y);
}

static int cmp_day_t(const void *a, const void *b)
{
    int x = (*(const sn_tf_day *const *)a)->teacher;
    int y = (*(const sn_tf_day *const *)b)->teacher;
    return (x > y) - (x < y);
}

/* The timetable of teacher t (days d[0..nd)) against its rows w. */
static void check_days(tk *c, int t, const week *w, const sn_tf_day *const *d,
                       size_t nd)
{
    const sn_network *net = c->net;
    const char *id = ck_tid(c, t);
    int h = c->home[t], at[CK_DAYS], load[CK_DAYS];
    week got = {0};
    for (int k = 0; k < CK_DAYS; k++)
        at[k] = -1, load[k] = 0;
    for (size_t i = 0; i < nd; i++) {
        const sn_tf_day *x = d[i];
        ck_holds(c, x->periods > 0, "timetable.csv: teacher %s day %d at "
                 "%s: %d periods", id, x->day + 1, ck_sid(c, x->school),
                 x->periods);
        ck_holds(c, at[x->day] < 0 || at[x->day] == x->school,
                 "timetable.csv: teacher %s is at %s and %s on day %d (one "
                 "school a day)", id, ck_sid(c, at[x->day] >= 0 ? at[x->day]
                                                                : x->school),
                 ck_sid(c, x->school), x->day + 1);
        at[x->day] = x->school;
        load[x->day] += x->periods;
        int dc = c->daycap[x->school * NJ + x->subject];
        ck_holds(c, x->periods <= dc, "timetable.csv: teacher %s day %d: "
                 "%d %s periods at %s, whose classes have %d a day", id,
                 x->day + 1, x->periods, ck_jname(c, x->subject),
                 ck_sid(c, x->school), dc);
        for (size_t k = 0; k < i; k++)
            if (d[k]->day == x->day && d[k]->school == x->school &&
                d[k]->subject == x->subject)
                ck_holds(c, 0, "timetable.csv: teacher %s day %d %s %s "
                         "listed twice", id, x->day + 1, ck_sid(c, x->school),
                         ck_jname(c, x->subject));
        add(&got, x->school, x->subject, x->periods);
    }
    for (int k = 0; k < CK_DAYS; k++) {
        int max = at[k] == h ? net->sc.max_periods_per_day
                             : away_day(&net->sc);
        if (at[k] >= 0)
            ck_holds(c, load[k] <= max, "timetable.csv: teacher %s day %d: "
                     "%d periods at %s, a day holds %d there", id, k + 1,
                     load[k], ck_sid(c, at[k]), max);
    }
    for (int i = 0; i < w->n; i++) {
        int p = 0;
        for (int k = 0; k < got.n; k++)
            if (got.school[k] == w->school[i] && got.subject[k] == w->subject[i])
                p = got.periods[k];
        ck_holds(c, p == w->periods[i], "timetable.csv: teacher %s has %d "
                 "%s periods at %s in the week, teachers.csv %d", id, p,
                 ck_jname(c, w->subject[i]), ck_sid(c, w->school[i]),
                 w->periods[i]);
    }
    for (int k = 0; k < got.n; k++) {
        int p = 0;
        for (int i = 0; i < w->n; i++)
            if (got.school[k] == w->school[i] && got.subject[k] == w->subject[i])
                p = 1;
        ck_holds(c, p, "timetable.csv: teacher %s teaches %s at %s, which "
                 "teachers.csv does not have", id, ck_jname(c, got.subject[k]),
                 ck_sid(c, got.school[k]));
    }
}

/* km a week of each away school against its days in the timetable. */
static void check_km(tk *c, int t, const sn_tf_row *const *r, size_t nr,
                     const sn_tf_day *const *d, size_t nd)
{
    int h = c->home[t];
    for (size_t i = 0; i < nr; i++) {
        int s = r[i]->school, first = 1, rows = 0, days = 0;
        double km = 0;
        if (s == h)
            continue;
        for (size_t k = 0; k < nr; k++)
            if (r[k]->school == s) {
                first &= k >= i;
                km += r[k]->km_per_week;
                rows++;
            }
        if (!first)
            continue;
        char seen[CK_DAYS] = {0};
        for (size_t k = 0; k < nd; k++)
            if (d[k]->school == s && !seen[d[k]->day]) {
                seen[d[k]->day] = 1;
                days++;
            }
        double want = 2.0 * ck_km(c->net, h, s) * days;
        ck_holds(c, fabs(km - want) <= 0.002 + 0.0005 * rows + 1e-9 * want,
                 "teacher %s at %s: km_per_week %.3f, recomputed %.3f (%d "
                 "days there)", ck_tid(c, t), ck_sid(c, s), km, want, days);
    }
}

/* No uncovered period t could still teach: one more period at a cell its
 * rules allow, within its capacity and its week. */
static void check_spare(tk *c, int t, const week *w, int load, int nschools)
{
    const sn_network *net = c->net;
    const sn_teacher *T = &net->teachers[t];
    int spare = ck_capacity(&net->sc, T) - load, h = c->home[t];
    if (spare <= 0)
        return;
    for (int s = 0; s < net->nschools; s++) {
        if (!c->open[s] || net->schools[s].county != net->schools[h].county)
            continue;
        int linked = 0;
        for (int i = 0; i < w->n; i++)
            linked |= w->school[i] == s;
        if (s != h) {
            double km = ck_km(net, h, s);
            if (km < 0 || km > net->sc.max_itinerant_km + 1e-9 ||
                (!linked && nschools >= net->sc.max_schools_per_teacher))
                continue;
        }
        for (int j = 0; j < net->nsubjects; j++) {
            int left = c->demand[s * NJ + j] - c->covered[s * NJ + j];
            if (left <= 0 || !(T->subjects >> j & 1) ||
                (s != h && !ck_may_walk(net, t, j)))
                continue;
            week more = *w;
            add(&more, s, j, 1);
            if (days_needed(c, t, &more) <= CK_DAYS)
                ck_holds(c, 0, "school %s %s: %d periods uncovered while "
                         "teacher %s has %d spare periods and may teach them",
                         ck_sid(c, s), ck_jname(c, j), left, ck_tid(c, t),
                         spare);
        }
    }
}

/* The rules for every teacher, its rows r and days d sorted by teacher. */
static void week_all(tk *c, const sn_tf_row **r, const sn_tf_day **d)
{
    const sn_network *net = c->net;
    const sn_teacher_files *tf = c->tf;
    for (size_t q = 0; q < tf->nrows; q++)
        r[q] = &tf->rows[q];
    for (size_t q = 0; q < tf->ndays; q++)
        d[q] = &tf->days[q];
    if (tf->nrows)
        qsort(r, tf->nrows, sizeof *r, cmp_row_t);
    if (tf->ndays)
        qsort(d, tf->ndays, sizeof *d, cmp_day_t);
    size_t i = 0, k = 0;
    for (int t = 0; t < net->nteachers; t++) {
        size_t i0 = i, k0 = k;
        while (i < tf->nrows && r[i]->teacher == t)
            i++;
        while (k < tf->ndays && d[k]->teacher == t)
            k++;
        const sn_tf_row *const *rows = r + i0;
        const sn_tf_day *const *days = d + k0;
        week w = {0};
        int load = 0, nschools = 1, walks = 0;
        for (size_t q = 0; q < i - i0; q++) {
            int s = rows[q]->school;
            int seen = 0;
            for (int x = 0; x < w.n; x++)
                seen |= w.school[x] == s;
            nschools += !seen && s != c->home[t];
            walks |= s != c->home[t];
            add(&w, s, rows[q]->subject, rows[q]->periods);
            load += rows[q]->periods;
        }
        if (walks) {
            ck_holds(c, days_needed(c, t, &w) <= CK_DAYS, "teacher %s: the "
                     "week's periods need %d days, a week has %d",
                     ck_tid(c, t), days_needed(c, t, &w), CK_DAYS);
            check_days(c, t, &w, days, k - k0);
            check_km(c, t, rows, i - i0, days, k - k0);
        } else {
            ck_holds(c, k == k0, "timetable.csv: teacher %s does not walk "
                     "but has %zu rows", ck_tid(c, t), k - k0);
        }
        check_spare(c, t, &w, load, nschools);
    }
}

void ck_week(tk *c)
{
    const sn_teacher_files *tf = c->tf;
    const sn_tf_row **r = malloc((tf->nrows + 1) * sizeof *r);
    const sn_tf_day **d = malloc((tf->ndays + 1) * sizeof *d);
    if (r && d)
        week_all(c, r, d);
    else
        c->oom = 1;
    free(r);
    free(d);
}
