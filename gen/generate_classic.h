/* generate_classic.h - classic location problems as schoolnet data, to
 * measure the search against published problem families (bench/).
 *
 * Both map onto the allocation model the way tests/solver/test_ufl.c does:
 * one county, seat-mode schools that may all close, every pupil movable
 * (divert = all), zones without a designated school, walking reach larger
 * than any distance, demand in grade 1 of the plan year's history.  The
 * cost level is then exactly the problem's objective.
 *
 * Capacitated facility location, generated as in Cornuejols, Sridharan and
 * Thizy (1991, EJOR 50: "A comparison of heuristics and relaxations for
 * the capacitated plant location problem"): sites and customers uniform in
 * the unit square (here 100 x 100 km), demand U{5..35}, capacity U{10..160}
 * rescaled so that total capacity / total demand = ratio, fixed cost
 * U{100..110} x sqrt(capacity before rescaling) + U{0..90}, unit transport
 * cost 10 x Euclidean distance in the unit square (0.1 yuan a pupil-km on
 * the 100 km square).  Capacities are rounded to whole seats.
 *
 * p-median on random graphs in the OR-Library style (Beasley 1985, JORS
 * 36: "A note on solving large p-median problems"): a random spanning tree
 * plus random edges up to n^2 / 50 in all, edge lengths U{1..100},
 * shortest-path distances (distances.csv) between every zone and school
 * placed on the same n nodes, one pupil per node, no capacity or fixed
 * cost, max_open_schools = p.
 *
 * Deterministic for a seed (splitmix64, no clock).
 */
#ifndef SN_GENERATE_CLASSIC_H
#define SN_GENERATE_CLASSIC_H

#include "model/error.h"
#include "model/network.h"

typedef struct sn_cflp_opts {
    int sites;               /* 2..2000 */
    int customers;           /* 2..20000 */
    double ratio;            /* total capacity / total demand, >= 1 */
    unsigned long long seed;
} sn_cflp_opts;

typedef struct sn_pmedian_opts {
    int nodes;               /* 10..2000 */
    int p;                   /* 1..nodes */
    unsigned long long seed;
} sn_pmedian_opts;

/* Each returns 0 and a new finished network in *out (sn_network_free),
 * SN_EUSAGE for options out of range (err says which), or SN_ENOMEM; *out
 * is NULL on failure.  The scenario year is 2020 (history 2020). */
int sn_generate_cflp(sn_network **out, const sn_cflp_opts *o, sn_error *err);
int sn_generate_pmedian(sn_network **out, const sn_pmedian_opts *o,
                        sn_error *err);

#endif
