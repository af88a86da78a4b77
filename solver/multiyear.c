/* multiyear.c - decisions that persist from one plan year to the next, the
 * pupils who move up a grade where they are, and the timeline rows.
 *
 * Invariants: cum_added[s] <= the original max_new_classrooms[s]; a school
 * in `closed` or `opened` has that state in every later year; the network
 * is changed only between apply and restore, and restore puts back exactly
 * the saved schools and scenario values.
 */
#include "solver/multiyear.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/kpi.h"

#define NG (SN_GRADES + 1)

struct sn_multiyear {
    const sn_network *net;
    int *cum_added;        /* [s] classrooms built so far */
    char *closed, *opened; /* [s] closed / candidate opened so far */
    int *opened_year, *closed_year; /* [s] when, 0 = not */
    double *spent;         /* [county] one-off capital so far */
    sn_assignment *prev;   /* last committed plan's assignments */
    size_t nprev;
    /* apply / restore */
    int applied, year;
    sn_school *saved;      /* [s] shallow copies (strings not owned) */
    int saved_cap;
    double saved_budget;
};

int sn_multiyear_new(sn_multiyear **out, const sn_network *net)
{
    size_t ns = (size_t)(net->nschools ? net->nschools : 1);
    sn_multiyear *my = calloc(1, sizeof *my);
    *out = NULL;
    if (!my)
        return SN_ENOMEM;
    my->net = net;
    my->cum_added = calloc(ns, sizeof *my->cum_added);
    my->closed = calloc(ns, 1);
    my->opened = calloc(ns, 1);
    my->saved = calloc(ns, sizeof *my->saved);
    my->spent = calloc((size_t)net->ncounties + 1, sizeof *my->spent);
    my->opened_year = calloc(ns, sizeof *my->opened_year);
    my->closed_year = calloc(ns, sizeof *my->closed_year);
    if (!my->cum_added || !my->closed || !my->opened || !my->saved ||
        !my->spent || !my->opened_year || !my->closed_year) {
        sn_multiyear_free(my);
        return SN_ENOMEM;
    }
    *out = my;
    return 0;
}

void sn_multiyear_free(sn_multiyear *my)
{
    if (!my)
        return;
    free(my->cum_added);
    free(my->closed);
    free(my->opened);
    free(my->spent);
    free(my->opened_year);
    free(my->closed_year);
    free(my->prev);
    free(my->saved);
    free(my);
}

/* ---- stayers --------------------------------------------------------------- */

/* Scales rows v[0..n) (one zone and grade) to sum to `target` when they
 * sum to more: floors of the shares, then one more pupil each by largest
 * remainder (ties: earlier row). */
static void scale_group(sn_assignment *v, size_t n, long target)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].students;
    if (total <= target)
        return;
    long given = 0;
    double rem[64];
    for (size_t i = 0; i < n; i++) {
        double share = (double)v[i].students * (double)target / (double)total;
        long fl = (long)floor(share);
        if (i < 64)
            rem[i] = share - (double)fl;
        v[i].students = (int)fl;
        given += fl;
    }
    while (given < target) {
        size_t best = 0;
        for (size_t i = 1; i < n && i < 64; i++)
            if (rem[i] > rem[best])
                best = i;
        v[best].students++;
        rem[best] = -1;
        given++;
    }
}

int sn_multiyear_stayers(sn_assignment **out, size_t *n,
                         const sn_multiyear *my, const int *demand)
{
    const sn_network *net = my->net;
    *out = NULL;
    *n = 0;
    if (net->sc.divert == SN_DIVERT_ALL || my->nprev == 0)
        return 0;
    sn_assignment *v = malloc(my->nprev * sizeof *v);
    if (!v)
        return SN_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < my->nprev; i++) {
        const sn_assignment *a = &my->prev[i];
        int g = a->grade + 1;
        if (g > SN_GRADES || g == 7 || a->students <= 0 ||
            !sn_school_teaches(&net->schools[a->school], g))
            continue;
        v[m++] = (sn_assignment){a->zone, g, a->school, a->students, 0, 0, 0};
    }
    qsort(v, m, sizeof *v, sn_assignment_cmp);
    size_t k = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && v[j].zone == v[i].zone && v[j].grade == v[i].grade)
            j++;
        scale_group(v + i, j - i, demand[(size_t)v[i].zone * NG +
                                          (size_t)v[i].grade]);
        for (size_t q = i; q < j; q++)
            if (v[q].students > 0)
                v[k++] = v[q];
        i = j;
    }
    if (k == 0) {
        free(v);
        return 0;
    }
    *out = v;
    *n = k;
    return 0;
}

/* ---- apply / restore ------------------------------------------------------- */

