/* generate_hard.c - knobs that make a generated county as hard as real
 * ones are (docs/generate.md): a crowded status quo (`crowding`), fewer
 * classrooms than today's pupils use (`room_ratio`) and hamlets beyond
 * walking distance of every school (`far_zones`).
 *
 * All three are off by default and then change nothing: no function here
 * draws from the generator's random streams, so the default data set is
 * byte-identical with or without this file.  With a knob on, the
 * guarantees of generate.h about classrooms (crowding, room_ratio) and
 * walking reach (far_zones) no longer hold; that is the point.
 */
#include "gen/generate_impl.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ classrooms */

void sn_gen_crowd(gen *g, int s)
{
    const sn_generate_opts *o = g->o;
    sn_school *ss = &g->net->schools[s];
    if ((o->crowding <= 0 && o->room_ratio >= 1) || ss->classrooms < 0 ||
        ss->status != SN_OPEN || ss->is_private)
        return;
    int at_crowd = 0, at_std = 0;
    for (int gr = ss->grade_lo; gr <= ss->grade_hi; gr++) {
        int n = g->des[((size_t)(g->y1 - g->y0) * (size_t)g->net->nschools +
                        (size_t)s) * (SN_GRADES + 1) + (size_t)gr];
        if (n <= 0)
            continue;
        int std = sn_scenario_standard(&g->net->sc, gr);
        at_std += imax(1, ceil_div(n, std));
        at_crowd += imax(1, (int)ceil(n / (o->crowding * std) - 1e-9));
    }
    if (at_std == 0)
        return; /* nobody designated today: the rooms stay as built */
    if (o->crowding > 0)
        ss->classrooms = at_crowd;
    if (o->room_ratio < 1) {
        /* the classes today's pupils use: one per grade, more up to the
         * standard size while rooms last */
        int used = imin(ss->classrooms, at_std);
        ss->classrooms = imax(1, (int)floor(o->room_ratio * used + 1e-9));
    }
}

/* ------------------------------------------------------------ far zones */

typedef struct far_key {
    int zone;
    double km; /* to the nearest school of the county */
} far_key;

static int cmp_far(const void *a, const void *b)
{
    const far_key *x = a, *y = b;
    if (x->km != y->km)
        return x->km > y->km ? -1 : 1; /* the remotest first */
    return x->zone - y->zone;
}

/* Road km from zone z to the nearest school of its county (any state). */
static double nearest_school(const gen *g, int z, double (*km)(const gen *,
                                                               int, int))
{
    int c = g->net->zones[z].county;
    double best = 1e300;
    for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
        double d = km(g, z, s);
        if (d < best)
            best = d;
    }
    return best;
}

/* Whether a school with beds that teaches all of [lo, hi] lies within
 * boarding distance of zone z, with 2 km to spare. */
static int boards_stage(const gen *g, int z, int lo, int hi,
                        double (*km)(const gen *, int, int))
{
    int c = g->net->zones[z].county;
    for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
        const sn_school *ss = &g->net->schools[s];
        if (ss->status == SN_OPEN && !ss->is_private &&
            ss->boarding_beds > 0 && ss->grade_lo <= lo &&
            ss->grade_hi >= hi &&
            km(g, z, s) <= g->net->sc.boarding_max_km - 2.0)
            return 1;
    }
    return 0;
}

/* Moves zone z to the point of a 1 km grid over its county's square,
 * nearest its old place, from which every school is beyond the junior
 * walking limit (so beyond the primary one too) and a boarding school of
 * each stage lies within boarding distance.  Returns 1 if moved. */
static int move_far(gen *g, int z, double ox, double oy,
                    double (*km)(const gen *, int, int))
{
    sn_zone *zz = &g->net->zones[z];
    const double x0 = zz->x_km, y0 = zz->y_km;
    const double limit = g->net->sc.max_km_junior + 0.3;
    double bx = x0, by = y0, best = 1e300;
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++) {
            /* a fixed jitter per zone and cell keeps zones off one point */
            double x = ox + 0.5 + i + 0.3 * (hash_unif(g->seed, (uint64_t)z,
                                                       (uint64_t)(i * 40 + j),
                                                       91) - 0.5);
            double y = oy + 0.5 + j + 0.3 * (hash_unif(g->seed, (uint64_t)z,
                                                       (uint64_t)(i * 40 + j),
                                                       92) - 0.5);
            double d = dist(x, y, x0, y0);
            if (d >= best)
                continue;
            zz->x_km = round3(x);
            zz->y_km = round3(y);
            if (nearest_school(g, z, km) > limit &&
                boards_stage(g, z, 4, 6, km) && boards_stage(g, z, 7, 9, km)) {
                best = d;
                bx = zz->x_km;
                by = zz->y_km;
            }
        }
    zz->x_km = bx;
    zz->y_km = by;
    return best < 1e300;
}

/* Moves lround(far_zones x villages) village zones of each county that
 * have a school within walking distance, the remotest first, out of it. */
int sn_gen_far_zones(gen *g, double (*km)(const gen *, int, int))
{
    const sn_generate_opts *o = g->o;
    if (o->far_zones <= 0)
        return 0;
    far_key *keys = malloc((size_t)(g->net->nzones ? g->net->nzones : 1) *
                           sizeof *keys);
    if (!keys)
        return SN_ENOMEM;
    for (int c = 0; c < g->net->ncounties; c++) {
        int n = 0, villages = 0;
        for (int z = g->cz[c]; z < g->cz[c + 1]; z++) {
            if (g->zi[z].kind != Z_VILLAGE)
                continue;
            villages++;
            double d = nearest_school(g, z, km);
            if (d <= g->net->sc.max_km_junior) /* else far already */
                keys[n++] = (far_key){z, d};
        }
        qsort(keys, (size_t)n, sizeof *keys, cmp_far);
        int want = (int)lround(o->far_zones * villages);
        double ox, oy;
        county_origin(c, &ox, &oy);
        for (int i = 0; i < n && want > 0; i++)
            if (move_far(g, keys[i].zone, ox, oy, km)) {
                g->far[keys[i].zone] = 1;
                want--;
            }
    }
    free(keys);
    return 0;
}
