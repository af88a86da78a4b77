/* test_cmd_generate.c - `schoolnet generate`: exit codes for a fresh
 * folder, a non-empty one with and without --force, bad arguments and
 * --help, and the shipped demo being what its README command makes. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/io/helpers.h"

/* Runs `schoolnet generate ARGS... ` with at most 24 arguments. */
static int generate(const char *const *args)
{
    char *argv[32] = {"schoolnet", "generate"};
    int n = 2;
    while (args[n - 2] && n < 30) {
        argv[n] = (char *)args[n - 2];
        n++;
    }
    argv[n] = NULL;
    return sn_cli_run(n, argv);
}

static int same_file(const char *a, const char *b)
{
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    int same = f && g;
    while (same) {
        int x = fgetc(f), y = fgetc(g);
        same = x == y;
        if (x == EOF)
            break;
    }
    if (f)
        fclose(f);
    if (g)
        fclose(g);
    return same;
}

Test(cli_generate, writes_a_fresh_folder_and_refuses_to_overwrite,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4096];
    snprintf(out, sizeof out, "%s/set", dir);
    const char *args[] = {"--schools", "12", "--zones", "40", "--seed", "3",
                          "-q", "-o", out, NULL};
    cr_assert_eq(generate(args), SN_EXIT_OK);
    char path[4200];
    snprintf(path, sizeof path, "%s/schools.csv", out);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    fclose(f);
    cr_expect_eq(generate(args), SN_EXIT_INPUT, "non-empty folder");
    const char *force[] = {"--schools", "12", "--zones", "40", "--seed", "3",
                           "-q", "--force", "-o", out, NULL};
    cr_expect_eq(generate(force), SN_EXIT_OK);
    static const char *const names[] = {
        "schools.csv", "zones.csv", "enrollment.csv", "births.csv",
        "distances.csv", "teachers.csv", "curriculum.csv", "scenario.ini"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", out, names[i]);
        unlink(path);
    }
    rmdir(out);
    sn_test_rmdir(dir);
}

Test(cli_generate, rejects_bad_arguments, .init = cr_redirect_stderr)
{
    static const char *const bad[][4] = {
        {"--schools", "x", "-o", "/tmp/sn-never"},
        {"--schools", "7", "-o", "/tmp/sn-never"},
        {"--counties", "201", "-o", "/tmp/sn-never"},
        {"--seed", "-4", "-o", "/tmp/sn-never"},
        {"--years", "", "-o", "/tmp/sn-never"},
        {"--county-names", "A,,B", "-o", "/tmp/sn-never"},
        {"--frobnicate", "1", "-o", "/tmp/sn-never"},
        {"--plan-year", "2016", "-o", "/tmp/sn-never"},
        {"--crowding", "0.9", "-o", "/tmp/sn-never"},
        {"--crowding", "1.2x", "-o", "/tmp/sn-never"},
        {"--room-ratio", "0", "-o", "/tmp/sn-never"},
        {"--far-zones", "0.51", "-o", "/tmp/sn-never"},
        {"--schools", "300", "--zones", "25"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *args[] = {bad[i][0], bad[i][1], bad[i][2], bad[i][3], NULL};
        cr_expect_eq(generate(args), SN_EXIT_INPUT, "case %zu", i);
    }
    const char *no_out[] = {"--seed", "1", NULL};
    cr_expect_eq(generate(no_out), SN_EXIT_INPUT);
    const char *dangling[] = {"-o", NULL};
    cr_expect_eq(generate(dangling), SN_EXIT_INPUT);
}

Test(cli_generate, prints_help, .init = cr_redirect_stdout)
{
    const char *args[] = {"--help", NULL};
    cr_assert_eq(generate(args), SN_EXIT_OK);
}

/* The command in scenarios/demo-county/README.md makes the shipped files,
 * the data-set marker included (so that command, with --force, may
 * replace the shipped folder). */
Test(cli_generate, remakes_the_shipped_demo, .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    const char *args[] = {"--counties", "1", "--schools", "60", "--zones",
                          "300", "--years", "12", "--last-year", "2017",
                          "--plan-year", "2020", "--seed", "2017",
                          "--county-names", "Xiaxian", "--name",
                          "demo county (synthetic Xiaxian)", "-o", dir,
                          "--force", NULL};
    cr_assert_eq(generate(args), SN_EXIT_OK);
    static const char *const names[] = {
        "schools.csv", "zones.csv", "enrollment.csv", "births.csv",
        "distances.csv", "teachers.csv", "curriculum.csv", "scenario.ini",
        ".schoolnet"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s/%s", dir, names[i]);
        snprintf(b, sizeof b, "scenarios/demo-county/data/%s", names[i]);
        cr_expect(same_file(a, b), "%s differs from the shipped one",
                  names[i]);
    }
    sn_test_rmdir(dir);
}

/* The classic instances (--kind cflp, pmedian) and a county with empty
 * grades are written so that they read back: every cell of a zone's
 * years is a row (a missing cell is an error, not 0 pupils), plan solves
 * them and check passes the plan. */
Test(cli_generate, classic_kinds_read_back_plan_and_check,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    const char *kinds[][8] = {
        {"--kind", "cflp", "--sites", "12", "--customers", "60", NULL},
        {"--kind", "pmedian", "--nodes", "40", "--p", "3", NULL},
    };
    for (int k = 0; k < 2; k++) {
        char data[4400], ini[4500], out[4500];
        snprintf(data, sizeof data, "%s/k%d", dir, k);
        snprintf(ini, sizeof ini, "%s/scenario.ini", data);
        snprintf(out, sizeof out, "%s/plan", data);
        const char *gen[12];
        int n = 0;
        for (int i = 0; kinds[k][i]; i++)
            gen[n++] = kinds[k][i];
        gen[n++] = "-o";
        gen[n++] = data;
        gen[n++] = "-q";
        gen[n] = NULL;
        cr_assert_eq(generate(gen), SN_EXIT_OK, "%s", kinds[k][1]);
        char *validate[] = {"schoolnet", "validate", ini, NULL};
        cr_expect_eq(sn_cli_run(3, validate), SN_EXIT_OK, "%s", kinds[k][1]);
        char *plan[] = {"schoolnet", "plan", ini, "-o", out, "-q",
                        "--work", "200000", NULL};
        cr_expect_eq(sn_cli_run(8, plan), SN_EXIT_OK, "%s", kinds[k][1]);
        char *check[] = {"schoolnet", "check", ini, out, NULL};
        cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK, "%s", kinds[k][1]);
    }
    sn_test_rmdir(dir);
}