int sn_multiyear_apply(sn_multiyear *my, sn_network *net, int year)
{
    if (my->applied || net != my->net)
        return SN_EUSAGE;
    memcpy(my->saved, net->schools,
           (size_t)net->nschools * sizeof *net->schools);
    my->saved_cap = net->sc.hard_cap;
    my->saved_budget = net->sc.capital_budget;
    for (int i = 0; i < net->nschools; i++) {
        sn_school *s = &net->schools[i];
        if (s->classrooms >= 0) {
            s->classrooms += my->cum_added[i];
            s->max_new_classrooms -= my->cum_added[i];
        }
        /* classrooms built here are not closed the next year: the
         * capital is spent, and the restated plan counts them */
        if (my->cum_added[i] > 0)
            s->closable = 0;
        if (my->closed[i])
            s->force = SN_FORCE_CLOSED;
        if (my->opened[i]) {
            s->status = SN_OPEN;
            s->closable = 0;
            s->force = SN_FORCE_NONE;
        } else if (s->status == SN_CANDIDATE && s->force == SN_FORCE_OPEN &&
                   s->ready_year > year) {
            s->force = SN_FORCE_NONE; /* kept: built once it is ready */
        }
    }
    net->sc.hard_cap = sn_scenario_hard_cap(&net->sc, year);
    my->applied = 1;
    my->year = year;
    return 0;
}

double sn_multiyear_budget_left(const sn_multiyear *my, int county)
{
    double b = my->net->sc.capital_budget;
    if (my->applied)
        b = my->saved_budget;
    if (b <= 0)
        return 0;
    return fmax(b - my->spent[county], 1e-9);
}

void sn_multiyear_restore(sn_multiyear *my, sn_network *net)
{
    if (!my->applied || net != my->net)
        return;
    memcpy(net->schools, my->saved,
           (size_t)net->nschools * sizeof *net->schools);
    net->sc.hard_cap = my->saved_cap;
    net->sc.capital_budget = my->saved_budget;
    my->applied = 0;
}

/* ---- commit ------------------------------------------------------------------ */

static int copy_plan(sn_plan **out, const sn_plan *w)
{
    sn_plan *p;
    if (sn_plan_new(&p, w->nschools, w->year))
        return SN_ENOMEM;
    p->status = w->status;
    memcpy(p->objective, w->objective, sizeof p->objective);
    memcpy(p->bound, w->bound, sizeof p->bound);
    p->weighted = w->weighted;
    p->wvalue = w->wvalue;
    p->wbound = w->wbound;
    p->gap = w->gap;
    memcpy(p->ended_by, w->ended_by, sizeof p->ended_by);
    p->seconds = w->seconds;
    p->demand_source = w->demand_source;
    memcpy(p->schools, w->schools, (size_t)w->nschools * sizeof *p->schools);
    for (size_t i = 0; i < w->nasg; i++)
        if (sn_plan_add_assignment(p, &w->asg[i]))
            goto fail;
    for (size_t i = 0; i < w->nunplaced; i++)
        if (sn_plan_add_unplaced(p, &w->unplaced[i]))
            goto fail;
    *out = p;
    return 0;
fail:
    sn_plan_free(p);
    return SN_ENOMEM;
}

/* Sorts the rows and sums rows of one (zone, grade, school): pupils who
 * stay and pupils placed anew at the same school come as two rows. */
static void coalesce(sn_plan *p)
{
    sn_plan_sort(p);
    size_t m = 0;
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        sn_assignment *last = m ? &p->asg[m - 1] : NULL;
        if (last && last->zone == a->zone && last->grade == a->grade &&
            last->school == a->school)
            last->students += a->students;
        else
            p->asg[m++] = *a;
    }
    p->nasg = m;
}

static int is_open(sn_school_state st)
{
    return st == SN_SCHOOL_KEPT || st == SN_SCHOOL_NEW;
}

/* Each county's cap of the year and the classes above it (even split). */
static void timeline_caps(sn_timeline_row *rows, const sn_network *net,
                          const sn_plan *p)
{
    for (int c = 0; c < net->ncounties; c++)
        rows[c].hard_cap = sn_scenario_cap_code(&net->sc, net->counties[c],
                                                p->year, &rows[c].cap_from);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *sp = &p->schools[s];
        if (sch->classrooms < 0)
            continue;
        for (int g = 1; g <= SN_GRADES; g++)
            rows[sch->county].over_cap += sn_kpi_classes_over(
                sp->students[g], sp->classes[g],
                sn_kpi_cap(net, s, p->year, g));
    }
    for (int c = 0; c < net->ncounties; c++)
        rows[c].meets_cap = rows[c].over_cap == 0;
}

