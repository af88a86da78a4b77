/* test_report.c - `plan` writes report.html, plan.xlsx and the GeoJSON
 * layers beside the plan, `report` rebuilds them byte for byte, `plan
 * --years` adds timeline.html, `batch` comparison.html; every plan made
 * here passes `check`. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/outdir.h"
#include "tests/io/helpers.h"

static int run(const char *const *args)
{
    char *argv[40] = {"schoolnet"};
    int n = 1;
    while (args[n - 1] && n < 38) {
        argv[n] = (char *)args[n - 1];
        n++;
    }
    argv[n] = NULL;
    return sn_cli_run(n, argv);
}

/* The whole file (NULL when missing); *len its size. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

static void rmtree(char *dir)
{
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    free(dir);
}

/* The tiny set placed near Linyi with [map] origin. */
static void tiny_with_origin(const char *dir)
{
    sn_test_copy_tiny(dir);
    char *ini = slurp(dir, "scenario.ini", NULL);
    cr_assert_not_null(ini);
    size_t n = strlen(ini) + 64;
    char *text = malloc(n);
    snprintf(text, n, "%s\n[map]\norigin = 35.14,110.58\n", ini);
    free(sn_test_write(dir, "scenario.ini", text, (size_t)-1));
    free(text);
    free(ini);
}

static const char *const outputs[] = {"report.html", "plan.xlsx",
                                      "schools.geojson", "zones.geojson",
                                      "flows.geojson"};

Test(cli_outputs, plan_writes_outputs_and_report_rebuilds_them,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    tiny_with_origin(dir);
    char ini[4200], out[4200];
    snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *plan[] = {"plan", ini, "-o", out, "--time-limit", "30", "-q",
                          NULL};
    cr_assert_eq(run(plan), SN_EXIT_RESULT); /* the tiny set has unplaced */
    const char *check[] = {"check", ini, out, NULL};
    cr_assert_eq(run(check), SN_EXIT_OK);
    char *first[5];
    size_t len[5];
    for (int i = 0; i < 5; i++) {
        first[i] = slurp(out, outputs[i], &len[i]);
        cr_assert_not_null(first[i], "%s missing", outputs[i]);
    }
    cr_expect_not_null(strstr(first[2], "\"coordinates\":[110.58"),
                       "LY-P1 sits at the origin");
    /* remove them, rebuild from the plan files: the same bytes */
    for (int i = 0; i < 5; i++) {
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", out, outputs[i]);
        cr_assert_eq(remove(p), 0);
    }
    const char *report[] = {"report", ini, out, NULL};
    cr_assert_eq(run(report), SN_EXIT_OK);
    for (int i = 0; i < 5; i++) {
        size_t n;
        char *again = slurp(out, outputs[i], &n);
        cr_assert_not_null(again, "%s not rebuilt", outputs[i]);
        cr_expect(n == len[i] && !memcmp(again, first[i], n),
                  "%s differs after `report`", outputs[i]);
        free(again);
        free(first[i]);
    }
    /* a plan file that does not parse: exit 2, the folder unchanged */
    char *rot = slurp(out, "shortages.csv", NULL);
    cr_assert_not_null(rot);
    char bad[4400];
    snprintf(bad, sizeof bad, "%s/shortages.csv", out);
    FILE *f = fopen(bad, "w");
    cr_assert_not_null(f);
    fputs("school,subject,uncovered_periods,posts_needed\n\"LY-P1,pe,3,1\n",
          f);
    fclose(f);
    const char *broken[] = {"report", ini, out, "--lang", "en", NULL};
    cr_expect_eq(run(broken), SN_EXIT_INPUT);
    char *html0 = slurp(out, "report.html", NULL);
    cr_expect_not_null(strstr(html0, "<html lang=\"zh-CN\">"),
                       "the old report stays");
    free(html0);
    f = fopen(bad, "w");
    fputs(rot, f);
    fclose(f);
    free(rot);
    /* --lang en: an English page from the same plan */
    const char *en[] = {"report", ini, out, "--lang", "en", NULL};
    cr_assert_eq(run(en), SN_EXIT_OK);
    char *html = slurp(out, "report.html", NULL);
    cr_expect_not_null(strstr(html, "<html lang=\"en\">"));
    free(html);
    rmtree(dir);
}

Test(cli_outputs, report_refuses_what_is_not_a_plan, .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    const char *none[] = {"report", "tests/data/tiny/scenario.ini", dir, NULL};
    cr_expect_eq(run(none), SN_EXIT_INPUT);
    size_t n;
    char *html = slurp(dir, "report.html", &n);
    cr_expect_null(html, "nothing written");
    free(html);
    const char *usage[] = {"report", "tests/data/tiny/scenario.ini", NULL};
    cr_expect_eq(run(usage), SN_EXIT_INPUT);
    const char *lang[] = {"report", "tests/data/tiny/scenario.ini", dir,
                          "--lang", "fr", NULL};
    cr_expect_eq(run(lang), SN_EXIT_INPUT);
    rmtree(dir);
}

