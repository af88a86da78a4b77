/* test_plan_report.c - what `plan` prints: a progress line that fits an
 * 80-column terminal, a class table that agrees with summary.json, and
 * timing.json with every phase (issue 13). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/plan_report.h"
#include "io/read_network.h"
#include "io/read_plan.h"
#include "model/forecast.h"
#include "model/kpi.h"
#include "tests/io/helpers.h"

Test(cli_report, the_progress_line_fits_79_columns)
{
    static const char *const phases[] = {
        "heuristic", "level 2/6 over hard cap", "level 6/6 student-km",
        "teachers 2/3 travel", "a phase name far longer than any real one"};
    static const double values[] = {0, -1.234567890123e+123, 98765432101.5,
                                    -0.000012345678, 1e300};
    char line[256];
    for (size_t i = 0; i < sizeof phases / sizeof *phases; i++)
        for (size_t j = 0; j < sizeof values / sizeof *values; j++) {
            sn_progress p = {phases[i], 1, values[j], values[4 - j],
                             values[j] ? 123.456 : 0.012, values[j], NULL, 0,
                             0, 0};
            sn_cli_progress_format(line, sizeof line, &p);
            cr_expect_leq(strlen(line), 79, "%zu columns: '%s'",
                          strlen(line), line);
            p.has_best = 0;
            p.bound = -INFINITY;
            p.elapsed = 3.0;
            sn_cli_progress_format(line, sizeof line, &p);
            cr_expect_leq(strlen(line), 79, "'%s'", line);
        }
    sn_progress p = {"level 4/6 cost", 1, 83302455.922, 83124275.197,
                     0.00214, 41.25, NULL, 0, 0, 0};
    sn_cli_progress_format(line, sizeof line, &p);
    cr_expect_str_eq(line, "level 4/6 cost          best 8.3302e+07  "
                           "bound 8.3124e+07  gap 0.21%     41.2s");
}

/* The tiny set's private school is in seat mode with 66 and 57 pupils in
 * two grades: the table counted them as one class each (over the cap),
 * which summary.json does not.  Now both count class-mode schools only. */
Test(cli_report, the_class_table_agrees_with_the_summary)
{
    sn_network *net = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_network_read(&net, "tests/data/tiny/scenario.ini", &diag,
                                 &err), 0, "%s", err.msg);
    sn_plan *plan = NULL;
    sn_kpi written;
    cr_assert_eq(sn_plan_read(&plan, &written, net, "tests/data/tiny-plan",
                              &diag, &err), 0, "%s", err.msg);
    int *demand = calloc((size_t)net->nzones * (SN_GRADES + 1),
                         sizeof *demand);
    cr_assert_eq(sn_forecast_demand(demand, net, plan->year, NULL, &err), 0);
    sn_kpi k;
    cr_assert_eq(sn_kpi_compute(&k, net, plan, &err), 0);
    sn_class_row *rows = calloc((size_t)net->ncounties + 1, sizeof *rows);
    cr_assert_eq(sn_cli_class_rows(rows, net, plan, demand), 0);
    const sn_class_row *all = &rows[net->ncounties];
    cr_expect_eq(all->over_cap[0], k.over_hard_cap_before);
    cr_expect_eq(all->over_cap[1], k.over_hard_cap_after);
    cr_expect_eq(all->over_std[0], k.over_standard_before);
    cr_expect_eq(all->over_std[1], k.over_standard_after);
    /* no class of the plan is larger than the hard cap */
    cr_expect_leq(all->largest[1], net->sc.hard_cap, "largest %d",
                  all->largest[1]);
    free(rows);
    free(demand);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_diag_dispose(&diag);
}

Test(cli_report, timing_json_has_every_phase)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/p", dir);
    char *argv[] = {"schoolnet", "plan", "tests/data/tiny/scenario.ini",
                    "-o", out, "-q", NULL};
    cr_assert_eq(sn_cli_run(6, argv), SN_EXIT_RESULT);
    char *check[] = {"schoolnet", "check", "tests/data/tiny/scenario.ini", out,
                     NULL};
    cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK);
    char path[4300], text[512] = "";
    snprintf(path, sizeof path, "%s/timing.json", out);
    FILE *f = fopen(path, "r");
    cr_assert(f && fgets(text, sizeof text, f));
    fclose(f);
    double total, read, alloc, teach, write;
    cr_assert_eq(sscanf(text, "{\"seconds\": %lf, \"read\": %lf, "
                              "\"allocation\": %lf, \"teachers\": %lf, "
                              "\"write\": %lf}", &total, &read, &alloc,
                        &teach, &write), 5, "%s", text);
    /* the parts add up to at most the whole (rounded to 1 ms) */
    cr_expect_leq(read + alloc + teach + write, total + 0.0035, "%s", text);
    cr_expect_geq(teach, 0.0);
    sn_test_rmdir(dir);
}

/* Runs `schoolnet ARGS...` in-process with stdout into the file `log`;
 * returns the exit code. */