static int timeline(sn_timeline_row *rows, const sn_multiyear *my,
                    const sn_plan *p, const sn_plan *w)
{
    const sn_network *net = my->net;
    double annuity = sn_scenario_annuity(&net->sc);
    for (int c = 0; c < net->ncounties; c++) {
        memset(&rows[c], 0, sizeof rows[c]);
        rows[c].year = p->year;
        rows[c].county = c;
    }
    timeline_caps(rows, net, p);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *sp = &p->schools[s];
        sn_timeline_row *r = &rows[sch->county];
        r->schools_closed += sp->state == SN_SCHOOL_CLOSED;
        r->schools_opened += sp->state == SN_SCHOOL_NEW;
        r->closed_this_year += sp->state == SN_SCHOOL_CLOSED &&
                               w->schools[s].state == SN_SCHOOL_CLOSED &&
                               sch->force != SN_FORCE_CLOSED &&
                               !my->closed[s];
        r->opened_this_year += w->schools[s].state == SN_SCHOOL_NEW;
        r->classrooms_added += sp->classrooms_added;
        r->classrooms_added_this_year += w->schools[s].classrooms_added;
        if (is_open(sp->state) && sch->classrooms >= 0)
            r->classrooms_left += sch->max_new_classrooms -
                                  sp->classrooms_added;
        if (is_open(sp->state) && !sch->is_private)
            r->cost += sch->annual_cost;
        if (sp->state == SN_SCHOOL_NEW)
            r->cost += annuity * sch->build_cost;
        r->cost += annuity * sch->classroom_cost * sp->classrooms_added;
        if (sch->classrooms < 0)
            continue;
        for (int g = 1; g <= SN_GRADES; g++) {
            int n = sp->students[g], k = sp->classes[g];
            r->classes += k;
            r->over_66 += sn_kpi_classes_over(n, k, 66);
            r->over_56 += sn_kpi_classes_over(n, k, 56);
            r->over_standard +=
                sn_kpi_classes_over(n, k, sn_scenario_standard(&net->sc, g));
        }
    }
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        const sn_school *sch = &net->schools[a->school];
        sn_timeline_row *r = &rows[sch->county];
        r->students += a->students;
        r->cost += net->sc.transport_cost_per_student_km * a->km * a->students;
        if (sch->is_private)
            r->cost += sch->seat_price * a->students;
        if (a->boarding)
            r->cost += a->students * (a->grade <= 6
                                          ? net->sc.boarding_cost_primary
                                          : net->sc.boarding_cost_junior);
    }
    for (size_t i = 0; i < p->nunplaced; i++) {
        sn_timeline_row *r = &rows[net->zones[p->unplaced[i].zone].county];
        r->students += p->unplaced[i].students;
        r->unplaced += p->unplaced[i].students;
    }
    sn_shortfall_row *sf;
    size_t nsf;
    if (sn_kpi_shortfall(&sf, &nsf, net, p))
        return SN_ENOMEM;
    for (size_t i = 0; i < nsf; i++) {
        sn_timeline_row *r = &rows[net->schools[sf[i].school].county];
        r->pupils_over_cap += sf[i].pupils_over_cap;
        r->classrooms_short += sf[i].classrooms_short;
    }
    free(sf);
    return 0;
}

int sn_multiyear_commit(sn_plan **out, sn_timeline_row *rows,
                        sn_multiyear *my, const sn_plan *working,
                        sn_error *err)
{
    const sn_network *net = my->net;
    *out = NULL;
    if (my->applied)
        return sn_error_set(err, SN_EUSAGE, "the network is still applied");
    if (working->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE, "plan has %d schools, network "
                            "has %d", working->nschools, net->nschools);
    sn_plan *p;
    sn_assignment *prev = malloc((working->nasg ? working->nasg : 1) *
                                 sizeof *prev);
    if (!prev || copy_plan(&p, working)) {
        free(prev);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    coalesce(p);
    for (int s = 0; s < net->nschools; s++) {
        sn_school_plan *sp = &p->schools[s];
        if (my->opened[s] && sp->state == SN_SCHOOL_KEPT)
            sp->state = SN_SCHOOL_NEW;
        sp->classrooms_added += my->cum_added[s];
        /* the year the school changed state, first of all years */
        sp->opened_year = my->opened[s] ? my->opened_year[s]
                          : sp->state == SN_SCHOOL_NEW ? p->year : 0;
        sp->closed_year = my->closed[s] ? my->closed_year[s]
                          : sp->state == SN_SCHOOL_CLOSED ? p->year : 0;
    }
    sn_kpi k;
    int rc = sn_kpi_compute(&k, net, p, err);
    if (rc) {
        free(prev);
        sn_plan_free(p);
        return rc;
    }
    p->cost = k.cost;
    if (rows && timeline(rows, my, p, working) != 0) {
        free(prev);
        sn_plan_free(p);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *w = &working->schools[s];
        my->cum_added[s] += w->classrooms_added;
        my->spent[sch->county] += sch->classroom_cost * w->classrooms_added;
        if (w->state == SN_SCHOOL_NEW) {
            my->opened[s] = 1;
            my->opened_year[s] = working->year;
            my->spent[sch->county] += sch->build_cost;
        }
        if (w->state == SN_SCHOOL_CLOSED && !my->closed[s]) {
            my->closed[s] = 1;
            my->closed_year[s] = working->year;
        }
    }
    memcpy(prev, p->asg, p->nasg * sizeof *prev);
    free(my->prev);
    my->prev = prev;
    my->nprev = p->nasg;
    *out = p;
    return 0;
}
