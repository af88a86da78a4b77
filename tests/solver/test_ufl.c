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
#include <string.h>

#include "model/check.h"
#include "solver/allocate.h"
#include "solver/assign.h"
#include "solver/search.h"
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

/* The optimum over every open set with at most max_open schools (0: no
 * limit); the best set in *best_set when not NULL. */
static double brute_force_at_most(const ufl *u, int max_open,
                                  unsigned *best_set)
{
    double best = INFINITY;
    for (unsigned open = 1; open < 1u << u->ns; open++) {
        if (max_open > 0 && __builtin_popcount(open) > max_open)
            continue;
        double c = assign_cost(u, open);
        for (int s = 0; s < u->ns; s++)
            if (open >> s & 1)
                c += u->open[s];
        if (c < best) {
            best = c;
            if (best_set)
                *best_set = open;
        }
    }
    return best;
}

static double brute_force(const ufl *u)
{
    return brute_force_at_most(u, 0, NULL);
}

/* Random instance `seed` as data (net) and as the test's own numbers. */
static sn_network *build(int seed, ufl *u)
{
    rng_state = (unsigned long long)seed * 7919u;
    memset(u, 0, sizeof *u);
    u->ns = 3 + (int)(rnd() * 4);
    u->nz = 4 + (int)(rnd() * 5);
    u->per_km = 150.0 + 100.0 * rnd();
    sn_network *net = tiny_new();
    net->sc.divert = SN_DIVERT_ALL;
    net->sc.max_km_primary = 1000;
    net->sc.detour_factor = 1.0;
    net->sc.transport_cost_per_student_km = u->per_km;
    net->sc.mip_gap = 0;
    double sx[MAXS], sy[MAXS];
    int total = 0;
    for (int s = 0; s < u->ns; s++) {
        char id[16];
        snprintf(id, sizeof id, "S%d", s);
        sx[s] = 10 * rnd();
        sy[s] = 10 * rnd();
        int i = tiny_school(net, id, sx[s], sy[s], 1, 6, -1);
        u->seats[s] = 20 + (int)(rnd() * 60);
        u->open[s] = 1e4 + 9e4 * rnd();
        net->schools[i].seats = u->seats[s];
        net->schools[i].annual_cost = u->open[s];
    }
    for (int z = 0; z < u->nz; z++) {
        char id[16];
        snprintf(id, sizeof id, "Z%d", z);
        double x = 10 * rnd(), y = 10 * rnd();
        tiny_zone(net, id, x, y, -1, -1);
        for (int s = 0; s < u->ns; s++)
            u->km[z][s] = hypot(x - sx[s], y - sy[s]);
    }
    tiny_finish(net);
    for (int z = 0; z < u->nz; z++) {
        u->demand[z] = 5 + (int)(rnd() * 30);
        total += u->demand[z];
        tiny_students(net, z, 1, u->demand[z]);
    }
    int seats = 0;
    for (int s = 0; s < u->ns; s++)
        seats += u->seats[s];
    if (seats < total) { /* keep it feasible: enlarge the first school */
        u->seats[0] += total - seats;
        net->schools[0].seats = u->seats[0];
    }
    return net;
}

static int *demand_of(const ufl *u)
{
    int *d = calloc((size_t)u->nz * (SN_GRADES + 1), sizeof *d);
    cr_assert_not_null(d);
    for (int z = 0; z < u->nz; z++)
        d[z * (SN_GRADES + 1) + 1] = u->demand[z];
    return d;
}

