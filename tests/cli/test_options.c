/* test_options.c - command-line conventions of every sub-command (issue
 * 13): getopt_long forms, a missing value named as such, a suggestion for
 * a mistyped option or command, strict numbers, --version, and exit codes
 * in every --help. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/io/helpers.h"

typedef struct ran {
    int code;
    char out[8192], err[8192]; /* what the command printed */
} ran;

static void slurp_fd(int fd, char *buf, size_t n)
{
    lseek(fd, 0, SEEK_SET);
    ssize_t k = read(fd, buf, n - 1);
    buf[k > 0 ? k : 0] = '\0';
}

/* Runs `schoolnet ARGS...` in-process with stdout and stderr captured. */
static void run(ran *r, const char *const *args)
{
    int n = 0;
    while (args[n])
        n++;
    char *argv[40] = {"schoolnet"};
    for (int i = 0; i < n && i < 38; i++)
        argv[i + 1] = (char *)args[i];
    char o[] = "/tmp/sn-opt-out-XXXXXX", e[] = "/tmp/sn-opt-err-XXXXXX";
    int fo = mkstemp(o), fe = mkstemp(e);
    cr_assert(fo >= 0 && fe >= 0);
    fflush(stdout);
    fflush(stderr);
    int so = dup(1), se = dup(2);
    dup2(fo, 1);
    dup2(fe, 2);
    r->code = sn_cli_run(n + 1, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(so, 1);
    dup2(se, 2);
    close(so);
    close(se);
    slurp_fd(fo, r->out, sizeof r->out);
    slurp_fd(fe, r->err, sizeof r->err);
    close(fo);
    close(fe);
    unlink(o);
    unlink(e);
}

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
    ran r;
    run(&r, args);
    cr_expect_eq(r.code, SN_EXIT_RESULT, "%s", r.err); /* tiny: unplaced */
    const char *check[] = {"check", "tests/data/tiny", o, NULL};
    run(&r, check);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s%s", r.out, r.err);
    sn_test_rmdir(dir);
}

Test(cli_options, a_missing_value_is_named)
{
    ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "--year", NULL};
    run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet plan: option '--year' needs a value");
    const char *a2[] = {"plan", "tests/data/tiny", "-o", NULL};
    run(&r, a2);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet plan: option '--out' needs a value");
    const char *a3[] = {"generate", "--seed", NULL};
    run(&r, a3);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet generate: option '--seed' needs a value");
}

Test(cli_options, a_mistyped_option_gets_a_suggestion)
{
    ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                        "--yaer", "2020", NULL};
    run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown option '--yaer' (did you mean '--year'?)");
    const char *a2[] = {"batch", "x.ini", "-o", "/tmp/sn-never",
                        "--time-limt=3", NULL};
    run(&r, a2);
    EXPECT_IN(r.err, "unknown option '--time-limt' (did you mean "
                     "'--time-limit'?)");
    const char *a3[] = {"validate", "-x", "tests/data/tiny", NULL};
    run(&r, a3);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "schoolnet validate: unknown option '-x'");
    const char *a4[] = {"plna", NULL};
    run(&r, a4);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown command 'plna' (did you mean 'plan'?)");
    struct stat st;
    cr_expect_neq(stat("/tmp/sn-never", &st), 0, "nothing written");
}

Test(cli_options, numbers_are_strict_decimals)
{
    ran r;
    static const char *const bad[][2] = {
        {"--gap", "0x1p-3"}, {"--time-limit", "inf"}, {"--year", "2020.0"},
        {"--jobs", "0x2"}, {"--time-limit", "nan"}, {"--years", "2019-20x"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *a[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                           bad[i][0], bad[i][1], NULL};
        run(&r, a);
        cr_expect_eq(r.code, SN_EXIT_INPUT, "%s %s", bad[i][0], bad[i][1]);
        char want[128];
        snprintf(want, sizeof want, "bad value for %s (got '%s')", bad[i][0],
                 bad[i][1]);
        EXPECT_IN(r.err, want);
    }
}

Test(cli_options, version)
{
    ran r;
    const char *a[] = {"--version", NULL};
    run(&r, a);
    cr_expect_eq(r.code, SN_EXIT_OK);
    cr_expect_str_eq(r.out, "schoolnet " SN_VERSION "\n");
}

Test(cli_options, every_help_lists_the_exit_codes)
{
    static const char *const cmds[] = {"validate", "generate", "plan",
                                       "batch", "check", "project", "export"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        ran r;
        const char *a[] = {cmds[i], "--help", NULL};
        run(&r, a);
        cr_expect_eq(r.code, SN_EXIT_OK, "%s", cmds[i]);
        cr_expect(strstr(r.out, "\nexit: 0 ") != NULL,
                  "%s --help has no exit codes:\n%s", cmds[i], r.out);
    }
    ran r;
    const char *a[] = {"--help", NULL};
    run(&r, a);
    EXPECT_IN(r.out, "\nexit: 0 success");
}

/* Usage errors are found before anything is read or written. */
Test(cli_options, conflicting_options_are_refused_early)
{
    ran r;
    const char *a1[] = {"plan", "tests/data/tiny", "-o", "/tmp/sn-never",
                        "--year", "2020", "--years", "2019-2020", NULL};
    run(&r, a1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "give --year or --years, not both");
    const char *a2[] = {"export", "tests/data/tiny", "--lp", "/tmp/a.lp",
                        "--mps", "/tmp/a.mps", NULL};
    run(&r, a2);
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
    ran r;
    run(&r, a);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    EXPECT_IN(r.err, "unknown key 'hard_cp' in section [classes]");
    struct stat st;
    cr_expect_neq(stat(out, &st), 0, "no output folder");
    sn_test_rmdir(dir);
}
