/* test_plan_errors.c - `plan` on inputs it must refuse: a clean exit 2 and
 * nothing written, never a crash (issue 13). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
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

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A plan year before the history: the projection fails after the network
 * was read.  This used to free an uninitialised pointer (exit 139). */
Test(cli_plan_errors, year_before_history_exits_2, .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", "tests/data/tiny/scenario.ini", "-o", out,
                          "--year", "2005", "-q", NULL};
    cr_expect_eq(run(plan), SN_EXIT_INPUT);
    cr_expect(!exists(out));
    sn_test_rmdir(dir);
}

/* An enrolment file with a header only: no history to plan from. */
Test(cli_plan_errors, header_only_enrolment_exits_2,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    sn_test_copy_tiny(dir);
    free(sn_test_write(dir, "enrollment.csv",
                       "year,zone,grade,students,migrant\n", (size_t)-1));
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", dir, "-o", out, "-q", NULL};
    cr_expect_eq(run(plan), SN_EXIT_INPUT);
    cr_expect(!exists(out));
    sn_test_rmdir(dir);
}

/* `validate` refuses what `plan` refuses: a scenario year before the
 * history passed validation and then failed in `plan`. */
Test(cli_plan_errors, validate_refuses_what_plan_refuses,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    sn_test_copy_tiny(dir);
    free(sn_test_write(dir, "scenario.ini",
                       "[scenario]\nyear = 2005\n", (size_t)-1));
    char ini[4200], out[4200];
    snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
    snprintf(out, sizeof out, "%s/plan", dir);
    cr_redirect_stdout();
    const char *validate[] = {"validate", ini, NULL};
    cr_expect_eq(run(validate), SN_EXIT_INPUT);
    const char *plan[] = {"plan", ini, "-o", out, "-q", NULL};
    cr_expect_eq(run(plan), SN_EXIT_INPUT);
    cr_expect(!exists(out));
    /* and no schools at all */
    free(sn_test_write(dir, "schools.csv", "id,county,stage,classrooms\n",
                       (size_t)-1));
    const char *v2[] = {"validate", dir, NULL};
    cr_expect_eq(run(v2), SN_EXIT_INPUT);
    sn_test_rmdir(dir);
}
