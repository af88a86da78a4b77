/* test_search.c - the limits of the search (issue 10): the work budget
 * gives the same plan every time and ends the solve with a checked plan,
 * the time limit is kept on a large county, max_open_schools is honoured
 * by the start, and the budget's arithmetic.  Every plan goes through the
 * checker. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/generate.h"
#include "model/check.h"
#include "model/forecast.h"
#include "solver/allocate.h"
#include "solver/budget.h"
#include "tiny.h"

/* A generated county and its plan-year demand (freed by done()). */
typedef struct county {
    sn_network *net;
    int *demand;
    int year;
    const char *source;
} county;

static county generated(int schools, int zones, unsigned long long seed)
{
    sn_generate_opts go = SN_GENERATE_OPTS_INIT;
    go.schools = schools;
    go.zones = zones;
    go.seed = seed;
    go.counties = 1;
    county c = {NULL, NULL, 0, NULL};
    sn_error err = {0, ""};
    cr_assert_eq(sn_generate(&c.net, &go, &err), 0, "%s", err.msg);
    c.year = c.net->sc.year;
    c.demand = calloc((size_t)c.net->nzones * (SN_GRADES + 1),
                      sizeof *c.demand);
    cr_assert_not_null(c.demand);
    cr_assert_eq(sn_forecast_demand(c.demand, c.net, c.year, &c.source,
                                    &err), 0, "%s", err.msg);
    return c;
}

static void done(county *c)
{
    free(c->demand);
    sn_network_free(c->net);
}

static sn_plan *plan_checked(const county *c, const sn_allocate_opts *o)
{
    sn_plan *p = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_allocate(&p, c->net, c->demand, c->year, o, &err), 0,
                 "%s", err.msg);
    p->demand_source = c->source;
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, c->net, p, &err), 0, "%s", err.msg);
    cr_expect_eq(rep.nviolations, 0, "%s",
                 rep.nviolations ? rep.violations[0] : "");
    sn_check_report_dispose(&rep);
    return p;
}

static int ended_by(const sn_plan *p, sn_end e)
{
    for (int k = 0; k < SN_LEVELS; k++)
        if (p->ended_by[k] == e)
            return 1;
    return 0;
}

/* Two plans are the same plan: every assignment and school row. */
static void expect_same_plan(const sn_plan *a, const sn_plan *b)
{
    cr_assert_eq(a->nasg, b->nasg);
    cr_expect_eq(memcmp(a->asg, b->asg, a->nasg * sizeof *a->asg), 0,
                 "assignments differ");
    cr_expect_eq(memcmp(a->schools, b->schools,
                        (size_t)a->nschools * sizeof *a->schools),
                 0, "school rows differ");
    for (int k = 0; k < SN_LEVELS; k++) {
        cr_expect_eq(a->objective[k], b->objective[k], "level %d", k);
        cr_expect_eq(a->bound[k], b->bound[k], "bound %d", k);
    }
}

/* The work budget replaces the old test that ended a solve by a 0.02 s
 * time limit: a budget far too small to prove anything still gives the
 * greedy start's plan, checked, status feasible, ended by work - and the
 * same plan on every run, whatever the time limit (the safety stop, here
 * far away) or the machine's load. */
Test(search_budget, a_small_work_budget_ends_with_the_same_checked_plan)
{
    county c = generated(60, 300, 1);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.work_limit = 2385;
    o.time_limit = 600;
    sn_plan *p = plan_checked(&c, &o);
    cr_expect_eq(p->status, SN_PLAN_FEASIBLE, "status %d", p->status);
    cr_expect(ended_by(p, SN_END_WORK), "no level ended by work");
    cr_expect(!ended_by(p, SN_END_TIME), "a level ended by time");
    o.time_limit = 900;
    sn_plan *q = plan_checked(&c, &o);
    expect_same_plan(p, q);
    sn_plan_free(p);
    sn_plan_free(q);
    done(&c);
}

/* With a larger budget the search goes through every phase (bound,
 * local search, neighbourhoods), still deterministically: two runs agree
 * to the bit. */
Test(search_budget, a_larger_budget_gives_the_same_plan_twice)
{
    county c = generated(40, 200, 7);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.time_limit = 600;
    o.work_limit = 400000;
    sn_plan *a = plan_checked(&c, &o);
    sn_plan *b = plan_checked(&c, &o);
    expect_same_plan(a, b);
    sn_plan_free(a);
    sn_plan_free(b);
    done(&c);
}

/* A 400-school county with one second for everything: the constructive
 * start stops with its share of the limit (its drop trials once ran on for
 * minutes), the levels stop with theirs, and the plan is checked.  Which
 * limit ended the solve is asserted, never how long it took. */
Test(search_limits, a_large_county_keeps_a_small_time_limit)
{
    county c = generated(400, 2000, 2);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.time_limit = 1.0;
    sn_plan *p = plan_checked(&c, &o);
    cr_expect(p->status == SN_PLAN_FEASIBLE || p->status == SN_PLAN_OPTIMAL,
              "status %d", p->status);
    cr_expect(ended_by(p, SN_END_TIME), "no level ended by the time limit");
    sn_plan_free(p);
    done(&c);
}

