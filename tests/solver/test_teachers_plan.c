/* test_teachers_plan.c - redeployment, the county quota, rotation with
 * coverage and memory over several years, exchanges and the week of
 * walking teachers, on small networks with known answers; every result
 * also goes through the independent checker (model/check_teachers). */
#include <criterion/criterion.h>
#include <math.h>

#include "solver/teachers.h"
#include "tests/solver/teachers_fixture.h"

#define CHI 1ULL
#define MUS 2ULL

static sn_staffing *solve_from(const sn_network *net, const sn_plan *plan,
                               const sn_teacher_state *start)
{
    sn_staffing *st = NULL;
    sn_error err = {0, ""};
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.time_limit = 10;
    o.start = start;
    cr_assert_eq(sn_teachers_solve(&st, net, plan, &o, &err), 0, "%s",
                 err.msg);
    return st;
}

static int count_moves(const sn_staffing *st, int t)
{
    int n = 0;
    for (size_t i = 0; i < st->nmoves; i++)
        n += st->moves[i].teacher == t;
    return n;
}

/* A (town) and B open, C closed: C's music and chinese teachers get homes
 * where their subjects are short; nobody stays at C. */
Test(teachers_plan, closed_school_teachers_are_redeployed_by_need)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 3, 0, 1, 6, 6);
    tiny_school(net, "C", 6, 0, 1, 6, 6);
    tiny_finish(net);
    tt_teacher(net, "A1", 0, CHI, 16, 0); /* A: chinese, no music */
    tt_teacher(net, "B1", 1, MUS, 16, 0); /* B: music, no chinese */
    int cm = tt_teacher(net, "CM", 2, MUS, 16, 0);
    int cc = tt_teacher(net, "CC", 2, CHI, 16, 0);
    sn_plan *plan = tt_plan(net, 2, 40);
    plan->schools[2].state = SN_SCHOOL_CLOSED;
    plan->schools[2].classes[1] = plan->schools[2].students[1] = 0;
    sn_staffing *st = solve_from(net, plan, NULL);
    cr_assert_eq(st->nredeploys, 2);
    cr_expect_eq(st->home[cm], 0, "music is short at A");
    cr_expect_eq(st->home[cc], 1, "chinese is short at B");
    for (size_t i = 0; i < st->nredeploys; i++)
        cr_expect_eq(st->redeploys[i].reason, SN_REDEPLOY_CLOSED);
    cr_expect_eq(st->uncovered[0 * SN_MAX_SUBJECTS + 1], 0);
    cr_expect_eq(st->uncovered[1 * SN_MAX_SUBJECTS + 0], 0);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* A county quota of 31 shared by required numbers 10 and 20: 10.33 and
 * 20.67 -> 10 and 21 (the larger remainder); actual, surplus, hires. */
Test(teachers_plan, county_quota_shared_by_norms)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 20);
    tiny_school(net, "B", 30, 0, 1, 6, 20);
    tiny_finish(net);
    char id[16];
    for (int i = 0; i < 12; i++) {
        snprintf(id, sizeof id, "T%02d", i);
        tt_teacher(net, id, i < 11 ? 0 : 1, CHI | MUS, 16, 0);
    }
    cr_assert_geq(sn_scenario_set_quota(&net->sc, "C", 31, "s.ini", 9, 1), 0);
    sn_plan *plan = tt_plan(net, 5, 190);     /* A: 190 / 19 = 10 */
    plan->schools[1].classes[1] = 10;
    plan->schools[1].students[1] = 380;       /* B: 20 */
    sn_staffing *st = solve_from(net, plan, NULL);
    cr_expect_eq(st->school[0].required, 10);
    cr_expect_eq(st->school[1].required, 20);
    cr_expect_eq(st->school[0].quota, 10);
    cr_expect_eq(st->school[1].quota, 21);
    cr_expect_eq(st->school[0].status, SN_STAFF_OVER); /* 11 > 10 */
    cr_expect_eq(st->county[0].staff_quota, 31);
    cr_expect_eq(st->county[0].quota, 31);
    cr_expect_eq(st->county[0].actual_after, 12);
    cr_expect_eq(st->county[0].hires, 19);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* Town school A (full) has the only music teacher M, strong, who also
 * teaches chinese; rural B (full) has a chinese teacher.  The exchange M
 * <-> B1 would carry strength to B but leave A without music: it must not
 * happen.  With a second music teacher at A it does (出一进一). */
