/* test_project.c - `schoolnet project`: the files it writes on the tiny set
 * (with a rolling-origin backtest), and exit 2 with nothing written when
 * enrollment.csv misses a cell. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "tests/io/helpers.h"

static int project(const char *scen, const char *out, const char *bt)
{
    char *argv[] = {"schoolnet", "project", (char *)scen, "-o", (char *)out,
                    "-q", bt ? "--backtest" : NULL, (char *)bt, NULL};
    return sn_cli_run(bt ? 8 : 6, argv);
}

static char *first_line(const char *dir, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    static char line[512];
    char *r = fgets(line, sizeof line, f);
    fclose(f);
    return r;
}

Test(cli_project, writes_projections_summary_and_backtest,
     .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/out", dir);
    cr_assert_eq(project("tests/data/tiny/scenario.ini", out, "2"),
                 SN_EXIT_OK);
    cr_expect_str_eq(first_line(out, "projections.csv"),
                     "year,county,zone,grade,students,low80,high80,low95,"
                     "high95,housing\n");
    cr_expect_str_eq(first_line(out, "projection_summary.csv"),
                     "year,county,students,housing,retention,"
                     "retention_target\n");
    cr_expect_str_eq(first_line(out, "backtest.csv"),
                     "level,band,horizon,method,n,mape,mspe,ncover,cover80,"
                     "cover95\n");
    sn_test_rmdir(dir);
}

Test(cli_project, a_missing_cell_is_exit_2_and_nothing_written,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    sn_test_copy_tiny(dir);
    /* enrollment.csv without its line 59 (2016, LY-Z2, grade 4) */
    FILE *f = fopen("tests/data/tiny/enrollment.csv", "r");
    cr_assert_not_null(f);
    static char text[1 << 16];
    size_t o = 0;
    char line[256];
    for (int n = 1; fgets(line, sizeof line, f); n++)
        if (n != 59) {
            memcpy(text + o, line, strlen(line));
            o += strlen(line);
        }
    fclose(f);
    free(sn_test_write(dir, "enrollment.csv", text, o));
    char out[4200];
    snprintf(out, sizeof out, "%s/out", dir);
    cr_expect_eq(project(dir, out, NULL), SN_EXIT_INPUT);
    struct stat st;
    cr_expect_neq(stat(out, &st), 0, "nothing may be written");
    sn_test_rmdir(dir);
}