static int run_to(const char *log, char **argv, int argc)
{
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    fflush(stdout);
    int saved = dup(1);
    dup2(fd, 1);
    int rc = sn_cli_run(argc, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(fd);
    return rc;
}

/* The row of `name` in the table: before/after of classes, over 66, over
 * cap, over std; 1 when found. */
static int table_row(const char *text, const char *name, long v[8])
{
    size_t n = strlen(name);
    for (const char *l = text; l && *l;
         l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (!strncmp(l, name, n) && l[n] == ' ')
            return sscanf(l + n, " %ld->%ld %ld->%ld %ld->%ld %ld->%ld",
                          &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
                          &v[7]) == 8;
    return 0;
}

/* Two counties with caps of their own in the plan year (临猗县 50,
 * 万荣县 the standard size) while [classes] hard_cap says 56: the table's
 * "over cap" must be each county's, as summary.json counts it (the table
 * used the one city-wide cap, 12 classes in 万荣县 where the summary has
 * 18), and the footnote says which cap each county has. */
Test(cli_report, the_class_table_uses_each_countys_own_cap,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    sn_test_copy_tiny(dir);
    char ini[4200], out[4200], log[4200], path[4300];
    snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
    snprintf(out, sizeof out, "%s/plan", dir);
    snprintf(log, sizeof log, "%s/stdout.txt", dir);
    FILE *f = fopen(ini, "a");
    cr_assert_not_null(f);
    fputs("\n[milestones]\nhard_cap.2021.临猗县 = 50\n"
          "hard_cap.2021.万荣县 = standard\n", f);
    fclose(f);
    char *plan[] = {"schoolnet", "plan", ini, "-o", out, NULL};
    cr_assert_eq(run_to(log, plan, 5), SN_EXIT_RESULT); /* tiny: unplaced */
    char *check[] = {"schoolnet", "check", ini, out, NULL};
    cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK);
    static char text[16384], summary[16384];
    f = fopen(log, "r");
    cr_assert_not_null(f);
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    snprintf(path, sizeof path, "%s/summary.json", out);
    f = fopen(path, "r");
    cr_assert_not_null(f);
    summary[fread(summary, 1, sizeof summary - 1, f)] = '\0';
    fclose(f);
    long before, after;
    const char *k = strstr(summary, "\"classes_over_hard_cap\": ");
    cr_assert(k && sscanf(k, "\"classes_over_hard_cap\": {\"before\": %ld, "
                             "\"after\": %ld}", &before, &after) == 2,
              "%s", summary);
    long ly[8], wr[8], all[8];
    cr_assert(table_row(text, "临猗县", ly) && table_row(text, "万荣县", wr) &&
                  table_row(text, "all", all), "%s", text);
    cr_expect_eq(all[4], before, "over cap before: table %ld, summary %ld",
                 all[4], before);
    cr_expect_eq(all[5], after, "over cap after: table %ld, summary %ld",
                 all[5], after);
    cr_expect_eq(ly[4] + wr[4], all[4]);
    cr_expect_eq(ly[5] + wr[5], all[5]);
    /* by definition: the standard size as cap counts what over std does;
     * a cap of 50 lies between the standard size and 66 */
    cr_expect(wr[4] == wr[6] && wr[5] == wr[7], "%s", text);
    cr_expect_gt(wr[4], 0, "the case must have classes over the cap");
    for (int side = 0; side < 2; side++)
        cr_expect(ly[4 + side] <= ly[6 + side] &&
                      ly[4 + side] >= ly[2 + side], "%s", text);
    cr_expect(strstr(text, "over cap: above the county's own hard cap in "
                           "2021\n   50: 临猗县\n   standard (45 / 50): "
                           "万荣县)\n") != NULL, "%s", text);
    sn_test_rmdir(dir);
}

/* The counties' names are Chinese: three bytes and two columns a
 * character.  The numbers must still start in the same terminal column
 * on every row (the name was padded to 14 bytes, not 14 columns). */
Test(cli_report, the_class_table_lines_up_with_chinese_names,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200], log[4200];
    snprintf(out, sizeof out, "%s/plan", dir);
    snprintf(log, sizeof log, "%s/stdout.txt", dir);
    char *plan[] = {"schoolnet", "plan", "tests/data/tiny/scenario.ini",
                    "-o", out, "--heuristic-only", NULL};
    cr_assert_eq(run_to(log, plan, 6), SN_EXIT_RESULT);
    char *check[] = {"schoolnet", "check", "tests/data/tiny/scenario.ini", out,
                     NULL};
    cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK);
    static char text[16384];
    FILE *f = fopen(log, "r");
    cr_assert_not_null(f);
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    const char *ly = strstr(text, "\n临猗县"), *all = strstr(text, "\nall ");
    cr_assert(ly && all, "%s", text);
    /* 临猗县: 9 bytes in 6 columns, so its "->" lies 3 bytes further */
    long at_ly = strstr(ly, "->") - ly, at_all = strstr(all, "->") - all;
    cr_expect_eq(at_ly - 3, at_all, "%s", text);
    sn_test_rmdir(dir);
}

/* plan --years says "gap unknown" for a plan without a bound, as plan
 * does, not "gap inf%". */
Test(cli_report, the_years_line_says_gap_unknown_without_a_bound,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200], log[4200], year[4300];
    snprintf(out, sizeof out, "%s/years", dir);
    snprintf(log, sizeof log, "%s/stdout.txt", dir);
    char *plan[] = {"schoolnet", "plan", "tests/data/tiny/scenario.ini",
                    "--years", "2021-2022", "--heuristic-only", "-o", out,
                    NULL};
    cr_assert_eq(run_to(log, plan, 8), SN_EXIT_RESULT); /* tiny: unplaced */
    for (int y = 2021; y <= 2022; y++) {
        snprintf(year, sizeof year, "%s/%d", out, y);
        char *check[] = {"schoolnet", "check", "tests/data/tiny/scenario.ini",
                         year, NULL};
        cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK, "%d", y);
    }
    static char text[16384];
    FILE *f = fopen(log, "r");
    cr_assert_not_null(f);
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    cr_expect(strstr(text, "2021 (projection demand): feasible, gap unknown,")
                  && !strstr(text, "inf%"), "%s", text);
    sn_test_rmdir(dir);
}
