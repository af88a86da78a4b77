/* staffing.c - staffing norms, subject demand, capacity and funding of a
 * plan (definitions in staffing.h and docs/teachers.md). */
#include "model/staffing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NJ SN_MAX_SUBJECTS

const char *sn_staff_status_name(sn_staff_status st)
{
    switch (st) {
    case SN_STAFF_OVER: return "over";
    case SN_STAFF_FULL: return "full";
    case SN_STAFF_UNDER: return "under";
    }
    return "?";
}

int sn_staffing_capacity(const sn_scenario *sc, const sn_teacher *t)
{
    int cap = t->max_periods;
    if (t->class_teacher)
        cap -= sc->standard_periods / 2;
    return cap > 0 ? cap : 0;
}

int sn_staffing_weight(const sn_network *net, int subject)
{
    static const char *const shortage[] = {"music", "art", "pe", "it"};
    if (subject < 0 || subject >= net->nsubjects)
        return 1;
    for (int i = 0; i < 4; i++)
        if (!strcmp(net->subjects[subject], shortage[i]))
            return SN_SHORTAGE_WEIGHT;
    return 1;
}

int sn_staffing_may_walk(const sn_network *net, const sn_teacher *t,
                         int subject)
{
    return (t->subjects >> subject & 1) &&
           (t->itinerant || sn_staffing_weight(net, subject) > 1) &&
           sn_staffing_capacity(&net->sc, t) <=
               SN_DAYS * net->sc.max_periods_per_day;
}

int sn_staffing_away_day(const sn_scenario *sc)
{
    int a = sc->periods_per_visit > 0 ? sc->periods_per_visit : 1;
    int b = sc->max_periods_per_day > 0 ? sc->max_periods_per_day : 1;
    return a < b ? a : b;
}

double sn_staffing_km(const sn_network *net, int a, int b)
{
    if (a == b)
        return 0.0;
    const sn_school *x = &net->schools[a], *y = &net->schools[b];
    if (!x->has_xy || !y->has_xy)
        return -1.0;
    return hypot(x->x_km - y->x_km, x->y_km - y->y_km) *
           net->sc.detour_factor;
}

int sn_staffing_county_quota(const sn_network *net, int county)
{
    const sn_scenario *sc = &net->sc;
    for (int i = 0; i < sc->ncounty_quota; i++)
        if (!strcmp(sc->county_quota[i].county, net->counties[county]))
            return sc->county_quota[i].quota;
    return -1;
}

int sn_staffing_poverty(const sn_network *net, int county)
{
    const char *list = net->sc.poverty_counties;
    const char *name = net->counties[county];
    size_t n = strlen(name);
    while (list && *list) {
        while (*list == ' ' || *list == ';')
            list++;
        const char *end = strchr(list, ';');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        while (len && list[len - 1] == ' ')
            len--;
        if (len == n && len && !strncmp(list, name, n))
            return 1;
        list = end;
    }
    return 0;
}

int sn_staffing_county_seat(const sn_network *net, int county, double *x,
                            double *y)
{
    double sx = 0, sy = 0;
    int n = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *S = &net->schools[s];
        if (S->county == county && S->urban && S->has_xy &&
            S->status == SN_OPEN) {
            sx += S->x_km;
            sy += S->y_km;
            n++;
        }
    }
    if (n == 0)
        return -1;
    *x = sx / n;
    *y = sy / n;
    return 0;
}

double sn_staffing_allowance(const sn_network *net, int school)
{
    const sn_school *s = &net->schools[school];
    const sn_scenario *sc = &net->sc;
    if (s->urban || s->is_private || !sn_staffing_poverty(net, s->county))
        return 0.0;
    if (s->remote)
        return sc->allowance_max;
    double x, y;
    if (!s->has_xy || sn_staffing_county_seat(net, s->county, &x, &y))
        return sc->allowance_min;
    double d = hypot(s->x_km - x, s->y_km - y) * sc->detour_factor;
    double f = sc->allowance_full_km > 0 ? d / sc->allowance_full_km : 1.0;
    if (f > 1)
        f = 1;
    return floor(sc->allowance_min + (sc->allowance_max - sc->allowance_min) *
                 f + 0.5);
}

int sn_teacher_strong(const sn_teacher *t)
{
    return t->excellent || t->title == SN_TITLE_SENIOR;
}

const char *sn_redeploy_reason_name(sn_redeploy_reason r)
{
    return r == SN_REDEPLOY_CLOSED    ? "school_closed"
           : r == SN_REDEPLOY_SURPLUS ? "surplus"
                                      : "school_closed_over_quota";
}

