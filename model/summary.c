/* summary.c - per-county counts and reach warnings for `validate`.
 * Cost: O(zones x schools) distance look-ups for the reach check. */
#include "model/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTED 20

static void pick_year(sn_summary *s, const sn_network *net)
{
    if (net->year_lo > net->year_hi) {
        s->year = 0;
        s->year_source = SN_SUMMARY_NO_HISTORY;
    } else if (net->sc.year >= net->year_lo && net->sc.year <= net->year_hi) {
        s->year = net->sc.year;
        s->year_source = SN_SUMMARY_PLAN_YEAR;
    } else {
        s->year = net->year_hi;
        s->year_source = SN_SUMMARY_LAST_HISTORY;
    }
}

static void count(sn_summary *s, const sn_network *net)
{
    for (int i = 0; i < net->nschools; i++) {
        const sn_school *sc = &net->schools[i];
        sn_county_summary *c = &s->county[sc->county];
        c->schools[sc->stage][sc->status]++;
        if (sc->status != SN_OPEN)
            continue;
        if (sc->classrooms >= 0)
            c->classrooms += sc->classrooms;
        if (sc->seats >= 0)
            c->seats += sc->seats;
        c->boarding_beds += sc->boarding_beds;
    }
    for (int z = 0; z < net->nzones; z++) {
        if (net->zones[z].county < 0)
            continue;
        sn_county_summary *c = &s->county[net->zones[z].county];
        c->zones++;
        for (int g = 1; g <= SN_GRADES; g++) {
            int st = sn_grade_stage(g);
            c->students[st] += sn_network_students(net, s->year, z, g);
            c->migrants[st] += sn_network_migrants(net, s->year, z, g);
        }
    }
    for (int i = 0; i < net->nteachers; i++) {
        const sn_teacher *t = &net->teachers[i];
        sn_county_summary *c = &s->county[net->schools[t->school].county];
        c->teachers++;
        for (int k = 0; k < net->nsubjects; k++)
            if (t->subjects >> k & 1ULL)
                c->teachers_by_subject[k]++;
    }
}

/* "1-3, 5" from a mask of grades. */
static void grade_list(char *buf, size_t n, unsigned mask)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int g = 1; g <= SN_GRADES && o + 1 < n; g++) {
        if (!(mask >> g & 1u))
            continue;
        int h = g;
        while (h < SN_GRADES && mask >> (h + 1) & 1u)
            h++;
        if (h > g)
            o += (size_t)snprintf(buf + o, n - o, "%s%d-%d", o ? ", " : "",
                                  g, h);
        else
            o += (size_t)snprintf(buf + o, n - o, "%s%d", o ? ", " : "", g);
        g = h;
    }
}

/* Grades with pupils in the summary year (all grades without history). */
static unsigned demand_mask(const sn_summary *s, const sn_network *net, int z)
{
    unsigned m = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        if (s->year_source == SN_SUMMARY_NO_HISTORY ||
            sn_network_students(net, s->year, z, g) > 0)
            m |= 1u << g;
    return m;
}

/* Grades of zone z with a school (open or candidate) of its county in
 * reach as the plan defines it (docs/model.md): by day within the stage's
 * walking limit or bus_max_km, or boarding from boarding_min_grade at a
 * school with beds within boarding_max_km. */
static unsigned reach_mask(const sn_network *net, int z)
{
    const sn_scenario *sc = &net->sc;
    unsigned m = 0;
    for (int i = 0; i < net->nschools; i++) {
        const sn_school *s = &net->schools[i];
        if (s->county != net->zones[z].county)
            continue;
        double km = sn_network_km(net, z, i);
        if (km < 0)
            continue;
        int board = s->boarding_beds > 0 && km <= sc->boarding_max_km;
        for (int g = s->grade_lo; g <= s->grade_hi; g++) {
            double walk = g <= 6 ? sc->max_km_primary : sc->max_km_junior;
            if ((board && g >= sc->boarding_min_grade) || km <= walk ||
                km <= sc->bus_max_km)
                m |= 1u << g;
        }
    }
    return m;
}

/* Grades of zone z whose pupils keep their school whatever the reach:
 * enrolled pupils (divert = intake, grades other than the entry grades 1
 * and 7) of a designated school that teaches the grade at a known
 * distance stay there (docs/model.md, "Who moves"). */
static unsigned kept_mask(const sn_network *net, int z)
{
    const sn_zone *zone = &net->zones[z];
    unsigned m = 0;
    if (net->sc.divert != SN_DIVERT_INTAKE)
        return 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int h = g <= 6 ? zone->primary_school : zone->junior_school;
        if (g != 1 && g != 7 && h >= 0 && h < net->nschools &&
            g >= net->schools[h].grade_lo && g <= net->schools[h].grade_hi &&
            sn_network_km(net, z, h) >= 0)
            m |= 1u << g;
    }
    return m;
}

