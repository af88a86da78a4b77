/* test_plan_io.c - plan files: written, read back byte-identical, checked;
 * all-or-nothing output; malformed files give path:line:column errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/json.h"
#include "io/outdir.h"
#include "io/read_plan.h"
#include "io/write_plan.h"
#include "tests/io/helpers.h"
#include "tests/model/check_fixture.h"

static const char *const files[] = {"assignments.csv", "unplaced.csv",
                                    "schools.csv", "summary.json",
                                    "shortfall.csv", "timing.json"};
#define NFILES 6

static char *slurp(const char *dir, const char *name)
{
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    cr_assert_not_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int exists(const char *dir, const char *name)
{
    char path[1400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0;
}

/* Number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    cr_assert_not_null(p);
    cr_assert_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

static void write_ok(const sn_plan *p, const sn_network *net, const char *d)
{
    sn_error err = {0, ""};
    cr_assert_eq(sn_plan_write(p, net, d, &err), 0, "%s", err.msg);
}

static sn_plan *read_ok(const sn_network *net, const char *dir, sn_kpi *k)
{
    sn_plan *p = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_plan_read(&p, k, net, dir, &diag, &err);
    if (rc != 0) {
        char *all = sn_test_dump(&diag);
        cr_log_error("%s\n%s", err.msg, all);
        free(all);
    }
    cr_assert_eq(rc, 0);
    sn_diag_dispose(&diag);
    return p;
}

Test(io_plan, round_trip_is_byte_identical)
{
    sn_network *net = fx_network();
    sn_plan *plan = fx_plan(net);
    char *a = sn_test_tmpdir(), *b = sn_test_tmpdir();
    write_ok(plan, net, a);
    sn_plan *back = read_ok(net, a, NULL);
    write_ok(back, net, b);
    for (int i = 0; i < NFILES; i++) {
        char *x = slurp(a, files[i]), *y = slurp(b, files[i]);
        cr_assert_not_null(x, "%s missing", files[i]);
        cr_assert_not_null(y);
        cr_expect_str_eq(x, y, "%s differs", files[i]);
        free(x);
        free(y);
    }
    cr_expect_eq(count_entries(a), NFILES, "temporaries left behind");
    sn_plan_free(back);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(a);
    sn_test_rmdir(b);
}

Test(io_plan, written_files_are_as_documented)
{
    sn_network *net = fx_network();
    sn_plan *plan = fx_plan(net);
    char *d = sn_test_tmpdir();
    write_ok(plan, net, d);
    char *asg = slurp(d, "assignments.csv"), *un = slurp(d, "unplaced.csv");
    char *sch = slurp(d, "schools.csv"), *sum = slurp(d, "summary.json");
    const char *head = "county,zone,zone_name,grade,school,school_name,"
                       "students,km,travel,boarding,diverted\n"
                       "C,Z1,Z1,1,P1,P1,63,0.000,walk,0,0\n";
    cr_expect_eq(strncmp(asg, head, strlen(head)), 0, "%s", asg);
    cr_expect(strstr(asg, "C,Z2,Z2,1,X,X,10,1.950,walk,0,1\n") != NULL, "%s",
              asg);
    cr_expect(strstr(asg, "C,Z5,Z5,7,J1,J1,40,10.400,board,1,0\n") != NULL,
              "%s", asg);
    cr_expect_str_eq(un, "county,zone,zone_name,grade,students,reason\n"
                         "C,Z3,Z3,1,7,no_reach\nC,Z4,Z4,7,5,no_reach\n");
    cr_expect(strstr(sch, "C,P1,P1,primary,open,,,12,0,0.000,6,,193,0,0,0,0,"
                          "40,32.167,63,2,40,1,30,1,60,2,0,0,0,0,0,0,0,0,0,"
                          "0\n") != NULL, "%s", sch);
    cr_expect(strstr(sch, "C,X,X,primary,open,,,,0,0.000,0,100,10,0,0,10,0,0,"
                          ",10,0,") != NULL, "%s", sch);
    cr_expect(strstr(sch, "C,N1,N1,primary,not_built,,,,0,0.000,0,200,0,") !=
              NULL);
    cr_expect(strstr(sum, "\"scenario\": \"scenario\",\n  \"year\": 2020,\n"
                          "  \"demand_source\": \"history\",\n"
                          "  \"status\": \"optimal\",\n") != NULL, "%s", sum);
    cr_expect(strstr(sum, "\"gap\": 0.003850,") != NULL, "%s", sum);
    cr_expect(strstr(sum, "\"students\": 310,\n  \"unplaced\": 12,\n") != NULL,
              "%s", sum);
    cr_expect(strstr(sum, "\"students_diverted\": 10,") != NULL, "%s", sum);
    cr_expect(strstr(sum, "  \"mean_km\": 1.549,\n  \"max_km\": 10.400,\n")
                  != NULL, "%s", sum);
    /* levels in the solve order: cost before the standard size */
    cr_expect(strstr(sum, "\"objective_mode\": \"lexicographic\",\n"
                          "  \"objective\": {\"unplaced\": 0.000, "
                          "\"over_hard_cap\": 0.000, \"cost\": 1234.500, "
                          "\"over_standard\": 0.000, \"diverted\": 0.000, "
                          "\"student_km\": 0.000},") != NULL, "%s", sum);
    cr_expect(strstr(sum, "  \"pupils_over_cap\": 0,\n  \"classrooms_short\": "
                          "0,\n  \"classrooms_short_by_county\": {\"C\": 0, "
                          "\"D\": 0},\n  \"beds_short\": 0,\n"
                          "  \"pupils_beyond_walking\": 0,\n"
                          "  \"bus_riders\": 0,\n  \"boarders_by_grade\": [0, "
                          "0, 0, 0, 0, 0, 40, 0, 0],\n  \"capital_one_off\": "
                          "0.000,\n") != NULL, "%s", sum);
    cr_expect(strstr(sum, "\"cost\": {\"total\": 3581100.678, \"schools\": "
                          "3500000.000, \"capital\": 0.000, \"transport\": "
                          "1100.678, \"private_seats\": 30000.000, "
                          "\"boarding\": 50000.000},\n"
                          "  \"housing_pupils\": 0.000,\n"
                          "  \"retention\": {\"C\": null, \"D\": null},\n"
                          "  \"ended_by\": {\"unplaced\": \"none\", "
                          "\"over_hard_cap\": \"none\", \"over_standard\": "
                          "\"none\", \"cost\": \"none\", \"diverted\": "
                          "\"none\", \"student_km\": \"none\"}\n}\n")
                  != NULL, "%s", sum);
    char *sf = slurp(d, "shortfall.csv");
    cr_expect_str_eq(sf, "county,school,school_name,grade,students,classes,"
                         "classrooms,pupils_over_cap,classrooms_short,beds_short\n");
    free(sf);
    char *t = slurp(d, "timing.json");
    cr_expect_str_eq(t, "{\"seconds\": 2.385}\n");
    free(t);
    free(asg);
    free(un);
    free(sch);
    free(sum);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(d);
}

