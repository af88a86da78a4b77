/* plan.c - allocation plan storage. */
#include "model/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int sn_plan_new(sn_plan **out, int nschools, int year)
{
    *out = NULL;
    sn_plan *p = calloc(1, sizeof *p);
    if (!p)
        return SN_ENOMEM;
    p->schools = calloc(nschools > 0 ? (size_t)nschools : 1,
                        sizeof *p->schools);
    if (!p->schools) {
        free(p);
        return SN_ENOMEM;
    }
    p->nschools = nschools;
    p->year = year;
    p->status = SN_PLAN_UNSOLVED;
    p->demand_source = "history";
    *out = p;
    return 0;
}

void sn_plan_free(sn_plan *p)
{
    if (!p)
        return;
    free(p->schools);
    free(p->asg);
    free(p->unplaced);
    free(p->shortfall);
    free(p->county_short);
    free(p);
}

int sn_plan_add_assignment(sn_plan *p, const sn_assignment *a)
{
    if (p->nasg == p->asg_cap) {
        size_t ncap = p->asg_cap ? 2 * p->asg_cap : 256;
        sn_assignment *n = realloc(p->asg, ncap * sizeof *n);
        if (!n)
            return SN_ENOMEM;
        p->asg = n;
        p->asg_cap = ncap;
    }
    p->asg[p->nasg++] = *a;
    return 0;
}

int sn_plan_add_unplaced(sn_plan *p, const sn_unplaced *u)
{
    if (p->nunplaced == p->unplaced_cap) {
        size_t ncap = p->unplaced_cap ? 2 * p->unplaced_cap : 16;
        sn_unplaced *n = realloc(p->unplaced, ncap * sizeof *n);
        if (!n)
            return SN_ENOMEM;
        p->unplaced = n;
        p->unplaced_cap = ncap;
    }
    p->unplaced[p->nunplaced++] = *u;
    return 0;
}

int sn_assignment_cmp(const void *a, const void *b)
{
    const sn_assignment *x = a, *y = b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->grade != y->grade)
        return x->grade < y->grade ? -1 : 1;
    return (x->school > y->school) - (x->school < y->school);
}

static int cmp_unplaced(const void *a, const void *b)
{
    const sn_unplaced *x = a, *y = b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->grade != y->grade)
        return x->grade < y->grade ? -1 : 1;
    return ((int)x->reason > (int)y->reason) - ((int)x->reason < (int)y->reason);
}

void sn_plan_sort(sn_plan *p)
{
    if (p->nasg)
        qsort(p->asg, p->nasg, sizeof *p->asg, sn_assignment_cmp);
    /* pupils who stay and pupils placed anew at the same school are one row
     * (same km, boarding and diversion: all three follow from the pair) */
    size_t w = 0;
    for (size_t i = 0; i < p->nasg; i++) {
        if (w > 0 && sn_assignment_cmp(&p->asg[w - 1], &p->asg[i]) == 0)
            p->asg[w - 1].students += p->asg[i].students;
        else
            p->asg[w++] = p->asg[i];
    }
    p->nasg = w;
    if (p->nunplaced)
        qsort(p->unplaced, p->nunplaced, sizeof *p->unplaced, cmp_unplaced);
    w = 0;
    for (size_t i = 0; i < p->nunplaced; i++) {
        if (w > 0 && cmp_unplaced(&p->unplaced[w - 1], &p->unplaced[i]) == 0)
            p->unplaced[w - 1].students += p->unplaced[i].students;
        else
            p->unplaced[w++] = p->unplaced[i];
    }
    p->nunplaced = w;
}

const char *sn_plan_status_name(sn_plan_status st)
{
    switch (st) {
    case SN_PLAN_OPTIMAL: return "optimal";
    case SN_PLAN_FEASIBLE: return "feasible";
    case SN_PLAN_INTERRUPTED: return "interrupted";
    case SN_PLAN_INFEASIBLE: return "infeasible";
    default: return "unsolved";
    }
}

/* Relative gap of a value above its bound (0 when the final plan, being
 * evaluated after later levels, came out at or below the bound). */
static double rel_gap(double v, double b)
{
    if (!isfinite(b))
        return INFINITY;
    return fmax(v - b, 0.0) / fmax(fabs(v), 1.0);
}

void sn_plan_update_gap(sn_plan *p)
{
    p->gap = 0;
    if (p->weighted) {
        p->gap = rel_gap(p->wvalue, p->wbound);
        return;
    }
    for (int k = 0; k < SN_LEVELS; k++) {
        double g = rel_gap(p->objective[k], p->bound[k]);
        if (g > p->gap)
            p->gap = g;
    }
}

const char *sn_plan_level_name(int k)
{
    const char *name = sn_level_name(k);
    return name ? name : "unknown";
}

const char *sn_school_state_name(sn_school_state st)
{
    switch (st) {
    case SN_SCHOOL_KEPT: return "open";
    case SN_SCHOOL_CLOSED: return "closed";
    case SN_SCHOOL_NEW: return "new";
    default: return "not_built";
    }
}

const char *sn_plan_end_name(sn_end e)
{
    switch (e) {
    case SN_END_GAP:
        return "gap";
    case SN_END_WORK:
        return "work";
    case SN_END_TIME:
        return "time";
    case SN_END_STOP:
        return "stop";
    default:
        return "none";
    }
}