static int required_teachers(const sn_scenario *sc, const sn_school_plan *sp)
{
    double pupils[2] = {0, 0}, classes[2] = {0, 0};
    for (int g = 1; g <= SN_GRADES; g++) {
        pupils[g > 6] += sp->students[g];
        classes[g > 6] += sp->classes[g];
    }
    double need = pupils[0] / sc->ratio_primary + pupils[1] / sc->ratio_junior;
    if (pupils[0] + pupils[1] < sc->small_school_pupils) {
        double byclass = classes[0] * sc->class_ratio_primary +
                         classes[1] * sc->class_ratio_junior;
        if (byclass > need)
            need = byclass;
    }
    return (int)ceil(need - 1e-9);
}

static double school_funds(const sn_scenario *sc, const sn_school *s,
                           const sn_school_plan *sp)
{
    double pp = 0, pj = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        *(g <= 6 ? &pp : &pj) += sp->students[g];
    double funds = pp * sc->funds_primary + pj * sc->funds_junior;
    double missing = sc->min_funded_pupils - (pp + pj);
    if (missing > 0) /* funded as min_funded_pupils (四.六) */
        funds += missing * (s->grade_lo <= 6 ? sc->funds_primary
                                             : sc->funds_junior);
    return funds;
}

/* ---- the teachers' state ------------------------------------------------ */

static sn_teacher_state *state_alloc(int nteachers)
{
    sn_teacher_state *s = calloc(1, sizeof *s);
    size_t n = (size_t)(nteachers > 0 ? nteachers : 1);
    if (!s)
        return NULL;
    s->nteachers = nteachers;
    s->home = calloc(n, sizeof *s->home);
    s->years = calloc(n, sizeof *s->years);
    s->last_rotated = calloc(n, sizeof *s->last_rotated);
    if (!s->home || !s->years || !s->last_rotated) {
        sn_teacher_state_free(s);
        return NULL;
    }
    return s;
}

int sn_teacher_state_new(sn_teacher_state **out, const sn_network *net,
                         int year)
{
    sn_teacher_state *s = *out = state_alloc(net->nteachers);
    if (!s)
        return SN_ENOMEM;
    s->year = year;
    for (int t = 0; t < net->nteachers; t++) {
        s->home[t] = net->teachers[t].school;
        s->years[t] = net->teachers[t].years_at_school;
    }
    return 0;
}

void sn_teacher_state_free(sn_teacher_state *s)
{
    if (!s)
        return;
    free(s->home);
    free(s->years);
    free(s->last_rotated);
    free(s);
}

int sn_teacher_state_next(sn_teacher_state **out, const sn_staffing *st)
{
    sn_teacher_state *s = *out = state_alloc(st->nteachers);
    if (!s)
        return SN_ENOMEM;
    s->year = st->year + 1;
    for (int t = 0; t < st->nteachers; t++) {
        s->home[t] = st->home[t];
        s->years[t] = st->home[t] == st->start[t] ? st->years[t] + 1 : 1;
        s->last_rotated[t] = st->last_rotated[t];
    }
    for (size_t i = 0; i < st->nmoves; i++)
        s->last_rotated[st->moves[i].teacher] = st->year;
    return 0;
}

/* ---- staffing ----------------------------------------------------------- */

/* Shares county c's quota N over its open schools by required numbers,
 * largest remainders first (ties: school order). */
static void share_quota(sn_staffing *st, const sn_network *net, int c, int N)
{
    long total = 0;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].county == c && st->school[s].open)
            total += st->school[s].required;
    if (total <= 0)
        return; /* no pupils: nothing to share by */
    long given = 0;
    for (int s = 0; s < net->nschools; s++) {
        sn_school_staff *ss = &st->school[s];
        if (net->schools[s].county != c || !ss->open)
            continue;
        ss->quota = (int)((long long)N * ss->required / total);
        given += ss->quota;
    }
    while (given < N) { /* one more each, largest remainder first */
        int best = -1;
        long long bestrem = -1;
        for (int s = 0; s < net->nschools; s++) {
            const sn_school_staff *ss = &st->school[s];
            if (net->schools[s].county != c || !ss->open)
                continue;
            long long rem = (long long)N * ss->required -
                            (long long)ss->quota * total;
            if (rem > bestrem) {
                bestrem = rem;
                best = s;
            }
        }
        st->school[best].quota++; /* each school at most once: rem < total */
        given++;
    }
}