Test(io_plan, written_plan_passes_the_checker)
{
    sn_network *net = fx_network();
    sn_plan *plan = fx_plan(net);
    char *d = sn_test_tmpdir();
    write_ok(plan, net, d);
    sn_kpi k;
    sn_plan *back = read_ok(net, d, &k);
    sn_check_report rep;
    sn_error err = {0, ""};
    cr_assert_eq(sn_plan_check_summary(&rep, net, back, &k, &err), 0);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    sn_plan_free(back);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(d);
}

Test(io_plan, failed_write_leaves_nothing)
{
    sn_network *net = fx_network();
    sn_plan *plan = fx_plan(net);
    char *d = sn_test_tmpdir();
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/summary.json", d);
    cr_assert_eq(mkdir(sub, 0700), 0);
    sn_error err = {0, ""};
    cr_expect_eq(sn_plan_write(plan, net, d, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "summary.json: exists and is not a regular file")
                  != NULL, "%s", err.msg);
    cr_expect_eq(count_entries(d), 1, "only the folder summary.json stays");
    rmdir(sub);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(d);
}

Test(io_plan, failed_write_keeps_the_previous_plan)
{
    sn_network *net = fx_network();
    sn_plan *plan = fx_plan(net);
    char *d = sn_test_tmpdir();
    write_ok(plan, net, d);
    char *before[NFILES];
    for (int i = 0; i < NFILES; i++)
        before[i] = slurp(d, files[i]);
    plan->asg[0].zone = 99; /* a plan that does not fit: refused */
    sn_error err = {0, ""};
    cr_expect_eq(sn_plan_write(plan, net, d, &err), SN_EUSAGE);
    plan->asg[0].zone = Z1;
    plan->asg[0].students = 1; /* a different plan, failing at commit */
    unlink(strcat(strcpy((char[1100]){0}, d), "/timing.json"));
    char sub[1100];
    snprintf(sub, sizeof sub, "%s/timing.json", d);
    sn_outdir *od;
    cr_assert_eq(sn_outdir_open(&od, d, &err), 0);
    FILE *f = sn_outdir_file(od, "assignments.csv", &err);
    cr_assert_not_null(f);
    fputs("half", f);
    cr_assert_eq(mkdir(sub, 0700), 0); /* appears while writing */
    cr_assert_not_null(sn_outdir_file(od, "summary.json", &err));
    cr_expect_null(sn_outdir_file(od, "timing.json", &err));
    sn_outdir_abort(od);
    rmdir(sub);
    for (int i = 0; i < NFILES - 1; i++) {
        char *now = slurp(d, files[i]);
        cr_expect_str_eq(now, before[i], "%s changed", files[i]);
        free(now);
        free(before[i]);
    }
    free(before[NFILES - 1]);
    cr_expect_eq(count_entries(d), NFILES - 1, "temporaries left behind");
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(d);
}

