/* test_plan_teachers_work.c - `plan --work N` with teachers in the data:
 * the teacher stage gets a quarter of the work and ends by it, so every
 * file of the plan (teachers.csv, timetable.csv, rotation.csv,
 * redeploy.csv, staffing.csv, the reports...) is the same byte for byte
 * (timing.json aside) from run to run, with --jobs 1 or 2, and under a
 * generous or a short time limit; every plan is checked. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

static void quiet(void)
{
    cr_redirect_stdout();
    cr_redirect_stderr();
}

/* The "teachers" section of OUT/summary.json (NULL when none). */
static char *teachers_summary(const char *out)
{
    char *s = sn_test_slurp(out, "summary.json");
    cr_assert_not_null(s, "%s/summary.json", out);
    char *t = strstr(s, "\"teachers\": {");
    char *r = t ? strdup(t) : NULL;
    free(s);
    return r;
}

/* Two counties of 40 schools: the teacher stage needs a few thousand
 * work units in each to end by its gap, and gets 2,000 of 8,000 for both,
 * so each of its three levels ends by work (with 20,000 the first level
 * is proven). */
Test(cli_plan_teachers_work, teacher_files_are_identical_under_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *gen[] = {"generate", "--counties", "2", "--schools", "40",
                         "--zones", "200", "--seed", "3", "-q", "-o", data,
                         NULL};
    cr_assert_eq(sn_test_cli(gen), SN_EXIT_OK);
    /* --jobs, --time-limit: the reference first, then a second run, the
     * county processes, and a short time limit (never reached: the work
     * ends first, in about a tenth of a second) */
    static const char *const runs[][2] = {
        {NULL, "600"}, {NULL, "600"}, {"1", "600"}, {"2", "20"}};
    char ref[4600] = "";
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        char out[4600];
        snprintf(out, sizeof out, "%s/plan-%zu", dir, i);
        const char *args[] = {"plan", data, "-o", out, "--work", "8000",
                              "--time-limit", runs[i][1], "-q", "--jobs",
                              runs[i][0], NULL};
        if (!runs[i][0])
            args[9] = NULL;
        int rc = sn_test_cli(args);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        const char *check[] = {"check", data, out, NULL};
        cr_expect_eq(sn_test_cli(check), SN_EXIT_OK, "run %zu: checker", i);
        if (i == 0) {
            snprintf(ref, sizeof ref, "%s", out);
            char *t = teachers_summary(out);
            cr_assert_not_null(t, "no teachers in summary.json");
            cr_expect_not_null(strstr(t, "\"ended_by\": {\"uncovered\": "
                                         "\"work\", \"km\": \"work\", "
                                         "\"links\": \"work\"}"),
                               "the teacher levels end by work: %s", t);
            free(t);
            continue;
        }
        char *diff = sn_test_tree_diff(ref, out);
        cr_expect_null(diff, "run %zu: %s", i, diff ? diff : "");
        free(diff);
    }
    sn_test_rmdir(dir);
}

/* Without --work the teachers keep their time shares and record no work
 * (the levels end by their gap or a time share, never by work). */
Test(cli_plan_teachers_work, without_work_no_level_ends_by_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400], out[4600];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *gen[] = {"generate", "--schools", "20", "--zones", "100",
                         "--seed", "3", "-q", "-o", data, NULL};
    cr_assert_eq(sn_test_cli(gen), SN_EXIT_OK);
    const char *args[] = {"plan", data, "-o", out, "--time-limit", "60", "-q",
                          NULL};
    int rc = sn_test_cli(args);
    cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
    const char *check[] = {"check", data, out, NULL};
    cr_expect_eq(sn_test_cli(check), SN_EXIT_OK);
    char *t = teachers_summary(out);
    cr_assert_not_null(t);
    char *e = strstr(t, "\"ended_by\": {");
    cr_assert_not_null(e, "no ended_by: %s", t);
    char *close = strchr(e, '}');
    cr_assert_not_null(close);
    *close = '\0';
    cr_expect_null(strstr(e, "\"work\""), "a level ends by work: %s", e);
    free(t);
    sn_test_rmdir(dir);
}

/* plan --years: each year's teachers get a quarter of the year's work;
 * two runs under different time limits write the same years. */
Test(cli_plan_teachers_work, years_are_identical_under_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *gen[] = {"generate", "--schools", "40", "--zones", "200",
                         "--seed", "3", "-q", "-o", data, NULL};
    cr_assert_eq(sn_test_cli(gen), SN_EXIT_OK);
    char out[2][4600];
    static const char *const limit[2] = {"600", "30"};
    for (int i = 0; i < 2; i++) {
        snprintf(out[i], sizeof out[i], "%s/years-%d", dir, i);
        const char *args[] = {"plan", data, "-o", out[i], "--years",
                              "2020-2021", "--work", "12000", "--time-limit",
                              limit[i], "-q", NULL};
        int rc = sn_test_cli(args);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        for (int y = 2020; y <= 2021; y++) {
            char yd[9300];
            snprintf(yd, sizeof yd, "%s/%d", out[i], y);
            const char *check[] = {"check", data, yd, NULL};
            cr_expect_eq(sn_test_cli(check), SN_EXIT_OK, "%d: checker", y);
        }
    }
    char y0[9300];
    snprintf(y0, sizeof y0, "%s/2020", out[0]);
    char *t = teachers_summary(y0);
    cr_assert_not_null(t);
    cr_expect_not_null(strstr(t, "\"work\""), "no teacher level ends by "
                                              "work: %s", t);
    free(t);
    /* each year's pupils' levels say what ended them too (a year's plan
     * once lost them on its way out of the multi-year loop: all "none") */
    char *s = sn_test_slurp(y0, "summary.json");
    cr_assert_not_null(s);
    char *e = strstr(s, "\"ended_by\": {");
    cr_assert_not_null(e);
    char *close = strchr(e, '}');
    cr_assert_not_null(close);
    *close = '\0';
    cr_expect(strstr(e, "\"work\"") || strstr(e, "\"gap\""),
              "2020's pupils' levels: %s", e);
    free(s);
    char *diff = sn_test_tree_diff(out[0], out[1]);
    cr_expect_null(diff, "%s", diff ? diff : "");
    free(diff);
    sn_test_rmdir(dir);
}
