/* test_batch.c - `schoolnet batch` (a failing scenario is a row, a sweep),
 * `plan --jobs` (byte-identical to one process) and `plan --years` (each
 * year passes the checker) on small generated data. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

static int lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* rm -r for the folders these tests make (two levels deep). */
static void rmtree(const char *dir)
{
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static char *generated(const char *dir)
{
    char *out = malloc(4400);
    snprintf(out, 4400, "%s/data", dir);
    const char *gen[] = {"generate", "--counties", "2", "--schools", "12",
                         "--zones", "40", "--seed", "3", "-q", "-o", out,
                         NULL};
    cr_assert_eq(sn_test_cli(gen), SN_EXIT_OK);
    return out;
}

Test(cli_batch, failing_scenario_is_a_row_and_does_not_stop_others,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char out[4200], bad[4200];
    snprintf(out, sizeof out, "%s/cmp", dir);
    snprintf(bad, sizeof bad, "%s/broken.ini", dir);
    FILE *f = fopen(bad, "w");
    fputs("[scenario]\ndata = no-such-folder\n", f);
    fclose(f);
    const char *args[] = {"batch", bad, "tests/data/tiny/scenario.ini",
                          "-o", out, "--jobs", "2", "--time-limit", "10",
                          NULL};
    cr_expect_eq(sn_test_cli(args), SN_EXIT_RESULT);
    char *csv = sn_test_slurp(out, "comparison.csv"), *md = sn_test_slurp(out, "comparison.md");
    cr_assert_not_null(csv);
    cr_assert_not_null(md);
    cr_expect_eq(lines(csv), 3);
    cr_expect(strstr(csv, "scenario,exit,status,gap,students,unplaced,") ==
              csv);
    cr_expect_not_null(strstr(csv, "\nbroken,2,,,"), "%s", csv);
    cr_expect_not_null(strstr(csv, "\ntiny,1,"), "%s", csv);
    cr_expect_not_null(strstr(md, "| broken | 2 |"), "%s", md);
    char *plan = sn_test_slurp(out, "tiny/summary.json");
    cr_expect_not_null(plan, "the good scenario's plan is written");
    free(plan);
    free(csv);
    free(md);
    rmtree(dir);
    free(dir);
}

Test(cli_batch, vary_expands_a_sweep, .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/sweep", dir);
    const char *args[] = {"batch", "tests/data/tiny/scenario.ini", "-o", out,
                          "--vary", "classes.hard_cap=56,60",
                          "--heuristic-only", "-q", NULL};
    cr_expect_eq(sn_test_cli(args), SN_EXIT_RESULT); /* the tiny set has unplaced */
    char *csv = sn_test_slurp(out, "comparison.csv");
    cr_assert_not_null(csv);
    cr_expect_eq(lines(csv), 3);
    cr_expect_not_null(strstr(csv, "\ntiny-classes.hard_cap-56,1,"), "%s",
                       csv);
    cr_expect_not_null(strstr(csv, "\ntiny-classes.hard_cap-60,1,"), "%s",
                       csv);
    char *ini = sn_test_slurp(out, "tiny-classes.hard_cap-60/scenario.ini");
    cr_assert_not_null(ini);
    cr_expect_not_null(strstr(ini, "[classes]\nhard_cap = 60\n"), "%s", ini);
    free(ini);
    free(csv);
    const char *bad[] = {"batch", "tests/data/tiny/scenario.ini", "-o", out,
                         "--vary", "hard_cap=1", NULL};
    cr_expect_eq(sn_test_cli(bad), SN_EXIT_INPUT, "KEY needs a section");
    rmtree(dir);
    free(dir);
}

Test(cli_batch, jobs_give_byte_identical_plans, .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char *data = generated(dir);
    static const char *const files[] = {"assignments.csv", "schools.csv",
                                        "unplaced.csv", "summary.json"};
    char *ref[4] = {NULL};
    for (int j = 0; j <= 2; j++) {
        char out[4400], jobs[16];
        snprintf(out, sizeof out, "%s/plan-%d", dir, j);
        snprintf(jobs, sizeof jobs, "%d", j);
        const char *with[] = {"plan", data, "-o", out, "--time-limit", "120",
                              "-q", "--jobs", jobs, NULL};
        if (j == 0)
            with[7] = NULL; /* one sn_allocate over both counties */
        int rc = sn_test_cli(with);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        const char *check[] = {"check", data, out, NULL};
        cr_expect_eq(sn_test_cli(check), SN_EXIT_OK, "--jobs %d", j);
        for (int k = 0; k < 4; k++) {
            char *s = sn_test_slurp(out, files[k]);
            cr_assert_not_null(s);
            if (j == 0) {
                ref[k] = s;
                continue;
            }
            cr_expect_str_eq(s, ref[k], "--jobs %d: %s differs", j, files[k]);
            free(s);
        }
    }
    cr_expect_not_null(strstr(ref[3], "\"status\": \"optimal\""),
                       "the solves end by gap: %s", ref[3]);
    for (int k = 0; k < 4; k++)
        free(ref[k]);
    free(data);
    rmtree(dir);
    free(dir);
}

Test(cli_batch, years_write_each_year_and_the_timeline,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char *data = generated(dir);
    char ini[4400], out[4400];
    snprintf(ini, sizeof ini, "%s/years.ini", dir);
    FILE *f = fopen(ini, "w");
    fprintf(f, "[scenario]\nbase = data/scenario.ini\n[milestones]\n"
               "hard_cap.2018 = 66\nhard_cap.2019 = 56\n");
    fclose(f);
    snprintf(out, sizeof out, "%s/years", dir);
    const char *plan[] = {"plan", ini, "--years", "2017-2019", "-o", out,
                          "--jobs", "2", "--time-limit", "60", NULL};
    int rc = sn_test_cli(plan);
    cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
    char *tl = sn_test_slurp(out, "timeline.csv");
    cr_assert_not_null(tl);
    cr_expect_eq(lines(tl), 1 + 3 * 2, "%s", tl); /* 3 years x 2 counties */
    cr_expect_not_null(strstr(tl, "\n2018,"));
    for (int y = 2017; y <= 2019; y++) {
        char ydir[4500];
        snprintf(ydir, sizeof ydir, "%s/%d", out, y);
        char *st = sn_test_slurp(ydir, "stayers.csv");
        cr_assert_not_null(st, "%d", y);
        if (y == 2017)
            cr_expect_eq(lines(st), 1, "first year: header only");
        else
            cr_expect_gt(lines(st), 10);
        free(st);
        /* the year's plan passes the pupil rules of the checker */
        const char *check[] = {"check", ini, ydir, NULL};
        cr_expect_eq(sn_test_cli(check), SN_EXIT_OK, "%d", y);
    }
    free(tl);
    free(data);
    rmtree(dir);
    free(dir);
}
