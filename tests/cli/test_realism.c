/* test_realism.c - issue 9 on data shaped like the issue describes
 * (tests/data/hard-county): a crowded status quo (65 and 70 to a class in
 * town), a village school with fewer classrooms than grades, a hamlet
 * beyond walking distance of every school, too few beds.  Every plan goes
 * through the checker; no pupil with a school in reach is unplaced, no
 * grade with pupils has 0 classes, shortfall.csv says what to build, no
 * pupil of grades 1-3 boards.  Then the warnings of what-ifs that do
 * nothing, through the command line.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/read_network.h"
#include "io/read_plan.h"
#include "model/check.h"
#include "model/forecast.h"
#include "solver/allocate.h"
#include "tests/io/helpers.h"

static int run(const char *const *args)
{
    int n = 0;
    while (args[n])
        n++;
    char **argv = calloc((size_t)n + 2, sizeof *argv);
    argv[0] = "schoolnet";
    for (int i = 0; i < n; i++)
        argv[i + 1] = (char *)args[i];
    int rc = sn_cli_run(n + 1, argv);
    free(argv);
    return rc;
}

static char *slurp(const char *dir, const char *name)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Plans the scenario in-process, checks it, and returns it (the network
 * in *netp). */
static sn_plan *plan_of(const char *ini, sn_network **netp)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_network_read(netp, ini, &diag, &err), 0, "%s", err.msg);
    sn_diag_dispose(&diag);
    sn_network *net = *netp;
    int *d = calloc((size_t)net->nzones * (SN_GRADES + 1), sizeof *d);
    cr_assert_eq(sn_forecast_demand(d, net, 2017, NULL, &err), 0, "%s",
                 err.msg);
    sn_plan *p = NULL;
    cr_assert_eq(sn_allocate(&p, net, d, 2017, NULL, &err), 0, "%s", err.msg);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    free(d);
    return p;
}

/* The rules issue 9 asks for, on any plan of the hard county. */
static void expect_seated(const sn_plan *p, const sn_network *net)
{
    for (size_t i = 0; i < p->nunplaced; i++)
        cr_expect_eq(p->unplaced[i].reason, SN_UNPLACED_NO_REACH,
                     "zone %s grade %d: %d unplaced with a school in reach",
                     net->zones[p->unplaced[i].zone].id, p->unplaced[i].grade,
                     p->unplaced[i].students);
    for (int s = 0; s < net->nschools; s++)
        for (int g = 1; g <= SN_GRADES; g++)
            cr_expect(p->schools[s].students[g] == 0 ||
                          p->schools[s].classes[g] >= 1,
                      "school %s grade %d: pupils in 0 classes",
                      net->schools[s].id, g);
    for (size_t i = 0; i < p->nasg; i++)
        cr_expect(!p->asg[i].boarding || p->asg[i].grade >= 4,
                  "grade %d boards", p->asg[i].grade);
}

Test(realism, crowded_county_seats_everyone_and_says_what_to_build)
{
    sn_network *net;
    sn_plan *p = plan_of("tests/data/hard-county/scenario.ini", &net);
    expect_seated(p, net);
    /* the hamlet's first graders: beyond walking, too young to board, no
     * bus: no school in reach, and only they */
    long unplaced = 0;
    for (size_t i = 0; i < p->nunplaced; i++)
        unplaced += p->unplaced[i].students;
    cr_expect_eq(unplaced, 8);
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, p, NULL), 0);
    cr_expect_gt(k.pupils_over_cap, 0, "the town is crowded");
    cr_expect_geq(k.classrooms_short, 2, "V1: 6 grades, 4 classrooms");
    cr_expect_eq(k.pupils_beyond_walking, 5 * 8, "Z4's grades 2-6 stay at "
                 "V1 by day");
    cr_expect_gt(k.beds_short, 0, "J1's beds are too few");
    int v1 = sn_network_find_school(net, "V1");
    cr_expect_eq(p->schools[v1].classrooms_added, 0);
    long classes = 0;
    for (int g = 1; g <= SN_GRADES; g++)
        classes += p->schools[v1].classes[g];
    cr_expect_eq(classes, 6, "one class a grade, two without a classroom");
    sn_plan_free(p);
    sn_network_free(net);
}

Test(realism, a_bus_brings_the_young_hamlet_children)
{
    sn_network *net;
    sn_plan *p = plan_of("tests/data/hard-county/bus.ini", &net);
    expect_seated(p, net);
    cr_expect_eq(p->nunplaced, 0);
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, p, NULL), 0);
    cr_expect_eq(k.pupils_beyond_walking, 0);
    cr_expect_gt(k.bus_riders, 0);
    sn_plan_free(p);
    sn_network_free(net);
}

/* Through the command line: the plan's files pass `schoolnet check`, and
 * shortfall.csv lists the village school's missing classrooms (a row
 * without a grade) and the town's grades above the cap. */
