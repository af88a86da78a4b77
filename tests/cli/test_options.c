/* test_options.c - command-line conventions of every sub-command (issue
 * 13): getopt_long forms, a missing value named as such, a suggestion for
 * a mistyped option or command, strict numbers, --version, and exit codes
 * in every --help. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

#define EXPECT_IN(text, want)                                              \
    cr_expect(strstr((text), (want)) != NULL, "missing '%s' in:\n%s", (want), \
              (text))

Test(cli_options, long_options_take_their_value_after_an_equals_sign)
{
    char *dir = sn_test_tmpdir();
    char o[4200], oa[4300];
    snprintf(o, sizeof o, "%s/p", dir);
    snprintf(oa, sizeof oa, "-o%s", o); /* -o/dir, attached */
    const char *args[] = {"plan", "tests/data/tiny", "--year=2021",
                          "--time-limit=5", "--heuristic-only", oa, "-q",
                          NULL};
    sn_test_ran r;
    sn_test_run(&r, args);
    cr_expect_eq(r.code, SN_EXIT_RESULT, "%s", r.err); /* tiny: unplaced */
    const char *check[] = {"check", "tests/data/tiny", o, NULL};
    sn_test_run(&r, check);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s%s", r.out, r.err);
    sn_test_rmdir(dir);
}

Test(cli_options, a_missing_value_is_named)
{
    sn_test_ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "--year", NULL};
    sn_test_run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet plan: option '--year' needs a value");
    const char *a2[] = {"plan", "tests/data/tiny", "-o", NULL};
    sn_test_run(&r, a2);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet plan: option '--out' needs a value");
    const char *a3[] = {"generate", "--seed", NULL};
    sn_test_run(&r, a3);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet generate: option '--seed' needs a value");
}

Test(cli_options, a_mistyped_option_gets_a_suggestion)
{
    sn_test_ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                        "--yaer", "2020", NULL};
    sn_test_run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown option '--yaer' (did you mean '--year'?)");
    const char *a2[] = {"batch", "x.ini", "-o", "/tmp/sn-never",
                        "--time-limt=3", NULL};
    sn_test_run(&r, a2);
    EXPECT_IN(r.err, "unknown option '--time-limt' (did you mean "
                     "'--time-limit'?)");
    const char *a3[] = {"validate", "-x", "tests/data/tiny", NULL};
    sn_test_run(&r, a3);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet validate: unknown option '-x'");
    const char *a4[] = {"plna", NULL};
    sn_test_run(&r, a4);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown command 'plna' (did you mean 'plan'?)");
    struct stat st;
    cr_expect_neq(stat("/tmp/sn-never", &st), 0, "nothing written");
}

/* `project` follows the same conventions (it parsed argv by hand):
 * --name=value, -o/dir attached, --year as well as --years, a missing
 * value named, a suggestion, strict numbers. */
Test(cli_options, project_takes_the_same_forms)
{
    char *dir = sn_test_tmpdir();
    char o[4200], oa[4300];
    snprintf(o, sizeof o, "%s/p", dir);
    snprintf(oa, sizeof oa, "-o%s", o);
    sn_test_ran r;
    const char *a1[] = {"project", "--year=2023", oa, "-q",
                        "tests/data/tiny/scenario.ini", "--backtest=2", NULL};
    sn_test_run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char path[4400], line[64] = "";
    snprintf(path, sizeof path, "%s/projection_summary.csv", o);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", r.err);
    while (fgets(line, sizeof line, f)) /* the last row: 2023 */
        ;
    fclose(f);
    cr_expect_eq(strncmp(line, "2023,", 5), 0, "last row '%s'", line);
    const char *a2[] = {"project", "tests/data/tiny", "-o", o, "--backtest",
                        NULL};
    sn_test_run(&r, a2);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet project: option '--backtest' needs a value");
    const char *a3[] = {"project", "tests/data/tiny", "-o", o, "--backtst",
                        "2", NULL};
    sn_test_run(&r, a3);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown option '--backtst' (did you mean "
                     "'--backtest'?)");
    const char *a4[] = {"project", "tests/data/tiny", "-o", o, "--years",
                        "0x3", NULL};
    sn_test_run(&r, a4);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "bad value for --years (got '0x3')");
    const char *a5[] = {"project", "tests/data/tiny", "-o", o, "--year",
                        "2019", NULL};
    sn_test_run(&r, a5);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "bad value for --year (got '2019'): a year after the "
                     "last history year, 2021 to 2100");
    const char *a6[] = {"project", "tests/data/tiny", "-o", o, "--years",
                        "3", "--year", "2023", NULL};
    sn_test_run(&r, a6);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "give --year or --years, not both");
    const char *a7[] = {"project", "tests/data/tiny", "extra", "-o", o,
                        NULL};
    sn_test_run(&r, a7);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unexpected argument 'extra'");
    /* without -q it says what it wrote, and where */
    const char *a8[] = {"project", "tests/data/tiny", "-o", o, "--years=2",
                        NULL};
    sn_test_run(&r, a8);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char want[4400];
    snprintf(want, sizeof want, "projection 2021-2022 from the history "
             "2015-2020 -> %s/ (projections.csv, projection_summary.csv)\n",
             o);
    EXPECT_IN(r.out, want);
    sn_test_rmdir(dir);
}