Test(io_outdir, commit_failure_restores_old_files)
{
    char *d = sn_test_tmpdir();
    sn_error err = {0, ""};
    free(sn_test_write(d, "a.txt", "old a\n", (size_t)-1));
    sn_outdir *od;
    cr_assert_eq(sn_outdir_open(&od, d, &err), 0);
    fputs("new a\n", sn_outdir_file(od, "a.txt", &err));
    fputs("new b\n", sn_outdir_file(od, "b.txt", &err));
    char sub[1100];
    snprintf(sub, sizeof sub, "%s/b.txt", d);
    cr_assert_eq(mkdir(sub, 0700), 0); /* b.txt turns into a folder */
    cr_expect_eq(sn_outdir_commit(od, &err), SN_EUSAGE);
    char *a = slurp(d, "a.txt");
    cr_expect_str_eq(a, "old a\n");
    free(a);
    cr_expect_eq(count_entries(d), 2);
    rmdir(sub);
    sn_test_rmdir(d);
}

Test(io_outdir, creates_nested_folders_and_rejects_bad_names)
{
    char *d = sn_test_tmpdir();
    char nested[1100];
    snprintf(nested, sizeof nested, "%s/x/y", d);
    sn_error err = {0, ""};
    sn_outdir *od;
    cr_assert_eq(sn_outdir_open(&od, nested, &err), 0);
    cr_expect_null(sn_outdir_file(od, "../evil", &err));
    cr_expect_eq(err.code, SN_EUSAGE);
    cr_expect_null(sn_outdir_file(od, ".hidden", &err));
    cr_assert_not_null(sn_outdir_file(od, "ok.txt", &err));
    cr_expect_null(sn_outdir_file(od, "ok.txt", &err));
    cr_expect_eq(sn_outdir_commit(od, &err), 0);
    cr_expect(exists(nested, "ok.txt"));
    sn_outdir_abort(NULL);
    char *file = sn_test_write(d, "plain", "x", (size_t)-1);
    cr_expect_eq(sn_outdir_open(&od, file, &err), SN_EIO);
    cr_expect_null(od);
    cr_expect_eq(sn_outdir_open(&od, "", &err), SN_EUSAGE);
    free(file);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/x'", d);
    cr_assert_eq(system(cmd), 0);
    sn_test_rmdir(d);
}

/* ---- malformed plan files ------------------------------------------------- */

static sn_network *net;
static sn_plan *plan;
static char *dir;
static sn_diag diag;

static void io_setup(void)
{
    net = fx_network();
    plan = fx_plan(net);
    dir = sn_test_tmpdir();
    write_ok(plan, net, dir);
    diag = (sn_diag)SN_DIAG_INIT;
}

static void io_teardown(void)
{
    sn_diag_dispose(&diag);
    sn_plan_free(plan);
    sn_network_free(net);
    sn_test_rmdir(dir);
}

static void read_bad(void)
{
    sn_plan *p = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_plan_read(&p, NULL, net, dir, &diag, &err), SN_EINPUT);
    cr_assert_null(p);
}

static void replace_in(const char *name, const char *from, const char *to)
{
    char *text = slurp(dir, name);
    char *at = strstr(text, from);
    cr_assert_not_null(at, "'%s' not in %s", from, name);
    size_t n = strlen(text) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to,
             at + strlen(from));
    free(sn_test_write(dir, name, out, (size_t)-1));
    free(out);
    free(text);
}

TestSuite(io_plan_errors, .init = io_setup, .fini = io_teardown);