static sn_network *exchange_net(int second_music)
{
    sn_network *net = tt_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 5, 0, 1, 6, 6);
    net->schools[a].urban = 1;
    tiny_finish(net);
    net->sc.rotation_rate = 1.0;
    net->sc.rotation_min_years = 2;
    int m = tt_teacher(net, "M", 0, CHI | MUS, 16, 0);
    net->teachers[m].excellent = 1;
    net->teachers[m].years_at_school = 9;
    int x = tt_teacher(net, second_music ? "M2" : "A2", 0,
                       second_music ? MUS : CHI, 16, 0);
    net->teachers[x].years_at_school = 1;
    int b = tt_teacher(net, "B1", 1, CHI, 16, 0);
    net->teachers[b].years_at_school = 9;
    tt_teacher(net, "B2", 1, MUS, 16, 0);
    return net;
}

Test(teachers_plan, rotation_never_takes_a_subject_a_school_covers)
{
    sn_network *net = exchange_net(0);
    sn_plan *plan = tt_plan(net, 1, 20); /* required 2 at each: full */
    sn_staffing *st = solve_from(net, plan, NULL);
    cr_expect_eq(st->school[0].status, SN_STAFF_FULL);
    cr_expect_eq(st->nmoves, 0, "the exchange would take A's music");
    cr_expect_eq(st->uncovered[0 * SN_MAX_SUBJECTS + 1], 0);
    cr_expect_lt(st->county[0].movers, st->county[0].quota_movers);
    cr_expect_eq(tt_check(st, net, plan), 0, "a shortfall, not a violation");
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

Test(teachers_plan, strong_town_teacher_exchanged_to_rural_school)
{
    sn_network *net = exchange_net(1);
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve_from(net, plan, NULL);
    cr_assert_eq(st->nmoves, 2);
    cr_expect_eq(st->county[0].swaps, 1);
    cr_expect_eq(st->home[0], 1, "M goes to rural B");
    cr_expect_eq(st->home[2], 0, "B1 comes to A");
    for (size_t i = 0; i < st->nmoves; i++)
        cr_expect_eq(st->moves[i].swap, 1);
    cr_expect_gt(st->county[0].strong_rural_after,
                 st->county[0].strong_rural_before);
    cr_expect_eq(st->uncovered[0 * SN_MAX_SUBJECTS + 1], 0);
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* Three plan years, rotation_min_years 2, every eligible teacher asked to
 * move: nobody rotates in two years less than 2 apart, no school loses
 * the coverage of a subject, and each year's files (with the previous
 * year's beside them) hold. */
Test(teachers_plan, years_remember_rotation_and_keep_coverage)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 4, 0, 1, 6, 6);
    tiny_school(net, "C", 8, 0, 1, 6, 6);
    tiny_finish(net);
    net->sc.rotation_rate = 0.5;
    net->sc.rotation_min_years = 2;
    char id[16];
    for (int i = 0; i < 12; i++) {
        snprintf(id, sizeof id, "T%02d", i);
        int t = tt_teacher(net, id, i % 3, i % 4 == 0 ? MUS : CHI | MUS, 12,
                           0);
        net->teachers[t].years_at_school = 2 + i;
        net->teachers[t].excellent = i % 5 == 0;
    }
    sn_plan *plan = tt_plan(net, 2, 60);
    sn_teacher_state *state = NULL;
    cr_assert_eq(sn_teacher_state_new(&state, net, 2018), 0);
    int last[12] = {0};
    sn_teacher_files *prev = NULL;
    for (int year = 2018; year <= 2020; year++) {
        plan->year = year;
        sn_staffing *st = solve_from(net, plan, state);
        cr_expect_gt(st->nmoves, 0, "%d: somebody rotates", year);
        for (size_t i = 0; i < st->nmoves; i++) {
            int t = st->moves[i].teacher;
            cr_expect(last[t] == 0 || year - last[t] >= 2,
                      "%s rotates in %d and %d", net->teachers[t].id, last[t],
                      year);
            last[t] = year;
        }
        for (int t = 0; t < 12; t++)
            cr_expect_leq(count_moves(st, t), 1);
        for (int s = 0; s < 3; s++)
            for (int j = 0; j < 2; j++)
                cr_expect_eq(st->uncovered[s * SN_MAX_SUBJECTS + j], 0,
                             "%d: school %d subject %d", year, s, j);
        sn_teacher_files *f = tt_files(st, net);
        f->prev = prev;
        sn_check_report rep;
        sn_check_report_init(&rep);
        sn_error err = {0, ""};
        cr_assert_eq(sn_teachers_check(&rep, net, plan, f, &err), 0);
        for (size_t i = 0; i < rep.nviolations; i++)
            cr_log_error("%d: %s", year, rep.violations[i]);
        cr_expect_eq(rep.nviolations, 0);
        sn_check_report_dispose(&rep);
        f->prev = NULL;
        sn_teacher_files_free(prev);
        prev = f;
        sn_teacher_state *next;
        cr_assert_eq(sn_teacher_state_next(&next, st), 0);
        cr_expect_eq(next->year, year + 1);
        sn_teacher_state_free(state);
        state = next;
        sn_staffing_free(st);
    }
    sn_teacher_files_free(prev);
    sn_teacher_state_free(state);
    sn_plan_free(plan);
    sn_network_free(net);
}

