/* test_teachers.c - the walking-teacher assignment and rotation on tiny
 * cases with known optima; every result also goes through the independent
 * checker (model/check_teachers). */
#include <criterion/criterion.h>
#include <math.h>

#include "solver/teachers.h"
#include "tests/solver/teachers_fixture.h"

#define CHI 1ULL
#define MUS 2ULL

static sn_staffing *solve(const sn_network *net, const sn_plan *plan)
{
    sn_staffing *st = NULL;
    sn_error err = {0, ""};
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.time_limit = 10;
    cr_assert_eq(sn_teachers_solve(&st, net, plan, &o, &err), 0, "%s",
                 err.msg);
    return st;
}

static int periods_at(const sn_staffing *st, int t, int s, int j)
{
    int p = 0;
    for (size_t i = 0; i < st->nrows; i++)
        if (st->rows[i].teacher == t && st->rows[i].school == s &&
            st->rows[i].subject == j)
            p += st->rows[i].periods;
    return p;
}

/* A at 0 km, B at 8 km, C at 12 km; a chinese teacher at each school. */
static sn_network *line3(void)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 8, 0, 1, 6, 6);
    tiny_school(net, "C", 12, 0, 1, 6, 6);
    tiny_finish(net);
    tt_teacher(net, "CA", 0, CHI, 16, 0);
    tt_teacher(net, "CB", 1, CHI, 16, 0);
    tt_teacher(net, "CC", 2, CHI, 16, 0);
    return net;
}

Test(solver_teachers, music_teacher_walks_within_10_km_only)
{
    sn_network *net = line3();
    int m = tt_teacher(net, "M", 0, MUS, 16, 1);
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve(net, plan);
    cr_expect_eq(periods_at(st, m, 0, 1), 2);
    cr_expect_eq(periods_at(st, m, 1, 1), 2);
    cr_expect_eq(periods_at(st, m, 2, 1), 0, "C is 12 km away");
    cr_expect_eq(st->uncovered[2 * SN_MAX_SUBJECTS + 1], 2);
    cr_expect_float_eq(st->objective[0], 2.0 * SN_SHORTAGE_WEIGHT, 1e-9);
    /* grade 1 has 2 music periods a week, at most one a day: two days at
     * B, each a round trip of 2 x 8 km */
    cr_expect_float_eq(st->objective[1], 32.0, 1e-6, "two visits, 2 x 8 km");
    cr_expect_float_eq(st->objective[2], 1.0, 1e-9);
    cr_expect_eq(st->status, SN_PLAN_OPTIMAL);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

Test(solver_teachers, max_schools_keeps_the_nearest)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 8, 0, 1, 6, 6);
    tiny_school(net, "D", 0, 5.385, 1, 6, 6);
    tiny_finish(net);
    int m = tt_teacher(net, "M", 0, MUS, 16, 1);
    net->sc.max_schools_per_teacher = 2;
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve(net, plan);
    cr_expect_eq(periods_at(st, m, 2, 1), 2, "D (5.385 km) beats B (8 km)");
    cr_expect_eq(periods_at(st, m, 1, 1), 0);
    cr_expect_float_eq(st->objective[1], 2 * 2 * 5.385, 1e-6); /* 2 days */
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* Who may walk: any teacher in a shortage subject (music here), in other
 * subjects only one marked itinerant; a walk costs double the km for a
 * teacher not marked itinerant, so the willing one goes when both can. */
