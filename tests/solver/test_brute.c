/* test_brute.c - class-mode allocation on random two-school counties, the
 * whole lexicographic optimum (over standard, cost, diverted, student-km)
 * checked against a brute force over every split of the pupils, and every
 * plan run through the checker. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/check.h"
#include "solver/allocate.h"
#include "tiny.h"

#define NZ 2
#define NS 2

typedef struct inst {
    int d[NZ], home[NZ], rooms[NS], maxnew[NS], closable[NS];
    double km[NZ][NS], annual[NS], room_cost[NS];
} inst;

static unsigned long long state;
static double rnd(void) /* splitmix64 in [0, 1) */
{
    unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

/* Levels 3-6 of one school with `load` first-graders, classes chosen the
 * way the order asks: fewest pupils over standard, then least cost.
 * Returns 0 when the load does not fit under the hard cap. */
static int school_levels(const inst *in, int s, int load, double annuity,
                         double *over, double *cost)
{
    const int H = 56, S = 45, cap = in->rooms[s] + in->maxnew[s];
    *over = 0;
    *cost = 0;
    if (load == 0) {
        *cost = in->closable[s] ? 0 : in->annual[s];
        return 1;
    }
    int need = (load + H - 1) / H, want = (load + S - 1) / S;
    if (need > cap)
        return 0;
    int n = want < cap ? want : cap;
    *over = load > S * n ? load - S * n : 0;
    int added = n > in->rooms[s] ? n - in->rooms[s] : 0;
    *cost = in->annual[s] + annuity * in->room_cost[s] * added;
    return 1;
}

/* Lexicographic minimum over every split of each zone's pupils. */
static void brute(const inst *in, double annuity, double best[4])
{
    for (int k = 0; k < 4; k++)
        best[k] = INFINITY;
    for (int a = 0; a <= in->d[0]; a++)
        for (int b = 0; b <= in->d[1]; b++) {
            int x[NZ][NS] = {{a, in->d[0] - a}, {b, in->d[1] - b}};
            double v[4] = {0, 0, 0, 0};
            int ok = 1;
            for (int s = 0; s < NS && ok; s++) {
                double over, cost;
                ok = school_levels(in, s, x[0][s] + x[1][s], annuity, &over,
                                   &cost);
                v[0] += over;
                v[1] += cost;
            }
            if (!ok)
                continue;
            for (int z = 0; z < NZ; z++)
                for (int s = 0; s < NS; s++) {
                    v[2] += s != in->home[z] ? x[z][s] : 0;
                    v[3] += x[z][s] * in->km[z][s];
                }
            for (int k = 0; k < 4; k++) {
                double tol =
                    isfinite(best[k]) ? 1e-9 * fmax(1.0, fabs(best[k])) : 0;
                if (v[k] < best[k] - tol) {
                    for (int j = 0; j < 4; j++)
                        best[j] = v[j];
                    break;
                }
                if (v[k] > best[k] + tol)
                    break;
            }
        }
}

Test(solver_brute, class_mode_matches_brute_force)
{
    for (int seed = 1; seed <= 100; seed++) {
        state = (unsigned long long)seed * 104729u;
        inst in = {0};
        sn_network *net = tiny_new();
        net->sc.mip_gap = 0;
        net->sc.detour_factor = 1.0;
        double sx[NS] = {0, 2.0};
        for (int s = 0; s < NS; s++) {
            char id[16];
            snprintf(id, sizeof id, "S%d", s);
            in.rooms[s] = (int)(rnd() * 3);
            in.maxnew[s] = (int)(rnd() * 3);
            in.closable[s] = rnd() < 0.5;
            in.annual[s] = 2e5 + 8e5 * rnd();
            in.room_cost[s] = 3e5 + 5e5 * rnd();
            int i = tiny_school(net, id, sx[s], 0, 1, 1, in.rooms[s]);
            net->schools[i].max_new_classrooms = in.maxnew[s];
            net->schools[i].closable = in.closable[s];
            net->schools[i].annual_cost = in.annual[s];
            net->schools[i].classroom_cost = in.room_cost[s];
        }
        int total = 0;
        for (int z = 0; z < NZ; z++) {
            char id[16];
            snprintf(id, sizeof id, "Z%d", z);
            double x = 2 * rnd(), y = rnd();
            in.home[z] = rnd() < 0.5;
            tiny_zone(net, id, x, y, in.home[z], -1);
            for (int s = 0; s < NS; s++)
                in.km[z][s] = hypot(x - sx[s], y);
            in.d[z] = 5 + (int)(rnd() * 56);
            total += in.d[z];
        }
        /* room for everyone under the cap: grow the first school if not */
        int cap = 0;
        for (int s = 0; s < NS; s++)
            cap += 56 * (in.rooms[s] + in.maxnew[s]);
        while (cap < total) {
            in.maxnew[0]++;
            net->schools[0].max_new_classrooms = in.maxnew[0];
            cap += 56;
        }
        tiny_finish(net);
        for (int z = 0; z < NZ; z++)
            tiny_students(net, z, 1, in.d[z]);
        double expect[4];
        brute(&in, sn_scenario_annuity(&net->sc), expect);

        int *d = calloc((size_t)NZ * (SN_GRADES + 1), sizeof *d);
        for (int z = 0; z < NZ; z++)
            d[z * (SN_GRADES + 1) + 1] = in.d[z];
        sn_plan *p = NULL;
        sn_error err = {0, ""};
        cr_assert_eq(sn_allocate(&p, net, d, 2020, NULL, &err), 0, "%s",
                     err.msg);
        cr_expect_eq(p->status, SN_PLAN_OPTIMAL, "seed %d", seed);
        cr_expect_eq(p->objective[0], 0, "seed %d", seed);
        for (int k = 0; k < 4; k++) {
            double got = p->objective[k + 2];
            cr_expect(fabs(got - expect[k]) <= 1e-5 * fmax(1.0, expect[k]),
                      "seed %d level %d: model %.6f, brute force %.6f", seed,
                      k + 3, got, expect[k]);
        }
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