Test(cli_outputs, years_write_a_timeline_page, .init = cr_redirect_stdout)
{
    char *dir = sn_test_tmpdir();
    tiny_with_origin(dir);
    char ini[4200], out[4200];
    snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
    snprintf(out, sizeof out, "%s/years", dir);
    const char *plan[] = {"plan", ini, "-o", out, "--years", "2020-2021",
                          "--heuristic-only", "-q", NULL};
    cr_assert_eq(run(plan), SN_EXIT_RESULT);
    for (int y = 2020; y <= 2021; y++) {
        char sub[4400];
        snprintf(sub, sizeof sub, "%s/%d", out, y);
        const char *check[] = {"check", ini, sub, NULL};
        cr_expect_eq(run(check), SN_EXIT_OK, "year %d", y);
        char *html = slurp(sub, "report.html", NULL);
        cr_expect_not_null(html, "%d/report.html", y);
        free(html);
    }
    size_t n;
    char *page = slurp(out, "timeline.html", &n);
    cr_assert_not_null(page);
    cr_expect_not_null(strstr(page, "<a href=\"2021/report.html\">"));
    cr_expect_not_null(strstr(page, "id=\"milestone-table\""));
    /* rebuilt by `report` on the folder: the same page */
    cr_assert_eq(remove(strcat(out, "/timeline.html")), 0);
    out[strlen(out) - strlen("/timeline.html")] = '\0';
    const char *report[] = {"report", ini, out, NULL};
    cr_assert_eq(run(report), SN_EXIT_OK);
    size_t m;
    char *again = slurp(out, "timeline.html", &m);
    cr_expect(again && m == n && !memcmp(again, page, n));
    free(again);
    free(page);
    rmtree(dir);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

Test(cli_outputs, batch_sweep_writes_a_comparison_page,
     .init = cr_redirect_stderr)
{
    char *dir = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/sweep", dir);
    const char *args[] = {"batch", "tests/data/tiny/scenario.ini", "-o", out,
                          "--vary", "overrides.close_below=0,400",
                          "--heuristic-only", "-q", NULL};
    cr_expect_eq(run(args), SN_EXIT_RESULT); /* the tiny set has unplaced */
    char *page = slurp(out, "comparison.html", NULL);
    cr_assert_not_null(page);
    cr_expect_eq(count(page, "<tr class=\"scenario\">"), 2);
    cr_expect_eq(count(page, "<circle class=\"pt\""), 2, "trade-off points");
    cr_expect_not_null(strstr(page, "overrides.close_below"));
    cr_expect_not_null(strstr(page, "class=\"vl\">400</text>"),
                       "a sweep's points are labelled by value");
    cr_expect_not_null(strstr(page, "<select id=\"diff-pick\">"));
    cr_expect_not_null(strstr(page, "<a href=\"tiny-overrides.close_below-400"
                                    "/report.html\">"));
    for (int k = 0; k < 2; k++) {
        char sub[4400], ini[4500];
        snprintf(sub, sizeof sub, "%s/tiny-overrides.close_below-%s", out,
                 k ? "400" : "0");
        snprintf(ini, sizeof ini, "%s/scenario.ini", sub);
        const char *check[] = {"check", ini, sub, NULL};
        cr_expect_eq(run(check), SN_EXIT_OK, "%s", sub);
    }
    free(page);
    rmtree(dir);
}

Test(cli_outputs, outdir_reads_back_a_file_being_written)
{
    char *dir = sn_test_tmpdir();
    sn_outdir *od = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_outdir_open(&od, dir, &err), 0);
    FILE *f = sn_outdir_file(od, "a.csv", &err);
    cr_assert_not_null(f);
    fputs("id,n\nS1,2385\n", f);
    char *text = NULL;
    size_t len = 0;
    cr_assert_eq(sn_outdir_read(od, "a.csv", &text, &len, &err), 0);
    cr_expect_eq(len, 13);
    cr_expect_str_eq(text, "id,n\nS1,2385\n");
    free(text);
    cr_expect_eq(sn_outdir_read(od, "b.csv", &text, &len, &err), 1);
    cr_expect_null(text);
    fputs("S2,1\n", f);
    cr_assert_eq(sn_outdir_read(od, "a.csv", &text, &len, &err), 0);
    cr_expect_str_eq(text, "id,n\nS1,2385\nS2,1\n");
    free(text);
    cr_assert_eq(sn_outdir_commit(od, &err), 0);
    rmtree(dir);
}
