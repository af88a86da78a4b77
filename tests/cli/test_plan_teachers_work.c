/* test_plan_teachers_work.c - `plan --work N` with teachers in the data:
 * the teacher stage gets a quarter of the work and ends by it, so every
 * file of the plan (teachers.csv, timetable.csv, rotation.csv,
 * redeploy.csv, staffing.csv, the reports...) is the same byte for byte
 * (timing.json aside) from run to run, with --jobs 1 or 2, and under a
 * generous or a short time limit; every plan is checked. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/io/helpers.h"

static void quiet(void)
{
    cr_redirect_stdout();
    cr_redirect_stderr();
}

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

/* The whole file, NUL-terminated, its length in *len (NULL when
 * missing). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) {
            cap = 2 * cap + 4096;
            buf = realloc(buf, cap + 1);
            cr_assert_not_null(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Every regular file of a/sub is in b/sub with the same bytes, and b/sub
 * has no other (timing.json aside); returns the files compared. */
static int same_files(const char *a, const char *b, const char *sub)
{
    char da[4800], db[4800];
    snprintf(da, sizeof da, "%s/%s", a, sub);
    snprintf(db, sizeof db, "%s/%s", b, sub);
    int na = 0, nb = 0;
    DIR *d = opendir(da);
    cr_assert_not_null(d, "%s", da);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "timing.json"))
            continue;
        char pa[5200], pb[5200];
        snprintf(pa, sizeof pa, "%s/%s", da, e->d_name);
        snprintf(pb, sizeof pb, "%s/%s", db, e->d_name);
        size_t la = 0, lb = 0;
        char *x = slurp(pa, &la);
        if (!x)
            continue; /* a folder (a year of --years): compared apart */
        char *y = slurp(pb, &lb);
        cr_expect_not_null(y, "%s is missing", pb);
        if (y)
            cr_expect(la == lb && !memcmp(x, y, la), "%s and %s differ", pa,
                      pb);
        free(x);
        free(y);
        na++;
    }
    closedir(d);
    d = opendir(db);
    cr_assert_not_null(d, "%s", db);
    while ((e = readdir(d)) != NULL) {
        char pb[5200];
        snprintf(pb, sizeof pb, "%s/%s", db, e->d_name);
        size_t lb;
        char *y = e->d_name[0] == '.' || !strcmp(e->d_name, "timing.json")
                      ? NULL : slurp(pb, &lb);
        nb += y != NULL;
        free(y);
    }
    closedir(d);
    cr_expect_eq(na, nb, "%s has %d files, %s %d", da, na, db, nb);
    return na;
}

/* The "teachers" section of OUT/summary.json (NULL when none). */
static char *teachers_summary(const char *out)
{
    char path[4800];
    snprintf(path, sizeof path, "%s/summary.json", out);
    size_t n;
    char *s = slurp(path, &n);
    cr_assert_not_null(s, "%s", path);
    char *t = strstr(s, "\"teachers\": {");
    char *r = t ? strdup(t) : NULL;
    free(s);
    return r;
}

/* Two counties of 40 schools: the teacher stage needs a few thousand
 * work units in each to end by its gap, and gets 2,000 of 8,000 for both,
 * so each of its three levels ends by work (with 20,000 the first level
 * is proven). */
