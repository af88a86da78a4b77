/* test_plan_work.c - `plan --work N` through the command line: the same
 * plan, byte for byte (timing.json aside), from one process and from
 * county processes (--jobs 1 and 2), ended by the work budget and checked
 * (issue 10). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

/* Three counties of different sizes, with a work budget too small to
 * prove them: every level that is searched ends by work, so the plan
 * depends on nothing but the data and the budget.  The budget is shared
 * by zones before any solve, the same in one process as in several. */
Test(cli_plan_work, work_plans_are_identical_across_jobs,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char data[4400];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *gen[] = {"generate", "--counties", "3", "--schools", "14",
                         "--zones", "50", "--seed", "5", "-q", "-o", data,
                         NULL};
    cr_assert_eq(sn_test_cli(gen), SN_EXIT_OK);
    static const char *const files[] = {"assignments.csv", "schools.csv",
                                        "unplaced.csv", "summary.json",
                                        "shortfall.csv"};
    enum { NF = sizeof files / sizeof *files };
    char *ref[NF] = {NULL};
    for (int j = 0; j <= 2; j++) {
        char out[4600], jobs[16];
        snprintf(out, sizeof out, "%s/plan-%d", dir, j);
        snprintf(jobs, sizeof jobs, "%d", j);
        const char *with[] = {"plan", data, "-o", out, "--work", "23850",
                              "--time-limit", "600", "-q", "--jobs", jobs,
                              NULL};
        if (j == 0)
            with[9] = NULL; /* one sn_allocate over the three counties */
        int rc = sn_test_cli(with);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        const char *check[] = {"check", data, out, NULL};
        cr_expect_eq(sn_test_cli(check), SN_EXIT_OK, "--jobs %d", j);
        for (int k = 0; k < NF; k++) {
            char *s = sn_test_slurp(out, files[k]);
            cr_assert_not_null(s, "%s", files[k]);
            if (j == 0) {
                ref[k] = s;
                continue;
            }
            cr_expect_str_eq(s, ref[k], "--jobs %d: %s differs", j, files[k]);
            free(s);
        }
    }
    cr_expect_not_null(strstr(ref[3], "\"work\""),
                       "some level ends by work: %s", ref[3]);
    cr_expect_null(strstr(ref[3], "\"time\""),
                   "no level ends by time: %s", ref[3]);
    for (int k = 0; k < NF; k++)
        free(ref[k]);
    sn_test_rmdir(dir);
}

/* --work takes whole numbers from 1: anything else is a usage error
 * before anything is read or written. */
Test(cli_plan_work, bad_work_values_are_usage_errors,
     .init = cr_redirect_stderr)
{
    static const char *const bad[] = {"0", "-5", "2.5", "1e16", "many", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *args[] = {"plan", "tests/data/tiny/scenario.ini", "-o",
                              "/nonexistent/out", "--work", bad[i], NULL};
        cr_expect_eq(sn_test_cli(args), SN_EXIT_INPUT, "--work '%s'", bad[i]);
    }
}
