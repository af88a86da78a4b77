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

double sn_staffing_allowance(const sn_network *net, int school)
{
    const sn_school *s = &net->schools[school];
    if (s->urban || s->is_private || !sn_staffing_poverty(net, s->county))
        return 0.0;
    return s->remote ? net->sc.allowance_max : net->sc.allowance_min;
}

int sn_teacher_strong(const sn_teacher *t)
{
    return t->excellent || t->title == SN_TITLE_SENIOR;
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

int sn_staffing_new(sn_staffing **out, const sn_network *net,
                    const sn_plan *plan, sn_error *err)
{
    *out = NULL;
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE,
                            "plan has %d schools, network has %d",
                            plan->nschools, net->nschools);
    sn_staffing *st = calloc(1, sizeof *st);
    if (!st)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    size_t nt = (size_t)(net->nteachers ? net->nteachers : 1);
    st->nschools = net->nschools;
    st->nteachers = net->nteachers;
    st->ncounties = net->ncounties;
    st->school = calloc(ns, sizeof *st->school);
    st->demand = calloc(ns * NJ, sizeof *st->demand);
    st->uncovered = calloc(ns * NJ, sizeof *st->uncovered);
    st->home = calloc(nt, sizeof *st->home);
    st->county = calloc((size_t)(net->ncounties ? net->ncounties : 1),
                        sizeof *st->county);
    if (!st->school || !st->demand || !st->uncovered || !st->home ||
        !st->county) {
        sn_staffing_free(st);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (int t = 0; t < net->nteachers; t++) {
        st->home[t] = net->teachers[t].school;
        st->school[st->home[t]].actual++;
    }
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sc = &net->schools[s];
        const sn_school_plan *sp = &plan->schools[s];
        sn_school_staff *ss = &st->school[s];
        ss->open = !sc->is_private && (sp->state == SN_SCHOOL_KEPT ||
                                       sp->state == SN_SCHOOL_NEW);
        for (int g = 1; g <= SN_GRADES; g++)
            ss->pupils += sp->students[g];
        if (ss->open) {
            ss->required = required_teachers(&net->sc, sp);
            ss->funds = school_funds(&net->sc, sc, sp);
            for (int g = 1; g <= SN_GRADES; g++)
                for (int j = 0; j < net->nsubjects; j++)
                    st->demand[(size_t)s * NJ + (size_t)j] +=
                        sp->classes[g] * net->curriculum[g * NJ + j];
        }
        ss->status = ss->actual > ss->required    ? SN_STAFF_OVER
                     : ss->actual == ss->required ? SN_STAFF_FULL
                                                  : SN_STAFF_UNDER;
    }
    memcpy(st->uncovered, st->demand, ns * NJ * sizeof *st->demand);
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
    free(st->uncovered);
    free(st->home);
    free(st->county);
    free(st->rows);
    free(st->moves);
    free(st);
}

int sn_staffing_add_row(sn_staffing *st, const sn_teach_row *r)
{
    if (st->nrows == st->rows_cap) {
        size_t cap = st->rows_cap ? 2 * st->rows_cap : 256;
        sn_teach_row *p = realloc(st->rows, cap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        st->rows = p;
        st->rows_cap = cap;
    }
    st->rows[st->nrows++] = *r;
    return 0;
}

int sn_staffing_add_move(sn_staffing *st, const sn_move *m)
{
    if (st->nmoves == st->moves_cap) {
        size_t cap = st->moves_cap ? 2 * st->moves_cap : 64;
        sn_move *p = realloc(st->moves, cap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        st->moves = p;
        st->moves_cap = cap;
    }
    st->moves[st->nmoves++] = *m;
    return 0;
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

void sn_staffing_sort(sn_staffing *st)
{
    if (st->nrows)
        qsort(st->rows, st->nrows, sizeof *st->rows, cmp_row);
    if (st->nmoves)
        qsort(st->moves, st->nmoves, sizeof *st->moves, cmp_move);
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
    for (int c = 0; c < net->ncounties; c++)
        st->county[c].funds = st->county[c].allowance = 0;
    for (int s = 0; s < net->nschools; s++) {
        st->school[s].allowance = 0;
        st->county[net->schools[s].county].funds += st->school[s].funds;
    }
    for (int t = 0; t < net->nteachers; t++) {
        int s = st->home[t];
        if (!st->school[s].open)
            continue;
        double a = 12.0 * sn_staffing_allowance(net, s);
        st->school[s].allowance += a;
        st->county[net->schools[s].county].allowance += a;
    }
}
