/* test_brute.c - the allocation model on random two-school counties,
 * checked against a brute force over every split of the movable pupils,
 * level by level, and every plan run through the checker.
 *
 * Each county has two nine-year schools 7 km apart (school 1 may not
 * close: grade 2's enrolled pupils stay there, some beyond walking, as
 * today), two zones, first graders who walk (3 km), seventh graders who
 * walk (5 km) or board where there are beds, classrooms few enough that
 * classes go above the cap or run without a classroom, and grade-2 loads
 * that are not multiples of the class sizes (the rounding rows).  The
 * brute force knows the rules, not the model: for each split it takes,
 * school by school, the best classes and additions (classes of a grade
 * with pupils >= 1; a class without a classroom weighs cap + 1 pupils above
 * the cap; a boarder above the beds one), then compares the levels in the scenario's order, or their
 * weighted sum.  Three objective settings are tried on each county: the
 * default order, the old order (standard size before cost) and weights.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/allocate.h"
#include "tiny.h"

#define NZ 2
#define NS 2
#define MAXD 20      /* most movable pupils of one zone and grade */
#define MAXL (NZ * MAXD)
#define H 56         /* hard cap */

typedef struct inst {
    int d1[NZ], d2[NZ], d7[NZ], home7[NZ];
    int rooms[NS], maxnew[NS], beds[NS], closable[NS];
    double km[NZ][NS], annual[NS], room_cost[NS], board_cost;
} inst;

/* levels by sn_level id */
typedef struct lv {
    double v[SN_LEVELS];
} lv;