static int staffing_alloc(sn_staffing *st, const sn_network *net)
{
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    st->nschools = net->nschools;
    st->nteachers = net->nteachers;
    st->ncounties = net->ncounties;
    st->school = calloc(ns, sizeof *st->school);
    st->demand = calloc(ns * NJ, sizeof *st->demand);
    st->daycap = calloc(ns * NJ, sizeof *st->daycap);
    st->uncovered = calloc(ns * NJ, sizeof *st->uncovered);
    st->start = calloc(nt, sizeof *st->start);
    st->years = calloc(nt, sizeof *st->years);
    st->last_rotated = calloc(nt, sizeof *st->last_rotated);
    st->home = calloc(nt, sizeof *st->home);
    st->county = calloc((size_t)(net->ncounties ? net->ncounties : 1),
                        sizeof *st->county);
    return st->school && st->demand && st->daycap && st->uncovered &&
                   st->start && st->years && st->last_rotated && st->home &&
                   st->county
               ? 0
               : SN_ENOMEM;
}

int sn_staffing_new(sn_staffing **out, const sn_network *net,
                    const sn_plan *plan, const sn_teacher_state *state,
                    sn_error *err)
{
    *out = NULL;
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE,
                            "plan has %d schools, network has %d",
                            plan->nschools, net->nschools);
    if (state && state->nteachers != net->nteachers)
        return sn_error_set(err, SN_EUSAGE, "teacher state has %d teachers, "
                            "network has %d", state->nteachers,
                            net->nteachers);
    sn_staffing *st = calloc(1, sizeof *st);
    if (!st || staffing_alloc(st, net)) {
        sn_staffing_free(st);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    st->year = plan->year;
    st->has_state = state != NULL;
    for (int t = 0; t < net->nteachers; t++) {
        int h = state ? state->home[t] : net->teachers[t].school;
        if (h < 0 || h >= net->nschools) {
            sn_staffing_free(st);
            return sn_error_set(err, SN_EUSAGE, "teacher state: school %d "
                                "out of range", h);
        }
        st->start[t] = st->home[t] = h;
        st->years[t] = state ? state->years[t]
                             : net->teachers[t].years_at_school;
        st->last_rotated[t] = state ? state->last_rotated[t] : 0;
        st->school[h].actual++;
    }
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sc = &net->schools[s];
        const sn_school_plan *sp = &plan->schools[s];
        sn_school_staff *ss = &st->school[s];
        ss->open = !sc->is_private && (sp->state == SN_SCHOOL_KEPT ||
                                       sp->state == SN_SCHOOL_NEW);
        for (int g = 1; g <= SN_GRADES; g++)
            ss->pupils += sp->students[g];
        if (!ss->open)
            continue;
        ss->required = ss->quota = required_teachers(&net->sc, sp);
        ss->funds = school_funds(&net->sc, sc, sp);
        for (int g = 1; g <= SN_GRADES; g++)
            for (int j = 0; j < net->nsubjects; j++) {
                int p = net->curriculum[g * NJ + j];
                size_t k = (size_t)s * NJ + (size_t)j;
                st->demand[k] += sp->classes[g] * p;
                st->daycap[k] += sp->classes[g] * ((p + SN_DAYS - 1) / SN_DAYS);
            }
    }
    for (int c = 0; c < net->ncounties; c++) {
        int N = sn_staffing_county_quota(net, c);
        st->county[c].staff_quota = N;
        if (N >= 0) {
            for (int s = 0; s < net->nschools; s++)
                if (net->schools[s].county == c)
                    st->school[s].quota = 0;
            share_quota(st, net, c, N);
        }
    }
    for (int s = 0; s < net->nschools; s++) {
        sn_school_staff *ss = &st->school[s];
        ss->status = ss->actual > ss->quota    ? SN_STAFF_OVER
                     : ss->actual == ss->quota ? SN_STAFF_FULL
                                               : SN_STAFF_UNDER;
    }
    st->status = SN_PLAN_UNSOLVED;
    sn_staffing_tally(st, net);
    *out = st;
    return 0;
}

void sn_staffing_free(sn_staffing *st)
{
    if (!st)
        return;
    free(st->school);
    free(st->demand);
    free(st->daycap);
    free(st->uncovered);
    free(st->start);
    free(st->years);
    free(st->last_rotated);
    free(st->home);
    free(st->county);
    free(st->rows);
    free(st->moves);
    free(st->redeploys);
    free(st->days);
    free(st);
}