Test(cli_plan_teachers_work, teacher_files_are_identical_under_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *gen[] = {"generate", "--counties", "2", "--schools", "40",
                         "--zones", "200", "--seed", "3", "-q", "-o", data,
                         NULL};
    cr_assert_eq(run(gen), SN_EXIT_OK);
    /* --jobs, --time-limit: the reference first, then a second run, the
     * county processes, and a short time limit (never reached: the work
     * ends first, in about a tenth of a second) */
    static const char *const runs[][2] = {
        {NULL, "600"}, {NULL, "600"}, {"1", "600"}, {"2", "20"}};
    char ref[4600] = "";
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        char out[4600];
        snprintf(out, sizeof out, "%s/plan-%zu", dir, i);
        const char *args[] = {"plan", data, "-o", out, "--work", "8000",
                              "--time-limit", runs[i][1], "-q", "--jobs",
                              runs[i][0], NULL};
        if (!runs[i][0])
            args[9] = NULL;
        int rc = run(args);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        const char *check[] = {"check", data, out, NULL};
        cr_expect_eq(run(check), SN_EXIT_OK, "run %zu fails the checker", i);
        if (i == 0) {
            snprintf(ref, sizeof ref, "%s", out);
            char *t = teachers_summary(out);
            cr_assert_not_null(t, "no teachers in summary.json");
            cr_expect_not_null(strstr(t, "\"ended_by\": {\"uncovered\": "
                                         "\"work\", \"km\": \"work\", "
                                         "\"links\": \"work\"}"),
                               "the teacher levels end by work: %s", t);
            free(t);
            continue;
        }
        int n = same_files(ref, out, ".");
        cr_expect_geq(n, 10, "only %d files compared", n);
    }
    sn_test_rmdir(dir);
}

/* Without --work the teachers keep their time shares and record no work
 * (the levels end by their gap or a time share, never by work). */
Test(cli_plan_teachers_work, without_work_no_level_ends_by_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400], out[4600];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(out, sizeof out, "%s/plan", dir);
    const char *gen[] = {"generate", "--schools", "20", "--zones", "100",
                         "--seed", "3", "-q", "-o", data, NULL};
    cr_assert_eq(run(gen), SN_EXIT_OK);
    const char *args[] = {"plan", data, "-o", out, "--time-limit", "60", "-q",
                          NULL};
    int rc = run(args);
    cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
    const char *check[] = {"check", data, out, NULL};
    cr_expect_eq(run(check), SN_EXIT_OK);
    char *t = teachers_summary(out);
    cr_assert_not_null(t);
    char *e = strstr(t, "\"ended_by\": {");
    cr_assert_not_null(e, "no ended_by: %s", t);
    char *close = strchr(e, '}');
    cr_assert_not_null(close);
    *close = '\0';
    cr_expect_null(strstr(e, "\"work\""), "a level ends by work: %s", e);
    free(t);
    sn_test_rmdir(dir);
}

/* plan --years: each year's teachers get a quarter of the year's work;
 * two runs under different time limits write the same years. */
Test(cli_plan_teachers_work, years_are_identical_under_work,
     .init = quiet)
{
    char *dir = sn_test_tmpdir();
    char data[4400];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *gen[] = {"generate", "--schools", "40", "--zones", "200",
                         "--seed", "3", "-q", "-o", data, NULL};
    cr_assert_eq(run(gen), SN_EXIT_OK);
    char out[2][4600];
    static const char *const limit[2] = {"600", "30"};
    for (int i = 0; i < 2; i++) {
        snprintf(out[i], sizeof out[i], "%s/years-%d", dir, i);
        const char *args[] = {"plan", data, "-o", out[i], "--years",
                              "2020-2021", "--work", "12000", "--time-limit",
                              limit[i], "-q", NULL};
        int rc = run(args);
        cr_assert(rc == SN_EXIT_OK || rc == SN_EXIT_RESULT, "rc %d", rc);
        for (int y = 2020; y <= 2021; y++) {
            char yd[9300];
            snprintf(yd, sizeof yd, "%s/%d", out[i], y);
            const char *check[] = {"check", data, yd, NULL};
            cr_expect_eq(run(check), SN_EXIT_OK, "%d fails the checker", y);
        }
    }
    char y0[9300];
    snprintf(y0, sizeof y0, "%s/2020", out[0]);
    char *t = teachers_summary(y0);
    cr_assert_not_null(t);
    cr_expect_not_null(strstr(t, "\"work\""), "no teacher level ends by "
                                              "work: %s", t);
    free(t);
    same_files(out[0], out[1], ".");
    same_files(out[0], out[1], "2020");
    same_files(out[0], out[1], "2021");
    sn_test_rmdir(dir);
}
