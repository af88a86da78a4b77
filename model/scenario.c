/* scenario.c - defaults of a planning run and small derived values. */
#include "model/scenario.h"

#include <math.h>
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
    sc->allow_closures = 1;
    sc->max_open_schools = 0;
    sc->discount_rate = 0.04;
    sc->capital_years = 20;
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
    sc->funds_primary = 600.0;
    sc->funds_junior = 800.0;
    sc->min_funded_pupils = 100;
    sc->allowance_min = 100.0;
    sc->allowance_max = 500.0;
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
    if (!dst->name || !dst->data_dir || !dst->poverty_counties) {
        sn_scenario_dispose(dst);
        return SN_ENOMEM;
    }
    return 0;
}

void sn_scenario_dispose(sn_scenario *sc)
{
    if (!sc)
        return;
    free(sc->name);
    free(sc->data_dir);
    free(sc->poverty_counties);
    sc->name = sc->data_dir = sc->poverty_counties = NULL;
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

int sn_scenario_hard_cap(const sn_scenario *sc, int year)
{
    int cap = sc->hard_cap;
    for (int i = 0; i < sc->nmilestones; i++)
        if (sc->milestone_year[i] <= year)
            cap = sc->milestone_cap[i];
    return cap;
}