Test(solver_teachers, who_may_walk)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 4, 0, 1, 6, 6);
    tiny_school(net, "C", 8, 0, 1, 6, 6);
    tiny_finish(net);
    net->curriculum[1 * SN_MAX_SUBJECTS + 0] = 4; /* chinese 4, music 2 */
    int x = tt_teacher(net, "X", 0, CHI, 8, 0);  /* chinese, not willing */
    int y = tt_teacher(net, "Y", 0, MUS, 8, 0);  /* music, not willing */
    int w = tt_teacher(net, "W", 2, CHI | MUS, 8, 1); /* willing, at C */
    sn_plan *plan = tt_plan(net, 1, 20);
    plan->schools[2].classes[1] = 0; /* C has no classes of its own */
    plan->schools[2].students[1] = 0;
    plan->schools[2].state = SN_SCHOOL_KEPT;
    sn_staffing *st = solve(net, plan);
    cr_expect_eq(periods_at(st, x, 0, 0), 4);
    cr_expect_eq(periods_at(st, x, 1, 0), 0, "chinese: X is not itinerant");
    cr_expect_eq(periods_at(st, y, 0, 1), 2);
    cr_expect_eq(periods_at(st, w, 1, 0), 4, "W walks 4 km for chinese");
    /* music at B: Y (4 km, weight 2) and W (4 km, weight 1): W goes */
    cr_expect_eq(periods_at(st, w, 1, 1), 2);
    cr_expect_eq(periods_at(st, y, 1, 1), 0);
    cr_expect_eq(st->uncovered[1 * SN_MAX_SUBJECTS + 0], 0);
    cr_expect_eq(st->uncovered[1 * SN_MAX_SUBJECTS + 1], 0);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* Y, not itinerant, walks for music when nobody willing can. */
Test(solver_teachers, shortage_subject_teacher_walks_without_the_flag)
{
    sn_network *net = line3();
    int y = tt_teacher(net, "Y", 0, MUS, 16, 0);
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve(net, plan);
    cr_expect_eq(periods_at(st, y, 0, 1), 2);
    cr_expect_eq(periods_at(st, y, 1, 1), 2);
    cr_expect_eq(st->uncovered[1 * SN_MAX_SUBJECTS + 1], 0);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

Test(solver_teachers, max_periods_and_class_teacher_half_load)
{
    sn_network *net = line3();
    int m = tt_teacher(net, "M", 0, MUS, 11, 1);
    net->teachers[m].class_teacher = 1; /* 11 - 16/2 = 3 periods */
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve(net, plan);
    int total = 0;
    for (int s = 0; s < 3; s++)
        total += periods_at(st, m, s, 1);
    cr_expect_eq(total, 3);
    int unc = 0;
    for (int s = 0; s < 3; s++)
        unc += st->uncovered[s * SN_MAX_SUBJECTS + 1];
    cr_expect_eq(unc, 3);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

Test(solver_teachers, heuristic_only_is_checked_too)
{
    sn_network *net = line3();
    tt_teacher(net, "M", 0, MUS, 16, 1);
    sn_plan *plan = tt_plan(net, 2, 40);
    sn_staffing *st = NULL;
    sn_error err = {0, ""};
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.heuristic_only = 1;
    cr_assert_eq(sn_teachers_solve(&st, net, plan, &o, &err), 0);
    cr_expect_eq(st->status, SN_PLAN_FEASIBLE);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* 20 eligible teachers at over-staffed A (5 excellent); B under its
 * quota of 10 with 8 teachers who cover its subjects (so no surplus
 * teacher is redeployed there): movers = ceil(0.10 x 20) = 2, strong >=
 * ceil(0.20 x movers). */
Test(solver_teachers, rotation_quota_exact_counts)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 3, 0, 1, 6, 20);
    tiny_finish(net);
    char id[16];
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof id, "T%02d", i);
        int t = tt_teacher(net, id, 0, CHI | MUS, 16, 0);
        net->teachers[t].years_at_school = 6 + i;
        net->teachers[t].excellent = i < 5;
    }
    for (int i = 0; i < 8; i++) {
        snprintf(id, sizeof id, "B%02d", i);
        tt_teacher(net, id, 1, CHI | MUS, 16, 0);
    }
    sn_plan *plan = tt_plan(net, 1, 19);
    plan->schools[1].classes[1] = 10;
    plan->schools[1].students[1] = 190;
    sn_staffing *st = solve(net, plan);
    cr_expect_eq(st->school[0].status, SN_STAFF_OVER);
    cr_expect_eq(st->school[1].status, SN_STAFF_UNDER);
    cr_expect_eq(st->nredeploys, 0);
    cr_expect_eq(st->county[0].eligible, 20);
    cr_expect_eq(st->county[0].quota_movers, 2);
    cr_expect_eq(st->county[0].movers, 2);
    cr_expect_geq(st->county[0].strong_movers, 1);
    for (size_t i = 0; i < st->nmoves; i++) {
        cr_expect_eq(st->moves[i].from, 0);
        cr_expect_eq(st->moves[i].to, 1);
    }
    cr_expect_gt(st->county[0].strong_rural_after, 0.0);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}