Test(cli_options, numbers_are_strict_decimals)
{
    sn_test_ran r;
    static const char *const bad[][2] = {
        {"--gap", "0x1p-3"}, {"--time-limit", "inf"}, {"--year", "2020.0"},
        {"--jobs", "0x2"}, {"--time-limit", "nan"}, {"--years", "2019-20x"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *a[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                           bad[i][0], bad[i][1], NULL};
        sn_test_run(&r, a);
        cr_expect_eq(r.code, SN_EXIT_INPUT, "%s %s", bad[i][0], bad[i][1]);
        char want[128];
        snprintf(want, sizeof want, "bad value for %s (got '%s')", bad[i][0],
                 bad[i][1]);
        EXPECT_IN(r.err, want);
    }
}

Test(cli_options, version)
{
    sn_test_ran r;
    const char *a[] = {"--version", NULL};
    sn_test_run(&r, a);
    cr_expect_eq(r.code, SN_EXIT_OK);
    cr_expect_str_eq(r.out, "schoolnet " SN_VERSION "\n");
}

Test(cli_options, every_help_lists_the_exit_codes)
{
    static const char *const cmds[] = {"validate", "generate", "plan",
                                       "batch", "check", "project", "export",
                                       "report", "collect", "run-job"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        sn_test_ran r;
        const char *a[] = {cmds[i], "--help", NULL};
        sn_test_run(&r, a);
        cr_expect_eq(r.code, SN_EXIT_OK, "%s", cmds[i]);
        cr_expect(strstr(r.out, "\nexit: 0 ") != NULL,
                  "%s --help has no exit codes:\n%s", cmds[i], r.out);
    }
    sn_test_ran r;
    const char *a[] = {"--help", NULL};
    sn_test_run(&r, a);
    EXPECT_IN(r.out, "\nexit: 0 success");
}

/* Usage errors are found before anything is read or written. */
Test(cli_options, conflicting_options_are_refused_early)
{
    sn_test_ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                        "--year", "2020", "--years", "2019-2020", NULL};
    sn_test_run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "give --year or --years, not both");
    const char *a2[] = {"export", "tests/data/tiny", "--lp", "/tmp/a.lp",
                        "--mps", "/tmp/a.mps", NULL};
    sn_test_run(&r, a2);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "give one of --lp and --mps, once");
}

/* A sweep over an unknown key fails once, before any plan runs, and
 * leaves no output folder. */
Test(cli_options, a_bad_sweep_key_fails_before_any_plan)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/sweep", dir);
    const char *a[] = {"batch", "tests/data/tiny/scenario.ini", "-o", out,
                       "--vary", "classes.hard_cp=50,56", "-q", NULL};
    sn_test_ran r;
    sn_test_run(&r, a);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown key 'hard_cp' in section [classes]");
    struct stat st;
    cr_expect_neq(stat(out, &st), 0, "no output folder");
    sn_test_rmdir(dir);
}
