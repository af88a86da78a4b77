/* test_fuzz_regressions.c - the fuzz targets (targets.h) in the normal
 * suite: on their seeds (the shipped data the fuzzers start from) and on
 * every input in tests/fuzz/regressions/TARGET/, where each crash a fuzzer
 * finds is kept once fixed.  Under `make asan` these run with the same
 * sanitizers as the fuzzers. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/targets.h"

/* The bytes of a file (malloc'd), or NULL. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *n = len;
    return buf;
}

/* Runs target on every file matching pattern; returns how many. */
static int run_glob(int (*target)(const uint8_t *, size_t),
                    const char *pattern)
{
    glob_t g;
    int n = 0;
    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t len = 0;
        uint8_t *data = slurp(g.gl_pathv[i], &len);
        cr_assert_not_null(data, "%s", g.gl_pathv[i]);
        cr_log_info("%s", g.gl_pathv[i]);
        target(data, len);
        free(data);
        n++;
    }
    globfree(&g);
    return n;
}

Test(fuzz_regressions, csv)
{
    cr_expect_gt(run_glob(sn_fuzz_csv, "tests/data/tiny/*.csv"), 0);
    run_glob(sn_fuzz_csv, "tests/fuzz/regressions/csv/*");
}

Test(fuzz_regressions, ini)
{
    cr_expect_gt(run_glob(sn_fuzz_ini, "scenarios/*/scenario*.ini"), 0);
    run_glob(sn_fuzz_ini, "tests/fuzz/regressions/ini/*");
}

Test(fuzz_regressions, json)
{
    cr_expect_gt(run_glob(sn_fuzz_json, "tests/data/tiny-plan/*.json"), 0);
    run_glob(sn_fuzz_json, "tests/fuzz/regressions/json/*");
}

/* The seed of the plan target: the tiny plan's four files in one input. */
Test(fuzz_regressions, plan)
{
    static const char *const files[] = {"assignments.csv", "unplaced.csv",
                                        "schools.csv", "summary.json"};
    size_t cap = 1 << 16, len = 0;
    uint8_t *in = malloc(cap);
    for (int i = 0; i < 4; i++) {
        char path[128];
        snprintf(path, sizeof path, "tests/data/tiny-plan/%s", files[i]);
        size_t n = 0;
        uint8_t *part = slurp(path, &n);
        cr_assert(part && len + n + 16 < cap, "%s", path);
        memcpy(in + len, part, n);
        len += n;
        free(part);
        if (i < 3) {
            memcpy(in + len, SN_FUZZ_SPLIT, strlen(SN_FUZZ_SPLIT));
            len += strlen(SN_FUZZ_SPLIT);
        }
    }
    sn_fuzz_plan(in, len);
    free(in);
    run_glob(sn_fuzz_plan, "tests/fuzz/regressions/plan/*");
}