Test(solver_ufl, matches_brute_force_on_random_instances)
{
    for (int seed = 1; seed <= 12; seed++) {
        ufl u;
        sn_network *net = build(seed, &u);
        double expect = brute_force(&u);

        int *d = demand_of(&u);
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

/* The Lagrangian bound of the cost level (solver/lagr.c) never exceeds the
 * brute-force optimum, is not far below it, and its reduced-cost fixings
 * keep the optimal open set; the assignment of solver/assign.c for every
 * open set costs exactly the test's own min-cost flow. */
Test(solver_ufl, bound_fixings_and_assignment_agree_with_brute_force)
{
    for (int seed = 1; seed <= 12; seed++) {
        ufl u;
        sn_network *net = build(seed, &u);
        unsigned best_set = 0;
        double opt = brute_force_at_most(&u, 0, &best_set);
        int *d = demand_of(&u);
        am_model m;
        cr_assert_eq(am_model_init(&m, net, 0, 2020, d, NULL, 0), 0);
        cr_assert_eq(m.nsch, u.ns);
        am_stage st;
        memset(&st, 0, sizeof st);
        st.level = SN_LEVEL_COST;
        for (int k = 0; k < SN_LEVELS; k++)
            st.rhs[k] = INFINITY;
        for (int i = 0; m.order[i] != SN_LEVEL_COST; i++)
            st.rhs[m.order[i]] = 1e-6; /* nobody unplaced or above */
        signed char ys[MAXS];
        for (int k = 0; k < m.nsch; k++)
            ys[k] = -1;
        st.ystate = ys;
        am_lagr *L = NULL;
        cr_assert_eq(am_lagr_new(&L, &m, &st), 0);
        am_lagr_opts lo = {3000, 0, NULL, NULL, 0.0};
        sn_budget b;
        sn_budget_init(&b, 0, -1, NULL);
        double lb = am_lagr_run(L, opt, &lo, &b);
        cr_expect(lb <= opt + 1e-6 * opt, "seed %d: bound %.6f above the "
                  "optimum %.6f", seed, lb, opt);
        cr_expect(lb >= 0.8 * opt, "seed %d: bound %.6f, optimum %.6f", seed,
                  lb, opt);
        am_lagr_fix(L, opt, ys);
        for (int k = 0; k < m.nsch; k++)
            if (ys[k] >= 0)
                cr_expect_eq(ys[k], (int)(best_set >> k & 1),
                             "seed %d: school %d fixed the wrong way", seed,
                             k);
        am_lagr_free(L);

        double *cost = calloc((size_t)m.narc + 1, sizeof *cost);
        for (int a = 0; a < m.narc; a++)
            cost[a] = m.arc[a].km * u.per_km;
        am_assign *A = NULL;
        cr_assert_eq(am_assign_new(&A, &m, cost), 0);
        double *x = calloc((size_t)m.ncols + 1, sizeof *x);
        char state[MAXS];
        for (unsigned open = 1; open < 1u << u.ns; open++) {
            for (int k = 0; k < u.ns; k++)
                state[k] = open >> k & 1 ? AM_OPEN : AM_CLOSED;
            long long ops = 0;
            int rc = am_assign_plan(A, state, x, &ops);
            double want = assign_cost(&u, open);
            cr_expect_eq(rc != 0, !isfinite(want), "seed %d set %u", seed,
                         open);
            if (rc != 0)
                continue;
            double got = 0;
            for (int a = 0; a < m.narc; a++)
                got += cost[a] * x[m.arc[a].col];
            cr_expect(fabs(got - want) <= 1e-6 * fmax(1.0, want),
                      "seed %d set %u: %.6f against %.6f", seed, open, got,
                      want);
        }
        free(x);
        am_assign_free(A);
        free(cost);
        am_model_dispose(&m);
        free(d);
        sn_network_free(net);
    }
}

/* max_open_schools = 2 (p-median style: the start closes down to two,
 * the swaps search among pairs): the optimum over open sets of at most
 * two schools, as brute force finds it. */
Test(solver_ufl, max_open_schools_matches_brute_force)
{
    for (int seed = 1; seed <= 12; seed++) {
        ufl u;
        sn_network *net = build(seed, &u);
        int total = 0;
        for (int z = 0; z < u.nz; z++)
            total += u.demand[z];
        for (int s = 0; s < u.ns; s++) /* two schools can seat everyone */
            u.seats[s] = net->schools[s].seats = total;
        net->sc.max_open_schools = 2;
        double expect = brute_force_at_most(&u, 2, NULL);
        int *d = demand_of(&u);
        sn_plan *p = NULL;
        sn_error err = {0, ""};
        cr_assert_eq(sn_allocate(&p, net, d, 2020, NULL, &err), 0, "%s",
                     err.msg);
        cr_expect_eq(p->status, SN_PLAN_OPTIMAL, "seed %d", seed);
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