static void reach_warnings(const sn_summary *s, const sn_network *net,
                           sn_diag *warn)
{
    int listed = 0, more = 0;
    for (int z = 0; z < net->nzones; z++) {
        const sn_zone *zone = &net->zones[z];
        if (zone->county < 0)
            continue;
        unsigned miss = demand_mask(s, net, z) & ~reach_mask(net, z) &
                        ~kept_mask(net, z);
        if (!miss)
            continue;
        if (listed++ >= MAX_LISTED) {
            more++;
            continue;
        }
        char grades[64], bus[48] = "", board[64] = "";
        grade_list(grades, sizeof grades, miss);
        if (net->sc.bus_max_km > 0)
            snprintf(bus, sizeof bus, ", bus (%g km)", net->sc.bus_max_km);
        if (net->sc.boarding_min_grade <= 1)
            snprintf(board, sizeof board, " or boarding (%g km)",
                     net->sc.boarding_max_km);
        else if (net->sc.boarding_min_grade <= SN_GRADES)
            snprintf(board, sizeof board, " or boarding (%g km, grades "
                     "%d-9)", net->sc.boarding_max_km,
                     net->sc.boarding_min_grade);
        sn_diag_warning(warn, NULL, 0, 0,
                        "zone '%s' (county %s): no school teaches grade%s %s "
                        "within walking (%g/%g km)%s%s reach",
                        zone->id, net->counties[zone->county],
                        (miss & (miss - 1)) ? "s" : "", grades,
                        net->sc.max_km_primary, net->sc.max_km_junior, bus,
                        board);
    }
    if (more)
        sn_diag_warning(warn, NULL, 0, 0,
                        "... and %d more zones without a school in reach",
                        more);
}

static void designation_warnings(const sn_summary *s, const sn_network *net,
                                 sn_diag *warn)
{
    int listed = 0, more = 0;
    for (int z = 0; z < net->nzones; z++) {
        const sn_zone *zone = &net->zones[z];
        for (int st = SN_PRIMARY; st <= SN_JUNIOR; st++) {
            int school = st == SN_PRIMARY ? zone->primary_school
                                          : zone->junior_school;
            if (school >= 0)
                continue;
            long n = 0;
            for (int g = st ? 7 : 1; g <= (st ? 9 : 6); g++)
                n += sn_network_students(net, s->year, z, g);
            if (!n)
                continue;
            if (listed++ >= MAX_LISTED) {
                more++;
                continue;
            }
            sn_diag_warning(warn, NULL, 0, 0,
                            "zone '%s' (county %s): %ld %s pupils but no "
                            "designated school", zone->id,
                            zone->county >= 0 ? net->counties[zone->county]
                                              : "?",
                            n, sn_stage_name((sn_stage)st));
        }
    }
    if (more)
        sn_diag_warning(warn, NULL, 0, 0,
                        "... and %d more zones without a designated school",
                        more);
}

static int placement_warnings(const sn_network *net, sn_diag *warn)
{
    char *has_dist = calloc((size_t)net->nschools + 1, 1);
    if (!has_dist)
        return SN_ENOMEM;
    for (size_t i = 0; i < net->ndistances; i++)
        has_dist[net->distances[i].school] = 1;
    int listed = 0, more = 0;
    for (int i = 0; i < net->nschools; i++) {
        if (net->schools[i].has_xy || has_dist[i])
            continue;
        if (listed++ >= MAX_LISTED) {
            more++;
            continue;
        }
        sn_diag_warning(warn, NULL, 0, 0,
                        "school '%s': no coordinates and no distances: no "
                        "zone can reach it", net->schools[i].id);
    }
    if (more)
        sn_diag_warning(warn, NULL, 0, 0,
                        "... and %d more schools without a location", more);
    free(has_dist);
    return 0;
}

int sn_summary_new(sn_summary **out, const sn_network *net, sn_diag *warn)
{
    *out = NULL;
    sn_summary *s = calloc(1, sizeof *s);
    if (!s)
        return SN_ENOMEM;
    s->ncounties = net->ncounties;
    s->county = calloc((size_t)net->ncounties + 1, sizeof *s->county);
    if (!s->county) {
        sn_summary_free(s);
        return SN_ENOMEM;
    }
    pick_year(s, net);
    count(s, net);
    reach_warnings(s, net, warn);
    designation_warnings(s, net, warn);
    if (placement_warnings(net, warn) || warn->oom) {
        sn_summary_free(s);
        return SN_ENOMEM;
    }
    *out = s;
    return 0;
}

void sn_summary_free(sn_summary *s)
{
    if (!s)
        return;
    free(s->county);
    free(s);
}
