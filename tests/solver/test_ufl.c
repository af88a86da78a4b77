/* test_ufl.c - with seat-mode schools, all closable, transport costs and
 * every pupil movable, the cost level is the capacitated facility-location
 * problem.  Random small instances are solved by the model and by brute
 * force (every set of open schools, each with an exact min-cost-flow
 * assignment), and the optima must agree. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/check.h"
#include "solver/allocate.h"
#include "tiny.h"

#define MAXS 6
#define MAXZ 8

typedef struct ufl {
    int ns, nz;
    double open[MAXS], km[MAXZ][MAXS], per_km;
    int seats[MAXS], demand[MAXZ];
} ufl;

static unsigned long long rng_state;
static double rnd(void) /* splitmix64 in [0, 1) */
{
    unsigned long long z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

/* Min-cost flow source -> zones -> open schools -> sink by successive
 * shortest paths (Bellman-Ford on the residual graph).  Returns the cost,
 * or INFINITY when the open schools cannot seat everyone. */
#define NODES (MAXZ + MAXS + 2)
#define EDGES (2 * (MAXZ + MAXZ * MAXS + MAXS))
typedef struct edge {
    int to, cap;
    double cost;
} edge;

static double assign_cost(const ufl *u, unsigned open)
{
    edge e[EDGES];
    int ne = 0, src = 0, sink = u->nz + u->ns + 1, n = sink + 1, need = 0;
#define ADD(a, b, c, w)                                                       \
    do {                                                                      \
        e[ne++] = (edge){(b), (c), (w)};                                      \
        e[ne++] = (edge){(a), 0, -(w)};                                       \
    } while (0)
    int from[EDGES];
    for (int z = 0; z < u->nz; z++) {
        from[ne] = src, from[ne + 1] = 1 + z;
        ADD(src, 1 + z, u->demand[z], 0.0);
        need += u->demand[z];
        for (int s = 0; s < u->ns; s++)
            if (open >> s & 1) {
                from[ne] = 1 + z, from[ne + 1] = 1 + u->nz + s;
                ADD(1 + z, 1 + u->nz + s, 1 << 20, u->km[z][s] * u->per_km);
            }
    }
    for (int s = 0; s < u->ns; s++)
        if (open >> s & 1) {
            from[ne] = 1 + u->nz + s, from[ne + 1] = sink;
            ADD(1 + u->nz + s, sink, u->seats[s], 0.0);
        }
#undef ADD
    double cost = 0;
    while (need > 0) {
        double dist[NODES];
        int via[NODES];
        for (int i = 0; i < n; i++)
            dist[i] = INFINITY, via[i] = -1;
        dist[src] = 0;
        for (int it = 0; it < n; it++)
            for (int k = 0; k < ne; k++)
                if (e[k].cap > 0 && dist[from[k]] + e[k].cost <
                                        dist[e[k].to] - 1e-9) {
                    dist[e[k].to] = dist[from[k]] + e[k].cost;
                    via[e[k].to] = k;
                }
        if (!isfinite(dist[sink]))
            return INFINITY;
        int amt = need;
        for (int v = sink; v != src; v = from[via[v]])
            if (e[via[v]].cap < amt)
                amt = e[via[v]].cap;
        for (int v = sink; v != src; v = from[via[v]]) {
            e[via[v]].cap -= amt;
            e[via[v] ^ 1].cap += amt;
        }
        cost += amt * dist[sink];
        need -= amt;
    }
    return cost;
}

static double brute_force(const ufl *u)
{
    double best = INFINITY;
    for (unsigned open = 1; open < 1u << u->ns; open++) {
        double c = assign_cost(u, open);
        for (int s = 0; s < u->ns; s++)
            if (open >> s & 1)
                c += u->open[s];
        if (c < best)
            best = c;
    }
    return best;
}

Test(solver_ufl, matches_brute_force_on_random_instances)
{
    for (int seed = 1; seed <= 12; seed++) {
        rng_state = (unsigned long long)seed * 7919u;
        ufl u = {0};
        u.ns = 3 + (int)(rnd() * 4);
        u.nz = 4 + (int)(rnd() * 5);
        u.per_km = 150.0 + 100.0 * rnd();
        sn_network *net = tiny_new();
        net->sc.divert = SN_DIVERT_ALL;
        net->sc.max_km_primary = 1000;
        net->sc.detour_factor = 1.0;
        net->sc.transport_cost_per_student_km = u.per_km;
        net->sc.mip_gap = 0;
        double sx[MAXS], sy[MAXS];
        int total = 0;
        for (int s = 0; s < u.ns; s++) {
            char id[16];
            snprintf(id, sizeof id, "S%d", s);
            sx[s] = 10 * rnd();
            sy[s] = 10 * rnd();
            int i = tiny_school(net, id, sx[s], sy[s], 1, 6, -1);
            u.seats[s] = 20 + (int)(rnd() * 60);
            u.open[s] = 1e4 + 9e4 * rnd();
            net->schools[i].seats = u.seats[s];
            net->schools[i].annual_cost = u.open[s];
        }
        for (int z = 0; z < u.nz; z++) {
            char id[16];
            snprintf(id, sizeof id, "Z%d", z);
            double x = 10 * rnd(), y = 10 * rnd();
            tiny_zone(net, id, x, y, -1, -1);
            for (int s = 0; s < u.ns; s++)
                u.km[z][s] = hypot(x - sx[s], y - sy[s]);
        }
        tiny_finish(net);
        for (int z = 0; z < u.nz; z++) {
            u.demand[z] = 5 + (int)(rnd() * 30);
            total += u.demand[z];
            tiny_students(net, z, 1, u.demand[z]);
        }
        int seats = 0;
        for (int s = 0; s < u.ns; s++)
            seats += u.seats[s];
        if (seats < total) { /* keep it feasible: enlarge the first school */
            u.seats[0] += total - seats;
            net->schools[0].seats = u.seats[0];
        }
        double expect = brute_force(&u);

        int *d = calloc((size_t)u.nz * (SN_GRADES + 1), sizeof *d);
        for (int z = 0; z < u.nz; z++)
            d[z * (SN_GRADES + 1) + 1] = u.demand[z];
        sn_plan *p = NULL;
        sn_error err = {0, ""};
        cr_assert_eq(sn_allocate(&p, net, d, 2020, NULL, &err), 0, "%s",
                     err.msg);
        cr_assert_eq(p->status, SN_PLAN_OPTIMAL, "seed %d", seed);
        cr_expect(fabs(p->objective[SN_LEVEL_COST] - expect) <= 1e-6 * expect,
                  "seed %d: model %.6f, brute force %.6f", seed,
                  p->objective[SN_LEVEL_COST], expect);
        sn_check_report rep;
        cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
        cr_expect_eq(rep.nviolations, 0, "seed %d: %s", seed,
                     rep.nviolations ? rep.violations[0] : "");
        sn_check_report_dispose(&rep);
        sn_plan_free(p);
        free(d);
        sn_network_free(net);
    }
}