static unsigned long long state;
static double rnd(void) /* splitmix64 in [0, 1) */
{
    unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

/* a better than b under the scenario's objective (lexicographic or
 * weighted); levels compared with a relative tolerance */
static int better(const lv *a, const lv *b, const sn_scenario *sc)
{
    if (sc->objective_mode == SN_OBJECTIVE_WEIGHTED) {
        double x = 0, y = 0;
        for (int k = 0; k < SN_LEVELS; k++) {
            x += sc->objective_weight[k] * a->v[k];
            y += sc->objective_weight[k] * b->v[k];
        }
        return x < y - 1e-9 * fmax(1.0, fabs(y));
    }
    for (int i = 0; i < SN_LEVELS; i++) {
        int k = sc->objective_order[i];
        double tol = 1e-9 * fmax(1.0, fabs(b->v[k]));
        if (a->v[k] < b->v[k] - tol)
            return 1;
        if (a->v[k] > b->v[k] + tol)
            return 0;
    }
    return 0;
}

static int ceil_div(int a, int b) { return a <= 0 ? 0 : (a + b - 1) / b; }

/* The best over-cap, cost and over-standard of school s with loads L[1],
 * L[2], L[7] (grades with a column: cols[g]), over every choice of
 * classes. */
static lv school_best(const inst *in, int s, const int *L, const int *cols,
                      double annuity, const sn_scenario *sc)
{
    static const int grades[3] = {1, 2, 7};
    lv best;
    int first = 1;
    memset(&best, 0, sizeof best);
    if (L[1] + L[2] + L[7] == 0 && in->closable[s])
        return best; /* closed: nothing */
    int ngrades = 0;
    for (int i = 0; i < 3; i++)
        ngrades += cols[grades[i]];
    int lo[3], hi[3];
    for (int i = 0; i < 3; i++) {
        int l = L[grades[i]];
        lo[i] = l > 0;
        hi[i] = l > 0 ? ceil_div(l, grades[i] <= 6 ? 45 : 50) : 0;
    }
    for (int a = lo[0]; a <= hi[0]; a++)
        for (int b = lo[1]; b <= hi[1]; b++)
            for (int c = lo[2]; c <= hi[2]; c++) {
                int n[3] = {a, b, c}, classes = a + b + c;
                int add = classes - in->rooms[s];
                add = add < 0 ? 0 : add > in->maxnew[s] ? in->maxnew[s] : add;
                int roomless = classes - in->rooms[s] - add;
                /* the model allows classes without a classroom up to the
                 * grades that may have pupils */
                int most = ngrades - in->rooms[s];
                if (roomless > (most > 0 ? most : 0))
                    continue;
                lv v;
                memset(&v, 0, sizeof v);
                for (int i = 0; i < 3; i++) {
                    int l = L[grades[i]];
                    int std = grades[i] <= 6 ? 45 : 50;
                    v.v[SN_LEVEL_OVER_CAP] += l > H * n[i] ? l - H * n[i] : 0;
                    v.v[SN_LEVEL_OVER_STANDARD] +=
                        l > std * n[i] ? l - std * n[i] : 0;
                }
                v.v[SN_LEVEL_OVER_CAP] += (H + 1) * (roomless > 0 ? roomless
                                                                  : 0);
                v.v[SN_LEVEL_COST] =
                    in->annual[s] + annuity * in->room_cost[s] * add;
                if (first || better(&v, &best, sc))
                    best = v;
                first = 0;
            }
    return best;
}

/* Grade 1 walks 3 km; grade 7 walks 5 km or boards (beds, 30 km). */
static int arc_ok(const inst *in, int z, int g, int s, int *boards)
{
    double km = in->km[z][s];
    *boards = 0;
    if (km <= (g <= 6 ? 3.0 : 5.0))
        return 1;
    *boards = 1;
    return g >= 4 && in->beds[s] > 0 && km <= 30;
}

/* The best levels over every split of the movable pupils. */
static lv brute(const inst *in, double annuity, const sn_scenario *sc)
{
    /* groups: (zone, grade) for grades 1 and 7, with their arcs */
    int gz[4], gg[4], na[4], as[4][NS], ab[4][NS], ng = 0;
    int cols[NS][10];
    memset(cols, 0, sizeof cols);
    for (int z = 0; z < NZ; z++)
        for (int k = 0; k < 2; k++) {
            int g = k ? 7 : 1, d = k ? in->d7[z] : in->d1[z];
            gz[ng] = z;
            gg[ng] = g;
            na[ng] = 0;
            for (int s = 0; s < NS; s++) {
                int b;
                if (arc_ok(in, z, g, s, &b)) {
                    as[ng][na[ng]] = s;
                    ab[ng][na[ng]++] = b;
                    cols[s][g] = 1;
                }
            }
            cr_assert_gt(na[ng], 0);
            (void)d;
            ng++;
        }
    cols[1][2] = 1; /* grade 2 stays at school 1 */
    /* per school: best classes for each load of grades 1 and 7 */
    static lv table[NS][MAXL + 1][MAXL + 1];
    for (int s = 0; s < NS; s++)
        for (int l1 = 0; l1 <= MAXL; l1++)
            for (int l7 = 0; l7 <= MAXL; l7++) {
                int L[10] = {0};
                L[1] = l1;
                L[7] = l7;
                L[2] = s == 1 ? in->d2[0] + in->d2[1] : 0;
                table[s][l1][l7] = school_best(in, s, L, cols[s], annuity, sc);
            }
    double km2 = 0;
    for (int z = 0; z < NZ; z++)
        km2 += in->d2[z] * in->km[z][1];
    lv best;
    int found = 0;
    int x[4] = {0};
    for (;;) {
        int L1[NS] = {0}, L7[NS] = {0}, board[NS] = {0};
        lv v;
        memset(&v, 0, sizeof v);
        v.v[SN_LEVEL_KM] = km2;
        for (int i = 0; i < ng; i++) {
            int d = gg[i] == 7 ? in->d7[gz[i]] : in->d1[gz[i]];
            for (int j = 0; j < na[i]; j++) {
                int n = na[i] == 1 ? d : j == 0 ? x[i] : d - x[i];
                int s = as[i][j];
                *(gg[i] == 7 ? &L7[s] : &L1[s]) += n;
                if (ab[i][j])
                    board[s] += n;
                int home = gg[i] == 7 ? in->home7[gz[i]] : 1;
                v.v[SN_LEVEL_DIVERTED] += s != home ? n : 0;
                v.v[SN_LEVEL_KM] += n * in->km[gz[i]][s];
                v.v[SN_LEVEL_COST] += ab[i][j] ? n * in->board_cost : 0;
            }
        }
        int ok = 1;
        for (int s = 0; s < NS; s++) {
            /* boarders above the beds: a seat still, counted like pupils
             * above the cap */
            if (board[s] > in->beds[s])
                v.v[SN_LEVEL_OVER_CAP] += board[s] - in->beds[s];
            const lv *t = &table[s][L1[s]][L7[s]];
            for (int k = 0; k < SN_LEVELS; k++)
                v.v[k] += t->v[k];
        }
        if (ok && (!found || better(&v, &best, sc))) {
            best = v;
            found = 1;
        }
        int i = 0; /* next split: odometer over the two-arc groups */
        for (; i < ng; i++) {
            int d = gg[i] == 7 ? in->d7[gz[i]] : in->d1[gz[i]];
            if (na[i] == 2 && x[i] < d) {
                x[i]++;
                break;
            }
            x[i] = 0;
        }
        if (i == ng)
            break;
    }
    cr_assert(found, "no split fits the beds");
    return best;
}

static void setup_county(inst *in, sn_network *net)
{
    double sx[NS] = {0, 7.0};
    for (int s = 0; s < NS; s++) {
        char id[16];
        snprintf(id, sizeof id, "S%d", s);
        in->rooms[s] = (int)(rnd() * 5);
        in->maxnew[s] = (int)(rnd() * 4);
        in->beds[s] = rnd() < 0.3 ? 0 : (int)(rnd() * 25);
        in->closable[s] = s == 0 && rnd() < 0.5;
        in->annual[s] = 2e5 + 8e5 * rnd();
        in->room_cost[s] = 3e5 + 5e5 * rnd();
        int i = tiny_school(net, id, sx[s], 0, 1, 9, in->rooms[s]);
        sn_school *sch = &net->schools[i];
        sch->max_new_classrooms = in->maxnew[s];
        sch->closable = in->closable[s];
        sch->annual_cost = in->annual[s];
        sch->classroom_cost = in->room_cost[s];
        sch->boarding_beds = in->beds[s];
    }
    for (int z = 0; z < NZ; z++) {
        char id[16];
        snprintf(id, sizeof id, "Z%d", z);
        double x = rnd() < 0.5 ? 2.8 * rnd() : 4.2 + 2.8 * rnd();
        double y = 0.5 * rnd();
        in->home7[z] = rnd() < 0.5;
        tiny_zone(net, id, x, y, 1, in->home7[z]);
        for (int s = 0; s < NS; s++)
            in->km[z][s] = hypot(x - sx[s], y);
        in->d1[z] = 3 + (int)(rnd() * (MAXD - 2));
        in->d7[z] = 3 + (int)(rnd() * (MAXD - 2));
        in->d2[z] = 20 + (int)(rnd() * 41);
    }
    in->board_cost = 800 + 700 * rnd();
    net->sc.boarding_cost_junior = in->board_cost;
    tiny_finish(net);
    for (int z = 0; z < NZ; z++) {
        tiny_students(net, z, 1, in->d1[z]);
        tiny_students(net, z, 2, in->d2[z]);
        tiny_students(net, z, 7, in->d7[z]);
    }
}

static void set_objective(sn_scenario *sc, int how)
{
    static const int old[SN_LEVELS] = {
        SN_LEVEL_UNPLACED, SN_LEVEL_OVER_CAP, SN_LEVEL_OVER_STANDARD,
        SN_LEVEL_COST, SN_LEVEL_DIVERTED, SN_LEVEL_KM};
    if (how == 1)
        memcpy(sc->objective_order, old, sizeof old);
    if (how == 2) {
        static const double w[SN_LEVELS] = {1e6, 2.385e4, 2000, 1, 900, 40};
        sc->objective_mode = SN_OBJECTIVE_WEIGHTED;
        memcpy(sc->objective_weight, w, sizeof w);
    }
}

/* What the random counties exercised, so the test cannot quietly lose
 * its point. */
typedef struct coverage {
    int over_cap, roomless, boarders, far, orders_differ;
} coverage;

static void tally(coverage *c, const sn_plan *p, const sn_network *net)
{
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_plan *sp = &p->schools[s];
        int classes = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            classes += sp->classes[g];
            c->over_cap += sp->students[g] > H * sp->classes[g];
        }
        c->roomless +=
            classes > net->schools[s].classrooms + sp->classrooms_added;
    }
    for (size_t i = 0; i < p->nasg; i++) {
        c->boarders += p->asg[i].boarding;
        c->far += !p->asg[i].boarding && p->asg[i].km > 5;
    }
}

