/* test_plan_report.c - what `plan` prints: a progress line that fits an
 * 80-column terminal, a class table that agrees with summary.json, and
 * timing.json with every phase (issue 13). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
