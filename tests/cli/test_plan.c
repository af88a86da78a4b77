/* test_plan.c - plan, check and export through the command line on the
 * tiny two-county data set and a generated county: exit codes, files, and
 * every plan status. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "model/check.h"
#include "model/forecast.h"
#include "gen/generate.h"
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

static int exists(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    struct stat st;
    snprintf(p, n, "%s/%s", dir, name);
    int ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

/* The tiny set has a zone out of every school's reach: the plan is made,
 * reports the pupils it could not place (exit 1), and passes the check. */
Test(cli_plan, tiny_plan_reports_unplaced_and_checks,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", "tests/data/tiny/scenario.ini", "-o", out,
                          "--time-limit", "10", "-q", NULL};
    cr_assert_eq(run(plan), SN_EXIT_RESULT);
    cr_expect(exists(out, "assignments.csv") && exists(out, "schools.csv") &&
              exists(out, "summary.json") && exists(out, "unplaced.csv"));
    const char *check[] = {"check", "tests/data/tiny/scenario.ini", out,
                           NULL};
    cr_expect_eq(run(check), SN_EXIT_OK);
    sn_test_rmdir(dir);
}

/* Bad input: nothing is written, exit 2. */
Test(cli_plan, bad_input_writes_nothing, .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", "tests/data/no-such-folder", "-o", out,
                          NULL};
    cr_expect_eq(run(plan), SN_EXIT_INPUT);
    cr_expect(!exists(out, "summary.json"));
    const char *gap[] = {"plan", "tests/data/tiny", "-o", out, "--gap", "2",
                         NULL};
    cr_expect_eq(run(gap), SN_EXIT_INPUT);
    sn_test_rmdir(dir);
}

/* export: the tiny set has two counties, so one must be named. */
Test(cli_export, needs_a_county_then_writes_lp,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char lp[4200];
    snprintf(lp, sizeof lp, "%s/m.lp", dir);
    cr_redirect_stderr();
    const char *none[] = {"export", "tests/data/tiny", "--lp", lp, NULL};
    cr_expect_eq(run(none), SN_EXIT_INPUT);
    cr_expect(!exists(dir, "m.lp"));
    const char *bad[] = {"export", "tests/data/tiny", "--lp", lp, "--county",
                         "Atlantis", NULL};
    cr_expect_eq(run(bad), SN_EXIT_INPUT);
    FILE *f = fopen("tests/data/tiny/schools.csv", "r");
    cr_assert_not_null(f);
    char line[512], county[128] = "";
    cr_assert_not_null(fgets(line, sizeof line, f)); /* header */
    cr_assert_not_null(fgets(line, sizeof line, f));
    fclose(f);
    /* third field of the first school is its county */
    char *p = strchr(line, ',');
    p = p ? strchr(p + 1, ',') : NULL;
    cr_assert_not_null(p);
    sscanf(p + 1, "%127[^,]", county);
    const char *ok[] = {"export", "tests/data/tiny", "--lp", lp, "--county",
                        county, NULL};
    cr_expect_eq(run(ok), SN_EXIT_OK);
    cr_expect(exists(dir, "m.lp"));
    sn_test_rmdir(dir);
}

/* (The old solver_status test that ended a solve by a 0.02 s time limit
 * is tests/solver/test_search.c: the same plan from a work budget, on any
 * machine.) */

/* The tiny plan, file by file, against the saved expected outputs in
 * tests/data/tiny-plan (every solve there ends by optimality, so the files
 * are the same on every machine).  A change that alters a plan shows here
 * first; if it is meant, regenerate the files with
 *   schoolnet plan tests/data/tiny/scenario.ini -o tests/data/tiny-plan -q
 * (then remove its timing.json) and review the diff. */
Test(cli_plan, tiny_plan_matches_expected_files, .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", "tests/data/tiny/scenario.ini", "-o", out,
                          "--time-limit", "30", "-q", NULL};
    cr_assert_eq(run(plan), SN_EXIT_RESULT); /* the tiny set has unplaced */
    static const char *const names[] = {
        "assignments.csv", "schools.csv", "unplaced.csv", "summary.json",
        "shortfall.csv", "teachers.csv", "shortages.csv", "staffing.csv",
        "rotation.csv", "redeploy.csv", "timetable.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char a[4400], b[4400];
        snprintf(a, sizeof a, "%s/%s", out, names[i]);
        snprintf(b, sizeof b, "tests/data/tiny-plan/%s", names[i]);
        FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
        cr_assert(fa && fb, "%s: missing", names[i]);
        int ca, cb, line = 1;
        do {
            ca = fgetc(fa);
            cb = fgetc(fb);
            line += ca == '\n';
        } while (ca == cb && ca != EOF);
        cr_expect_eq(ca, cb, "%s differs from the expected file at line %d",
                     names[i], line);
        fclose(fa);
        fclose(fb);
    }
    sn_test_rmdir(dir);
}
