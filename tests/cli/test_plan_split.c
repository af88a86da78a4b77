/* test_plan_split.c - `plan --county NAME` writes one county's part and
 * `plan --part DIR...` merges the parts into the plan `plan --jobs N`
 * gives, byte for byte; parts that do not fit are usage errors with
 * nothing written. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

static const char *const counties[] = {"Yanhu", "Yongji", "Hejin"};

/* Parts of the three counties of data into dir/part-<county>. */
static void make_parts(const char *dir, const char *data)
{
    for (int c = 0; c < 3; c++) {
        char out[4400];
        snprintf(out, sizeof out, "%s/part-%s", dir, counties[c]);
        const char *a[] = {"plan", data, "--county", counties[c], "-o", out,
                           "-q", NULL};
        sn_test_ran r;
        sn_test_run(&r, a);
        cr_assert_eq(r.code, SN_EXIT_OK, "%s: %s", counties[c], r.err);
        char *js = sn_test_slurp(out, "county.json");
        cr_assert_not_null(js);
        char want[128];
        snprintf(want, sizeof want, "\"county\": \"%s\",\n  \"county_index\""
                 ": %d,", counties[c], c);
        cr_expect_not_null(strstr(js, want), "%s", js);
        cr_expect_not_null(strstr(js, "\"status\": \"optimal\""), "%s", js);
        free(js);
    }
}

Test(cli_plan_split, merged_parts_are_the_plan_of_jobs_n)
{
    char *dir = sn_test_tmpdir();
    char *data = sn_test_small_data(dir, "data", 3);
    make_parts(dir, data);
    char *ref = sn_test_path(dir, "jobs2"), *merged = sn_test_path(dir, "m");
    const char *a[] = {"plan", data, "-o", ref, "--jobs", "2", "-q", NULL};
    sn_test_ran r;
    sn_test_run(&r, a);
    cr_assert_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char p[3][4400];
    for (int c = 0; c < 3; c++) /* any order */
        snprintf(p[c], sizeof p[c], "%s/part-%s", dir, counties[2 - c]);
    const char *m[] = {"plan", data, "-o", merged, "-q", "--part", p[0],
                       "--part", p[1], "--part", p[2], NULL};
    sn_test_run(&r, m);
    cr_assert_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char *d = sn_test_tree_diff(ref, merged);
    cr_expect_null(d, "%s", d);
    free(d);
    /* the comparison sees a changed byte (so the test can fail) */
    char *asg = sn_test_path(ref, "assignments.csv");
    FILE *f = fopen(asg, "r+");
    cr_assert_not_null(f);
    fseek(f, -3, SEEK_END);
    int ch = fgetc(f);
    fseek(f, -3, SEEK_END);
    fputc(ch == '1' ? '2' : '1', f);
    fclose(f);
    d = sn_test_tree_diff(ref, merged);
    cr_expect_not_null(d);
    free(d);
    sn_test_run(&r, a); /* the reference again, for the checker below */
    free(asg);
    char *sum = sn_test_slurp(merged, "summary.json");
    cr_assert_not_null(sum);
    cr_expect_not_null(strstr(sum, "\"teachers\": {"), "teachers planned "
                       "on the merge");
    free(sum);
    const char *ck[] = {"check", data, merged, NULL};
    sn_test_run(&r, ck);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s%s", r.out, r.err);
    free(ref);
    free(merged);
    free(data);
    sn_test_rmdir(dir);
}

Test(cli_plan_split, parts_that_do_not_fit_are_refused)
{
    char *dir = sn_test_tmpdir();
    char *data = sn_test_small_data(dir, "data", 3);
    make_parts(dir, data);
    char *out = sn_test_path(dir, "never");
    char py[4400], pj[4400], ph[4400];
    snprintf(py, sizeof py, "%s/part-Yanhu", dir);
    snprintf(pj, sizeof pj, "%s/part-Yongji", dir);
    snprintf(ph, sizeof ph, "%s/part-Hejin", dir);
    sn_test_ran r;
    const char *unknown[] = {"plan", data, "--county", "Atlantis", "-o", out,
                             NULL};
    sn_test_run(&r, unknown);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "--county: no county 'Atlantis' in the "
                              "data (counties: Yanhu, Yongji, Hejin)"),
                       "%s", r.err);
    const char *twice[] = {"plan", data, "-o", out, "--part", py, "--part",
                           py, "--part", pj, NULL};
    sn_test_run(&r, twice);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "a second part for county 'Yanhu'"),
                       "%s", r.err);
    cr_expect_not_null(strstr(r.err, "no part for county 'Hejin'"), "%s",
                       r.err);
    /* a part of another scenario: same data under another name */
    char *other = sn_test_path(dir, "other.ini");
    FILE *f = fopen(other, "w");
    fprintf(f, "[scenario]\nbase = data.ini\nname = other\n");
    fclose(f);
    const char *foreign[] = {"plan", other, "-o", out, "--part", py,
                             "--part", pj, "--part", ph, NULL};
    sn_test_run(&r, foreign);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "a part of scenario 'data', not "
                              "'other'"), "%s", r.err);
    /* another year */
    const char *year[] = {"plan", data, "-o", out, "--year", "2019",
                          "--part", py, "--part", pj, "--part", ph, NULL};
    sn_test_run(&r, year);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "a part for 2018, not 2019"), "%s",
                       r.err);
    /* a damaged part file */
    char *bin = sn_test_path(ph, "county.part");
    f = fopen(bin, "w");
    fputs("not a part", f);
    fclose(f);
    const char *damaged[] = {"plan", data, "-o", out, "--part", py,
                             "--part", pj, "--part", ph, NULL};
    sn_test_run(&r, damaged);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "county.part: a county's plan part is "
                              "missing or damaged"), "%s", r.err);
    const char *both[] = {"plan", data, "-o", out, "--county", "Yanhu",
                          "--part", py, NULL};
    sn_test_run(&r, both);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    const char *jobs[] = {"plan", data, "-o", out, "--county", "Yanhu",
                          "--jobs", "2", NULL};
    sn_test_run(&r, jobs);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    struct stat st;
    cr_expect_neq(stat(out, &st), 0, "nothing written");
    free(bin);
    free(other);
    free(out);
    free(data);
    sn_test_rmdir(dir);
}