/* A music teacher at A walks to B and C (2 music periods each, one a day
 * for a single class): a week of home days then one school a day. */
Test(teachers_plan, week_of_a_walking_teacher)
{
    sn_network *net = tt_new();
    tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 3, 0, 1, 6, 6);
    tiny_school(net, "C", 0, 4, 1, 6, 6);
    tiny_finish(net);
    int m = tt_teacher(net, "M", 0, MUS, 8, 0);
    sn_plan *plan = tt_plan(net, 1, 20);
    sn_staffing *st = solve_from(net, plan, NULL);
    /* home: 2 periods, one a day (2 days); B and C: 2 days each for all
     * their music, 6 days in all: 3 days are left, B (3 km) gets 2 and C
     * (4 km) 1: 2 x 3 x 2 + 2 x 4 x 1 = 20 km, less than the other way */
    int days[SN_DAYS] = {0}, at[SN_DAYS];
    for (int d = 0; d < SN_DAYS; d++)
        at[d] = -1;
    for (size_t i = 0; i < st->ndays; i++) {
        const sn_day_row *r = &st->days[i];
        cr_expect_eq(r->teacher, m);
        cr_expect(at[r->day] < 0 || at[r->day] == r->school);
        at[r->day] = r->school;
        days[r->day] += r->periods;
        cr_expect_leq(r->periods, 1, "a class has one music period a day");
    }
    int home = 0, b = 0, c = 0;
    for (int d = 0; d < SN_DAYS; d++) {
        home += at[d] == 0;
        b += at[d] == 1;
        c += at[d] == 2;
    }
    cr_expect_eq(home, 2);
    cr_expect_eq(b, 2);
    cr_expect_eq(c, 1);
    cr_expect_eq(st->uncovered[2 * SN_MAX_SUBJECTS + 1], 1);
    cr_expect_float_eq(st->objective[1], 2 * 20.0, 1e-6,
                       "20 km a week, doubled: M is not itinerant");
    cr_expect_eq(tt_check(st, net, plan), 0);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}
