/* scenario.c - defaults of a planning run and small derived values. */
#include "model/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"

int sn_scenario_init(sn_scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->name = strdup("scenario");
    sc->data_dir = strdup(".");
    sc->poverty_counties = strdup("");
    if (!sc->name || !sc->data_dir || !sc->poverty_counties) {
        sn_scenario_dispose(sc);
        return SN_ENOMEM;
    }
    sc->divert = SN_DIVERT_INTAKE;
    sc->standard_primary = 45;
    sc->standard_junior = 50;
    sc->hard_cap = 56;
    sc->max_km_primary = 3.0;
    sc->max_km_junior = 5.0;
    sc->boarding_max_km = 30.0;
    sc->detour_factor = 1.3;
    sc->transport_cost_per_student_km = 0.0;
    sc->boarding_min_grade = 4;
    sc->bus_max_km = 0.0;
    sc->allow_closures = 1;
    sc->max_open_schools = 0;
    sc->discount_rate = 0.04;
    sc->capital_years = 20;
    sc->boarding_cost_primary = 1000.0;
    sc->boarding_cost_junior = 1250.0;
    sc->objective_mode = SN_OBJECTIVE_LEXICOGRAPHIC;
    static const int order[SN_LEVELS] = {
        SN_LEVEL_UNPLACED, SN_LEVEL_OVER_CAP, SN_LEVEL_COST,
        SN_LEVEL_OVER_STANDARD, SN_LEVEL_DIVERTED, SN_LEVEL_KM};
    /* weighted mode: yuan a year one unit of each level is worth */
    static const double weight[SN_LEVELS] = {1e6, 1e4, 1e3, 1.0, 100.0,
                                             10.0};
    memcpy(sc->objective_order, order, sizeof order);
    memcpy(sc->objective_weight, weight, sizeof weight);
    sc->ratio_primary = 19.0;
    sc->ratio_junior = 13.5;
    sc->max_itinerant_km = 10.0;
    sc->max_schools_per_teacher = 3;
    sc->rotation_rate = 0.10;
    sc->rotation_excellent_share = 0.20;
    sc->rotation_min_years = 6;
    sc->standard_periods = 16;
    sc->class_ratio_primary = 1.7;
    sc->class_ratio_junior = 2.1;
    sc->small_school_pupils = 100;
    sc->periods_per_visit = 4;
    sc->max_periods_per_day = 6;
    sc->funds_primary = 600.0;
    sc->funds_junior = 800.0;
    sc->min_funded_pupils = 100;
    sc->allowance_min = 100.0;
    sc->allowance_max = 500.0;
    sc->allowance_full_km = 30.0;
    sc->gpr_years = 3;
    sc->gpr_method = SN_GPR_MEAN;
    sc->shrink_students = 60.0;
    sc->missing = SN_MISSING_ERROR;
    sc->entry_damping = 0.8;
    sc->yield_primary = 0.19;
    sc->yield_junior = 0.09;
    sc->time_limit = 60.0;
    sc->mip_gap = 0.01;
    sc->boarding_options = 8;
    return 0;
}

int sn_scenario_copy(sn_scenario *dst, const sn_scenario *src)
{
    *dst = *src;
    dst->name = strdup(src->name ? src->name : "scenario");
    dst->data_dir = strdup(src->data_dir ? src->data_dir : ".");
    dst->poverty_counties =
        strdup(src->poverty_counties ? src->poverty_counties : "");
    dst->county_quota = NULL;
    dst->ncounty_quota = 0;
    if (!dst->name || !dst->data_dir || !dst->poverty_counties) {
        sn_scenario_dispose(dst);
        return SN_ENOMEM;
    }
    for (int i = 0; i < src->ncounty_quota; i++) {
        const sn_county_quota *q = &src->county_quota[i];
        if (sn_scenario_set_quota(dst, q->county, q->quota, q->path, q->line,
                                  q->col) < 0) {
            sn_scenario_dispose(dst);
            return SN_ENOMEM;
        }
    }
    return 0;
}

int sn_scenario_set_quota(sn_scenario *sc, const char *county, int quota,
                          const char *path, long line, long col)
{
    int i = 0;
    while (i < sc->ncounty_quota && strcmp(sc->county_quota[i].county, county))
        i++;
    if (i == sc->ncounty_quota) {
        sn_county_quota *v = realloc(sc->county_quota,
                                     (size_t)(i + 1) * sizeof *v);
        if (!v)
            return SN_ENOMEM;
        sc->county_quota = v;
        memset(&v[i], 0, sizeof v[i]);
        if (!(v[i].county = strdup(county)))
            return SN_ENOMEM;
        sc->ncounty_quota++;
    }
    sn_county_quota *q = &sc->county_quota[i];
    char *p = strdup(path ? path : "");
    if (!p)
        return SN_ENOMEM;
    free(q->path);
    q->path = p;
    q->quota = quota;
    q->line = line;
    q->col = col;
    return i;
}

void sn_scenario_dispose(sn_scenario *sc)
{
    if (!sc)
        return;
    free(sc->name);
    free(sc->data_dir);
    free(sc->poverty_counties);
    sc->name = sc->data_dir = sc->poverty_counties = NULL;
    for (int i = 0; i < sc->ncounty_quota; i++) {
        free(sc->county_quota[i].county);
        free(sc->county_quota[i].path);
    }
    free(sc->county_quota);
    sc->county_quota = NULL;
    sc->ncounty_quota = 0;
}

int sn_scenario_standard(const sn_scenario *sc, int grade)
{
    return grade <= 6 ? sc->standard_primary : sc->standard_junior;
}

double sn_scenario_annuity(const sn_scenario *sc)
{
    double r = sc->discount_rate;
    int n = sc->capital_years > 0 ? sc->capital_years : 1;
    if (r <= 0)
        return 1.0 / n;
    return r / (1.0 - pow(1.0 + r, -n));
}