Test(solver_brute, stayers_grades_beds_and_caps_match_brute_force)
{
    coverage seen = {0, 0, 0, 0, 0};
    lv first;
    memset(&first, 0, sizeof first);
    for (int seed = 1; seed <= 40; seed++)
        for (int how = 0; how < 3; how++) {
            state = (unsigned long long)seed * 104729u;
            inst in;
            memset(&in, 0, sizeof in);
            sn_network *net = tiny_new();
            net->sc.mip_gap = 0;
            net->sc.detour_factor = 1.0;
            net->sc.max_km_primary = 3;
            net->sc.max_km_junior = 5;
            set_objective(&net->sc, how);
            setup_county(&in, net);
            lv expect = brute(&in, sn_scenario_annuity(&net->sc), &net->sc);
            if (how == 0)
                first = expect;
            else if (how == 1)
                seen.orders_differ += memcmp(&first, &expect, sizeof first)
                                      != 0;

            int *d = calloc((size_t)NZ * (SN_GRADES + 1), sizeof *d);
            for (int z = 0; z < NZ; z++) {
                d[z * (SN_GRADES + 1) + 1] = in.d1[z];
                d[z * (SN_GRADES + 1) + 2] = in.d2[z];
                d[z * (SN_GRADES + 1) + 7] = in.d7[z];
            }
            sn_plan *p = NULL;
            sn_error err = {0, ""};
            cr_assert_eq(sn_allocate(&p, net, d, 2020, NULL, &err), 0, "%s",
                         err.msg);
            cr_expect_eq(p->status, SN_PLAN_OPTIMAL, "seed %d/%d", seed, how);
            lv got;
            memcpy(got.v, p->objective, sizeof got.v);
            if (how == 2) {
                double a = 0, b = 0;
                for (int k = 0; k < SN_LEVELS; k++) {
                    a += net->sc.objective_weight[k] * got.v[k];
                    b += net->sc.objective_weight[k] * expect.v[k];
                }
                cr_expect(fabs(a - b) <= 1e-6 * fmax(1.0, b), "seed %d "
                          "weighted: model %.6f, brute force %.6f", seed, a,
                          b);
            } else {
                for (int k = 0; k < SN_LEVELS; k++)
                    cr_expect(fabs(got.v[k] - expect.v[k]) <=
                                  1e-5 * fmax(1.0, expect.v[k]),
                              "seed %d order %d %s: model %.6f, brute force "
                              "%.6f", seed, how, sn_level_name(k), got.v[k],
                              expect.v[k]);
            }
            tally(&seen, p, net);
            sn_check_report rep;
            cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
            cr_expect_eq(rep.nviolations, 0, "seed %d/%d: %s", seed, how,
                         rep.nviolations ? rep.violations[0] : "");
            sn_check_report_dispose(&rep);
            sn_plan_free(p);
            free(d);
            sn_network_free(net);
        }
    cr_expect(seen.over_cap && seen.roomless && seen.boarders && seen.far &&
                  seen.orders_differ,
              "coverage: over cap %d, classes without a room %d, boarders "
              "%d, far stayers %d, orders differ %d", seen.over_cap,
              seen.roomless, seen.boarders, seen.far, seen.orders_differ);
}
