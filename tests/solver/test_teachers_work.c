/* test_teachers_work.c - the teacher stage on a deterministic work budget
 * (solver/budget.h): with a work limit too small to finish, every level
 * ends by work and the teacher plan is the same whatever the time limit;
 * without one, the stage keeps its time shares.  Every result goes
 * through the checker (model/check_teachers). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cli/plan_common.h"
#include "gen/generate.h"
#include "solver/allocate.h"
#include "solver/teachers.h"
#include "tests/solver/teachers_fixture.h"

typedef struct county {
    sn_network *net;
    sn_plan *plan;
} county;

/* A generated county of 40 schools (about 1,700 teachers, 50 of them
 * walkers in its largest part) with the constructive pupil plan: the
 * walking stage needs about 3,300 work units to end by its gap. */
static void county_new(county *c)
{
    sn_generate_opts g = SN_GENERATE_OPTS_INIT;
    g.schools = 40;
    g.zones = 200;
    g.seed = 3;
    sn_error err = {0, ""};
    cr_assert_eq(sn_generate(&c->net, &g, &err), 0, "%s", err.msg);
    int year = sn_cli_plan_year(c->net, 0), *demand = NULL;
    cr_assert_eq(sn_cli_demand(&demand, c->net, year, NULL), 0);
    sn_allocate_opts ao = SN_ALLOCATE_OPTS_INIT;
    ao.heuristic_only = 1;
    cr_assert_eq(sn_allocate(&c->plan, c->net, demand, year, &ao, &err), 0,
                 "%s", err.msg);
    free(demand);
}

static void county_free(county *c)
{
    sn_plan_free(c->plan);
    sn_network_free(c->net);
}

static sn_staffing *solve(const county *c, double seconds, long long work)
{
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.time_limit = seconds;
    o.mip_gap = 0.01;
    o.work_limit = work;
    sn_staffing *st = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_teachers_solve(&st, c->net, c->plan, &o, &err), 0, "%s",
                 err.msg);
    cr_expect_eq(tt_check(st, c->net, c->plan), 0, "the checker rejects it");
    return st;
}

/* Same rows of teachers.csv, rotation.csv, redeploy.csv, timetable.csv,
 * same homes and uncovered periods, same levels. */
static void expect_same(const sn_staffing *a, const sn_staffing *b,
                        const sn_network *net)
{
    cr_assert_eq(a->nrows, b->nrows);
    for (size_t i = 0; i < a->nrows; i++) {
        const sn_teach_row *x = &a->rows[i], *y = &b->rows[i];
        cr_assert(x->teacher == y->teacher && x->school == y->school &&
                      x->subject == y->subject && x->periods == y->periods &&
                      x->km_per_week == y->km_per_week,
                  "row %zu differs", i);
    }
    cr_assert_eq(a->ndays, b->ndays);
    for (size_t i = 0; i < a->ndays; i++)
        cr_assert(!memcmp(&a->days[i], &b->days[i], sizeof a->days[i]),
                  "timetable row %zu differs", i);
    cr_assert_eq(a->nmoves, b->nmoves);
    for (size_t i = 0; i < a->nmoves; i++)
        cr_assert(!memcmp(&a->moves[i], &b->moves[i], sizeof a->moves[i]));
    cr_assert_eq(a->nredeploys, b->nredeploys);
    for (size_t i = 0; i < a->nredeploys; i++)
        cr_assert(!memcmp(&a->redeploys[i], &b->redeploys[i],
                          sizeof a->redeploys[i]));
    cr_assert(!memcmp(a->home, b->home, (size_t)net->nteachers *
                                            sizeof *a->home));
    cr_assert(!memcmp(a->uncovered, b->uncovered,
                      (size_t)net->nschools * SN_MAX_SUBJECTS *
                          sizeof *a->uncovered));
    for (int k = 0; k < SN_TEACHER_LEVELS; k++) {
        cr_expect_eq(a->objective[k], b->objective[k], "level %d", k + 1);
        cr_expect_eq(a->ended_by[k], b->ended_by[k], "level %d", k + 1);
    }
    cr_expect_eq(a->work, b->work);
}

/* 1,500 units: column generation, the dive and the MIP over the columns
 * each end by their share of the work on every level.  A generous and a
 * short (but never reached) time limit give the same plan, the work
 * spent is the same, and it stays within the budget (the home stage, a
 * few hundred units, always runs to its end). */
Test(teachers_work, work_budget_decides_not_the_clock)
{
    county c;
    county_new(&c);
    sn_staffing *a = solve(&c, 600, 1500), *b = solve(&c, 20, 1500);
    for (int k = 0; k < SN_TEACHER_LEVELS; k++)
        cr_expect_eq(a->ended_by[k], SN_END_WORK, "level %d ends by %s",
                     k + 1, sn_plan_end_name(a->ended_by[k]));
    cr_expect_gt(a->work, 1000, "the budget was used: %lld", a->work);
    cr_expect_leq(a->work, 1500, "within the budget: %lld", a->work);
    cr_expect_eq(a->work_limit, 1500);
    expect_same(a, b, c.net);
    sn_staffing_free(a);
    sn_staffing_free(b);
    county_free(&c);
}

/* More work lets the stage prove its first level (the uncovered periods,
 * within the gap), which 1,500 units did not: the budget is what limits
 * the search, not an accident of the instance. */
Test(teachers_work, more_work_goes_further)
{
    county c;
    county_new(&c);
    sn_staffing *a = solve(&c, 600, 1500), *b = solve(&c, 600, 20000);
    cr_expect_eq(a->ended_by[0], SN_END_WORK);
    cr_expect_eq(b->ended_by[0], SN_END_GAP, "level 1 ends by %s",
                 sn_plan_end_name(b->ended_by[0]));
    cr_expect_gt(b->work, a->work);
    cr_expect_leq(b->objective[0], a->objective[0], "more work, worse plan");
    sn_staffing_free(a);
    sn_staffing_free(b);
    county_free(&c);
}

/* The scenario's [solver] work_limit is the budget when the options give
 * none; without either the stage runs on time shares as before and
 * records no work limit. */
Test(teachers_work, scenario_work_limit_and_none)
{
    county c;
    county_new(&c);
    c.net->sc.work_limit = 1500;
    sn_staffing *a = solve(&c, 600, 0), *b = solve(&c, 20, 1500);
    cr_expect_eq(a->work_limit, 1500);
    expect_same(a, b, c.net);
    c.net->sc.work_limit = 0;
    sn_staffing *d = solve(&c, 600, 0);
    cr_expect_eq(d->work_limit, 0);
    for (int k = 0; k < SN_TEACHER_LEVELS; k++)
        cr_expect_neq(d->ended_by[k], SN_END_WORK, "level %d", k + 1);
    sn_staffing_free(a);
    sn_staffing_free(b);
    sn_staffing_free(d);
    county_free(&c);
}

/* A plan's work is split like its time: a quarter to the teachers. */
Test(teachers_work, work_share)
{
    cr_expect_eq(sn_teachers_work_share(20000), 5000);
    cr_expect_eq(sn_teachers_work_share(7), 1);
    cr_expect_eq(sn_teachers_work_share(2), 1);
    cr_expect_eq(sn_teachers_work_share(0), 0);
}