Test(io_plan_errors, fractional_students)
{
    replace_in("assignments.csv", "C,Z1,Z1,2,P1,P1,40,",
               "C,Z1,Z1,2,P1,P1,40.5,");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/assignments.csv:3:17: students must be a whole "
                         "number from -1000000000 to 1000000000 (got '40.5')",
                  dir);
}

Test(io_plan_errors, unknown_ids_and_wrong_county)
{
    replace_in("assignments.csv", "C,Z1,Z1,2,P1,", "C,Z1,Z1,2,PX,");
    replace_in("unplaced.csv", "C,Z3,", "D,Z3,");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/assignments.csv:3:11: unknown school (got 'PX')",
                  dir);
    SN_EXPECT_MSG(&diag, "%s/unplaced.csv:2:1: county is not zone Z3's "
                         "county 'C' (got 'D')", dir);
}

Test(io_plan_errors, bad_reason_and_state)
{
    replace_in("unplaced.csv", "no_reach", "far");
    replace_in("schools.csv", "C,R1,R1,primary,open,", "C,R1,R1,primary,shut,");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/unplaced.csv:2:13: reason must be one of "
                         "no_reach, no_capacity (got 'far')", dir);
    SN_EXPECT_MSG(&diag, "%s/schools.csv:7:17: state must be one of open, "
                         "closed, new, not_built (got 'shut')", dir);
}

Test(io_plan_errors, school_rows_must_match_inputs_and_totals)
{
    replace_in("schools.csv", "C,P1,P1,primary,open,,,12,0,0.000,6,",
               "C,P1,P1,primary,open,,,13,0,0.000,7,");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/schools.csv:2:24: classrooms is 12 in the input "
                         "(got '13')", dir);
    SN_EXPECT_MSG(&diag, "%s/schools.csv:2:35: classes must be the sum over "
                         "grades, 6 (got '7')", dir);
}

Test(io_plan_errors, missing_school_row)
{
    char *text = slurp(dir, "schools.csv");
    *strstr(text, "D,Q1,") = '\0';
    free(sn_test_write(dir, "schools.csv", text, (size_t)-1));
    free(text);
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/schools.csv: school Q1 is missing", dir);
}

Test(io_plan_errors, summary_syntax_error_has_position)
{
    replace_in("summary.json", "\"unplaced\": 12,", "\"unplaced\": 12,,");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/summary.json:11:18: expected a key in double "
                         "quotes (got ',')", dir);
}

Test(io_plan_errors, summary_key_missing_or_mistyped)
{
    replace_in("summary.json", "\"students_diverted\": 10,", "");
    replace_in("summary.json", "\"status\": \"optimal\"", "\"status\": 1");
    replace_in("summary.json", "\"students\": 310", "\"students\": 310.5");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/summary.json: missing key 'students_diverted'",
                  dir);
    SN_EXPECT_MSG(&diag, "%s/summary.json:5:13: status must be a string", dir);
    SN_EXPECT_MSG(&diag, "%s/summary.json:10:15: students must be a whole "
                         "number", dir);
}

/* The columns a bureau reads: names beside ids, how pupils travel, one-off
 * capital, shortfall.csv and the per-county numbers. */
Test(io_plan_errors, names_travel_capital_and_shortfall)
{
    replace_in("assignments.csv", "C,Z1,Z1,2,P1,P1,40,0.000,walk",
               "C,Z1,Zone 1,2,P1,P1,40,0.000,bus");
    replace_in("schools.csv", "C,P1,P1,primary,open,,,12,0,0.000,",
               "C,P1,P1,primary,open,,,12,0,5.000,");
    replace_in("unplaced.csv", "C,Z3,Z3,", "C,Z3,Z-3,");
    free(sn_test_write(dir, "shortfall.csv",
                       "county,school,school_name,grade,students,classes,"
                       "classrooms,pupils_over_cap,classrooms_short,beds_short\n"
                       "C,P9,P9,1,10,1,1,0,0,0\nD,P1,P1,x,1,1,1,0,0,0\n",
                       (size_t)-1));
    replace_in("summary.json", "{\"C\": 0, \"D\": 0}", "{\"C\": 0}");
    read_bad();
    SN_EXPECT_MSG(&diag, "%s/assignments.csv:3:6: the name is 'Z1' in the "
                         "input (got 'Zone 1')", dir);
    SN_EXPECT_MSG(&diag, "%s/assignments.csv:3:30: travel must be 'walk' for "
                         "0.000 km with boarding 0 (got 'bus')", dir);
    SN_EXPECT_MSG(&diag, "%s/schools.csv:2:29: capital_one_off must be 0.000 "
                         "(its build cost when new + classroom cost x "
                         "classrooms_added) (got '5.000')", dir);
    SN_EXPECT_MSG(&diag, "%s/unplaced.csv:2:6: the name is 'Z3' in the input "
                         "(got 'Z-3')", dir);
    SN_EXPECT_MSG(&diag, "%s/shortfall.csv:2:3: unknown school (got 'P9')",
                  dir);
    SN_EXPECT_MSG(&diag, "%s/shortfall.csv:3:1: county is 'C' in the input "
                         "(got 'D')", dir);
    SN_EXPECT_MSG(&diag, "%s/shortfall.csv:3:9: grade must be a whole number "
                         "from 1 to 9 (got 'x')", dir);
    SN_EXPECT_MSG(&diag, "%s/summary.json: missing key "
                         "'classrooms_short_by_county.D'", dir);
}