static int push(void **arr, size_t *n, size_t *cap, size_t size,
                const void *item)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        void *p = realloc(*arr, c * size);
        if (!p)
            return SN_ENOMEM;
        *arr = p;
        *cap = c;
    }
    memcpy((char *)*arr + *n * size, item, size);
    (*n)++;
    return 0;
}

int sn_staffing_add_row(sn_staffing *st, const sn_teach_row *r)
{
    return push((void **)&st->rows, &st->nrows, &st->rows_cap, sizeof *r, r);
}

int sn_staffing_add_move(sn_staffing *st, const sn_move *m)
{
    return push((void **)&st->moves, &st->nmoves, &st->moves_cap, sizeof *m,
                m);
}

int sn_staffing_add_redeploy(sn_staffing *st, const sn_redeploy *r)
{
    return push((void **)&st->redeploys, &st->nredeploys, &st->redeploys_cap,
                sizeof *r, r);
}

int sn_staffing_add_day(sn_staffing *st, const sn_day_row *d)
{
    return push((void **)&st->days, &st->ndays, &st->days_cap, sizeof *d, d);
}

static int cmp_row(const void *a, const void *b)
{
    const sn_teach_row *x = a, *y = b;
    if (x->teacher != y->teacher)
        return x->teacher < y->teacher ? -1 : 1;
    if (x->school != y->school)
        return x->school < y->school ? -1 : 1;
    return (x->subject > y->subject) - (x->subject < y->subject);
}

static int cmp_move(const void *a, const void *b)
{
    const sn_move *x = a, *y = b;
    return (x->teacher > y->teacher) - (x->teacher < y->teacher);
}

static int cmp_redeploy(const void *a, const void *b)
{
    const sn_redeploy *x = a, *y = b;
    return (x->teacher > y->teacher) - (x->teacher < y->teacher);
}

static int cmp_day(const void *a, const void *b)
{
    const sn_day_row *x = a, *y = b;
    if (x->teacher != y->teacher)
        return x->teacher < y->teacher ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->school != y->school)
        return x->school < y->school ? -1 : 1;
    return (x->subject > y->subject) - (x->subject < y->subject);
}

void sn_staffing_sort(sn_staffing *st)
{
    if (st->nrows)
        qsort(st->rows, st->nrows, sizeof *st->rows, cmp_row);
    if (st->nmoves)
        qsort(st->moves, st->nmoves, sizeof *st->moves, cmp_move);
    if (st->nredeploys)
        qsort(st->redeploys, st->nredeploys, sizeof *st->redeploys,
              cmp_redeploy);
    if (st->ndays)
        qsort(st->days, st->ndays, sizeof *st->days, cmp_day);
}

void sn_staffing_tally(sn_staffing *st, const sn_network *net)
{
    size_t n = (size_t)net->nschools * NJ;
    memcpy(st->uncovered, st->demand, n * sizeof *st->demand);
    for (size_t i = 0; i < st->nrows; i++) {
        const sn_teach_row *r = &st->rows[i];
        st->uncovered[(size_t)r->school * NJ + (size_t)r->subject] -=
            r->periods;
    }
    for (int c = 0; c < net->ncounties; c++) {
        sn_county_staff *cs = &st->county[c];
        cs->funds = cs->allowance = 0;
        cs->quota = cs->actual = cs->actual_after = 0;
        cs->hires = cs->releases = 0;
        cs->redeployed_closed = cs->redeployed_surplus = 0;
    }
    for (int s = 0; s < net->nschools; s++) {
        st->school[s].allowance = 0;
        st->school[s].actual_after = 0;
    }
    for (int t = 0; t < net->nteachers; t++) {
        int s = st->home[t];
        st->school[s].actual_after++;
        if (!st->school[s].open)
            continue;
        double a = 12.0 * sn_staffing_allowance(net, s);
        st->school[s].allowance += a;
        st->county[net->schools[s].county].allowance += a;
    }
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        sn_county_staff *cs = &st->county[net->schools[s].county];
        cs->funds += ss->funds;
        cs->quota += ss->quota;
        cs->actual += ss->actual;
        cs->actual_after += ss->actual_after;
        if (ss->actual_after > ss->quota)
            cs->releases += ss->actual_after - ss->quota;
        else
            cs->hires += ss->quota - ss->actual_after;
    }
    for (size_t i = 0; i < st->nredeploys; i++) {
        const sn_redeploy *r = &st->redeploys[i];
        sn_county_staff *cs = &st->county[net->schools[r->from].county];
        if (r->reason == SN_REDEPLOY_SURPLUS)
            cs->redeployed_surplus++;
        else
            cs->redeployed_closed++;
    }
}