static int open_public(const sn_network *net, const sn_plan *p)
{
    int n = 0;
    for (int s = 0; s < net->nschools; s++)
        n += !net->schools[s].is_private &&
             (p->schools[s].state == SN_SCHOOL_KEPT ||
              p->schools[s].state == SN_SCHOOL_NEW);
    return n;
}

/* Seven closable primaries 1.2 km apart on a line, each the designated
 * school of its own zone, everyone within walking reach of every school
 * (p-median style data): the greedy keeps a school open for every zone;
 * max_open_schools = 3 makes the start close the least-used ones down to
 * three (it used to give no plan at all: status unsolved), and the search
 * keeps the limit. */
Test(search_start, max_open_schools_is_honoured_by_the_start)
{
    sn_network *net = tiny_new();
    net->sc.max_km_primary = 30;
    int sch[7];
    for (int i = 0; i < 7; i++) {
        char id[16];
        snprintf(id, sizeof id, "S%d", i);
        sch[i] = tiny_school(net, id, 1.2 * i, 0, 1, 6, 12);
        net->schools[sch[i]].annual_cost = 0; /* closing saves nothing */
        net->schools[sch[i]].max_new_classrooms = 6;
    }
    for (int i = 0; i < 7; i++) {
        char id[16];
        snprintf(id, sizeof id, "Z%d", i);
        tiny_zone(net, id, 1.2 * i, 0.4, sch[i], -1);
    }
    tiny_finish(net);
    for (int i = 0; i < 7; i++)
        tiny_students(net, i, 1, 30 + 7 * i);
    county c = {net, NULL, 2020, "history"};
    c.demand = calloc((size_t)net->nzones * (SN_GRADES + 1), sizeof *c.demand);
    for (int z = 0; z < net->nzones; z++)
        c.demand[z * (SN_GRADES + 1) + 1] = sn_network_students(net, 2020, z, 1);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.heuristic_only = 1;
    sn_plan *p = plan_checked(&c, &o);
    cr_assert_gt(open_public(net, p), 3, "the greedy keeps them open");
    sn_plan_free(p);
    net->sc.max_open_schools = 3;
    p = plan_checked(&c, &o);
    cr_expect_eq(p->status, SN_PLAN_FEASIBLE, "status %d", p->status);
    cr_expect_leq(open_public(net, p), 3);
    sn_plan_free(p);
    o.heuristic_only = 0;
    o.work_limit = 50000;
    o.time_limit = 600;
    p = plan_checked(&c, &o);
    cr_expect_leq(open_public(net, p), 3);
    cr_expect(p->status == SN_PLAN_FEASIBLE || p->status == SN_PLAN_OPTIMAL,
              "status %d", p->status);
    sn_plan_free(p);
    /* a budget spent before the start closes anything: the closing down
     * to the limit still runs to the end (without it there is no plan;
     * a 5 s limit on p-median 900 / 90 left 93 schools open) */
    o.work_limit = 1;
    p = plan_checked(&c, &o);
    cr_expect_leq(open_public(net, p), 3);
    cr_expect_eq(p->status, SN_PLAN_FEASIBLE, "status %d", p->status);
    sn_plan_free(p);
    done(&c);
}

/* A budget's arithmetic: a child gets its share of what is left, its work
 * is charged back, elementary steps count 100 to a unit, and the first
 * limit seen is the one recorded. */
Test(search_budget, shares_charges_and_the_first_limit)
{
    sn_budget b;
    sn_budget_init(&b, 0, 1000, NULL);
    cr_expect_eq(sn_budget_work_left(&b), 1000);
    sn_budget_spend(&b, 385);
    sn_budget c;
    sn_budget_child(&c, &b, 0.5, 0);
    cr_expect_eq(c.work_limit, 307); /* floor(615 / 2) */
    sn_budget_ops(&c, 250);            /* 2 units, 50 steps carried */
    sn_budget_ops(&c, 60);             /* 1 more, 10 carried */
    cr_expect_eq(c.work_used, 3);
    cr_expect(!sn_budget_out(&c));
    sn_budget_spend(&c, 304);
    cr_expect(sn_budget_out(&c));
    cr_expect_eq(c.ended_by, SN_END_WORK);
    sn_budget_close(&b, &c);
    cr_expect_eq(b.work_used, 385 + 307);
    cr_expect_eq(sn_budget_work_left(&b), 308);
    /* no work limit: unlimited children; the stop flag wins */
    volatile sig_atomic_t stop = 0;
    sn_budget_init(&b, 0, -1, &stop);
    sn_budget_child(&c, &b, 0.25, 0);
    cr_expect_lt(c.work_limit, 0);
    cr_expect(!sn_budget_out(&c));
    stop = 1;
    cr_expect(sn_budget_out(&c));
    cr_expect_eq(c.ended_by, SN_END_STOP);
    cr_expect(isinf(sn_budget_time_left(&c)));
}