Test(io_plan_errors, missing_file)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/unplaced.csv", dir);
    unlink(path);
    read_bad();
    SN_EXPECT_MSG(&diag, "%s: cannot open (No such file or directory)", path);
}

/* ---- JSON scanner ---------------------------------------------------------- */

static void collect(void *ctx, const char *key, const sn_json_value *v)
{
    char *out = ctx;
    char item[256];
    if (v->kind == SN_JSON_NUMBER)
        snprintf(item, sizeof item, "%s=%g;", key, v->num);
    else if (v->kind == SN_JSON_STRING)
        snprintf(item, sizeof item, "%s='%s';", key, v->str);
    else if (v->kind == SN_JSON_BOOL)
        snprintf(item, sizeof item, "%s=%s;", key, v->boolean ? "T" : "F");
    else
        snprintf(item, sizeof item, "%s=null;", key);
    strcat(out, item);
}

Test(io_json, paths_and_escapes)
{
    const char *text = "\xEF\xBB\xBF{\"a\": {\"b\": [1, 2.385e1, -0.5]}, "
                       "\"s\": \"x\\\"\\u00e9\\ud83d\\ude00\", \"t\": true, "
                       "\"n\": null, \"e\": {}, \"f\": []}";
    char out[512] = "";
    sn_diag d = SN_DIAG_INIT;
    cr_assert_eq(sn_json_scan(text, strlen(text), "x.json", collect, out, &d,
                              NULL), 0);
    cr_expect_str_eq(out, "a.b[0]=1;a.b[1]=23.85;a.b[2]=-0.5;"
                          "s='x\"\xC3\xA9\xF0\x9F\x98\x80';t=T;n=null;");
    sn_diag_dispose(&d);
}

Test(io_json, rejects_bad_syntax_with_position)
{
    static const struct {
        const char *text, *msg;
    } cases[] = {
        {"{\"a\": 01}", "x.json:1:7: malformed number (got '01}')"},
        {"{\"a\": 1,}", "x.json:1:9: expected a key in double quotes (got '}')"},
        {"[1 2]", "x.json:1:4: expected ',' or ']' (got '2]')"},
        {"\n  \"abc", "x.json:2:3: unterminated string (got '\"abc')"},
        {"{\"a\": NaN}", "x.json:1:7: expected a value (got 'NaN}')"},
        {"1 2", "x.json:1:3: unexpected text after the JSON value (got '2')"},
        {"\"\\x\"", "x.json:1:2: bad escape in a string (got '\\x\"')"},
        {"", "x.json:1:1: expected a value (got end of file)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sn_diag d = SN_DIAG_INIT;
        cr_expect_eq(sn_json_scan(cases[i].text, strlen(cases[i].text),
                                  "x.json", NULL, NULL, &d, NULL),
                     SN_EINPUT, "case %zu", i);
        cr_expect(sn_test_has(&d, "%s", cases[i].msg), "case %zu: %s", i,
                  d.n ? d.items[0].text : "(none)");
        sn_diag_dispose(&d);
    }
}

Test(io_json, depth_is_bounded)
{
    char text[300];
    memset(text, '[', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    sn_diag d = SN_DIAG_INIT;
    cr_expect_eq(sn_json_scan(text, strlen(text), "x.json", NULL, NULL, &d,
                              NULL), SN_EINPUT);
    cr_expect(sn_test_has(&d, "x.json:1:66: nested too deeply (got '%.31s')",
                          text + 65), "%s", d.n ? d.items[0].text : "");
    sn_diag_dispose(&d);
}