int sn_scenario_cap_code(const sn_scenario *sc, const char *county, int year,
                         int *from)
{
    int best = -1;
    for (int i = 0; i < sc->nmilestones; i++) {
        const sn_milestone *m = &sc->milestones[i];
        if (m->year > year ||
            (m->county[0] && (!county || strcmp(m->county, county) != 0)))
            continue;
        /* sorted by (year, county): "" comes first, so at one year a
         * county's own milestone is seen after the city-wide one */
        best = i;
    }
    if (from)
        *from = best;
    return best >= 0 ? sc->milestones[best].cap : sc->hard_cap;
}

int sn_scenario_cap_size(const sn_scenario *sc, int code, int grade)
{
    if (code == SN_CAP_STANDARD)
        return sn_scenario_standard(sc, grade);
    if (code == SN_CAP_NONE)
        return SN_CAP_UNLIMITED;
    return code;
}

int sn_scenario_cap(const sn_scenario *sc, const char *county, int year,
                    int grade)
{
    return sn_scenario_cap_size(
        sc, sn_scenario_cap_code(sc, county, year, NULL), grade);
}

void sn_scenario_cap_name(char *buf, size_t n, int code)
{
    if (code == SN_CAP_STANDARD)
        snprintf(buf, n, "standard");
    else if (code == SN_CAP_NONE)
        snprintf(buf, n, "none");
    else
        snprintf(buf, n, "%d", code);
}

int sn_scenario_hard_cap(const sn_scenario *sc, int year)
{
    int code = sn_scenario_cap_code(sc, NULL, year, NULL);
    if (code == SN_CAP_STANDARD)
        return sc->standard_primary > sc->standard_junior
                   ? sc->standard_primary
                   : sc->standard_junior;
    return code == SN_CAP_NONE ? SN_CAP_UNLIMITED : code;
}

static const char *const level_names[SN_LEVELS] = {
    "unplaced", "over_hard_cap", "over_standard", "cost", "diverted",
    "student_km"};

const char *sn_level_name(int id)
{
    return id >= 0 && id < SN_LEVELS ? level_names[id] : NULL;
}

int sn_level_find(const char *name)
{
    for (int i = 0; i < SN_LEVELS; i++)
        if (!strcmp(level_names[i], name))
            return i;
    return -1;
}

/* The milestone that decides `county`'s cap in `year` as text. */
static void milestone_text(char *buf, size_t n, const sn_scenario *sc, int i)
{
    const sn_milestone *m = &sc->milestones[i];
    char cap[32];
    sn_scenario_cap_name(cap, sizeof cap, m->cap);
    snprintf(buf, n, "milestone hard_cap.%d%s%s = %s", m->year,
             m->county[0] ? "." : "", m->county, cap);
}

int sn_scenario_cap_shadowed(const sn_scenario *sc, const char *const *counties,
                             int ncounties, int year, char *why, size_t n)
{
    if (sc->hard_cap_line <= 0 || ncounties <= 0)
        return 0;
    int first = -1;
    for (int c = 0; c < ncounties; c++) {
        int from;
        sn_scenario_cap_code(sc, counties[c], year, &from);
        if (from < 0)
            return 0;
        if (first < 0)
            first = from;
    }
    char m[128];
    milestone_text(m, sizeof m, sc, first);
    snprintf(why, n, "[classes] hard_cap = %d has no effect in %d: %s%s "
             "decides the cap", sc->hard_cap, year, m,
             ncounties > 1 ? " (with the other milestones of that year)" : "");
    return 1;
}

/* Whether a and b give every county the same cap code in `year`. */
static int same_caps(const sn_scenario *a, const sn_scenario *b, int year)
{
    if (sn_scenario_cap_code(a, NULL, year, NULL) !=
        sn_scenario_cap_code(b, NULL, year, NULL))
        return 0;
    for (int k = 0; k < 2; k++) {
        const sn_scenario *x = k ? b : a;
        for (int i = 0; i < x->nmilestones; i++) {
            const char *county = x->milestones[i].county;
            if (county[0] && sn_scenario_cap_code(a, county, year, NULL) !=
                                 sn_scenario_cap_code(b, county, year, NULL))
                return 0;
        }
    }
    return 1;
}

/* A copy of sc with what is compared separately (or not at all) cleared. */
static void normalised(sn_scenario *out, const sn_scenario *sc)
{
    *out = *sc;
    out->name = out->data_dir = out->poverty_counties = NULL;
    out->hard_cap = 0;
    out->hard_cap_line = 0;
    memset(out->milestones, 0, sizeof out->milestones);
    out->nmilestones = 0;
    out->weights_given = 0;
    if (out->objective_mode == SN_OBJECTIVE_LEXICOGRAPHIC)
        memset(out->objective_weight, 0, sizeof out->objective_weight);
}

int sn_scenario_same_effect(const sn_scenario *a, const sn_scenario *b,
                            int year)
{
    /* both come from sn_scenario_init (memset), so padding compares equal;
     * the copies are large (milestones): on the heap */
    sn_scenario *px = malloc(sizeof *px), *py = malloc(sizeof *py);
    if (!px || !py) {
        free(px);
        free(py);
        return 0;
    }
    normalised(px, a);
    normalised(py, b);
    int same = memcmp(px, py, sizeof *px) == 0 &&
               !strcmp(a->poverty_counties ? a->poverty_counties : "",
                       b->poverty_counties ? b->poverty_counties : "");
    free(px);
    free(py);
    for (int yr = year ? year : 1949; same && yr <= (year ? year : 2100); yr++)
        same = same_caps(a, b, yr);
    return same;
}
