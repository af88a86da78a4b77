/* generate.h - synthetic county and city data sets shaped like Yuncheng's.
 *
 * sn_generate() builds an sn_network in memory that looks like the school
 * network of a county in Yuncheng, Shanxi, around 2017: a county town of a
 * few km across whose schools are over-subscribed (classes of 60-75 in the
 * last history year, few classrooms), township central schools and junior
 * middle schools with boarding beds, village primaries and teaching points
 * (grades 1-3 or 1-4) with small, shrinking enrolment, remote mountain
 * villages, candidate school sites, one non-profit private school, teachers
 * with rural shortages of music, art, PE and IT, and the national
 * curriculum.  io/write_network.h writes it as CSV.
 *
 * Guarantees, for the scenario defaults of model/scenario.h (walking 3 km
 * primary / 5 km junior, boarding 30 km, detour 1.3, hard cap 56):
 *  - every zone's designated primary and junior school is open, public and
 *    teaches every grade of its stage, and lies within walking distance or
 *    has boarding beds and lies within boarding distance;
 *  - each open public school has classrooms + max_new_classrooms enough to
 *    hold, at 56 a class and with 10% slack, the pupils designated to it in
 *    every year from the last history year to the plan year (as simulated
 *    by the generator); boarding beds hold the designated boarders with 25%
 *    slack;
 *  - the hard-county options (crowding, room_ratio, far_zones) lift the
 *    first two guarantees on purpose: classrooms below what the pupils
 *    need, zones whose designated school is beyond walking distance
 *    (with boarding beds within boarding distance when one exists);
 *  - the same options give the same network, bit for bit, on one platform
 *    (a private splitmix64 generator; no rand(), no clock).
 * Coordinates and explicit distances are rounded to 0.001 km and money to
 * whole yuan, so a network written with "%.3f" reads back identical.
 */
#ifndef SN_GENERATE_H
#define SN_GENERATE_H

#include "model/error.h"
#include "model/network.h"

/* Enough for a province: Shanxi has 117 county-level units, Sichuan, the
 * most, 183.  Beyond Yuncheng's 13 names, county c is "NAME k" with NAME
 * the (c mod 13)-th unit and k = c / 13 + 1, sized like that unit. */
#define SN_GENERATE_MAX_COUNTIES 200

typedef struct sn_generate_opts {
    int counties;       /* 1..SN_GENERATE_MAX_COUNTIES */
    int schools;        /* per county (the mean when vary_size), >= 8 */
    int zones;          /* per county (the mean when vary_size), >= 20 */
    int years;          /* years of enrolment history, 2..30 */
    int last_year;      /* last history year; the first is last - years + 1 */
    int plan_year;      /* >= last_year: scenario year and sizing horizon */
    unsigned long long seed;
    int vary_size;      /* 1: with several counties, scale each by its
                           population (Yuncheng's 13 units); 0: all equal */
    const char *const *county_names; /* NULL: Yanhu, Yongji, ... Ruicheng */
    int ncounty_names;  /* entries of county_names; repeats get " 2", ... */
    const char *name;   /* scenario name; NULL: "synthetic <county> seed S" */
    /* Hard counties (docs/generate.md); the defaults leave them off. */
    double crowding;    /* 0 = off, else 1..2: classrooms cut so that the
                           last history year's designated pupils sit
                           crowding x the standard size (45 / 50) a class */
    double room_ratio;  /* 0.1..1: classrooms = room_ratio x the classes
                           those pupils use (after crowding); 1 = off */
    double far_zones;   /* 0..0.5: this share of each county's village
                           zones is moved from within walking distance of
                           a school to beyond it, the remotest first */
} sn_generate_opts;

#define SN_GENERATE_OPTS_INIT {1, 60, 300, 6, 2017, 2020, 1ULL, 1, NULL, 0, NULL, \
                               0.0, 1.0, 0.0}

/* Builds a synthetic network.  Returns 0 and a new network in *out (free it
 * with sn_network_free), SN_EUSAGE for options out of range (err says
 * which), or SN_ENOMEM; *out is NULL on failure.  The network's scenario
 * has the defaults, with sc.year = plan_year and sc.name from opts.
 * Enrolment history covers [last_year - years + 1, last_year], births the
 * 14 years before the first history year up to last_year. */
int sn_generate(sn_network **out, const sn_generate_opts *opts, sn_error *err);

#endif
