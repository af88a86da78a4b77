/* targets.c - fuzz targets (targets.h).  Inputs go through files in one
 * private folder per process (the readers take paths, as for real data);
 * nothing else of the machine is touched. */
#include "tests/fuzz/targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/json.h"
#include "io/read_network.h"
#include "io/read_plan.h"
#include "io/read_scenario.h"
#include "io/table.h"
#include "model/check.h"

static char scratch_dir[64];

static void remove_scratch(void)
{
    static const char *const names[] = {"t.csv", "scenario.ini",
                                        "assignments.csv", "unplaced.csv",
                                        "schools.csv", "summary.json"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", scratch_dir, names[i]);
        unlink(path);
    }
    rmdir(scratch_dir);
}

/* The process's scratch folder, made once and removed at exit. */
static const char *scratch(void)
{
    if (!scratch_dir[0]) {
        snprintf(scratch_dir, sizeof scratch_dir, "/tmp/sn-fuzz-%ld-XXXXXX",
                 (long)getpid());
        if (!mkdtemp(scratch_dir))
            abort(); /* the harness cannot run at all */
        atexit(remove_scratch);
    }
    return scratch_dir;
}

/* Writes size bytes to scratch/name; returns the path (static buffer). */
static const char *put(const char *name, const uint8_t *data, size_t size)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", scratch(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
    return path;
}

enum { C_A, C_B, C_C, C_D, C_N };
static const sn_table_col cols[C_N] = {
    {"a", 1}, {"b", 0}, {"c", 0}, {"d", 0},
};
static const char *const names[] = {"open", "candidate", NULL};

int sn_fuzz_csv(const uint8_t *data, size_t size)
{
    const char *path = put("t.csv", data, size);
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_table *t = NULL;
    if (sn_table_open(&t, path, cols, C_N, &diag, &err) == 0) {
        int i, e;
        double x;
        const char *s;
        while (sn_table_next(t, &err) == 1) {
            sn_table_int(t, C_A, 0, -5, 1000000, &i);
            sn_table_double(t, C_B, 0, -1e9, 1e9, &x);
            sn_table_bool(t, C_C, 0, &i);
            sn_table_enum(t, C_D, names, 0, &e);
            sn_table_str(t, C_A, &s);
        }
        sn_table_free(t);
    }
    sn_diag_dispose(&diag);
    /* the raw reader too, without a schema */
    sn_csv *r = NULL;
    if (sn_csv_open(&r, path, &diag, &err) == 0) {
        sn_csv_row row;
        while (sn_csv_next(r, &row, &err) == 1)
            for (size_t k = 0; k < row.n; k++)
                if (strlen(row.f[k].text) != row.f[k].len)
                    abort(); /* a field's length is its text's */
        sn_csv_free(r);
    }
    sn_diag_dispose(&diag);
    return 0;
}

int sn_fuzz_ini(const uint8_t *data, size_t size)
{
    const char *path = put("scenario.ini", data, size);
    sn_scenario sc;
    if (sn_scenario_init(&sc) != 0)
        return 0;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_scenario_read(&sc, path, &diag, &err);
    sn_diag_dispose(&diag);
    sn_scenario_dispose(&sc);
    return 0;
}

static void ignore(void *ctx, const char *key, const sn_json_value *v)
{
    (void)ctx;
    if (!key || (v->kind == SN_JSON_STRING && !v->str))
        abort();
}

int sn_fuzz_json(const uint8_t *data, size_t size)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_json_scan((const char *)data, size, "t.json", ignore, NULL, &diag,
                 &err);
    sn_diag_dispose(&diag);
    return 0;
}

/* The tiny network, read once (the inputs are plans made for it). */
static const sn_network *tiny(void)
{
    static sn_network *net;
    if (!net) {
        sn_diag diag = SN_DIAG_INIT;
        sn_error err = {0, ""};
        if (sn_network_read(&net, "tests/data/tiny/scenario.ini", &diag,
                            &err) != 0)
            abort(); /* run from the top folder */
        sn_diag_dispose(&diag);
    }
    return net;
}

int sn_fuzz_plan(const uint8_t *data, size_t size)
{
    static const char *const files[] = {"assignments.csv", "unplaced.csv",
                                        "schools.csv", "summary.json"};
    const sn_network *net = tiny();
    const uint8_t *p = data, *end = data + size;
    size_t sl = strlen(SN_FUZZ_SPLIT);
    for (int i = 0; i < 4; i++) { /* the rest of the input goes last */
        const uint8_t *q = p;
        while (i < 3 && q + sl <= end && memcmp(q, SN_FUZZ_SPLIT, sl) != 0)
            q++;
        if (i < 3 && q + sl > end)
            q = end;
        if (i == 3)
            q = end;
        put(files[i], p, (size_t)(q - p));
        p = q + sl <= end ? q + sl : end;
    }
    sn_plan *plan = NULL;
    sn_kpi written;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    if (sn_plan_read(&plan, &written, net, scratch(), &diag, &err) == 0) {
        sn_check_report rep;
        sn_plan_check_summary(&rep, net, plan, &written, &err);
        sn_check_report_dispose(&rep);
    }
    sn_plan_free(plan);
    sn_diag_dispose(&diag);
    return 0;
}