Test(realism, command_line_plan_checks_and_lists_the_shortfall,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", "tests/data/hard-county/scenario.ini", "-o",
                          out, "-q", NULL};
    cr_assert_eq(run(plan), SN_EXIT_RESULT); /* the hamlet's first graders */
    const char *check[] = {"check", "tests/data/hard-county/scenario.ini", out,
                           NULL};
    cr_expect_eq(run(check), SN_EXIT_OK);
    char *sf = slurp(out, "shortfall.csv");
    cr_expect(strstr(sf, "夏县,V1,泗交小学,,") != NULL, "%s", sf);
    cr_expect(strstr(sf, "夏县,T2,城关二小,2,70,1,6,14,1,0\n") != NULL, "%s",
              sf);
    free(sf);
    char *un = slurp(out, "unplaced.csv");
    cr_expect_str_eq(un, "county,zone,zone_name,grade,students,reason\n"
                         "夏县,Z4,唐王山,1,8,no_reach\n");
    free(un);
    sn_test_rmdir(dir);
}

/* A `[classes] hard_cap` that milestones override, weights without the
 * weighted mode: `plan` says so; a sweep whose values give one model:
 * `batch` says so before it runs. */
Test(realism, what_ifs_that_do_nothing_are_reported,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char ini[4200], out[4200];
    snprintf(ini, sizeof ini, "%s/w.ini", dir);
    FILE *f = fopen(ini, "w");
    cr_assert_not_null(f);
    fprintf(f, "[scenario]\nbase = %s/tests/data/hard-county/scenario.ini\n"
               "[classes]\nhard_cap = 60\n[milestones]\nhard_cap.2016 = 66\n"
               "[objective]\nweight.cost = 2\n", getenv("PWD"));
    fclose(f);
    snprintf(out, sizeof out, "%s/p", dir);
    const char *plan[] = {"plan", ini, "-o", out, "-q", "--heuristic-only",
                          NULL};
    cr_expect_eq(run(plan), SN_EXIT_RESULT);
    snprintf(out, sizeof out, "%s/b", dir);
    const char *batch[] = {"batch", ini, "-o", out, "-q", "--heuristic-only",
                           "--vary", "classes.hard_cap=50,58", NULL};
    cr_expect_eq(run(batch), SN_EXIT_RESULT);
    fflush(stderr);
    FILE *e = cr_get_redirected_stderr();
    char *text = calloc(1, 1 << 16);
    size_t n = fread(text, 1, (1 << 16) - 1, e);
    text[n] = '\0';
    static const char *const want[] = {
        "schoolnet: warning: [classes] hard_cap = 60 has no effect in 2017: "
        "milestone hard_cap.2016 = 66 decides the cap\n",
        "schoolnet: warning: [objective] weight.* has no effect: mode is "
        "lexicographic (set mode = weighted)\n",
        "schoolnet batch: warning: --vary: w-classes.hard_cap-50 and "
        "w-classes.hard_cap-58 give the same model (milestone hard_cap.2016 "
        "decides the cap in 2017): their plans will not differ\n"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_expect(strstr(text, want[i]) != NULL, "missing: %s\nin: %s",
                  want[i], text);
    free(text);
    sn_test_rmdir(dir);
}

/* No pupil of grades 1-3 boards in a shipped scenario's plan (the demo
 * library; the city's plans are too large for the suite and are checked
 * the same way by hand, docs/model.md).  The constructive plan is enough:
 * the model has no boarding arc below boarding_min_grade, and the checker
 * would reject one. */
Test(realism, shipped_demo_scenarios_board_no_young_child)
{
    static const char *const names[] = {
        "demo-baseline", "demo-cap-56", "demo-close-small",
        "demo-keep-small", "demo-new-school-2019", "demo-expand-existing",
        "demo-teachers-5km", "demo-teachers-10km"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char ini[256];
        snprintf(ini, sizeof ini, "scenarios/%s/scenario.ini", names[i]);
        sn_network *net;
        sn_diag diag = SN_DIAG_INIT;
        sn_error err = {0, ""};
        cr_assert_eq(sn_network_read(&net, ini, &diag, &err), 0, "%s", ini);
        sn_diag_dispose(&diag);
        int year = net->sc.year;
        int *d = calloc((size_t)net->nzones * (SN_GRADES + 1), sizeof *d);
        const char *source = NULL;
        cr_assert_eq(sn_forecast_demand(d, net, year, &source, &err), 0);
        sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
        o.heuristic_only = 1;
        sn_plan *p = NULL;
        cr_assert_eq(sn_allocate(&p, net, d, year, &o, &err), 0, "%s",
                     err.msg);
        p->demand_source = source;
        long young = 0;
        for (size_t a = 0; a < p->nasg; a++)
            young += p->asg[a].boarding && p->asg[a].grade < 4
                         ? p->asg[a].students
                         : 0;
        cr_expect_eq(young, 0, "%s: %ld pupils of grades 1-3 board", ini,
                     young);
        sn_check_report rep;
        cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
        cr_expect_eq(rep.nviolations, 0, "%s: %s", ini,
                     rep.nviolations ? rep.violations[0] : "");
        sn_check_report_dispose(&rep);
        sn_plan_free(p);
        free(d);
        sn_network_free(net);
    }
}
